// `npm run bench:search [-- --datasets 10000,100000 --runs 3]`: builds a synthetic catalogue of each
// size (pages, exports and the search index; no CKAN API, which search does not touch), serves it
// on localhost as the preview does, and opens a one-word query with one filter in Chromium with an
// empty cache: the bytes the browser downloads until the first page of results shows (page, styles,
// script, index), how long that takes, and the same for a next query typed on that page.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../src/preview/server.ts';
import { launchChromium, viewports } from '../e2e/browser.ts';
import { writeSyntheticCatalogue } from './synthetic.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

const usage = `Usage: npm run bench:search -- [--datasets N[,N…]] [--runs R] [--query WORD] [--filter NAME=VALUE] [--next WORD] [--keep DIR | --site DIR]

Builds a synthetic catalogue of each size (default 10000) and measures, R times (default 3) in a
fresh browser, what showing the first results of \`datasets/?q=WORD&NAME=VALUE\` downloads and
takes (default: parking, topic=transport), then a next query (default: recycling) on that page.
--keep DIR keeps the catalogues and builds there, and uses them again when there (a build of
100,000 datasets takes minutes); --site measures an existing build instead (one size, no build).`;
const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    query: { type: 'string', default: 'parking' },
    filter: { type: 'string', default: 'topic=transport' },
    next: { type: 'string', default: 'recycling' },
    site: { type: 'string' },
    keep: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const sizes = String(values.datasets).split(',').map(Number);
const runs = Number(values.runs);
const [filterName, filterValue] = String(values.filter).split('=');
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1 || !filterName || !filterValue) {
  console.error(usage);
  process.exit(1);
}

interface Downloads {
  bytes: number;
  requests: number;
  /** Bytes by what they are: the page, its styles and script, the index. */
  byKind: Record<string, number>;
}

interface Measure {
  firstResultsMs: number;
  /** From the page being parsed (its script can start) to the first results: the search's own time. */
  afterPageMs: number;
  firstResults: Downloads;
  /** Everything the page fetched once the network was quiet (tag counts come after the results). */
  settled: Downloads;
  nextQueryMs: number;
  nextQuery: Downloads;
  status: string;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Resource timings (transfer sizes: headers and bodies as sent) of what finished between two moments. */
function downloads(page: Page, from: number, until: number): Promise<Downloads> {
  return page.evaluate(
    ([start, end]) => {
      const kind = (url: string) => (url.includes('/search/') ? 'index' : url.endsWith('.css') ? 'styles' : url.endsWith('.js') ? 'script' : 'other');
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const entries = [
        ...(start === 0 ? [{ kind: 'page', bytes: navigation.transferSize }] : []),
        ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.startTime >= start && entry.responseEnd <= end)
          .map((entry) => ({ kind: kind(entry.name), bytes: entry.transferSize })),
      ];
      const byKind: Record<string, number> = {};
      for (const entry of entries) byKind[entry.kind] = (byKind[entry.kind] ?? 0) + entry.bytes;
      return { bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0), requests: entries.length, byKind };
    },
    [from, until] as const,
  );
}

const resultsMark = 'datashelf:search-results';

/** What build-once.ts reports of a build. */
interface Built {
  stages: { name: string; ms: number }[];
  searchIndex: { files: number; bytes: number };
}

async function measureOnce(browser: Browser, origin: string): Promise<Measure> {
  // A new context each time: an empty cache, as a first visit.
  const context = await browser.newContext({ viewport: viewports.desktop });
  try {
    const page = await context.newPage();
    const address = `${origin}/datasets/?q=${encodeURIComponent(values.query!)}&${encodeURIComponent(filterName!)}=${encodeURIComponent(filterValue!)}`;
    await page.goto(address, { waitUntil: 'commit' });
    // The page marks the moment it has drawn the first results (src/site/search/ui.ts): ms since navigation began.
    const firstResultsMs = (await (await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false, resultsMark, { timeout: 120_000 })).jsonValue()) as number;
    const status = await page.locator('[data-search-status]').innerText();
    const firstResults = await downloads(page, 0, firstResultsMs);
    const pageReadyMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive);
    await page.waitForLoadState('networkidle');
    const settled = await downloads(page, 0, Number.POSITIVE_INFINITY);

    // Timed from the form's submission (in the page), not from the test driver's typing.
    await page.evaluate((mark) => {
      performance.clearMarks(mark);
      document.querySelector('[data-dataset-search] form')!.addEventListener('submit', () => performance.mark('bench:submitted'), { capture: true, once: true });
    }, resultsMark);
    await page.locator('#dataset-search-text').fill(values.next!);
    await page.locator('#dataset-search-text').press('Enter');
    const nextAt = (await (await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false, resultsMark, { timeout: 120_000 })).jsonValue()) as number;
    const typedAt = await page.evaluate(() => performance.getEntriesByName('bench:submitted')[0]!.startTime);
    const nextQuery = await downloads(page, typedAt, nextAt);
    return { firstResultsMs, afterPageMs: firstResultsMs - pageReadyMs, firstResults, settled, nextQueryMs: nextAt - typedAt, nextQuery, status };
  } finally {
    await context.close();
  }
}

async function measureSite(site: string): Promise<Measure[]> {
  const server = await startPreview({ root: site, port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const measures: Measure[] = [];
    for (let index = 0; index < runs; index++) measures.push(await measureOnce(browser, origin));
    return measures;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

function report(label: string, measures: Measure[], build?: { indexMs?: number; files: number; bytes: number }): void {
  const pick = (get: (measure: Measure) => number) => median(measures.map(get));
  const kinds = ['page', 'styles', 'script', 'index'];
  console.log(`\n${label}: ${measures[0]!.status} (medians of ${measures.length} run(s))`);
  if (build) console.log(`  index: ${build.indexMs === undefined ? '' : `built in ${(build.indexMs / 1000).toFixed(1)} s, `}${(build.bytes / 2 ** 20).toFixed(1)} MiB in ${build.files} files`);
  console.log(`  first results: ${pick((m) => m.firstResultsMs).toFixed(0)} ms (${pick((m) => m.afterPageMs).toFixed(0)} ms after the page was parsed), ${kb(pick((m) => m.firstResults.bytes))} in ${pick((m) => m.firstResults.requests)} requests (${kinds.map((kind) => `${kind} ${kb(pick((m) => m.firstResults.byKind[kind] ?? 0))}`).join(', ')})`);
  console.log(`  once settled (tag counts included): ${kb(pick((m) => m.settled.bytes))} in ${pick((m) => m.settled.requests)} requests`);
  console.log(`  next query ('${values.next}', same filter): ${pick((m) => m.nextQueryMs).toFixed(0)} ms, ${kb(pick((m) => m.nextQuery.bytes))} in ${pick((m) => m.nextQuery.requests)} requests`);
}

if (values.site) {
  report(values.site, await measureSite(path.resolve(values.site)));
} else {
  const work = values.keep ? path.resolve(values.keep) : await mkdtemp(path.join(tmpdir(), 'datashelf-bench-search-'));
  await mkdir(work, { recursive: true });
  try {
    for (const size of sizes) {
      const contentDir = path.join(work, `content-${size}`);
      const outDir = path.join(work, `dist-${size}`);
      const builtFile = path.join(work, `built-${size}.json`);
      let built = values.keep ? await readFile(builtFile, 'utf8').then((text) => JSON.parse(text) as Built, () => null) : null;
      if (!built) {
        if (!(await stat(path.join(contentDir, 'catalogue.yaml')).catch(() => null))) await writeSyntheticCatalogue(contentDir, size);
        const started = performance.now();
        const { stdout } = await run(process.execPath, [path.join(here, 'build-once.ts'), contentDir, outDir, 'core'], { maxBuffer: 1 << 26 });
        built = JSON.parse(stdout.trim().split('\n').pop()!) as Built;
        console.log(`Built ${size} datasets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
        await writeFile(builtFile, JSON.stringify(built));
      }
      const indexMs = built.stages.find((stage) => stage.name === 'search index')?.ms;
      report(`${size} datasets`, await measureSite(outDir), { indexMs, ...built.searchIndex });
      if (!values.keep) await rm(outDir, { recursive: true, force: true });
    }
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}
