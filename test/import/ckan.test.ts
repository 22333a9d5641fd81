// import ckan from a portal over real HTTP on 127.0.0.1 (paging, a concurrency limit, a 500 then
// success, a page that never answers), from a saved package_search answer and a ckanapi dump.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateCatalogue } from '../../src/catalogue/validate.ts';
import { fetchCkanPackages, defaultFetchOptions } from '../../src/import/ckan-source.ts';
import { UserError } from '../../src/util/user-error.ts';
import { datashelf } from '../helpers/cli.ts';

const packageDict = (n: number) => ({
  id: `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`,
  name: `dataset-${n}`,
  title: `Dataset ${n}`,
  notes: `About **dataset ${n}**.`,
  state: 'active',
  type: 'dataset',
  private: false,
  license_id: n % 2 ? 'cc-by' : 'city-licence',
  license_title: n % 2 ? 'Creative Commons Attribution' : 'City Licence',
  license_url: n % 2 ? 'http://www.opendefinition.org/licenses/cc-by' : 'https://city.example/licence',
  isopen: n % 2 === 1,
  maintainer: 'GIS Team',
  maintainer_email: 'gis@city.example',
  metadata_created: '2019-02-05T16:34:18.123456',
  metadata_modified: '2025-01-21T16:10:03.000001',
  organization: { name: 'planning', title: 'Planning Department', description: 'Plans.', image_url: '' },
  groups: [{ name: 'environment', title: 'Environment', description: '' }],
  tags: [{ name: 'trees', display_name: 'trees' }, { name: 'Parks & Green', display_name: 'Parks & Green' }],
  extras: [
    { key: 'Update Frequency', value: 'Monthly' },
    { key: 'wards', value: '["North", "South"]' },
  ],
  resources: [
    { id: `1111111${n}-aaaa-4bbb-8ccc-dddddddddddd`, name: 'Data (CSV)', url: `https://city.example/${n}.csv`, format: 'CSV', description: '', mimetype: 'text/csv' },
    { id: `2222222${n}-aaaa-4bbb-8ccc-dddddddddddd`, name: 'Upload', url: 'upload.csv', format: 'CSV', url_type: 'upload' },
  ],
});
const all = [1, 2, 3, 4, 5].map(packageDict);

let server: Server;
let base: string;
let requests: string[];
let inFlight: number;
let maxInFlight: number;
let behaviour: (start: number, attempt: number) => 'ok' | '500' | 'hang';

beforeEach(async () => {
  requests = [];
  inFlight = 0;
  maxInFlight = 0;
  behaviour = () => 'ok';
  const attempts = new Map<number, number>();
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url!, 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    if (url.pathname !== '/api/3/action/package_search') {
      response.writeHead(404).end();
      return;
    }
    const rows = Number(url.searchParams.get('rows'));
    const start = Number(url.searchParams.get('start'));
    const attempt = (attempts.get(start) ?? 0) + 1;
    attempts.set(start, attempt);
    const what = behaviour(start, attempt);
    if (what === 'hang') return;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      if (what === '500') {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('busy');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ help: '', success: true, result: { count: all.length, results: all.slice(start, start + rows) } }));
    }, 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const options = { ...defaultFetchOptions, rows: 2, concurrency: 2, backoffMs: 10, timeoutMs: 2_000 };

describe('reading a CKAN portal', () => {
  it('follows package_search paging with GET only, at most `concurrency` requests at once, in order', async () => {
    const progress: string[] = [];
    const packages = await fetchCkanPackages(`${base}/`, { ...options, concurrency: 1, progress: (done, total) => progress.push(`${done}/${total}`) });
    expect(packages.map((item) => item.dict.name)).toEqual(['dataset-1', 'dataset-2', 'dataset-3', 'dataset-4', 'dataset-5']);
    expect(requests).toEqual(['GET /api/3/action/package_search?rows=2&start=0', 'GET /api/3/action/package_search?rows=2&start=2', 'GET /api/3/action/package_search?rows=2&start=4']);
    expect(maxInFlight).toBe(1);
    expect(progress).toEqual(['2/5', '4/5', '5/5']);
  });

  it('retries a page that answers 500, then takes its answer', async () => {
    behaviour = (start, attempt) => (start === 2 && attempt === 1 ? '500' : 'ok');
    const packages = await fetchCkanPackages(base, options);
    expect(packages).toHaveLength(5);
    expect(requests.filter((line) => line.endsWith('start=2'))).toHaveLength(2);
  });

  it('gives up on a page that never answers, after its retries, with what to do', async () => {
    behaviour = (start) => (start === 4 ? 'hang' : 'ok');
    const error = await fetchCkanPackages(base, { ...options, timeoutMs: 300, retries: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(`${base}/api/3/action/package_search?rows=2&start=4: no answer within 0.3 s after 2 attempts; try again later, or use --concurrency 1.`);
    expect(requests.filter((line) => line.endsWith('start=4'))).toHaveLength(2);
  });
});

describe('datashelf import ckan', () => {
  it('writes teams, topics, licences, custom fields and datasets that pass the check, from a portal URL', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'datashelf-ckan-'));
    const run = await datashelf(['import', 'ckan', base, '--content', 'content'], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 5 added, 0 updated, 0 unchanged\./);
    // The upload's URL is relative to the old portal: said, not guessed.
    expect(run.stderr).toContain(`note: ${base}/api/3/action/package_search?rows=100&start=0: 'dataset-1' resources[1] has the url 'upload.csv', not an http(s) address: left out`);
    const contentDir = path.join(work, 'content');
    const { catalogue } = await validateCatalogue({ contentDir });
    expect(catalogue.site.url).toBe(`${base}/`);
    expect(catalogue.site.customFields).toEqual([
      { id: 'update_frequency', title: 'Update frequency', type: 'text' },
      { id: 'wards', title: 'Wards', type: 'list' },
    ]);
    expect(catalogue.teams.map((team) => [team.id, team.title])).toEqual([['planning', 'Planning Department']]);
    expect(catalogue.topics).toEqual([{ id: 'environment', title: 'Environment' }]);
    expect(await readFile(path.join(contentDir, 'licences.yaml'), 'utf8')).toBe('- id: city-licence\n  title: City Licence\n  url: https://city.example/licence\n  open: false\n');
    expect(await readFile(path.join(contentDir, 'datasets/dataset-1.md'), 'utf8')).toBe(`---
id: dataset-1
ckanId: 00000001-aaaa-4bbb-8ccc-dddddddddddd
title: Dataset 1
team: planning
tags:
  - trees
  - Parks & Green
topics:
  - environment
licence: cc-by-4.0
contact:
  title: GIS Team
  email: gis@city.example
custom:
  update_frequency: Monthly
  wards:
    - North
    - South
createdAt: 2019-02-05T16:34:18.123456Z
updatedAt: 2025-01-21T16:10:03.000001Z
resources:
  - id: data-csv
    ckanId: 11111111-aaaa-4bbb-8ccc-dddddddddddd
    title: Data (CSV)
    url: https://city.example/1.csv
    format: CSV
    mediaType: text/csv
---

About **dataset 1**.
`);
  });

  it('reads a ckanapi dump (JSON lines), reporting a line that is not a package with its number', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'datashelf-ckan-'));
    await writeFile(path.join(work, 'datasets.jsonl'), `${JSON.stringify(all[0])}\n{"name": "broken",\n${JSON.stringify(all[1])}\n`);
    const run = await datashelf(['import', 'ckan', 'datasets.jsonl', '--content', 'content'], work);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^not imported: datasets\.jsonl:2: is not a package dict in JSON \(.+\)$/m);
    expect(run.stdout).toMatch(/: 2 added, 0 updated, 0 unchanged, 1 not imported/);
  });

  it('reads a saved package_search answer', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'datashelf-ckan-'));
    await writeFile(path.join(work, 'search.json'), JSON.stringify({ help: '', success: true, result: { count: 3, results: all.slice(0, 3) } }, null, 2));
    const run = await datashelf(['import', 'ckan', 'search.json', '--content', 'content'], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 3 added, 0 updated, 0 unchanged\./);
    const again = await datashelf(['import', 'ckan', 'search.json', '--content', 'content'], work);
    expect(again.stdout).toMatch(/: 0 added, 0 updated, 3 unchanged\./);
  });
});

describe('import errors', () => {
  it('are one line naming the file (and line) and what to do', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'datashelf-ckan-'));
    await writeFile(path.join(work, 'export.json'), '[\n  {"id": "a",\n  oops\n]');
    const cases = [
      [['import', 'datapress', 'missing.json'], `${path.join(work, 'missing.json')}: cannot be read (ENOENT); give the path of a DataPress export.json.\n`],
      [['import', 'datapress', 'export.json'], /^\/.*export\.json:3: is not valid JSON \(.*\); give an export\.json as DataPress writes it\.\n$/],
      [['import', 'jkan', '.'], `${path.join(work, '_datasets')}: no dataset files found; give the folder of a JKAN repository (the one holding _datasets/ and _config.yml).\n`],
      [['import', 'ckan', `${base}/nothing-here`], `${base}/nothing-here/api/3/action/package_search?rows=100&start=0: the portal answered HTTP 404; check the address (it is the portal's home page, e.g. https://data.example.gov).\n`],
    ] as const;
    for (const [args, expected] of cases) {
      const run = await datashelf([...args], work);
      expect(run.code).toBe(1);
      if (typeof expected === 'string') expect(run.stderr).toBe(expected);
      else expect(run.stderr).toMatch(expected);
    }
  });
});
