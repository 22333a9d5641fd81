// The registry (src/outputs/ckan/legacy-api.ts) is the whole truth about API v1/v2: every GET
// resource of the reference document is registered, every file written under api/1, api/2,
// api/rest, api/search and api/tag_counts comes from a registered resource, and every registered
// resource is golden-tested.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerFiles, legacyResources } from '../../src/outputs/ckan/legacy-api.ts';
import { legacyContext } from '../../src/outputs/ckan/rest.ts';
import { ckanContext } from '../../src/outputs/ckan/context.ts';
import { ckanRewrites, escapeRegex } from '../../src/outputs/ckan/rewrites.ts';
import { servedAsMarkup } from '../../src/outputs/hosts/media-types.ts';
import { listFiles } from '../helpers/build.ts';
import { goldenPath, restBuild, restGoldenDir, type RestBuild } from './rest-fixture.ts';

/**
 * The resources with a GET method in /work/shared/reference/ckan-api-v1-v2.txt ("Model Resources",
 * "Search Resources"). The Rating Register is POST only (a dataset's ratings are in its entity:
 * `ratings_average` null, `ratings_count` 0).
 */
const referenceResources = [
  '/rest/dataset',
  '/rest/dataset/DATASET-REF',
  '/rest/group',
  '/rest/group/GROUP-REF',
  '/rest/tag',
  '/rest/tag/TAG-NAME',
  '/rest/dataset/DATASET-REF/relationships',
  '/rest/dataset/DATASET-REF/RELATIONSHIP-TYPE',
  '/rest/dataset/DATASET-REF/relationships/DATASET-REF',
  '/rest/dataset/DATASET-REF/RELATIONSHIP-TYPE/DATASET-REF',
  '/rest/dataset/DATASET-REF/revisions',
  '/rest/revision',
  '/rest/revision/REVISION-ID',
  '/rest/licenses',
  '/search/dataset',
  '/search/resource',
  '/search/revision',
  '/tag_counts',
];

describe('the registry of API v1/v2 resources', () => {
  let build: RestBuild;

  beforeAll(async () => {
    build = await restBuild();
  });

  it('has every GET resource of the reference document', () => {
    const registered = legacyResources.map((resource) => resource.location).filter((location) => !location.startsWith('api/'));
    expect([...registered].sort()).toEqual([...referenceResources].sort());
  });

  it('lists exactly the files written under api/1, api/2, api/rest, api/search and api/tag_counts', async () => {
    const context = legacyContext(build.catalogue, ckanContext(build.catalogue));
    const registered = legacyResources.filter((resource) => !resource.handlerOnly).flatMap((resource) => [...resource.answers(context)].flatMap(answerFiles));
    expect(new Set(registered).size, 'two answers share a path').toBe(registered.length);
    expect((await listFiles(build.outDir)).filter((file) => /^api\/(1|2|rest|search|tag_counts)(\/|$)/.test(file))).toEqual([...registered].sort());
    expect(build.files + build.links).toBe(registered.length);
  });

  it('golden-tests every resource, and has no golden file that no resource names', () => {
    for (const resource of legacyResources) expect(resource.golden.length, `${resource.location} has no golden sample`).toBeGreaterThan(0);
    const named = legacyResources.flatMap((resource) => resource.golden.map((sample) => sample.golden));
    expect(new Set(named).size, 'a golden file is named twice').toBe(named.length);
    const goldenFiles = readdirSync(restGoldenDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(restGoldenDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    expect(goldenFiles.sort()).toEqual([...named].sort());
  });

  it('writes an answer that is also a folder as its index.json, only where the rewrite table serves one, and no file named as a page', async () => {
    const context = legacyContext(build.catalogue, ckanContext(build.catalogue));
    const folderAnswers = legacyResources.filter((resource) => !resource.handlerOnly).flatMap((resource) => [...resource.answers(context)].filter((answer) => answer.folder).flatMap(answerFiles));
    expect(folderAnswers.length).toBeGreaterThan(10);
    // Each `{name}` of a template is one path segment.
    const served = ckanRewrites.folderAnswers.paths.map((template) => new RegExp(`^${template.split(/\{\w+\}/).map(escapeRegex).join('[^/]+')}/${escapeRegex(ckanRewrites.folderAnswers.file)}$`));
    for (const file of folderAnswers) expect(served.some((pattern) => pattern.test(file)), file).toBe(true);
    const written = await listFiles(build.outDir);
    expect(written.filter((file) => file.endsWith(`/${ckanRewrites.folderAnswers.file}`))).toEqual([...folderAnswers].sort());
    expect(written.filter(servedAsMarkup)).toEqual([]);
  });

  it('takes each golden sample from a file of its own resource', () => {
    const context = legacyContext(build.catalogue, ckanContext(build.catalogue));
    for (const resource of legacyResources) {
      // A handler-only resource's sample is one of its paths (no file is written there).
      const files = new Set([...resource.answers(context)].flatMap((answer) => (resource.handlerOnly ? answer.paths : answerFiles(answer))));
      for (const sample of resource.golden) expect(files.has(goldenPath(sample.path, build.catalogue)), `${resource.location}: ${sample.path}`).toBe(true);
    }
  });
});
