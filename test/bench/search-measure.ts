// What a browser downloads and waits for to show the first results of a search on a built site,
// served on localhost as the preview serves it, in Chromium with an empty cache each time: used by
// `npm run bench` (at each size it builds) and `npm run bench:search`. Also the floor: the same list
// page without a search, parsed and its script run.
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startPreview } from '../../src/preview/server.ts';
import { launchChromium, viewports } from '../e2e/browser.ts';
import { startNginx } from '../host/nginx-server.ts';

export interface SearchBenchOptions {
  runs: number;
  /** One word, with one filter (`topic=transport`), then a next word typed on the page. */
  query: string;
  filter: string;
  next: string;
  /**
   * What serves the build: the preview server (default; in this process, beside the browser's
   * driver), or nginx in its own process with the build's own server block (gzip included), as a host serves it.
   */
  server?: 'preview' | 'nginx';
}
export const searchBenchDefaults: SearchBenchOptions = { runs: 3, query: 'parking', filter: 'topic=transport', next: 'recycling' };

export interface Downloads {
  bytes: number;
  requests: number;
  /** Bytes by what they are: the page, its styles and script, the index. */
  byKind: Record<string, number>;
}

export interface SearchMeasure {
  firstResultsMs: number;
  /** From the page being parsed (domInteractive) to the first results: negative when they came first. */
  afterPageMs: number;
  /** When the first index file after the manifest (a word's shard, postings or first pages) was asked for, from the start of navigation. */
  indexAskedMs: number;
  firstResults: Downloads;
  /** Everything the page fetched once the network was quiet (tag counts come after the results). */
  settled: Downloads;
  nextQueryMs: number;
  nextQuery: Downloads;
  /** The list page without a search: DOMContentLoaded (parsed, its script run), from the start of navigation. */
  plainPageMs: number;
  status: string;
}

export interface SearchFigures {
  runs: SearchMeasure[];
  /** The 1-minute load average before and after the runs: the machine's state while measured. */
  load: [number, number];
}

export const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

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

async function measureOnce(browser: Browser, origin: string, options: SearchBenchOptions): Promise<SearchMeasure> {
  // A new context each time: an empty cache, as a first visit.
  const plainContext = await browser.newContext({ viewport: viewports.desktop });
  let plainPageMs: number;
  try {
    const plain = await plainContext.newPage();
    await plain.goto(`${origin}/datasets/`, { waitUntil: 'domcontentloaded' });
    plainPageMs = await plain.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  } finally {
    await plainContext.close();
  }
  const searching = await browser.newContext({ viewport: viewports.desktop });
  try {
    const page = await searching.newPage();
    const [filterName, filterValue] = options.filter.split('=');
    const address = `${origin}/datasets/?q=${encodeURIComponent(options.query)}&${encodeURIComponent(filterName!)}=${encodeURIComponent(filterValue!)}`;
    await page.goto(address, { waitUntil: 'commit' });
    // The page marks the moment it has drawn the first results (src/site/search/ui.ts): ms since navigation began.
    const firstResultsMs = (await (await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false, resultsMark, { timeout: 120_000 })).jsonValue()) as number;
    const status = await page.locator('[data-search-status]').innerText();
    const firstResults = await downloads(page, 0, firstResultsMs);
    const pageReadyMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive);
    const indexAskedMs = await page.evaluate(() => Math.min(...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.includes('/search/') && !entry.name.includes('/search/index.json')).map((entry) => entry.startTime)));
    await page.waitForLoadState('networkidle');
    const settled = await downloads(page, 0, Number.POSITIVE_INFINITY);

    // Timed from the form's submission (in the page), not from the test driver's typing. The word is
    // set and submitted in one step: typed key by key, the page's own pause after typing could
    // search first on a slow machine, and that search's mark would be taken for this one's.
    await page.evaluate(([mark, next]) => {
      performance.clearMarks(mark);
      const form = document.querySelector<HTMLFormElement>('[data-dataset-search] form')!;
      form.addEventListener('submit', () => performance.mark('bench:submitted'), { capture: true, once: true });
      form.querySelector<HTMLInputElement>('#dataset-search-text')!.value = next;
      form.requestSubmit();
    }, [resultsMark, options.next] as const);
    const nextAt = (await (await page.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false, resultsMark, { timeout: 120_000 })).jsonValue()) as number;
    const typedAt = await page.evaluate(() => performance.getEntriesByName('bench:submitted')[0]!.startTime);
    const nextQuery = await downloads(page, typedAt, nextAt);
    return { firstResultsMs, afterPageMs: firstResultsMs - pageReadyMs, indexAskedMs, firstResults, settled, nextQueryMs: nextAt - typedAt, nextQuery, plainPageMs, status };
  } finally {
    await searching.close();
  }
}

/** Serves the build at `site` on 127.0.0.1 and measures it `options.runs` times, each in a fresh context. */
export async function measureSearch(site: string, options: SearchBenchOptions = searchBenchDefaults): Promise<SearchFigures> {
  const server = await serve(site, options.server ?? 'preview');
  const browser = await launchChromium();
  const loadBefore = loadavg()[0]!;
  try {
    const origin = server.origin;
    const runs: SearchMeasure[] = [];
    for (let index = 0; index < options.runs; index++) runs.push(await measureOnce(browser, origin, options));
    return { runs, load: [loadBefore, loadavg()[0]!] };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function serve(site: string, server: 'preview' | 'nginx'): Promise<{ origin: string; stop: () => Promise<void> }> {
  if (server === 'nginx') {
    const nginx = await startNginx(site);
    return { origin: nginx.base.replace(/\/$/, ''), stop: nginx.stop };
  }
  const preview = await startPreview({ root: site, port: 0, host: '127.0.0.1' });
  return { origin: `http://127.0.0.1:${(preview.address() as AddressInfo).port}`, stop: () => new Promise<void>((resolve) => preview.close(() => resolve())) };
}

/** The medians as a row of the table in docs/performance.md (see `searchTableHeader`). */
export function searchTableRow(label: string, figures: SearchFigures, build?: { indexMs?: number; files: number; bytes: number }): string {
  const pick = (get: (measure: SearchMeasure) => number) => median(figures.runs.map(get));
  const index = build ? `${build.indexMs === undefined ? '–' : `${(build.indexMs / 1000).toFixed(1)} s`} | ${(build.bytes / 2 ** 20).toFixed(1)} MiB, ${build.files} files` : '– | –';
  return `| ${label} | ${index} | ${kb(pick((m) => m.firstResults.bytes))} | ${kb(pick((m) => m.firstResults.byKind.page ?? 0))} | ${kb(pick((m) => m.firstResults.byKind.index ?? 0))} | ${pick((m) => m.firstResults.requests)} | ${pick((m) => m.firstResultsMs).toFixed(0)} ms | ${pick((m) => m.plainPageMs).toFixed(0)} ms | ${pick((m) => m.nextQueryMs).toFixed(0)} ms, ${kb(pick((m) => m.nextQuery.bytes))} | ${figures.load.map((load) => load.toFixed(1)).join('–')} |`;
}

export const searchTableHeader = [
  '| datasets | index build | index on disk | first results: downloaded | of which the page | of which the index | requests | first results after | page without search | next query | load average |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
].join('\n');

/** Each run's figures, for the reader who wants the spread, not only the medians. */
export function searchRunLines(figures: SearchFigures): string[] {
  return figures.runs.map((run, index) => `  run ${index + 1}: first results ${run.firstResultsMs.toFixed(0)} ms (${run.afterPageMs.toFixed(0)} ms after the page was parsed; index files asked for at ${run.indexAskedMs.toFixed(0)} ms), page without search ${run.plainPageMs.toFixed(0)} ms, ${kb(run.firstResults.bytes)} in ${run.firstResults.requests} requests, next query ${run.nextQueryMs.toFixed(0)} ms`);
}
