// `datashelf qa` against HTTP servers on 127.0.0.1 that answer 200, 301, 404, 500, slowly and never;
// the build then fills export.json's QA fields and shows the broken links.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl } from '../../src/qa/check-url.ts';
import { runQa } from '../../src/qa/run-qa.ts';
import type { LinkCheckResults } from '../../src/qa/results.ts';
import { formatDate } from '../../src/site/format.ts';
import { datashelf } from '../helpers/cli.ts';
import { contentFrom, fixturesDir, repoRoot } from '../helpers/content.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

let server: Server;
let base: string;
const requests: string[] = [];
let inFlight = 0;
let mostInFlight = 0;
let flakyCalls = 0;
const held: import('node:http').ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    const url = request.url ?? '/';
    if (url === '/ok.csv') {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-length': '8' });
      response.end(request.method === 'HEAD' ? undefined : 'a,b\n1,2\n');
    } else if (url === '/moved') {
      response.writeHead(301, { location: '/ok.csv' }).end();
    } else if (url === '/missing') {
      response.writeHead(404).end();
    } else if (url === '/error') {
      response.writeHead(500).end();
    } else if (url === '/no-head') {
      if (request.method === 'HEAD') response.writeHead(405).end();
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    } else if (url === '/flaky') {
      flakyCalls += 1;
      response.writeHead(flakyCalls === 1 ? 503 : 200, { 'content-type': 'text/plain' }).end();
    } else if (url.startsWith('/slow')) {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end(), 300);
    } else if (url === '/never') {
      held.push(response); // accepts the request and never answers
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of held) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 1000, retries: 2, backoffMs: 10, now: '2026-01-01T00:00:00Z' };

describe('checking one URL', () => {
  it('records status, size and type, follows redirects, and GETs when HEAD is refused', async () => {
    expect(await checkUrl(`${base}/ok.csv`, options)).toEqual({ url: `${base}/ok.csv`, httpStatus: 200, finalUrl: null, size: 8, mimetype: 'text/csv', hash: null, error: null, qaTimestamp: '2026-01-01T00:00:00Z' });
    expect(await checkUrl(`${base}/moved`, options)).toMatchObject({ httpStatus: 200, finalUrl: `${base}/ok.csv`, mimetype: 'text/csv' });
    requests.length = 0;
    expect(await checkUrl(`${base}/no-head`, options)).toMatchObject({ httpStatus: 200, size: 12, mimetype: 'text/html', hash: '4f28dc216e70d5555ca2198c547b9217' });
    expect(requests).toEqual(['HEAD /no-head', 'GET /no-head']);
  });

  it('reports 404 at once, retries a 500 with backoff, and gives up on a server that never answers', async () => {
    requests.length = 0;
    expect(await checkUrl(`${base}/missing`, options)).toMatchObject({ httpStatus: 404, size: null, mimetype: null });
    expect(requests).toEqual(['HEAD /missing']);
    requests.length = 0;
    expect(await checkUrl(`${base}/error`, options)).toMatchObject({ httpStatus: 500 });
    expect(requests).toEqual(['HEAD /error', 'HEAD /error', 'HEAD /error']);
    expect(await checkUrl(`${base}/flaky`, options)).toMatchObject({ httpStatus: 200 });
    const started = Date.now();
    expect(await checkUrl(`${base}/never`, { ...options, timeoutMs: 200, retries: 1 })).toMatchObject({ httpStatus: null, error: 'no answer within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await checkUrl(`${base}/slow`, { ...options, timeoutMs: 100, retries: 0 })).toMatchObject({ httpStatus: null, error: 'no answer within 0.1 s' });
    expect(await checkUrl(`${base}/slow`, options)).toMatchObject({ httpStatus: 200 });
  });

  it('keeps to the concurrency limit', async () => {
    mostInFlight = 0;
    const urls = Array.from({ length: 12 }, (_, index) => `${base}/slow/${index}`);
    const results = await runQa(urls, { ...options, concurrency: 3 });
    expect(results.results.every((result) => result.httpStatus === 200)).toBe(true);
    expect(mostInFlight).toBe(3);
  });
});

describe('datashelf qa, then build', () => {
  it('writes the results file that fills export.json and shows broken links and files on the dataset page and the report', async () => {
    const foi = (await readFile(path.join(fixturesDir, 'minimal/datasets/foi.md'), 'utf8'))
      .replace('url: https://files.testshire.example/foi/requests.csv', `url: ${base}/gone.csv`)
      .replace(/links:\n[\s\S]*?---/, `links:\n  - id: el3\n    title: FOI guidance\n    url: ${base}/missing\n  - id: ok\n    title: Data\n    url: ${base}/ok.csv\n  - id: down\n    title: Down\n    url: ${base}/error\n  - id: moved\n    title: Moved\n    url: ${base}/moved\n---`);
    const { root } = await contentFrom('minimal', { 'datasets/foi.md': foi });
    const qa = await datashelf(['qa', '--retries', '1', '--backoff', '0.01', '--summary'], root);
    expect(qa.code).toBe(0);
    const out = qa.stdout;
    expect(out).toContain('3 of 5 links and external files did not work');
    expect(out).toContain(`| HTTP 404 | ${base}/missing | \`foi\` (link el3) |`);
    expect(out).toContain(`| HTTP 404 | ${base}/gone.csv | \`foi\` (resource k93) |`);
    const results = JSON.parse(await readFile(path.join(root, 'link-check.json'), 'utf8')) as LinkCheckResults;
    expect(results.results.map((result) => [result.url, result.httpStatus])).toEqual([
      [`${base}/error`, 500],
      [`${base}/gone.csv`, 404],
      [`${base}/missing`, 404],
      [`${base}/moved`, 200],
      [`${base}/ok.csv`, 200],
    ]);

    expect((await datashelf(['build'], root)).code).toBe(0);
    const exported = JSON.parse(await readFile(path.join(root, 'dist/api/datasets/export.json'), 'utf8')) as { id: string; links: { id: string; httpStatus: number | null; size: number | null; mimetype: string | null; qaTimestamp: string | null }[] }[];
    const links = exported.find((dataset) => dataset.id === 'foi')!.links;
    expect(links.map((link) => [link.id, link.httpStatus, link.size, link.mimetype, link.qaTimestamp])).toEqual([
      ['el3', 404, null, null, results.checkedAt],
      ['ok', 200, 8, 'text/csv', results.checkedAt],
      ['down', 500, null, null, results.checkedAt],
      ['moved', 200, 8, 'text/csv', results.checkedAt],
    ]);
    // The page says so in words, beside the file and under each link (not by colour alone).
    const page = await readFile(path.join(root, 'dist/dataset/foi/index.html'), 'utf8');
    const words = page.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const day = formatDate(results.checkedAt);
    const fileRow = /<tr>(?:(?!<\/tr>)[\s\S])*?FOI requests received(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(page)![0];
    expect(fileRow.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain(`Broken link: this file did not open when it was last checked, on ${day} (HTTP 404).`);
    const host = new URL(base).host;
    expect(words).toContain(`FOI guidance ${host} Broken link: this link did not work when it was last checked, on ${day} (HTTP 404).`);
    expect(words).toContain(`Down ${host} Broken link: this link did not work when it was last checked, on ${day} (HTTP 500).`);
    expect(words.match(/Broken link:/g)).toHaveLength(3);
    const report = await readFile(path.join(root, 'dist/reports/links/index.html'), 'utf8');
    expect(report).toContain('<caption>3 broken links</caption>');
    expect(report).toContain(`<td>File</td><td>FOI requests received 2020-25</td><td><a href="${base}/gone.csv">${base}/gone.csv</a></td><td>HTTP 404</td><td>${results.checkedAt}</td>`);
    expect(report).toContain(`<td>Link</td><td>FOI guidance</td><td><a href="${base}/missing">`);
    expect(report).not.toContain(`${base}/ok.csv`);
    expect(report).not.toContain(`${base}/moved`);
    // Valid HTML, as every page of the site (the Nu Html Checker, as test/e2e/html-valid.test.ts runs it).
    const vnu = await run('java', ['-jar', path.join(repoRoot, 'node_modules/vnu-jar/build/dist/vnu.jar'), '--format', 'json', path.join(root, 'dist/reports/links/index.html')]).catch((error: { stderr: string }) => error);
    expect((JSON.parse(vnu.stderr) as { messages: { message: string }[] }).messages.map((message) => message.message)).toEqual([]);
  }, 300_000);
});
