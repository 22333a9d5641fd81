// What a host serving a build without the CKAN API (`--no-ckan-api`) must answer with the
// configuration that build wrote: the exports, and the files harvesters and feed readers read
// (data.json, DCAT-AP, sitemap, feeds), typed and with CORS; the site's 404 page for anything
// missing (CKAN's paths included: no CKAN answer at all), read-only, and its own files hidden. The
// nginx, Apache, Netlify and preview tests each start their host and call `siteFlows`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { HostKind, RunningHost } from '../clients/flows.ts';
import { get, parseJson } from '../clients/http.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The files that configure hosts, at the build's root: none of them is part of the site. */
const hostFiles = ['datashelf.nginx.conf', '.htaccess', '_redirects', '_headers', 'datashelf.outputs.json'];
/** Requests every CKAN client starts with, and the answers a CKAN site would give. */
const ckanRequests = [
  'api/3/action/package_list',
  'api/action/package_list',
  'api/3/action/package_show?id=dataset-00',
  'api/3/action/package_show/dataset-00',
  'api/3/action/package_search?rows=1000&start=0',
  'api/3/action/package_search?q=flood',
  'api/3/action/resource_create',
  'api/3/search/dataset?q=type:dataset&rows=1000&fl=id,metadata_modified,organization&start=0',
  'api/3/error/not-found',
  'api/rest/dataset',
  'api/2/rest/dataset/dataset-00',
  'api/search/dataset?tags=all',
  'api/util/status',
];

/** The discovery outputs' files (outside /api/) with the type each is served with. */
const discoveryFiles = [
  ['data.json', 'application/json'],
  ['catalog.ttl', 'text/turtle; charset=utf-8'],
  ['catalog.jsonld', 'application/ld+json'],
  ['dataset/dataset-00.ttl', 'text/turtle; charset=utf-8'],
  ['dataset/dataset-00.jsonld', 'application/ld+json'],
  ['sitemap.xml', 'application/xml'],
  ['datasets/feed.atom', 'application/atom+xml'],
  ['topic/transport/feed.atom', 'application/atom+xml'],
  ['team/highways/feed.atom', 'application/atom+xml'],
] as const;

/** `netlify`: methods and CORS preflights are Netlify's own (docs/hosting.md), so they are not checked there. */
/** `compression`: what the host sends text compressed as, to a client that takes both (nginx: the build's .gz); null: it sends text as is. */
export function siteFlows(host: () => RunningHost, kind: HostKind = 'full', compression: 'gzip' | 'br' | null = null): void {
  const full = kind === 'full';
  const base = () => host().base;
  const notFoundPage = () => readFile(path.join(host().build, '404.html'), 'utf8');

  it('serves the exports typed by their extensions, with CORS on /api/', async () => {
    const json = await fetch(`${base()}api/datasets/export.json`);
    expect([json.status, json.headers.get('content-type'), json.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json', '*']);
    expect(await json.json()).toHaveLength(25);
    const xlsx = await fetch(`${base()}api/datasets/export.xlsx`);
    expect([xlsx.status, xlsx.headers.get('content-type'), xlsx.headers.get('access-control-allow-origin')]).toEqual([200, xlsxType, '*']);
    expect(Buffer.from(await xlsx.arrayBuffer()).equals(await readFile(path.join(host().build, 'api/datasets/export.xlsx')))).toBe(true);
    const csv = await fetch(`${base()}api/datasets/export.datasets.csv`);
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    if (!full) return;
    const preflight = await fetch(`${base()}api/datasets/export.json`, { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
  });

  it('serves the files harvesters and feed readers read from other sites\' pages with CORS, and the pages without', async () => {
    for (const [url, type] of discoveryFiles) {
      const reply = await fetch(`${base()}${url}`, { headers: { Origin: 'https://harvester.example' } });
      expect([reply.status, reply.headers.get('content-type'), reply.headers.get('access-control-allow-origin')], url).toEqual([200, type, '*']);
      expect(await reply.text(), url).toBe(await readFile(path.join(host().build, url), 'utf8'));
    }
    for (const url of ['', 'dataset/dataset-00/', 'robots.txt']) {
      const reply = await fetch(`${base()}${url}`, { headers: { Origin: 'https://harvester.example' } });
      expect([reply.status, reply.headers.get('access-control-allow-origin')], url).toEqual([200, null]);
    }
    if (!full) return;
    const preflight = await fetch(`${base()}catalog.jsonld`, { method: 'OPTIONS', headers: { Origin: 'https://harvester.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'content-type' } });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('caches the fingerprinted assets for a year, unchanged; pages, API answers and feeds for five minutes', async () => {
    const page = await fetch(base());
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'public, max-age=300']);
    const assets = [...(await page.text()).matchAll(/(?:href|src)="([^"]*\/_astro\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, base()));
      expect([asset, response.status, response.headers.get('cache-control')]).toEqual([asset, 200, 'public, max-age=31536000, immutable']);
    }
    for (const file of ['api/datasets/export.json', 'data.json', 'datasets/feed.atom', 'dataset/dataset-00/']) {
      const response = await fetch(`${base()}${file}`);
      expect([file, response.status, response.headers.get('cache-control')]).toEqual([file, 200, 'public, max-age=300']);
    }
  });

  it(`sends text ${compression ? `${compression}-compressed` : 'as is'} to a client that takes compression, and as is to one that does not`, async () => {
    const page = await fetch(base());
    const stylesheet = /href="([^"]*\/_astro\/[^"]+\.css)"/.exec(await page.text())![1]!;
    for (const address of [stylesheet, 'api/datasets/export.json', 'data.json', '']) {
      const url = new URL(address, base());
      const compressed = await fetch(url, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect([address, compressed.status, compressed.headers.get('content-encoding')]).toEqual([address, 200, compression]);
      const plain = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
      expect([address, plain.status, plain.headers.get('content-encoding')]).toEqual([address, 200, null]);
      // fetch decodes: both are the same text.
      expect(await compressed.text()).toBe(await plain.text());
    }
  });

  it('serves the pages, the API page among them', async () => {
    for (const url of ['', 'api/', 'dataset/dataset-00/']) {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.contentType], url).toEqual([200, expect.stringMatching(/^text\/html/)]);
    }
  });

  it('answers a missing page, anywhere, with the site\'s 404 page and status 404', async () => {
    for (const url of ['no-such-page/', 'dataset/no-such-dataset/', 'api/no-such-file']) {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.text], url).toEqual([404, await notFoundPage()]);
      expect(reply.contentType, url).toMatch(/^text\/html/);
    }
  });

  it('answers no CKAN request with CKAN JSON: each is a missing page', async () => {
    for (const url of ckanRequests) {
      const reply = await get(`${base()}${url}`);
      expect([reply.status, reply.text], url).toEqual([404, await notFoundPage()]);
      expect(parseJson(reply), url).toBeNull();
    }
  });

  it('serves none of the files that configure hosts (each is in the build)', async () => {
    for (const file of hostFiles) {
      await readFile(path.join(host().build, file));
      const reply = await get(`${base()}${file}`);
      expect([reply.status, reply.text], file).toEqual([404, await notFoundPage()]);
    }
  });

  // Netlify answers other methods itself (docs/hosting.md): no such test for it, rather than a skipped one.
  if (full) it('answers every other method with 405, never with CKAN\'s read-only error', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const url of [base(), `${base()}api/datasets/export.json`, `${base()}api/3/action/package_create`]) {
        const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: '{"name": "x"}' });
        const text = await response.text();
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.headers.get('content-type'), `${method} ${url}`).not.toBe('application/json');
        expect(text, `${method} ${url}`).not.toMatch(/"success"|read-only|ckanapi/);
      }
    }
  });
}
