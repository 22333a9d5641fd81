// The real clients' flows, and the answers a CKAN client relies on, against one running host of a
// build: the nginx, Apache and preview tests each start their host and call `clientFlows`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { staticRowsMax } from '../../src/outputs/ckan/paths.ts';
import { ckanapiDumpDatasets, ckanapiSearchDatasets, CkanapiError, ckanapiAction } from './ckanapi.ts';
import { harvestGather } from './ckanext-harvest.ts';
import { dguOrganisationSync, dguPackageSync } from './datagovuk.ts';
import { get, parseJson } from './http.ts';
import { piveauImport } from './piveau.ts';
import { udataHarvest } from './udata.ts';

export interface RunningHost {
  /** The site's base URL, with the trailing slash. */
  base: string;
  /** The build folder the host serves. */
  build: string;
}

/** What the build says, read from its files: the oracle the clients' results are compared with. */
async function fileResult(build: string, file: string): Promise<unknown> {
  return (JSON.parse(await readFile(path.join(build, file), 'utf8')) as { result: unknown }).result;
}

const sorted = (values: unknown[]) => values.map(String).sort();

/**
 * `netlify`: what Netlify cannot answer is checked as what it does instead (docs/hosting.md): a
 * rewrite to a missing file (unknown id, page not written, filter value no dataset has) gets the
 * HTML 404 page; `fq` is ignored; methods and CORS preflights are Netlify's own.
 */
export type HostKind = 'full' | 'netlify';

/**
 * `byUuid`: whether the host answers `package_show?id=<UUID>` without the request handler (nginx,
 * from its map); the file is by name, so Apache's `.htaccess` and Netlify's `_redirects` answer by name only.
 */
export function clientFlows(host: () => RunningHost, datasetCount: number, kind: HostKind = 'full', { byUuid = false }: { byUuid?: boolean } = {}): void {
  const full = kind === 'full';
  const base = () => host().base;
  const noSlash = () => host().base.replace(/\/$/, '');
  const names = async () => (await fileResult(host().build, 'api/3/action/package_list')) as string[];

  it('ckanapi dump datasets --all -g: every dataset once, each equal to its package_show', async () => {
    const dumped = await ckanapiDumpDatasets(noSlash());
    expect(dumped).toHaveLength(datasetCount);
    expect(dumped.map((dataset) => dataset.name)).toEqual(await names());
    for (const dataset of dumped) expect(dataset).toEqual(await fileResult(host().build, `api/3/action/package_show/${String(dataset.name)}`));
  });

  // The files answer package_search as a CKAN with ckan.search.rows_max = 100 (docs/decisions/lean-layout.md, session 7):
  // ckanapi asks rows=1000, gets 100 a page and pages by what it received, so it reaches every dataset.
  it('ckanapi search datasets -g: rows 1000, answered by 100 (the files\' rows_max), from 0 and then from the number received, to an empty page', async () => {
    const { datasets, starts, received, counts } = await ckanapiSearchDatasets(noSlash());
    const fullPages = Array.from({ length: Math.ceil(datasetCount / staticRowsMax) }, (_, page) => page * staticRowsMax);
    expect(starts).toEqual([...fullPages, datasetCount]);
    expect(received).toEqual([...fullPages.map((start) => Math.min(staticRowsMax, datasetCount - start)), 0]);
    expect(counts.every((count) => count === datasetCount)).toBe(true);
    expect(datasets).toHaveLength(datasetCount);
    expect(sorted(datasets.map((dataset) => dataset.name))).toEqual(sorted(await names()));
  });

  it('answers package_search with a larger rows by the page of 100 at its start, the whole count (CKAN with rows_max 100); other sizes with the paging error', async () => {
    // Netlify compares plain values: of the larger sizes, those real clients send (ckanapi's and udata's 1000).
    const larger = full ? ['1000', '101', '250', '0100', '5000', '123456789012345678901234567890'] : ['1000'];
    for (const start of [0, 100]) {
      const page = await readFile(path.join(host().build, `api/3/page/package_search/100/${start}`), 'utf8');
      const { result } = JSON.parse(page) as { result: { count: number; results: unknown[] } };
      expect([result.count, result.results.length]).toEqual([datasetCount, Math.max(0, Math.min(100, datasetCount - start))]);
      for (const rows of larger) {
        const reply = await get(`${base()}api/3/action/package_search?rows=${rows}&start=${start}`);
        expect([reply.status, reply.text === page], `rows=${rows}&start=${start}`).toEqual([200, true]);
      }
    }
    const unsupported = await readFile(path.join(host().build, 'api/3/error/unsupported-paging'), 'utf8');
    for (const rows of ['50', '99', '1e3', '-1000', ...(full ? [] : ['250'])]) {
      const reply = await get(`${base()}api/3/action/package_search?rows=${rows}&start=0`);
      expect([reply.status, reply.text === unsupported], `rows=${rows}`).toEqual([400, true]);
    }
  });

  it('answers current_package_list_with_resources by its first page of 10 or 100 only (the rest is the request handler\'s)', async () => {
    for (const [query, file] of [
      ['limit=100&offset=0', 'api/3/page/current_package_list_with_resources/100/0'],
      ['limit=100', 'api/3/page/current_package_list_with_resources/100/0'],
      ['', 'api/3/page/current_package_list_with_resources/10/0'],
    ]) {
      const reply = await get(`${base()}api/3/action/current_package_list_with_resources${query ? `?${query}` : ''}`);
      expect([reply.status, reply.text === (await readFile(path.join(host().build, file!), 'utf8'))], query).toEqual([200, true]);
    }
    expect((JSON.parse(await readFile(path.join(host().build, 'api/3/page/current_package_list_with_resources/100/0'), 'utf8')) as { result: unknown[] }).result).toHaveLength(Math.min(100, datasetCount));
    // Netlify rewrites to the file, which is not there: its 404 page (it does not chain rules).
    const later = await get(`${base()}api/3/action/current_package_list_with_resources?limit=100&offset=100`);
    if (full) expect([later.status, later.text]).toEqual([400, await readFile(path.join(host().build, 'api/3/error/unsupported-paging'), 'utf8')]);
    else expect([later.status, later.text]).toEqual([404, await readFile(path.join(host().build, '404.html'), 'utf8')]);
  });

  it('ckanapi reports a free-text search and an unknown id as CKAN would', async () => {
    await expect(ckanapiAction(noSlash(), 'package_search', [['q', 'flood']])).rejects.toMatchObject({ kind: 'SearchQueryError' });
    await expect(ckanapiAction(noSlash(), 'package_show', [['id', 'no-such-dataset']])).rejects.toMatchObject({ kind: full ? 'NotFound' : 'CKANAPIError' });
    await expect(ckanapiAction(noSlash(), 'package_show')).rejects.toBeInstanceOf(CkanapiError);
  });

  it('ckanext-harvest gathers every dataset exactly once, by 100 with sort=id asc, no page repeated', async () => {
    const { datasets, pages } = await harvestGather(noSlash());
    expect(datasets).toHaveLength(datasetCount);
    expect(new Set(datasets.map((dataset) => dataset.id)).size).toBe(datasetCount);
    expect(pages).toBe(Math.ceil(datasetCount / 100) + 1);
  });

  it('udata harvests every dataset: status 200, Content-Type exactly application/json, success true', async () => {
    const { datasets, skipped } = await udataHarvest(base());
    expect(skipped).toEqual([]);
    expect(sorted(datasets.map((dataset) => dataset.name))).toEqual(sorted(await names()));
  });

  if (!byUuid)
    it('answers package_show by name, and by UUID only with the request handler (data.gov.uk needs one here)', async () => {
      const [name] = await names();
      const dataset = (await fileResult(host().build, `api/3/action/package_show/${name}`)) as { id: string };
      const byName = await get(`${base()}api/3/action/package_show?id=${name}`);
      expect([byName.status, (parseJson(byName) as { result: unknown }).result]).toEqual([200, dataset]);
      expect((await get(`${base()}api/3/action/package_show?id=${dataset.id}`)).status).toBe(404);
      await expect(dguPackageSync(base())).rejects.toThrow();
    });

  if (byUuid) it('data.gov.uk syncs organisations and pages /api/3/search/dataset to its stop rule, then package_show by UUID', async () => {
    const organisations = await dguOrganisationSync(base());
    expect(organisations.map((organisation) => organisation.name)).toEqual(await fileResult(host().build, 'api/3/action/organization_list'));
    const { results, starts, packages } = await dguPackageSync(base());
    expect(starts).toEqual([0, datasetCount]);
    expect(new Set(results.map((result) => result.id)).size).toBe(datasetCount);
    expect(results.every((result) => /Z$/.test(result.metadata_modified) && organisations.some((organisation) => organisation.name === result.organization))).toBe(true);
    expect(packages.every((dataset) => organisations.some((organisation) => organisation.id === dataset.owner_org))).toBe(true);
    expect(packages.map((dataset) => dataset.id)).toEqual(results.map((result) => result.id));
  });

  // package_search by 10 is written as its first page only (lean layout): piveau's pageSize 10 needs
  // the request handler (test/ckan-clients: nginx or Apache with serve, the Worker, the Edge Function).
  it('piveau imports every dataset once by 100, ending on an empty page; by 10 it stops at the second page', async () => {
    const byHundred = await piveauImport(noSlash());
    expect(sorted(byHundred.identifiers)).toEqual(sorted(await names()));
    expect(byHundred.offsets).toEqual(Array.from({ length: Math.ceil(datasetCount / 100) + 1 }, (_, page) => page * 100));
    await expect(piveauImport(noSlash(), 10)).rejects.toThrow();
  });

  it('answers JSON as exactly application/json with CORS, and pages as HTML', async () => {
    const list = await fetch(`${base()}api/3/action/package_list`);
    expect(list.headers.get('content-type')).toBe('application/json');
    expect(list.headers.get('access-control-allow-origin')).toBe('*');
    if (!full) return;
    const preflight = await fetch(`${base()}api/3/action/package_show?id=x`, { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
    const page = await fetch(base());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  // Netlify answers other methods itself (docs/hosting.md): no such test for it, rather than a skipped one.
  if (full) it('answers every other method with the read-only error, 405', async () => {
    const readOnly = await readFile(path.join(host().build, 'api/3/error/read-only'), 'utf8');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const url of [`${base()}api/action/package_show`, `${base()}api/3/action/package_create`, base()]) {
        const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: '{"name": "x"}' });
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(await response.text()).toBe(readOnly);
      }
    }
    const legacy = await fetch(`${base()}api/rest/dataset`, { method: 'POST', body: '{}' });
    expect(legacy.status).toBe(405);
    expect(await legacy.text()).toBe(await readFile(path.join(host().build, 'api/1/error/read-only'), 'utf8'));
  });

  it('answers what the files cannot with CKAN\'s errors and their statuses', async () => {
    // On Netlify: the 404 page for a rewrite to a missing file, and fq ignored.
    const cases: [string, number, string][] = [
      ['api/3/action/package_show?id=no-such-dataset', ...(full ? ([404, 'api/3/error/not-found'] as const) : ([404, '404.html'] as const))],
      ['api/action/package_show', 409, 'api/3/error/missing-id'],
      ['api/3/action/package_search?q=flood', 400, 'api/3/error/unsupported-query'],
      ['api/3/action/package_search?fq=organization:highways', ...(full ? ([400, 'api/3/error/unsupported-query'] as const) : ([200, 'api/3/page/package_search/10/0'] as const))],
      ['api/3/action/package_search?rows=7', 400, 'api/3/error/unsupported-paging'],
      ['api/3/action/package_search?rows=10&start=5', ...(full ? ([400, 'api/3/error/unsupported-paging'] as const) : ([404, '404.html'] as const))],
      ['api/3/action/resource_create', 400, 'api/3/error/unknown-action'],
      ['api/3/nowhere', 404, 'api/3/error/not-found'],
      // A v1/v2 dataset entity and its revisions are the request handler's: every host without it says "Not found", Netlify too (a forced rule).
      ['api/rest/dataset/no-such-dataset', 404, 'api/1/error/not-found'],
      ['api/rest/dataset/no-such-dataset/revisions', 404, 'api/1/error/not-found'],
      ['api/2/rest/dataset/no-such-dataset/revisions', 404, 'api/1/error/not-found'],
      // The version-less paths are a rewrite to v1's (the lean layout); Netlify applies one rule, so a missing file there is its 404 page.
      ['api/rest/no-such-register', ...(full ? ([404, 'api/1/error/not-found'] as const) : ([404, '404.html'] as const))],
      ['api/1/rest/no-such-register', 404, 'api/1/error/not-found'],
      ['api/search/dataset?q=flood', 400, 'api/1/error/unsupported-search'],
      // The dataset search's pages of 10 after the first are the request handler's, as package_search's.
      ['api/1/search/dataset?limit=10&offset=10', ...(full ? ([400, 'api/1/error/unsupported-search'] as const) : ([404, '404.html'] as const))],
      // The resource search of version 2 reads version 1's pages (the same ids).
      ['api/2/search/resource?limit=20&offset=0', 200, 'api/1/page/search_resource/20/0'],
    ];
    for (const [url, status, file] of cases) {
      const reply = await get(`${base()}${url}`);
      // (Netlify's 404 page under /api/ has whatever type `_headers` gives the path: not checked.)
      if (file.endsWith('.html')) expect([reply.status, reply.text], url).toEqual([status, await readFile(path.join(host().build, file), 'utf8')]);
      else expect([reply.status, reply.contentType, reply.text], url).toEqual([status, 'application/json', await readFile(path.join(host().build, file), 'utf8')]);
    }
    const page = await get(`${base()}no-such-page/`);
    expect([page.status, page.contentType?.split(';')[0]]).toEqual([404, 'text/html']);
  });

  it('ignores the parameters that change nothing, and accepts every spelling of a harmless one', async () => {
    const first = await readFile(path.join(host().build, 'api/3/page/package_search/10/0'), 'utf8');
    for (const query of ['', 'q=', 'q=*:*', 'q=%2A%3A%2A', 'q=type:dataset', 'q=type%3Adataset', 'sort=id+asc&include_private=True', 'fq=metadata_modified%3A%5B2025-01-21T15%3A10%3A03.123456Z+TO+%2A%5D', 'facet.field=%5B%22organization%22%5D&rows=10&start=0']) {
      const reply = await get(`${base()}api/3/action/package_search${query ? `?${query}` : ''}`);
      expect([reply.status, reply.text === first], query).toEqual([200, true]);
    }
  });

  // The lean layout (docs/decisions/ckan-static-api.md): one file per answer at its version's key; the
  // version-less paths are rewrites; a search by tag, group or organization, and a dataset's entity
  // and revisions, are the request handler's.
  it('serves API v1/v2\'s lists and the Search API, answers a dataset entity "Not found", and refuses a search by tag, group or organization with CKAN\'s error', async () => {
    const json = async (url: string) => {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.contentType], url).toEqual([200, 'application/json']);
      return parseJson(reply);
    };
    expect(sorted((await json('api/rest/dataset')) as string[])).toEqual(sorted(await names()));
    const uuids = (await json('api/2/rest/dataset')) as string[];
    expect(uuids).toHaveLength(datasetCount);
    // A dataset's entity and revisions are the request handler's (docs/decisions/lean-layout.md,
    // decision 2): no file holds them, so a host without the handler answers CKAN's "Not found",
    // JSON, never a page, in every spelling.
    const [name] = await names();
    const notFound = await readFile(path.join(host().build, 'api/1/error/not-found'), 'utf8');
    const spellings = [`api/rest/dataset/${name}`, `api/1/rest/dataset/${name}`, `api/2/rest/dataset/${uuids[0]}`, `api/rest/dataset/${name}/revisions`, `api/2/rest/dataset/${uuids[0]}/revisions`];
    // (Netlify cannot test for a folder: these two go to its HTML 404 page, as any missing file there.)
    for (const url of [...spellings, ...(full ? [`api/rest/dataset/${name}/`, `api/1/rest/dataset/${name}/index.json`] : [])]) {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.contentType, reply.text], url).toEqual([404, 'application/json', notFound]);
    }
    expect((await get(`${base()}api/rest/dataset/${name}/index.html`)).status).toBe(404);
    // The version-less spelling is a rewrite, a key with a space included (a tag: its name is the file's).
    expect(await json('api/rest/tag/Road%20Safety')).toEqual(await json('api/1/rest/tag/Road%20Safety'));
    expect(await json('api/tag_counts')).toEqual(await json('api/1/tag_counts'));
    const every = (await json('api/search/dataset?limit=100')) as { count: number; results: string[] };
    expect([every.count, every.results]).toEqual([datasetCount, (await json('api/1/search/dataset?limit=100&offset=0') as { results: string[] }).results]);
    const unsupported = await readFile(path.join(host().build, 'api/1/error/unsupported-search'), 'utf8');
    for (const url of ['api/search/dataset?tags=Road%20Safety', 'api/1/search/dataset?tags=Road+Safety&limit=10&offset=10', 'api/2/search/dataset?organization=highways&limit=100', 'api/2/search/dataset?groups=transport']) {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.contentType, reply.text], url).toEqual([400, 'application/json', unsupported]);
    }
  });
}
