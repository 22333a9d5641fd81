// `npm run bench [-- --datasets 1000,10000 --runs 3 --outputs all,core --shape files,git]`: builds
// synthetic catalogues of each size and shape (synthetic.ts), checks them as `datashelf check` does
// and runs the plain-Node baseline over them (baseline.ts), runs interleaved so that machine noise
// hits every size alike, and prints the median wall time, peak memory, fixed cost (process start to
// the first page written, first-page.ts) and time per stage, with each row's ratio to the first and
// to the baseline of its catalogue, each check's ratio to the build of its size, and the size of the search index
// (its build time is the `search index` stage); then, on each size's last build, the site search in
// Chromium (search-measure.ts: bytes and time to the first results of a one-word query with one
// filter; `--search-runs 0` skips it). Figures go in docs/performance.md. The compiled pages are kept
// between runs, as for any build (page-bundle.ts): only the first build after a change of datashelf's
// sources compiles them, beside its loading.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { sizeTable, type GroupSize } from './output-size.ts';
import { incrementalTable, measureIncremental } from './incremental.ts';
import { measureSearch, searchBenchDefaults, searchTableHeader, searchTableRow, type SearchFigures } from './search-measure.ts';
import { compileRuntime } from './runtime.ts';
import { catalogueShapes, writeSyntheticCatalogue, type CatalogueShape } from './synthetic.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

const usage = `Usage: npm run bench -- [--datasets N[,N…]] [--runs R] [--outputs all,core] [--shape files,git] [--search-runs S]

Builds a synthetic catalogue of each size (default 1000) and shape R times (default 3), interleaved,
with every output (all) and/or without the CKAN API (core), and runs \`datashelf check\` and the
plain-Node baseline (test/bench/baseline.ts) on each catalogue too. Shapes: files (the default: a
local CSV, two external files and a link per dataset, dates written in the front matter) and git
(three external files and a link per dataset, in a Git repository whose history gives the dates).
The last build of each size is searched in Chromium S times (default 3; 0: not at all). The search
figures of docs/performance.md: --datasets 10000,100000 --outputs core.`;
const { values } = parseArgs({
  options: { datasets: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' }, outputs: { type: 'string', default: 'all' }, shape: { type: 'string', default: 'files' }, 'search-runs': { type: 'string', default: '3' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const sizes = String(values.datasets).split(',').map(Number);
// `all`: every output; `core`: pages, exports and files without the CKAN API (build --no-ckan-api).
const outputSets = String(values.outputs).split(',');
const shapes = String(values.shape).split(',') as CatalogueShape[];
const runs = Number(values.runs);
const searchRuns = Number(values['search-runs']);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(searchRuns) || searchRuns < 0 || outputSets.some((set) => set !== 'all' && set !== 'core') || shapes.some((shape) => !catalogueShapes.includes(shape))) {
  console.error(usage);
  process.exit(1);
}
// Every run measures the compiled runtime, as a publisher runs it (runtime.ts): made from the sources now.
compileRuntime();

interface Measure {
  wallMs: number;
  peakRssMiB: number;
  stages: { name: string; ms: number }[];
  datasets: number;
  /** Epoch ms when the build (or check) returned, before the measurements after it (output sizes). */
  finishedAt: number;
  /** Epoch ms of the first page written (builds and the baseline), for the fixed cost. */
  firstPageAt?: number | null;
  /** Process start (as the benchmark started it) to the first page written. */
  fixedMs?: number;
  /** The site search's index (builds only): its files and bytes on disk. */
  searchIndex?: { files: number; bytes: number };
  /** What the build folder holds, by output group (builds only; the same in every run of a size). */
  sizes?: GroupSize[];
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const work = await mkdtemp(path.join(tmpdir(), 'datashelf-bench-'));
try {
  // One catalogue per size and shape.
  const catalogues = sizes.flatMap((size) => shapes.map((shape) => ({ size, shape, name: shapes.length > 1 ? `${size} ${shape}` : `${size}` })));
  for (const { size, shape, name } of catalogues) {
    const started = performance.now();
    await writeSyntheticCatalogue(path.join(work, `content-${size}-${shape}`), size, shape);
    console.log(`Generated ${name} (${shape}): ${size} datasets in ${seconds(performance.now() - started)}.`);
  }
  console.log(`${runs} interleaved run(s) each. Node ${process.version}. Load average ${loadavg().map((load) => load.toFixed(1)).join(', ')}.`);
  // Per catalogue: a build per output set, a check and the baseline, all interleaved.
  const configurations = catalogues.flatMap((catalogue) => [
    ...outputSets.map((outputs) => ({ ...catalogue, outputs, label: `${catalogue.name} ${outputs}` })),
    { ...catalogue, outputs: 'check', label: `${catalogue.name} check` },
    { ...catalogue, outputs: 'baseline', label: `${catalogue.name} baseline` },
  ]);
  const measures = new Map<string, Measure[]>(configurations.map((configuration) => [configuration.label, []]));
  const searches = new Map<string, SearchFigures>();
  const width = Math.max(...configurations.map(({ label }) => label.length));
  for (let index = 0; index < runs; index++) {
    for (const { size, shape, name, outputs, label } of configurations) {
      // A folder of its own, kept until every run is done: on a disk whose file system checks each new
      // file against the recently deleted (ext4 without a journal), deleting one run's 50,000 files
      // made the next run's file creation several times dearer, whichever run came next.
      const outDir = path.join(work, `dist-${size}-${shape}-${outputs}-${index + 1}`);
      const contentDir = path.join(work, `content-${size}-${shape}`);
      // Each runs the compiled runtime (runtime.ts), with the compile cache, as `datashelf` does.
      const once = outputs === 'check' ? [path.join(here, 'check-once.ts'), contentDir] : outputs === 'baseline' ? [path.join(here, 'baseline.ts'), contentDir, outDir] : [path.join(here, 'build-once.ts'), contentDir, outDir, outputs];
      const startedAt = Date.now();
      const { stdout } = await run(process.execPath, once, { maxBuffer: 1 << 26 });
      const measure = JSON.parse(stdout.trim().split('\n').pop()!) as Measure;
      // Wall time: from starting the process (Node's own start included) to the work's end.
      measure.wallMs = measure.finishedAt - startedAt;
      if (measure.firstPageAt) measure.fixedMs = measure.firstPageAt - startedAt;
      measures.get(label)!.push(measure);
      const fixed = measure.fixedMs === undefined ? '' : `, first page after ${seconds(measure.fixedMs)}`;
      console.log(`  ${label.padStart(width)}, run ${index + 1}: ${seconds(measure.wallMs)} wall, ${measure.peakRssMiB} MiB peak${fixed}, ${measure.stages.map((stage) => `${stage.name} ${seconds(stage.ms)}`).join(', ')} (load ${loadavg()[0]!.toFixed(1)})`);
      if (searchRuns > 0 && index === runs - 1 && outputs === outputSets[0]) searches.set(name, await measureSearch(outDir, { ...searchBenchDefaults, runs: searchRuns }));
    }
  }
  console.log(`\nLoad average at the end: ${loadavg().map((load) => load.toFixed(1)).join(', ')}.`);
  const stageNames = [...new Set(configurations.flatMap(({ label }) => measures.get(label)![0]!.stages.map((stage) => stage.name)))];
  const rows = configurations.map(({ label, name }) => {
    const all = measures.get(label)!;
    const fixed = all.map((measure) => measure.fixedMs).filter((ms): ms is number => ms !== undefined);
    return {
      label,
      catalogue: name,
      wall: median(all.map((measure) => measure.wallMs)),
      peak: median(all.map((measure) => measure.peakRssMiB)),
      fixed: fixed.length ? median(fixed) : undefined,
      searchIndex: all[0]!.searchIndex,
      stages: stageNames.map((name) => {
        const times = all.map((measure) => measure.stages.find((stage) => stage.name === name)?.ms).filter((ms): ms is number => ms !== undefined);
        return times.length ? seconds(median(times)) : '–';
      }),
    };
  });
  const byLabel = new Map(rows.map((row) => [row.label, row]));
  // Each row against the plain-Node baseline over the same catalogue (baseline.ts): wall time and peak memory.
  const baselineOf = (row: (typeof rows)[number]) => byLabel.get(`${row.catalogue} baseline`)!;
  console.log(`\nMedians of ${runs} run(s):\n`);
  console.log(`| datasets, outputs | wall | × first | × baseline | peak memory | × baseline | start → first page | search index size | ${stageNames.join(' | ')} |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|${stageNames.map(() => '---:').join('|')}|`);
  for (const row of rows) {
    const index = row.searchIndex ? `${(row.searchIndex.bytes / 2 ** 20).toFixed(1)} MiB, ${row.searchIndex.files} files` : '–';
    const baseline = baselineOf(row);
    console.log(`| ${row.label} | ${seconds(row.wall)} | ${(row.wall / rows[0]!.wall).toFixed(2)} | ${(row.wall / baseline.wall).toFixed(2)} | ${row.peak} MiB | ${(row.peak / baseline.peak).toFixed(2)} | ${row.fixed === undefined ? '–' : seconds(row.fixed)} | ${index} | ${row.stages.join(' | ')} |`);
  }
  // What a pull request waits for against what a publish does: check ÷ build at each size.
  console.log(`\n| datasets | check wall | check peak memory | ${outputSets.map((outputs) => `build ${outputs} wall | check ÷ build ${outputs}`).join(' | ')} |`);
  console.log(`|---:|---:|---:|${outputSets.map(() => '---:|---:').join('|')}|`);
  for (const { name } of catalogues) {
    const check = byLabel.get(`${name} check`)!;
    const builds = outputSets.map((outputs) => byLabel.get(`${name} ${outputs}`)!);
    console.log(`| ${name} | ${seconds(check.wall)} | ${check.peak} MiB | ${builds.map((build) => `${seconds(build.wall)} | ${(check.wall / build.wall).toFixed(2)}`).join(' | ')} |`);
  }
  for (const { label } of configurations) {
    const sizes = measures.get(label)![0]!.sizes;
    if (sizes) console.log(`\nFiles (hard links counted as files) and bytes of ${label}:\n\n${sizeTable(sizes)}`);
  }
  if (searches.size) {
    // The site search (docs/performance.md#search): index build time (its stage) and size, then the browser's figures.
    console.log(`\nSite search, \`datasets/?q=${searchBenchDefaults.query}&${searchBenchDefaults.filter}\` in Chromium, medians of ${searchRuns} run(s):\n\n${searchTableHeader}`);
    for (const [name, figures] of searches) {
      const built = byLabel.get(`${name} ${outputSets[0]}`)!;
      const times = measures.get(built.label)!.flatMap((measure) => measure.stages.filter((stage) => stage.name === 'search index').map((stage) => stage.ms));
      console.log(searchTableRow(name, figures, { indexMs: times.length ? median(times) : undefined, files: built.searchIndex?.files ?? 0, bytes: built.searchIndex?.bytes ?? 0 }));
    }
  }
  // Rebuilds with the cache after one dataset is edited, added, removed (incremental.ts).
  console.log(`\nIncremental rebuilds, medians of ${runs} run(s):\n\n${incrementalTable(await measureIncremental(work, sizes, runs))}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
