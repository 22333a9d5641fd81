// `npm run bench:search [-- --datasets 10000,100000 --runs 3]`: builds a synthetic catalogue of each
// size (pages, exports and the search index; no CKAN API, which search does not touch), serves it
// on localhost as the preview does, and opens a one-word query with one filter in Chromium with an
// empty cache: the bytes the browser downloads until the first page of results shows (page, styles,
// script, index), how long that takes, and the same for a next query typed on that page; and the
// same list page without a search (the floor). `npm run bench` measures the same (search-measure.ts).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { kb, measureSearch, median, searchRunLines, searchTableHeader, searchTableRow, type SearchBenchOptions, type SearchFigures, type SearchMeasure } from './search-measure.ts';
import { writeSyntheticCatalogue } from './synthetic.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

const usage = `Usage: npm run bench:search -- [--datasets N[,N…]] [--runs R] [--query WORD] [--filter NAME=VALUE] [--next WORD] [--keep DIR | --site DIR[,DIR…]] [--server preview|nginx]

Builds a synthetic catalogue of each size (default 10000) and measures, R times (default 3) in a
fresh browser, what showing the first results of \`datasets/?q=WORD&NAME=VALUE\` downloads and
takes (default: parking, topic=transport), then a next query (default: recycling) on that page.
--keep DIR keeps the catalogues and builds there, and uses them again when there (a build of
100,000 datasets takes minutes); --site measures existing builds instead (no build): with several,
one run of each in turn, R times, so that machine noise falls on all alike (e.g. the builds of the
code before and after a change, kept with --keep). --server nginx serves each build with nginx and
the build's own server block (its own process) instead of the preview server (default), which runs
in the benchmark's own process beside the browser's driver. Both send compressed answers as a host
does (gzip: the build's .gz copies, else on the fly).`;
const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    query: { type: 'string', default: 'parking' },
    filter: { type: 'string', default: 'topic=transport' },
    next: { type: 'string', default: 'recycling' },
    site: { type: 'string' },
    keep: { type: 'string' },
    server: { type: 'string', default: 'preview' },
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
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1 || !filterName || !filterValue || !['preview', 'nginx'].includes(values.server!)) {
  console.error(usage);
  process.exit(1);
}

const options: SearchBenchOptions = { runs, query: values.query!, filter: values.filter!, next: values.next!, server: values.server as 'preview' | 'nginx' };

/** What build-once.ts reports of a build. */
interface Built {
  stages: { name: string; ms: number }[];
  searchIndex: { files: number; bytes: number };
}

function report(label: string, figures: SearchFigures, build?: { indexMs?: number; files: number; bytes: number }): void {
  const pick = (get: (measure: SearchMeasure) => number) => median(figures.runs.map(get));
  const kinds = ['page', 'styles', 'script', 'index'];
  console.log(`\n${label}: ${figures.runs[0]!.status} (medians of ${figures.runs.length} run(s), load average ${figures.load.map((load) => load.toFixed(1)).join(' to ')})`);
  if (build) console.log(`  index: ${build.indexMs === undefined ? '' : `built in ${(build.indexMs / 1000).toFixed(1)} s, `}${(build.bytes / 2 ** 20).toFixed(1)} MiB in ${build.files} files`);
  console.log(`  first results: ${pick((m) => m.firstResultsMs).toFixed(0)} ms (${pick((m) => m.afterPageMs).toFixed(0)} ms after the page was parsed; index files asked for at ${pick((m) => m.indexAskedMs).toFixed(0)} ms), ${kb(pick((m) => m.firstResults.bytes))} in ${pick((m) => m.firstResults.requests)} requests (${kinds.map((kind) => `${kind} ${kb(pick((m) => m.firstResults.byKind[kind] ?? 0))}`).join(', ')})`);
  console.log(`  the list page without a search: parsed and its script run after ${pick((m) => m.plainPageMs).toFixed(0)} ms`);
  console.log(`  once settled (tag counts included): ${kb(pick((m) => m.settled.bytes))} in ${pick((m) => m.settled.requests)} requests`);
  console.log(`  next query ('${options.next}', same filter): ${pick((m) => m.nextQueryMs).toFixed(0)} ms, ${kb(pick((m) => m.nextQuery.bytes))} in ${pick((m) => m.nextQuery.requests)} requests`);
  for (const line of searchRunLines(figures)) console.log(line);
  console.log(`${searchTableHeader}\n${searchTableRow(label, figures, build)}`);
}

if (values.site) {
  const sites = values.site.split(',');
  const figures = new Map<string, SearchFigures>(sites.map((site) => [site, { runs: [], load: [loadavg()[0]!, 0] }]));
  for (let index = 0; index < runs; index++) {
    for (const site of sites) figures.get(site)!.runs.push(...(await measureSearch(path.resolve(site), { ...options, runs: 1 })).runs);
  }
  for (const [site, measured] of figures) report(site, { ...measured, load: [measured.load[0], loadavg()[0]!] });
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
      report(`${size.toLocaleString('en')}`, await measureSearch(outDir, options), { indexMs, ...built.searchIndex });
      if (!values.keep) await rm(outDir, { recursive: true, force: true });
    }
  } finally {
    if (!values.keep) await rm(work, { recursive: true, force: true });
  }
}
