// The index the build writes for the handler (src/outputs/ckan/index-files.ts): part of the CKAN
// output, the package dicts exactly as package_show's static files hold them, one per line in the
// static pages' order, the same bytes on every build, and never a private dataset.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCkanIndex } from '../../src/ckan-handler/index-data.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { ckanIndexFiles } from '../../src/outputs/ckan/paths.ts';
import { enabledOutputs, writeOutputs } from '../../src/outputs/index.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { readAll } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';
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

  it('holds each package dict as the bytes of its package_show file, one per line, in the pages\' order, and is one JSON text', async () => {
    const api = await handledApi('rest');
    const text = api.file(ckanIndexFiles.packages);
    const lines = text.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-1)).toBe(']');
    expect(JSON.parse(text)).toHaveLength(3);
    const dicts = lines.slice(1, -1).map((line) => line.replace(/,$/, ''));
    for (const dict of dicts) expect(api.file(`api/3/action/package_show/${JSON.parse(dict).name}`).endsWith(`"result":${dict}}`)).toBe(true);
    const page = JSON.parse(api.file('api/3/page/package_search/10/0')).result.results.map((result: { id: string }) => result.id);
    expect(dicts.map((dict) => JSON.parse(dict).id)).toEqual(page);
    const catalogue = JSON.parse(api.file(ckanIndexFiles.catalogue));
    expect(Object.keys(catalogue)).toEqual(['format', 'siteUrl', 'status', 'licences', 'organizations', 'groups', 'tags', 'datasetIds', 'legacy']);
    expect(catalogue.organizations).toEqual(JSON.parse(api.file('api/3/action/organization_list')).result.map((name: string) => JSON.parse(api.file(`api/3/action/organization_show/${name}`)).result));
    // The one dataset whose id is not its name.
    expect(Object.values(catalogue.datasetIds)).toEqual(['road-casualties']);
  });

  it('is the same bytes when written again', async () => {
    const first = await handledApi('rest');
    const second = await handledApi('rest');
    for (const file of Object.values(ckanIndexFiles)) expect(first.file(file)).toBe(second.file(file));
  });

  it('never holds a private dataset, not even in an internal build (--include-private), whose static files do', async () => {
    for (const includePrivate of [false, true]) {
      const api = await handledApi('minimal', {}, { includePrivate });
      for (const file of Object.values(ckanIndexFiles)) {
        const text = readFileSync(path.join(api.outDir, file), 'utf8');
        for (const needle of privateNeedles) expect(text.includes(needle), `${includePrivate ? 'internal' : 'public'} ${file} mentions ${needle}`).toBe(false);
      }
      expect((await api.get('/api/3/action/package_show?id=secret-staff')).status).toBe(404);
      expect((await api.get('/api/3/action/package_search')).json.result.count).toBe(2);
      expect((await api.get('/api/3/action/organization_show?id=information')).json.result.package_count).toBe(1);
    }
    const internal = await handledApi('minimal', {}, { includePrivate: true });
    expect(JSON.parse(internal.file('api/3/action/package_show/secret-staff')).result.private).toBe(true);
  });

  it('is refused by a handler that reads another layout', () => {
    expect(() => parseCkanIndex({ catalogue: JSON.stringify({ format: 99 }), packages: '[\n]' })).toThrow(/format 99; this handler reads format 2/);
    expect(() => parseCkanIndex({ catalogue: JSON.stringify({ format: 2 }), packages: '[]' })).toThrow(/one package dict per line/);
  });
});
