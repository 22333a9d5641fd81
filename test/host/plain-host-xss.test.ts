// Issue 7 (defect 2): a dataset's text in the API's answers never runs as a page, on any host,
// including one that types files by their extension only (GitHub Pages, S3, `python3 -m http.server`).
// No API file has a name such a host serves as markup, and no JSON file under api/ holds a raw `<`,
// `>` or `&`; then the real thing: the build served by Python's http.server, opened in Chromium.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { createCkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { ckanIds } from '../../src/outputs/ckan/ids.ts';
import { LinkedFiles } from '../../src/outputs/ckan/linked-files.ts';
import { contentTypeFor, markupExtensions } from '../../src/outputs/hosts/media-types.ts';
import { hostTable } from '../../src/outputs/hosts/table.ts';
import { allOutputs, writeOutputs } from '../../src/outputs/index.ts';
import { jsonText } from '../../src/outputs/json-text.ts';
import { launchChromium } from '../e2e/browser.ts';
import { listFiles } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';
import { freePort, startServer, type Running } from './processes.ts';

const run = promisify(execFile);
/** Debian's Python: the by-extension host of the test (a python3 earlier on PATH may be another). */
const python = process.env.PYTHON_PATH ?? '/usr/bin/python3';
const site = 'https://data.testshire.example/';

// Each payload reports itself when it runs: a console message and a flag on the window.
const script = `<script>console.log('pwned:script');window.__pwned='script'</script>`;
// Unquoted attribute: JSON escapes a `"`, which would break the handler rather than defuse it.
const image = `<img src=x onerror=window.__pwned='img';console.log('pwned:img')>`;
const hostileTitle = `Road Casualties ${script} ${image}`;
const hostileNotes = `Casualties ${script}\n\n${image}\n\nA & B > C.`;
// A tag whose CKAN name is a file name a by-extension host would serve as HTML.
const hostileTag = 'casualties.html';

/** The rest fixture (relationships, so folder answers at every depth), its one dataset made hostile. */
const hostileDataset = [
  '---',
  'name: casualties',
  `title: ${JSON.stringify(hostileTitle)}`,
  'team: highways',
  `tags: [Road Safety, ${JSON.stringify(hostileTag)}]`,
  'topics: [transport]',
  'createdAt: 2020-03-01T09:00:00Z',
  'resources:',
  '  - id: "2023"',
  `    title: ${JSON.stringify(`Casualties 2023 ${script}`)}`,
  '    file: casualties 2023.csv',
  'relationships:',
  '  - type: derives_from',
  '    dataset: traffic-counts',
  `    comment: ${JSON.stringify(`Uses the counts ${image}`)}`,
  '---',
  hostileNotes,
  '',
].join('\n');

/** A media type a browser renders as a document that can run scripts: HTML, XHTML, SVG, XML, XSLT. */
const markupType = (type: string | null | undefined) => /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xml|application\/xslt\+xml|text\/xsl)\s*(;|$)/i.test(type ?? '');

/** The media types our host configurations and the preview send, in a full build. */
const mediaTypes = hostTable(allOutputs).mediaTypes;

/** The spreadsheet exports: data for spreadsheets, typed by their extensions (checked), not JSON. */
const tabularExport = (file: string) => /^api\/datasets\/export\.[a-z.]+\.csv$|\.xlsx$/.test(file);

/** Python's own table of extensions (what `http.server` types a file by), as `.ext` → type. */
async function pythonMediaTypes(): Promise<Record<string, string>> {
  const { stdout } = await run(python, ['-c', 'import json, mimetypes, http.server\nmimetypes.init()\nprint(json.dumps({**mimetypes.types_map, **http.server.SimpleHTTPRequestHandler.extensions_map}))']);
  return JSON.parse(stdout) as Record<string, string>;
}
const extensionOf = (file: string) => /(\.[^./]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
/** A site-relative file path as a URL path: each segment percent-encoded (`Road%20Safety` is a file named so). */
const urlPath = (file: string) => file.split('/').map(encodeURIComponent).join('/');

let root: string;
let outDir: string;
let apiFiles: string[];
let pythonTypes: Record<string, string>;

beforeAll(async () => {
  const content = await contentFrom('rest', { 'datasets/road-casualties/index.md': hostileDataset });
  root = content.root;
  outDir = path.join(root, 'dist');
  // Every output but the pages (Astro's; the one page under api/, about the API, is not an answer).
  const { catalogue } = await loadCatalogue({ contentDir: content.contentDir });
  await writeOutputs(catalogue, outDir);
  apiFiles = (await listFiles(outDir)).filter((file) => file.startsWith('api/'));
  pythonTypes = await pythonMediaTypes();
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the API files of a build whose dataset title and notes hold <script> and <img onerror>', () => {
  it('has no file under api/ that a by-extension host serves as markup', () => {
    expect(apiFiles.length).toBeGreaterThan(100);
    const markup = apiFiles.filter((file) => markupType(pythonTypes[extensionOf(file)]) || markupType(contentTypeFor(mediaTypes, file)));
    expect(markup).toEqual([]);
  });

  it('holds no raw <, > or & in any JSON file under api/; the text parses back as written', async () => {
    const raw: string[] = [];
    for (const file of apiFiles) {
      // The handler's gzipped store of the package dicts (hidden, but readable on a plain host): its JSON, as the handler reads it.
      const text = file.endsWith('.gz') ? gunzipSync(await readFile(path.join(outDir, file))).toString('utf8') : await readFile(path.join(outDir, file), 'utf8');
      if (tabularExport(file)) {
        expect(markupType(contentTypeFor(mediaTypes, file)), file).toBe(false);
        continue;
      }
      expect(() => JSON.parse(text), `${file} is JSON`).not.toThrow();
      if (/[<>&]/.test(text)) raw.push(file);
    }
    expect(raw).toEqual([]);
    const read = async (file: string) => JSON.parse(await readFile(path.join(outDir, file), 'utf8'));
    // The v1 entity is the request handler's answer (no file), through the same serialiser.
    const entity = await (await createCkanHandler(await readCkanIndex(outDir))(new Request(new URL('api/1/rest/dataset/casualties', site)))).text();
    expect(entity).not.toMatch(/[<>&]/);
    const v1 = JSON.parse(entity);
    expect([v1.title, v1.notes]).toEqual([hostileTitle, hostileNotes]);
    expect((await read('api/3/action/package_show/casualties')).result.title).toBe(hostileTitle);
    expect((await read('api/datasets/export.json')).find((dataset: { id: string }) => dataset.id === 'road-casualties').title).toBe(hostileTitle);
  });

  it('answers a tag whose name ends in .html by its UUID only', () => {
    const uuid = ckanIds.tag(site, hostileTag);
    expect(apiFiles).toEqual(expect.arrayContaining([`api/3/action/tag_show/${uuid}`, `api/1/rest/tag/${uuid}`, `api/2/rest/tag/${uuid}`]));
    expect(apiFiles.filter((file) => file.endsWith(hostileTag))).toEqual([]);
  });
});

describe('the names and the serialiser that keep it so', () => {
  it('counts as markup every extension Python and our own table type as HTML, XHTML, SVG, XML or XSLT', async () => {
    const types = await pythonMediaTypes();
    const python = Object.entries(types).filter(([, type]) => markupType(type));
    expect(python.length).toBeGreaterThan(5);
    for (const [extension] of python) expect(markupExtensions, extension).toContain(extension.slice(1).toLowerCase());
    for (const [extension, type] of Object.entries(mediaTypes)) if (markupType(type)) expect(markupExtensions, extension).toContain(extension);
  });

  it('refuses to write an API answer under a name hosts serve as a page', () => {
    expect(() => new LinkedFiles(path.join(root, 'refused')).write(['api/1/rest/dataset/x/index.html'], '[]')).toThrow(/must not have a name hosts serve as a page/);
  });

  it('writes JSON with <, > and & escaped in strings, which parses to the same value', () => {
    const value = { title: '<script>x</script> & <img onerror=y>', nested: ['a>b', { '<key>': '&amp;' }], n: 1.5, none: null };
    const text = jsonText(value);
    expect(text).toBe('{"title":"\\u003cscript\\u003ex\\u003c/script\\u003e \\u0026 \\u003cimg onerror=y\\u003e","nested":["a\\u003eb",{"\\u003ckey\\u003e":"\\u0026amp;"}],"n":1.5,"none":null}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('the build served by python3 -m http.server (types files by extension), in Chromium', () => {
  let server: Running;
  let browser: Browser;
  let page: Page;
  const ran: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer(python, ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', outDir, String(port)], `http://127.0.0.1:${port}/`);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.text().startsWith('pwned:')) ran.push(`console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      ran.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves no file under api/ as markup', async () => {
    const served: string[] = [];
    for (const file of apiFiles) {
      const response = await fetch(`${server.base}${urlPath(file)}`, { method: 'HEAD' });
      expect(response.status, file).toBe(200);
      if (markupType(response.headers.get('content-type'))) served.push(`${file}: ${response.headers.get('content-type')}`);
    }
    expect(served).toEqual([]);
  });

  it('runs no payload on any path that answered as a folder\'s index.html, nor on the answers themselves', async () => {
    const uuid = ckanIds.dataset(site, 'road-casualties');
    const folders = ['api/1/rest', 'api/2/rest', 'api/rest'].flatMap((prefix) => [
      `${prefix}/dataset`,
      ...['casualties', 'road-casualties', uuid].map((key) => `${prefix}/dataset/${key}`),
      `${prefix}/dataset/casualties/relationships`,
      `${prefix}/dataset/casualties/derives_from`,
      `${prefix}/tag`,
      `${prefix}/group`,
    ]);
    const answers = ['api/3/action/package_show/casualties', 'api/action/package_search', 'api/1/search/dataset', 'api/datasets/export.json', 'api/1/rest/dataset/casualties/relationships/index.json'];
    const urls = [...folders.flatMap((folder) => [folder, `${folder}/`, `${folder}/index.html`, `${folder}/index.json`]), ...answers];

    const documents: string[] = [];
    const problems: string[] = [];
    for (const url of urls) {
      ran.length = 0;
      const response = await page.goto(`${server.base}${url}`, { waitUntil: 'load' }).catch(() => null); // null: a download (extension-less files are application/octet-stream here)
      await page.waitForTimeout(50);
      const flag = await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned).catch(() => undefined);
      if (ran.length > 0 || flag !== undefined) problems.push(`${url}: ran ${[...ran, `__pwned=${String(flag)}`].join(', ')}`);
      if (!response) continue;
      const type = response.headers()['content-type'] ?? '';
      // Python lists a folder that has no index.html: its own page of escaped file names, none of our text.
      const listing = response.status() === 200 && (await page.title()).startsWith('Directory listing for');
      if (listing && (await page.content()).includes('Road Casualties')) problems.push(`${url}: a listing showing the dataset's text`);
      if (markupType(type) && !listing && response.status() !== 404) problems.push(`${url}: ${response.status()} served as ${type}`);
      documents.push(`${url} ${response.status()} ${listing ? 'listing' : type}`);
    }
    expect(problems).toEqual([]);
    // The answers that were index.html are JSON at their index.json, and index.html is gone.
    expect(documents).toContain('api/1/rest/dataset/casualties/relationships/index.json 200 application/json');
    expect(documents).toContain('api/2/rest/dataset/index.json 200 application/json');
    expect(documents.filter((line) => / 200 /.test(line) && line.split(' ')[0]!.endsWith('index.html'))).toEqual([]);
  });
});
