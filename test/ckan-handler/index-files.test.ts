// The index the build writes for the handler (src/outputs/ckan/index-files.ts): part of the CKAN
// output, the package dicts in gzipped files of its own, exactly as package_show's static files
// hold them, in the static pages' order, the same bytes on every build, and never a private dataset.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64Bytes, gunzipText } from '../../src/ckan-handler/gunzip.ts';
import { packageDictTexts, parseCkanIndex } from '../../src/ckan-handler/index-data.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { jsonText } from '../../src/outputs/json-text.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { ckanIndexFiles, ckanIndexFolder, ckanIndexFormat, ckanIndexPackagesFile, indexChunkSize } from '../../src/outputs/ckan/paths.ts';
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

  it('holds each package dict, as the bytes of its package_show file, in gzipped files of its own, in the static pages\' order', async () => {
    const api = await handledApi('rest');
    const catalogue = JSON.parse(api.file(ckanIndexFiles.catalogue));
    expect(Object.keys(catalogue)).toEqual(['format', 'siteUrl', 'packageFiles', 'packageCount', 'packagesDigest', 'status', 'licences', 'organizations', 'groups', 'tags', 'datasetIds', 'legacy']);
    expect(catalogue.format).toBe(4);
    // Under the hidden folder, not a page any host rule reads.
    expect(catalogue.packageFiles).toEqual([ckanIndexPackagesFile(0)]);
    expect(ckanIndexPackagesFile(0)).toBe('api/.datashelf/ckan-index/packages/0.json.gz');
    expect(readdirSync(path.join(api.outDir, 'api/.datashelf/ckan-index'), { recursive: true }).sort()).toEqual(['catalogue.json', 'packages', 'packages/0.json.gz']);
    const gzipped = readFileSync(path.join(api.outDir, catalogue.packageFiles[0]));
    // gzip's header: no time (bytes 4-7), no name (flags 0), Unix as the system (byte 9): the same bytes on every machine.
    expect([...gzipped.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    const list = gunzipSync(gzipped).toString('utf8');
    const dicts = packageDictTexts(list, catalogue.packageFiles[0]);
    expect(list).toBe(`[${dicts.join(',')}]`);
    expect(dicts).toHaveLength(3);
    expect(catalogue.packageCount).toBe(3);
    for (const dict of dicts) expect(api.file(`api/3/action/package_show/${JSON.parse(dict).name}`).endsWith(`"result":${dict}}`)).toBe(true);
    const page = JSON.parse(api.file('api/3/page/package_search/100/0')).result.results.map((result: { id: string }) => result.id);
    expect(dicts.map((dict) => JSON.parse(dict).id)).toEqual(page);
    // The web-standard reading (workerd, Deno: DecompressionStream) gives the same text as node:zlib's.
    expect(await gunzipText(new Uint8Array(gzipped), 'x')).toBe(list);
    expect(await gunzipText(base64Bytes(gzipped.toString('base64')), 'x')).toBe(list);
    expect(await gunzipText(new TextEncoder().encode(list), 'x')).toBe(list);
    await expect(gunzipText(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'broken.json.gz')).rejects.toThrow(/broken\.json\.gz could not be gunzipped/);
    expect((await readCkanIndex(api.outDir)).packages).toEqual(dicts);
    expect(catalogue.organizations).toEqual(JSON.parse(api.file('api/3/action/organization_list')).result.map((name: string) => JSON.parse(api.file(`api/3/action/organization_show/${name}`)).result));
    // The one dataset whose id is not its name.
    expect(Object.values(catalogue.datasetIds)).toEqual(['road-casualties']);
  });

  it('cuts the store into few files: at most 20 for 100,000 datasets', () => {
    expect(indexChunkSize).toBeGreaterThanOrEqual(100_000 / 20);
    expect(ckanIndexPackagesFile(indexChunkSize)).toBe(`api/.datashelf/ckan-index/packages/${indexChunkSize}.json.gz`);
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

  it('digests the package files as the manifest hashes them, not the dicts\' text again (docs/decisions/ckan-handler.md)', async () => {
    const api = await handledApi('rest');
    const catalogue = JSON.parse(api.file(ckanIndexFiles.catalogue));
    const fileHash = (file: string) => createHash('sha256').update(readFileSync(path.join(api.outDir, file))).digest('hex').slice(0, 32);
    expect(catalogue.packagesDigest).toBe(createHash('sha256').update(catalogue.packageFiles.map(fileHash).join('\n')).digest('hex'));
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
    for (const file of [...Object.values(ckanIndexFiles), ckanIndexPackagesFile(0)]) expect(readFileSync(path.join(first.outDir, file)).equals(readFileSync(path.join(second.outDir, file))), file).toBe(true);
  });

  it('never holds a private dataset, not even in an internal build (--include-private), whose static files do', async () => {
    for (const includePrivate of [false, true]) {
      const api = await handledApi('minimal', {}, { includePrivate });
      for (const file of readdirSync(path.join(api.outDir, ckanIndexFolder), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))) {
        const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
        for (const needle of privateNeedles) expect(text.includes(needle), `${includePrivate ? 'internal' : 'public'} ${file} mentions ${needle}`).toBe(false);
      }
      expect((await api.get('/api/3/action/package_show?id=secret-staff')).status).toBe(404);
      expect((await api.get('/api/3/action/package_search')).json.result.count).toBe(2);
      expect((await api.get('/api/3/action/organization_show?id=information')).json.result.package_count).toBe(1);
    }
    const internal = await handledApi('minimal', {}, { includePrivate: true });
    expect(JSON.parse(internal.file('api/3/action/package_show/secret-staff')).result.private).toBe(true);
    // Its pages hold the private dataset; its index's package files do not.
    expect(JSON.parse(internal.file(ckanIndexFiles.catalogue)).packageFiles).toEqual([ckanIndexPackagesFile(0)]);
    expect(gunzipSync(readFileSync(path.join(internal.outDir, ckanIndexPackagesFile(0)))).toString('utf8')).not.toMatch(/secret-staff/);
  });

  it('is refused by a handler that reads another layout', () => {
    expect(() => parseCkanIndex({ catalogue: JSON.stringify({ format: 99 }), packageFiles: [] })).toThrow(`format 99; this handler reads format ${ckanIndexFormat}`);
  });
});
