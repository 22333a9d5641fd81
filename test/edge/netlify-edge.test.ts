// The generated Netlify Edge Function under Deno, with a hand-written stand-in for Netlify's context
// whose `next()` serves the build's files through Netlify's own rules engine: the handler answers
// what the files cannot, the files the rest, the index never; and, request by request, the same
// answers as the handler called directly in Node.js. Also: the generated code is the same bytes
// when written again.
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { writeEdgeFunctions } from '../../src/edge/write.ts';
import { edgeFiles, edgeHosts } from '../../src/edge/files.ts';
import { ckanIndexFiles } from '../../src/outputs/ckan/paths.ts';
import { hostTable } from '../../src/outputs/hosts/table.ts';
import { enabledOutputs } from '../../src/outputs/index.ts';
import { repoRoot } from '../helpers/content.ts';
import { exampleOnHost, expectHandlerAnswers } from './example-build.ts';
import { startNetlifyEdgeHost } from './netlify-host.ts';

describe('the Netlify Edge Function of a build, under Deno with a stand-in for Netlify\'s context', () => {
  const { example, get, file } = exampleOnHost(startNetlifyEdgeHost);

  it('leaves the static answers to the files: pages, the API\'s files, the Model API', async () => {
    const page = await get('dataset/air-quality/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(await file('dataset/air-quality/index.html'));
    for (const [url, sitePath] of [
      ['api/3/action/package_list', 'api/3/action/package_list'],
      ['api/3/action/package_search', 'api/3/page/package_search/10/0'],
      ['api/datasets/export.json', 'api/datasets/export.json'],
    ]) {
      const reply = await get(url!);
      expect([reply.status, reply.headers.get('content-type'), reply.headers.get('access-control-allow-origin')], url).toEqual([200, 'application/json', '*']);
      expect(await reply.text(), url).toBe(await file(sitePath!));
    }
  });

  it('answers with the CKAN handler what the files cannot: q, fq, rows=50, sort, facets, POST with JSON, JSONP, an action without a file', async () => {
    const search = await get('api/3/action/package_search?q=air&fq=-organization:people&rows=50&sort=name%20asc&facet.field=%5B%22organization%22%5D');
    expect([search.status, search.headers.get('content-type'), search.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json', '*']);
    const { result } = (await search.json()) as { result: { count: number; results: { name: string }[]; facets: Record<string, Record<string, number>> } };
    expect(result.count).toBeGreaterThan(0);
    expect(result.results.map((dataset) => dataset.name)).toEqual(result.results.map((dataset) => dataset.name).sort());
    expect(Object.keys(result.facets.organization!)).not.toContain('people');
    const posted = await get('api/3/action/package_search', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q: 'air', fq: '-organization:people', rows: 50, sort: 'name asc', 'facet.field': ['organization'] }) });
    expect(((await posted.json()) as { result: unknown }).result).toEqual(result);
    const jsonp = await get('api/3/action/package_search?q=air&callback=cb');
    expect([jsonp.status, jsonp.headers.get('content-type')]).toEqual([200, 'application/javascript;charset=utf-8']);
    // No file answers help_show: the static rules' `unknown-action` error is replaced by the handler's answer.
    const help = await get('api/3/action/help_show');
    expect(help.status).toBe(409);
    expect(await help.json()).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
    const preflight = await get('api/3/action/package_search', { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
  });

  it('never serves the handler\'s index, and leaves the generated code to the hidden files\' rules', async () => {
    const index = await file(ckanIndexFiles.catalogue);
    for (const hidden of [ckanIndexFiles.catalogue, 'api/%2Edatashelf/ckan-index/catalogue.json', 'api//.datashelf/ckan-index/catalogue.json', `${ckanIndexFiles.catalogue}?x=1`, 'api/.datashelf/ckan-index/packages/0.json']) {
      const reply = await get(hidden);
      expect(reply.status, hidden).toBe(404);
      expect(await reply.text(), hidden).not.toContain(index.slice(2, 200));
    }
    // `/.netlify/` is Netlify's own path (its rules engine refuses rules there), which the stand-in does not model.
    for (const hidden of edgeFiles.filter((generated) => !generated.startsWith('.netlify/'))) {
      const reply = await get(hidden);
      expect(reply.status, hidden).toBe(404);
      expect(await reply.text(), hidden).toBe(await file('404.html'));
    }
  });

  it('gives, request by request, the answers of the handler called directly in Node.js', async () => {
    await expectHandlerAnswers(example(), get);
  });

  it('writes the same bytes again from the same build (no clock, no machine path in the code)', async () => {
    const again = await mkdtemp(path.join(tmpdir(), 'datashelf-edge-again-'));
    // The index and the pages it reads its package dicts from.
    const { packageFiles } = JSON.parse(await file(ckanIndexFiles.catalogue)) as { packageFiles: string[] };
    for (const indexFile of [ckanIndexFiles.catalogue, ...packageFiles]) {
      await mkdir(path.dirname(path.join(again, indexFile)), { recursive: true });
      await cp(path.join(example().build, indexFile), path.join(again, indexFile));
    }
    const { catalogue } = await loadCatalogue({ contentDir: path.join(repoRoot, 'content') });
    await writeEdgeFunctions(catalogue, again, hostTable(enabledOutputs({})), edgeHosts);
    for (const generated of edgeFiles) {
      const text = await file(generated);
      expect(await readFile(path.join(again, generated), 'utf8'), generated).toBe(text);
      expect(text, generated).not.toContain(repoRoot);
      expect(text, generated).not.toContain(example().build);
    }
  });
});
