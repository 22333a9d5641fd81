// Site search in a real browser, on the example catalogue built and served as a static host serves
// it: from the header's box to filtered, sorted, shareable results and on to a dataset; keyboard
// and screen-reader use; and the built list, which pages through every dataset, without JavaScript.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { searchInput, type SearchRecord } from '../../src/outputs/search/records.ts';
import { matchesAsPrefix, searchWords } from '../../src/outputs/search/words.ts';
import { startPreview } from '../../src/preview/server.ts';
import { tagPath } from '../../src/site/links.ts';
import { tagListings } from '../../src/site/listings.ts';
import { buildFolder, type BuildFolder } from '../site/build-folder.ts';
import { axeViolations, launchChromium, viewports } from './browser.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const contentDir = path.join(projectRoot, 'content');

let folder: BuildFolder;
let catalogue: Catalogue;
let records: SearchRecord[];
let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  folder = await buildFolder('e2e-search');
  const outDir = path.join(folder.dir, 'site');
  ({ catalogue } = await buildSite({ contentDir, outDir }));
  records = searchInput(catalogue).records;
  server = await startPreview({ root: outDir, port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await folder?.remove();
});

const url = (sitePath: string) => `${origin}${catalogue.site.basePath}${sitePath}`;

/** A page that records every console error and uncaught exception: the test fails on any. */
async function withPage<T>(options: { viewport?: keyof typeof viewports; javaScript?: boolean }, work: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: viewports[options.viewport ?? 'desktop'], javaScriptEnabled: options.javaScript ?? true });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const result = await work(page, context);
    expect(errors).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/** The datasets a word finds, as the index defines it: any field holding the word, or a word it starts. */
function recordsMatching(word: string): SearchRecord[] {
  return records.filter((record) => Object.values(record.text).some((text) => searchWords(text).some((found) => found === word || (matchesAsPrefix(word) && found.startsWith(word)))));
}

/**
 * A word from a dataset's description that finds a few datasets (one page of results) in more
 * than one topic, and a topic that narrows them: chosen from the catalogue, not hard-coded.
 */
function wordAndTopic(): { word: string; topic: string; matches: SearchRecord[] } {
  const candidates = [...new Set(catalogue.datasets.flatMap((dataset) => searchWords(dataset.descriptionText)))].filter((word) => word.length >= 5).sort();
  for (const word of candidates) {
    const matches = recordsMatching(word);
    if (matches.length < 3 || matches.length > 20) continue;
    const topic = [...new Set(matches.flatMap((record) => record.facets.topic))].sort().find((id) => matches.filter((record) => record.facets.topic.includes(id)).length < matches.length);
    if (topic && matches.some((record) => record.facets.topic.includes(topic))) return { word, topic, matches };
  }
  throw new Error('the example catalogue has no word to test the search with');
}

const titles = (matches: readonly SearchRecord[]) => matches.map((record) => record.document.title);
const shownTitles = (page: Page) => page.locator('[data-search-results] .dataset-list h2').allInnerTexts();
const status = (page: Page) => page.locator('[data-search-status]');

async function waitForResults(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => {
    const text = document.querySelector('[data-search-status]')?.textContent ?? '';
    return expected === 0 ? text.startsWith('No datasets') : text.startsWith(expected === 1 ? '1 dataset' : `${expected.toLocaleString('en')} datasets`);
  }, count);
}

describe('searching from the header', () => {
  it('lands on the dataset list with the datasets holding a word from a description', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      await page.goto(url(''));
      await page.getByRole('search', { name: 'Site' }).getByRole('searchbox', { name: 'Search datasets' }).fill(word);
      await page.keyboard.press('Enter');
      await page.waitForURL(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      expect(await status(page).innerText()).toBe(`${matches.length} datasets match ‘${word}’.`);
      expect((await shownTitles(page)).sort()).toEqual(titles(matches).sort());
      // The built list and the browse links give way to the results and their filters.
      expect(await page.locator('[data-built-list]').first().isHidden()).toBe(true);
      expect(await page.getByRole('heading', { name: 'Filter results' }).isVisible()).toBe(true);
      expect(await page.getByRole('searchbox', { name: 'Search datasets' }).last().inputValue()).toBe(word);
    });
  });

  it('also from the home page’s own search box', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      await page.goto(url(''));
      const box = page.getByRole('search', { name: 'Datasets' });
      await box.getByLabel('Search datasets').fill(word);
      await box.getByRole('button', { name: 'Search' }).click();
      await waitForResults(page, matches.length);
      expect(page.url()).toBe(url(`datasets/?q=${word}`));
    });
  });
});

describe('filters', () => {
  it('narrow the results and update the counts; the address holds the search, and reloading it restores it', async () => {
    const { word, topic, matches } = wordAndTopic();
    const narrowed = matches.filter((record) => record.facets.topic.includes(topic));
    const topicTitle = catalogue.topics.find((entry) => entry.id === topic)!.title;
    await withPage({}, async (page) => {
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      const topics = page.getByRole('group', { name: 'Topic' });
      const topicBox = topics.getByRole('checkbox', { name: new RegExp(`^${topicTitle} ${narrowed.length} datasets?$`) });
      await topicBox.check();
      await waitForResults(page, narrowed.length);
      expect((await shownTitles(page)).sort()).toEqual(titles(narrowed).sort());
      // Each team's count is now that of the narrowed results.
      const teams = page.getByRole('group', { name: 'Team' }).locator('li:not([hidden]) label');
      const expectedTeams = [...new Set(narrowed.map((record) => record.document.team))].sort().map((team) => `${team} ${narrowed.filter((record) => record.document.team === team).length}`);
      expect((await teams.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').replace(/ datasets?$/, '').trim()).sort()).toEqual(expectedTeams);
      expect(new URL(page.url()).search).toBe(`?q=${word}&topic=${topic}`);

      await page.reload();
      await waitForResults(page, narrowed.length);
      expect(await page.getByRole('group', { name: 'Topic' }).getByRole('checkbox', { name: new RegExp(`^${topicTitle} `) }).isChecked()).toBe(true);
      expect(await page.locator('#dataset-search-text').inputValue()).toBe(word);
      expect((await shownTitles(page)).sort()).toEqual(titles(narrowed).sort());

      const first = page.locator('[data-search-results] .dataset-list h2 a').first();
      const title = await first.innerText();
      await first.click();
      await page.waitForURL(/\/dataset\//);
      expect(await page.locator('h1').innerText()).toBe(title);
    });
  });

  it('work from the keyboard: focus stays on the ticked box, and the count is announced', async () => {
    const { word, topic, matches } = wordAndTopic();
    const narrowed = matches.filter((record) => record.facets.topic.includes(topic));
    await withPage({}, async (page) => {
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      const topicTitle = catalogue.topics.find((entry) => entry.id === topic)!.title;
      const box = page.getByRole('group', { name: 'Topic' }).getByRole('checkbox', { name: new RegExp(`^${topicTitle} `) });
      await box.focus();
      await page.keyboard.press('Space');
      await waitForResults(page, narrowed.length);
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
      expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await status(page).getAttribute('role')).toBe('status');
    });
  });

  it('count tags among the results, and a tag narrows them too', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      const tags = page.getByRole('group', { name: 'Tag' });
      await tags.getByRole('checkbox').first().waitFor();
      const [slug, count] = [...new Map(matches.flatMap((record) => record.tags.map((tag) => [tag.slug, matches.filter((other) => other.tags.some((mine) => mine.slug === tag.slug)).length] as const)))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      await tags.locator(`input[value="${slug}"]`).check();
      await waitForResults(page, count);
      expect(new URL(page.url()).searchParams.getAll('tag')).toEqual([slug]);
    });
  });

  it('are counted on request when counting them would cost much (a large catalogue)', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      // The manifest as a catalogue with many tags writes it: its tag shards too heavy to read on every search.
      await page.route('**/search/index.json', async (route) => {
        const manifest = await (await route.fetch()).json();
        await route.fulfill({ json: { ...manifest, tagShards: { ...manifest.tagShards, bytes: 10 * 2 ** 20 } } });
      });
      const tagRequests: string[] = [];
      page.on('request', (request) => request.url().includes('/search/tags/') && tagRequests.push(request.url()));
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      expect(tagRequests).toEqual([]);
      const tags = page.getByRole('group', { name: 'Tag' });
      await tags.getByRole('button', { name: 'Show tags in these results' }).click();
      await tags.getByRole('checkbox').first().waitFor();
      expect(tagRequests.length).toBeGreaterThan(0);
      // Once asked for, they follow every search.
      await page.getByLabel('Sort by').selectOption({ label: 'Recently updated' });
      await page.waitForURL(/sort=updated/);
      await tags.getByRole('checkbox').first().waitFor();
      expect(await tags.getByRole('button').count()).toBe(0);
    });
  });
});

describe('sorting and paging', () => {
  it('orders the results by recent update on request, and says so in the address', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      await page.getByLabel('Sort by').selectOption({ label: 'Recently updated' });
      await page.waitForURL(url(`datasets/?q=${word}&sort=updated`));
      await page.waitForFunction((first) => document.querySelector('[data-search-results] h2')?.textContent === first, titles(matches)[0]);
      const dates = await page.locator('[data-search-results] time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
      expect(dates.length).toBe(matches.filter((record) => record.document.updated).length);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(await shownTitles(page)).toEqual(titles(matches));
    });
  });

  it('pages through many results with links that hold the page in the address', async () => {
    const licence = catalogue.datasets[0]!.licence!.id;
    const all = records.filter((record) => record.facets.licence.includes(licence));
    expect(all.length).toBeGreaterThan(20);
    await withPage({}, async (page) => {
      await page.goto(url(`datasets/?licence=${licence}`));
      await waitForResults(page, all.length);
      expect(await shownTitles(page)).toEqual(titles(all.slice(0, 20)));
      await page.locator('[data-search-results] .pagination').getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(url(`datasets/?licence=${licence}&page=2`));
      await page.waitForFunction((first) => document.querySelector('[data-search-results] h2')?.textContent === first, all[20]!.document.title);
      expect(await shownTitles(page)).toEqual(titles(all.slice(20, 40)));
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('list-position');
    });
  });
});

describe('accessibility', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`axe-core finds no violation on the results with their filters, ${viewport}`, async () => {
      const { word, topic, matches } = wordAndTopic();
      await withPage({ viewport }, async (page) => {
        await page.goto(url(`datasets/?q=${word}&topic=${topic}`));
        await waitForResults(page, matches.filter((record) => record.facets.topic.includes(topic)).length);
        await page.getByRole('group', { name: 'Tag' }).getByRole('checkbox').first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewports[viewport].width);
      });
    });
  }
});

describe('speed by design', () => {
  it('starts the search while the page is still arriving, and keeps the built list out of the way meanwhile', async () => {
    const { word, matches } = wordAndTopic();
    const root = path.join(folder.dir, 'site');
    // A host that sends the list page up to its search panel's scripts, and the rest only when the test says.
    let indexAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (indexAsked = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    let pageSent = false;
    let askedWhileArriving = false;
    const server = createServer((request, response) => {
      const pathname = new URL(request.url!, 'http://host').pathname;
      if (pathname === '/datasets/') {
        void readFile(path.join(root, 'datasets/index.html'), 'utf8').then(async (html) => {
          const cut = html.indexOf('<div data-built-list>');
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.write(html.slice(0, cut));
          await Promise.race([released, later(15_000)]);
          pageSent = true;
          response.end(html.slice(cut));
        });
        return;
      }
      if (pathname === '/search/index.json') {
        askedWhileArriving = !pageSent;
        indexAsked();
      }
      const file = path.join(root, pathname, pathname.endsWith('/') ? 'index.html' : '');
      readFile(file).then(
        (bytes) => response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(bytes),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await withPage({}, async (page) => {
        const navigation = page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/datasets/?q=${word}`);
        await Promise.race([asked, later(12_000)]);
        expect(askedWhileArriving).toBe(true);
        // The page is not all there yet, and what it has of the list is kept out of the layout.
        expect(await page.evaluate(() => document.readyState)).toBe('loading');
        expect(await page.evaluate(() => document.documentElement.hasAttribute('data-search-pending'))).toBe(true);
        release();
        await navigation;
        await waitForResults(page, matches.length);
        expect(await page.evaluate(() => document.documentElement.hasAttribute('data-search-pending'))).toBe(false);
        expect((await shownTitles(page)).sort()).toEqual(titles(matches).sort());
      });
    } finally {
      release();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('asks for the word’s index files while the search’s module is still on its way, and for no file twice', async () => {
    const { word, matches } = wordAndTopic();
    await withPage({}, async (page) => {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const indexFiles = () => requested.filter((address) => new URL(address).pathname.includes('/search/') && !address.includes('/search/index.json'));
      let askedBeforeModule: string[] = [];
      // The module is held until the index's files are asked for (at most 10 s): only the head's script can ask for them meanwhile.
      await page.route('**/_astro/*.js', async (route) => {
        for (let waited = 0; waited < 10_000 && indexFiles().length === 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
        askedBeforeModule = indexFiles();
        await route.continue();
      });
      await page.goto(url(`datasets/?q=${word}`));
      await waitForResults(page, matches.length);
      expect(askedBeforeModule).toEqual(expect.arrayContaining([expect.stringMatching(/\/search\/terms\/\d+\.bin\?v=[0-9a-f]+$/)]));
      expect((await shownTitles(page)).sort()).toEqual(titles(matches).sort());
      await page.waitForLoadState('networkidle');
      // The module took the head's responses: every index file was asked for once.
      const asked = requested.filter((address) => address.includes('/search/'));
      expect(asked.length).toBeGreaterThan(askedBeforeModule.length);
      expect(asked.filter((address, index) => asked.indexOf(address) !== index)).toEqual([]);
    });
  });

  it('shows the built list when the search’s script cannot load', async () => {
    const { word } = wordAndTopic();
    const context = await browser.newContext({ viewport: viewports.desktop });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.route('**/_astro/*.js', (route) => route.abort());
      await page.goto(url(`datasets/?q=${word}`));
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-search-pending'));
      expect(await page.locator('.dataset-list h2').first().isVisible()).toBe(true);
      // The failed script is reported, and nothing else.
      expect(errors.filter((error) => !/Failed to load resource|dynamically imported module/.test(error))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('without JavaScript', () => {
  it('a search address shows the built list, which pages through every dataset; no search box is offered', async () => {
    const { word } = wordAndTopic();
    await withPage({ javaScript: false }, async (page) => {
      await page.goto(url(`datasets/?q=${word}`));
      expect(await page.locator('.dataset-list h2').count()).toBe(Math.min(20, catalogue.datasets.length));
      expect(await page.getByRole('searchbox').count()).toBe(0);
      expect(await page.locator('.search-box').first().isVisible()).toBe(false);
      await page.locator('.pagination a[rel="next"]').click();
      await page.waitForURL(url('datasets/2/'));
      expect(await page.locator('.dataset-list h2').count()).toBeGreaterThan(0);
      // A tag's page offers no search within the tag either (it would show every dataset).
      await page.goto(url(tagPath(tagListings(catalogue)[0]!.slug)));
      expect(await page.locator('.dataset-rows tbody tr').count()).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Search within them' }).count()).toBe(0);
    });
  });
});

describe('a catalogue served under a sub-path', () => {
  it('searches its own index and links its own pages', async () => {
    const copy = path.join(folder.dir, 'sub-path');
    await cp(contentDir, path.join(copy, 'content'), { recursive: true });
    const settings = path.join(copy, 'content', 'catalogue.yaml');
    await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^url: .*$/m, 'url: https://www.northbridge.example/data/'));
    const outDir = path.join(copy, 'site');
    await mkdir(outDir, { recursive: true });
    const { catalogue: moved } = await buildSite({ contentDir: path.join(copy, 'content'), outDir, ckanApi: false });
    expect(moved.site.basePath).toBe('/data/');
    const host = await serveUnder('/data/', outDir);
    try {
      const { word, matches } = wordAndTopic();
      await withPage({}, async (page) => {
        const fetched: string[] = [];
        page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
        await page.goto(`${host.origin}/data/`);
        await page.getByRole('search', { name: 'Site' }).getByRole('searchbox').fill(word);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${host.origin}/data/datasets/?q=${word}`);
        await waitForResults(page, matches.length);
        const links = await page.locator('[data-search-results] .dataset-list h2 a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')!));
        expect(links.every((link) => link.startsWith('/data/dataset/'))).toBe(true);
        expect(fetched.filter((file) => file.includes('/search/')).every((file) => file.startsWith('/data/search/'))).toBe(true);
      });
    } finally {
      await new Promise((resolve) => host.server.close(resolve));
    }
  });
});

/** The simplest static host: files under `prefix`, by extension, nothing else (no rewrites, no compression). */
async function serveUnder(prefix: string, root: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml' };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url!, 'http://host').pathname);
    if (!pathname.startsWith(prefix)) return void response.writeHead(404).end();
    const file = path.join(root, pathname.slice(prefix.length), pathname.endsWith('/') ? 'index.html' : '');
    readFile(file).then(
      (bytes) => response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
