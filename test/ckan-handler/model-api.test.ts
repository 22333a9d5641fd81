// API v1/v2's dataset entity and revisions, answered by the request handler from the index, are
// byte for byte what the static v1/v2 writer makes of the catalogue (src/outputs/ckan/rest.ts,
// `datasetEntities`, `datasetRevisionLists`: the bodies the build wrote as files until the lean
// layout's decision 2; commit 8412614 checked them against those files, before they went). Compared as bytes, not as parsed JSON: key order and number forms are part
// of an answer, and both go through the one serialiser. On the rest fixture in Git (revisions,
// relationships both ways, a name other than the id, a private dataset left out), the example
// catalogue (`content/`), and a generated catalogue with a Git history (the bench's `git` shape).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { withheldMessage } from '../../src/catalogue/revisions.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { createCkanHandler, type CkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { ckanContext } from '../../src/outputs/ckan/context.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { ckanIndexFiles } from '../../src/outputs/ckan/paths.ts';
import { answerFiles } from '../../src/outputs/ckan/legacy-api.ts';
import { datasetEntities, datasetRevisionLists, legacyContext, type Answer } from '../../src/outputs/ckan/rest.ts';
import { writeOutputs } from '../../src/outputs/index.ts';
import { jsonText } from '../../src/outputs/json-text.ts';
import { writeSyntheticCatalogue } from '../bench/synthetic.ts';
import { repoRoot } from '../helpers/content.ts';
import { restRepository } from '../rest/rest-fixture.ts';

interface Handled {
  catalogue: Catalogue;
  outDir: string;
  handler: CkanHandler;
  get: (sitePath: string, init?: RequestInit) => Promise<{ status: number; type: string | null; text: string }>;
}

async function handled(contentDir: string): Promise<Handled> {
  const { catalogue } = await loadCatalogue({ contentDir });
  const outDir = await mkdtemp(path.join(tmpdir(), 'datashelf-model-api-'));
  await writeOutputs(catalogue, outDir, [ckanApiOutput]);
  const handler = createCkanHandler(await readCkanIndex(outDir));
  const get = async (sitePath: string, init: RequestInit = {}) => {
    const response = await handler(new Request(new URL(sitePath, catalogue.site.url), init));
    return { status: response.status, type: response.headers.get('Content-Type'), text: await response.text() };
  };
  return { catalogue, outDir, handler, get };
}

const catalogues: Record<string, () => Promise<string>> = {
  'the rest fixture in Git': async () => (await restRepository()).contentDir,
  'the example catalogue': async () => path.join(repoRoot, 'content'),
  'a generated catalogue with a Git history': async () => {
    const contentDir = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-model-api-git-')), 'content');
    await writeSyntheticCatalogue(contentDir, 40, 'git');
    return contentDir;
  },
};

describe.each(Object.keys(catalogues))('%s: API v1/v2 dataset entities and revisions', (name) => {
  let api: Handled;
  let entities: Answer[];
  let revisionLists: Answer[];
  beforeAll(async () => {
    api = await handled(await catalogues[name]!());
    const context = legacyContext(api.catalogue, ckanContext(api.catalogue));
    entities = [...datasetEntities(context)];
    revisionLists = [...datasetRevisionLists(context)];
  });

  it('the handler answers every entity the writer makes, byte for byte, at its path and the path\'s other spellings', async () => {
    expect(entities.length).toBe(api.catalogue.datasets.length * 2);
    if (name === 'the rest fixture in Git') expect(entities.some((answer) => (answer.body as { relationships: unknown[] }).relationships.length > 1)).toBe(true);
    for (const answer of entities) {
      const expected = jsonText(answer.body);
      // No file holds them any more (the build wrote these bodies there until decision 2).
      for (const file of answerFiles(answer)) expect(existsSync(path.join(api.outDir, file)), file).toBe(false);
      for (const answerPath of answer.paths) {
        for (const spelling of [answerPath, `${answerPath}/`, answerPath.replace(/^api\/1\/rest\//, 'api/rest/')]) {
          const reply = await api.get(spelling);
          expect(reply.status, spelling).toBe(200);
          expect(reply.type, spelling).toBe('application/json');
          expect(reply.text, spelling).toBe(expected);
        }
      }
    }
  });

  it('each version takes the other key too, and answers with its own references', async () => {
    const context = legacyContext(api.catalogue, ckanContext(api.catalogue));
    for (const dataset of api.catalogue.datasets) {
      const uuid = context.ckan.datasetUuids.get(dataset.id)!;
      const v1 = entities.find((answer) => answer.paths[0] === `api/1/rest/dataset/${dataset.name}`)!;
      const v2 = entities.find((answer) => answer.paths[0] === `api/2/rest/dataset/${uuid}`)!;
      expect((await api.get(`api/1/rest/dataset/${uuid}`)).text).toBe(jsonText(v1.body));
      expect((await api.get(`api/rest/dataset/${encodeURIComponent(dataset.name)}`)).text).toBe(jsonText(v1.body));
      expect((await api.get(`api/2/rest/dataset/${encodeURIComponent(dataset.name)}`)).text).toBe(jsonText(v2.body));
    }
  });

  it('the handler answers every revision list the writer makes, byte for byte; a dataset without revisions has [] (CKAN\'s answer)', async () => {
    const listed = new Set<string>();
    for (const answer of revisionLists) {
      for (const file of answerFiles(answer)) expect(existsSync(path.join(api.outDir, file)), file).toBe(false);
      for (const answerPath of answer.paths) {
        const reply = await api.get(answerPath);
        expect(reply.status, answerPath).toBe(200);
        expect(reply.text, answerPath).toBe(jsonText(answer.body));
        listed.add(answerPath);
      }
    }
    if (name !== 'the example catalogue') expect(revisionLists.length).toBeGreaterThan(0);
    for (const dataset of api.catalogue.datasets) {
      const answerPath = `api/1/rest/dataset/${dataset.name}/revisions`;
      if (!listed.has(answerPath)) expect((await api.get(answerPath)).text, answerPath).toBe('[]');
    }
  });

  it('answers an unknown dataset with CKAN 2.7\'s bare "Not found", and a write with 405 and Allow', async () => {
    for (const missing of ['api/1/rest/dataset/no-such-dataset', 'api/2/rest/dataset/no-such-dataset/revisions', 'api/rest/dataset/no-such-dataset']) {
      const reply = await api.get(missing);
      expect([reply.status, reply.type, reply.text], missing).toEqual([404, 'application/json', '"Not found"']);
    }
    const dataset = api.catalogue.datasets[0]!;
    const post = await api.handler(new Request(new URL(`api/1/rest/dataset/${dataset.name}`, api.catalogue.site.url), { method: 'POST', body: '{}' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(JSON.parse(await post.text())).toMatch(/^Method Not Allowed: POST/);
  });
});

describe('an internal build (--include-private) of the rest fixture in Git', () => {
  it('answers no private dataset, and withholds the message of a commit that touched one, as a public build does', async () => {
    const { contentDir } = await restRepository();
    const { catalogue } = await loadCatalogue({ contentDir, includePrivate: true });
    expect(catalogue.revisions.map((revision) => revision.message)).toContain('Tidy foi and staff-sickness');
    const outDir = await mkdtemp(path.join(tmpdir(), 'datashelf-model-api-internal-'));
    await writeOutputs(catalogue, outDir, [ckanApiOutput]);
    const handler = createCkanHandler(await readCkanIndex(outDir));
    const get = async (sitePath: string) => {
      const response = await handler(new Request(new URL(sitePath, catalogue.site.url)));
      return { status: response.status, text: await response.text() };
    };
    const revisions = await get('api/1/rest/dataset/foi/revisions');
    expect(revisions.status).toBe(200);
    expect(JSON.parse(revisions.text).map((revision: { message: string }) => revision.message)).toContain(withheldMessage);
    expect(revisions.text).not.toContain('Tidy foi');
    expect(await get('api/1/rest/dataset/staff-sickness')).toEqual({ status: 404, text: '"Not found"' });
    for (const file of Object.values(ckanIndexFiles)) expect(readFileSync(path.join(outDir, file), 'utf8')).not.toMatch(/Tidy foi|staff-sickness/);
  });
});
