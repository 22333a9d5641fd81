// The generated Cloudflare Worker under Cloudflare's own runtime (workerd, through Miniflare), serving
// the example catalogue's build as `wrangler deploy` would deploy it: pages and files from the assets,
// the CKAN handler for what the files cannot answer, its index never served, JSON typed, CORS on the
// API; and, request by request, the same answers as the handler called directly in Node.js.
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { writeEdgeFunctions } from '../../src/edge/write.ts';
import { ckanIndexFiles, ckanIndexPackagesFile, queryOnlyFolders } from '../../src/outputs/ckan/paths.ts';
import { hostTable } from '../../src/outputs/hosts/table.ts';
import { enabledOutputs } from '../../src/outputs/index.ts';
import { repoRoot } from '../helpers/content.ts';
import { exampleOnHost, expectHandlerAnswers, sharedExample } from './example-build.ts';
import { startWorkerHost } from './worker-host.ts';

describe('the Cloudflare Worker of a build, under workerd', () => {
  const { example, get, file } = exampleOnHost(startWorkerHost);

  it('serves the pages, typed as HTML, without CORS', async () => {
    for (const page of ['', 'dataset/air-quality/', 'api/']) {
      const reply = await get(page);
      expect([reply.status, reply.headers.get('content-type')], page).toEqual([200, 'text/html; charset=utf-8']);
      expect(await reply.text(), page).toBe(await file(`${page}index.html`));
    }
    const missing = await get('no-such-page/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(await file('404.html'));
  });

  it('serves the static API files and the harvesters\' files as the build typed them, with CORS', async () => {
    const cases = [
      ['api/3/action/package_list', 'api/3/action/package_list', 'application/json'],
      ['api/3/action/package_show?id=air-quality', 'api/3/action/package_show/air-quality', 'application/json'],
      ['api/rest/dataset', 'api/1/rest/dataset/index.json', 'application/json'],
      ['api/datasets/export.json', 'api/datasets/export.json', 'application/json'],
      ['data.json', 'data.json', 'application/json'],
      ['catalog.ttl', 'catalog.ttl', 'text/turtle; charset=utf-8'],
    ] as const;
    for (const [url, sitePath, type] of cases) {
      const reply = await get(url, { headers: { Origin: 'https://elsewhere.example' } });
      expect([reply.status, reply.headers.get('content-type'), reply.headers.get('access-control-allow-origin')], url).toEqual([200, type, '*']);
      expect(await reply.text(), url).toBe(await file(sitePath));
    }
    const xlsx = await get('api/datasets/export.xlsx');
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(Buffer.from(await xlsx.arrayBuffer()).equals(await readFile(path.join(example().build, 'api/datasets/export.xlsx')))).toBe(true);
  });

  it('answers with the CKAN handler what the files cannot: q, fq, rows=50, sort, facets, POST with JSON, JSONP', async () => {
    const search = await get('api/3/action/package_search?q=air&fq=-organization:people&rows=50&sort=name%20asc&facet.field=%5B%22organization%22%5D');
    expect([search.status, search.headers.get('content-type'), search.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json', '*']);
    const { result } = (await search.json()) as { result: { count: number; results: { name: string }[]; facets: Record<string, Record<string, number>> } };
    expect(result.count).toBeGreaterThan(0);
    expect(result.results.map((dataset) => dataset.name)).toEqual(result.results.map((dataset) => dataset.name).sort());
    expect(Object.keys(result.facets)).toEqual(['organization']);
    expect(Object.keys(result.facets.organization!)).not.toContain('people');

    // ckanapi's RemoteCKAN POSTs the parameters as a JSON body.
    const posted = await get('api/3/action/package_search', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q: 'air', fq: '-organization:people', rows: 50, sort: 'name asc', 'facet.field': ['organization'] }) });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { result: unknown }).result).toEqual(result);

    const jsonp = await get('api/3/action/package_search?q=air&callback=jQuery123_456');
    expect([jsonp.status, jsonp.headers.get('content-type')]).toEqual([200, 'application/javascript;charset=utf-8']);
    expect(await jsonp.text()).toMatch(/^jQuery123_456\(\{"help":.*\}\);$/s);

    const unknown = await get('api/3/action/package_show?id=no-such-dataset');
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, 'application/json']);
    expect(await unknown.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
  });

  it('answers CORS preflights on the API, and a write with CKAN\'s error', async () => {
    const preflight = await get('api/3/action/package_search', { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    const write = await get('api/3/action/package_create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect([write.status, write.headers.get('access-control-allow-origin')]).toEqual([403, '*']);
    expect(await write.json()).toMatchObject({ success: false, error: { __type: 'Authorization Error' } });
    const legacyWrite = await get('api/rest/dataset', { method: 'POST', body: '{}' });
    expect(legacyWrite.status).toBe(405);
  });

  it('does not upload the pages only query rewrites read, and answers those queries with the handler, byte for byte the pages', async () => {
    const ignored = (await file('.assetsignore')).split('\n');
    for (const folder of queryOnlyFolders) expect(ignored, folder).toContain(`/${folder}`);
    for (const [query, page] of [
      ['api/3/action/package_search?rows=100&start=0', 'api/3/page/package_search/100/0'],
      ['api/3/action/package_search', 'api/3/page/package_search/10/0'],
      ['api/action/current_package_list_with_resources?limit=100&offset=0', 'api/3/page/current_package_list_with_resources/100/0'],
      ['api/3/search/dataset?q=type:dataset&rows=1000&start=0&fl=id,metadata_modified,organization', 'api/3/page/search_dataset/1000/0'],
      ['api/2/search/dataset?limit=100&offset=0', 'api/2/page/search_dataset/100/0'],
    ] as const) {
      const reply = await get(query);
      expect([reply.status, reply.headers.get('content-type')], query).toEqual([200, 'application/json']);
      expect(await reply.text(), query).toBe(await file(page));
      expect((await get(page)).status, page).not.toBe(200);
    }
    // No page of package_search is uploaded: the handler reads its own store (api/.datashelf/), which is.
    for (const size of [10, 100]) expect(ignored, `package_search/${size}`).toContain(`/api/3/page/package_search/${size}`);
    expect(ignored.some((line) => line.startsWith('/api/.datashelf'))).toBe(false);
    // rows=1000 is the handler's, which keeps CKAN's rows_max of 1000 (the static rules cut it to 100).
    const thousand = (await (await get('api/3/action/package_search?rows=1000&start=0')).json()) as { result: { count: number; results: unknown[] } };
    expect(thousand.result.results).toHaveLength(thousand.result.count);
  });

  it('never serves the handler\'s index, the Worker\'s code or the hosts\' configurations', async () => {
    const index = await file(ckanIndexFiles.catalogue);
    for (const hidden of ['api/.datashelf/ckan-index/catalogue.json', 'api/.datashelf/ckan-index/', 'api/%2Edatashelf/ckan-index/catalogue.json', 'api//.datashelf/ckan-index/catalogue.json', 'api/3/../.datashelf/ckan-index/catalogue.json', 'api/.datashelf/ckan-index/catalogue.json?x=1', ckanIndexPackagesFile(0), 'api/.datashelf/ckan-index/packages/0.json']) {
      const reply = await get(hidden);
      expect(reply.status, hidden).toBe(404);
      const body = await reply.text();
      expect(body, hidden).not.toContain(index.slice(0, 200));
      expect(body, hidden).not.toContain('"format"');
    }
    for (const hidden of ['_worker.js', 'wrangler.jsonc', '.assetsignore', '.htaccess', 'datashelf.nginx.conf', 'datashelf.outputs.json', '_redirects', '_headers', '.netlify/v1/edge-functions/datashelf-api.js']) {
      const reply = await get(hidden);
      expect(reply.status, hidden).toBe(404);
      expect(await reply.text(), hidden).toBe(await file('404.html'));
    }
  });

  it('gives, request by request, the answers of the handler called directly in Node.js', async () => {
    await expectHandlerAnswers(example(), get);
  });
});

describe('the Cloudflare Worker of a build whose package dicts are over Cloudflare\'s size for one file', () => {
  it('is refused, naming the file and the limit: the Worker reads its index from those files', async () => {
    const build = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-edge-large-')), 'dist');
    const { catalogue } = await loadCatalogue({ contentDir: path.join(repoRoot, 'content') });
    const { build: shared } = await sharedExample();
    await cp(shared, build, { recursive: true });
    const store = ckanIndexPackagesFile(0);
    const size = (await readFile(path.join(build, store))).length;
    await expect(writeEdgeFunctions(catalogue, build, hostTable(enabledOutputs({})), ['cloudflare'], { maxAssetBytes: size - 1 })).rejects.toThrow(`${store} is ${(size / 2 ** 20).toFixed(1)} MiB, over the`);
    // At the limit it is written.
    await writeEdgeFunctions(catalogue, build, hostTable(enabledOutputs({})), ['cloudflare'], { maxAssetBytes: size });
  });
});
