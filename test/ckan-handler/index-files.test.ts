// The index the build writes for the handler (src/outputs/ckan/index-files.ts): part of the CKAN
// output, the package dicts read from package_search's pages, exactly as package_show's static
// files hold them, in the static pages' order, the same bytes on every build, and never a private dataset.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDictTexts, parseCkanIndex } from '../../src/ckan-handler/index-data.ts';
import { jsonText } from '../../src/outputs/json-text.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { ckanIndexFiles, ckanIndexFolder, ckanIndexFormat, ckanIndexPackagesFile, indexPageSize } from '../../src/outputs/ckan/paths.ts';
import { enabledOutputs, writeOutputs } from '../../src/outputs/index.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { readAll } from '../helpers/build.ts';
import { contentFrom, repoRoot } from '../helpers/content.ts';
import { handledApi } from './helpers.ts';

const privateNeedles = ['secret-staff', 'Confidential Staff Sickness Register', 'Sickness Absence Secret', 'sickness-register-confidential'];

describe('the CKAN index', () => {
  it('is a part of the CKAN output: written with the CKAN API, not with --no-ckan-api', async () => {
    expect(ckanApiOutput.parts.map((part) => part.name)).toContain('ckan index');
    const { root, contentDir } = await contentFrom('minimal');
    const { catalogue } = await loadCatalogue({ contentDir });
    await writeOutputs(catalogue, path.join(root, 'without'), enabledOutputs({ ckanApi: false }));
    expect([...(await readAll(path.join(root, 'without'))).keys()].filter((file) => file.includes('.datashelf'))).toEqual([]);
  });

  it('reads each package dict, as the bytes of its package_show file, from the pages of package_search it lists, in their order', async () => {
    const api = await handledApi('rest');
    const catalogue = JSON.parse(api.file(ckanIndexFiles.catalogue));
    expect(Object.keys(catalogue)).toEqual(['format', 'siteUrl', 'packageFiles', 'packageCount', 'packagesDigest', 'status', 'licences', 'organizations', 'groups', 'tags', 'datasetIds', 'legacy']);
    // No copy of the dicts of its own: the pages at the largest size hold them all.
    expect(catalogue.packageFiles).toEqual([`api/3/page/package_search/${indexPageSize}/0`]);
    expect(readdirSync(path.join(api.outDir, 'api/.datashelf/ckan-index'))).toEqual(['catalogue.json']);
    const dicts = packageDictTexts(api.file(catalogue.packageFiles[0]), catalogue.packageFiles[0]);
    expect(dicts).toHaveLength(3);
    expect(catalogue.packageCount).toBe(3);
    for (const dict of dicts) expect(api.file(`api/3/action/package_show/${JSON.parse(dict).name}`).endsWith(`"result":${dict}}`)).toBe(true);
    const page = JSON.parse(api.file('api/3/page/package_search/10/0')).result.results.map((result: { id: string }) => result.id);
    expect(dicts.map((dict) => JSON.parse(dict).id)).toEqual(page);
    expect(catalogue.organizations).toEqual(JSON.parse(api.file('api/3/action/organization_list')).result.map((name: string) => JSON.parse(api.file(`api/3/action/organization_show/${name}`)).result));
    // The one dataset whose id is not its name.
    expect(Object.values(catalogue.datasetIds)).toEqual(['road-casualties']);
  });

  it('changes catalogue.json when a package dict changes (what datashelf serve watches)', async () => {
    const before = JSON.parse((await handledApi('rest')).file(ckanIndexFiles.catalogue));
    // A resource's URL: no date, count or order changes with it.
    const foi = readFileSync(path.join(repoRoot, 'test/fixtures/rest/datasets/foi.md'), 'utf8').replace('foi/requests.csv', 'foi/requests-2.csv');
    const after = JSON.parse((await handledApi('rest', { 'datasets/foi.md': foi })).file(ckanIndexFiles.catalogue));
    expect(after.packageCount).toBe(before.packageCount);
    expect(after.packagesDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(after.packagesDigest).not.toBe(before.packagesDigest);
  });

  it('takes the dicts from several files in order, and is refused when they hold another count', () => {
    const dict = (name: string) => jsonText({ name, title: `A "quoted" {brace} [bracket] \\ ${name}`, resources: [{ id: `${name}-1`, schema: { fields: [{ name: '}' }] } }] });
    const page = (names: string[]) => jsonText({ help: 'https://data.example/api/3/action/help_show?name=package_search', success: true, result: { count: 3, facets: {}, results: [] } }).replace('"results":[]', `"results":[${names.map(dict).join(',')}]`);
    const catalogue = (count: number) => JSON.stringify({ format: ckanIndexFormat, packageFiles: ['a', 'b', 'c'], packageCount: count });
    const texts = [page(['one', 'two']), `[${dict('three')}]`, page([])];
    expect(parseCkanIndex({ catalogue: catalogue(3), packageFiles: texts }).packages).toEqual([dict('one'), dict('two'), dict('three')]);
    expect(() => parseCkanIndex({ catalogue: catalogue(4), packageFiles: texts })).toThrow(/counts 4 package dicts, its files \(a, b, c\) hold 3/);
    expect(() => packageDictTexts('{"result":{}}', 'x')).toThrow(/x is not a list of package dicts: it has no "results" list/);
    expect(() => packageDictTexts('[{"a":"}"', 'y')).toThrow(/y is not a list of package dicts: the item at character 1 does not end/);
  });

  it('is the same bytes when written again', async () => {
    const first = await handledApi('rest');
    const second = await handledApi('rest');
    for (const file of Object.values(ckanIndexFiles)) expect(first.file(file)).toBe(second.file(file));
  });

  it('never holds a private dataset, not even in an internal build (--include-private), whose static files do', async () => {
    for (const includePrivate of [false, true]) {
      const api = await handledApi('minimal', {}, { includePrivate });
      for (const file of readdirSync(path.join(api.outDir, ckanIndexFolder), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))) {
        const text = readFileSync(file, 'utf8');
        for (const needle of privateNeedles) expect(text.includes(needle), `${includePrivate ? 'internal' : 'public'} ${file} mentions ${needle}`).toBe(false);
      }
      expect((await api.get('/api/3/action/package_show?id=secret-staff')).status).toBe(404);
      expect((await api.get('/api/3/action/package_search')).json.result.count).toBe(2);
      expect((await api.get('/api/3/action/organization_show?id=information')).json.result.package_count).toBe(1);
    }
    const internal = await handledApi('minimal', {}, { includePrivate: true });
    expect(JSON.parse(internal.file('api/3/action/package_show/secret-staff')).result.private).toBe(true);
    // Its pages hold the private dataset, so its index has package files of its own.
    expect(JSON.parse(internal.file(ckanIndexFiles.catalogue)).packageFiles).toEqual([ckanIndexPackagesFile(0)]);
    expect(internal.file(ckanIndexPackagesFile(0))).not.toMatch(/secret-staff/);
  });

  it('is refused by a handler that reads another layout', () => {
    expect(() => parseCkanIndex({ catalogue: JSON.stringify({ format: 99 }), packageFiles: [] })).toThrow(`format 99; this handler reads format ${ckanIndexFormat}`);
  });
});
