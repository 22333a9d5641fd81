// Incremental rebuilds for the benchmark: at each size, a full build (`--no-cache`), then one
// dataset edited and rebuilt, one added, the same one removed, each with the cache and the
// previous output; medians over the runs and each one's ratio to the full build. `pages` is shown
// apart: Astro renders every page again until page jobs are skipped, the rest is this module's.
// `npm run bench` runs it; `node test/bench/incremental.ts --datasets 1000 --runs 3` alone.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { compileRuntime } from './runtime.ts';
import { writeSyntheticCatalogue } from './synthetic.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Measure {
  wallMs: number;
  stages: { name: string; ms: number }[];
  output: { publish: string; files: number; written: number; removed: number; pagesRendered?: number; pagesKept?: number };
}

export const incrementalSteps = ['full', 'edit one', 'add one', 'remove one'] as const;
type Step = (typeof incrementalSteps)[number];

export interface IncrementalRow {
  size: number;
  step: Step;
  wallMs: number;
  pagesMs: number;
  written: number;
  files: number;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function buildOnce(contentDir: string, outDir: string, cacheDir: string, reuse: boolean): Promise<Measure> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [path.join(here, 'incremental-once.ts'), contentDir, outDir, cacheDir, reuse ? 'reuse' : 'no-cache'], { maxBuffer: 1 << 26 });
  const measure = JSON.parse(stdout.trim().split('\n').pop()!) as Measure;
  // Process start to exit, as a publisher waits for it.
  measure.wallMs = performance.now() - started;
  return measure;
}

/** Measures each step at each size, `runs` times, sizes interleaved; `work` holds the synthetic catalogues `content-<size>` (written when missing). */
export async function measureIncremental(work: string, sizes: readonly number[], runs: number, log: (line: string) => void = console.log): Promise<IncrementalRow[]> {
  const measures = new Map<string, Measure[]>();
  for (const size of sizes) {
    const source = path.join(work, `content-${size}`);
    await readFile(path.join(source, 'catalogue.yaml')).catch(() => writeSyntheticCatalogue(source, size));
  }
  for (let index = 0; index < runs; index++) {
    for (const size of sizes) {
      // A copy of its own (the steps change it), and folders of its own for every run, deleted only
      // with `work` at the end: creating files soon after deleting many costs several times more
      // kernel time on some file systems (ext4 without a journal), which slowed the next run's
      // full build, the ratios' divisor (docs/performance.md).
      const contentDir = path.join(work, `incremental-content-${size}-${index}`);
      const outDir = path.join(work, `incremental-dist-${size}-${index}`);
      const cacheDir = path.join(work, `incremental-cache-${size}-${index}`);
      await cp(path.join(work, `content-${size}`), contentDir, { recursive: true });
      const edited = path.join(contentDir, 'datasets', `dataset-${String(Math.floor(size / 2)).padStart(6, '0')}`, 'index.md');
      const added = path.join(contentDir, 'datasets', 'dataset-added.md');
      const changes: Record<Step, () => Promise<unknown>> = {
        full: async () => {},
        'edit one': async () => writeFile(edited, (await readFile(edited, 'utf8')).replace(/^title: (.*)$/m, 'title: $1 (revised)')),
        'add one': async () => writeFile(added, (await readFile(edited, 'utf8')).replace(/^title: .*$/m, 'title: An added dataset').replace(/^ {4}file: data\.csv\n/m, '    url: https://files.bench.example/added.csv\n')),
        'remove one': () => rm(added),
      };
      for (const step of incrementalSteps) {
        await changes[step]();
        const measure = await buildOnce(contentDir, outDir, cacheDir, step !== 'full');
        const key = `${size} ${step}`;
        measures.set(key, [...(measures.get(key) ?? []), measure]);
        log(`  ${key.padStart(16)}, run ${index + 1}: ${(measure.wallMs / 1000).toFixed(1)} s wall, ${measure.output.publish}, ${measure.output.written} of ${measure.output.files} files written, ${measure.output.removed} removed, ${measure.output.pagesRendered ?? '?'} of ${(measure.output.pagesRendered ?? 0) + (measure.output.pagesKept ?? 0)} pages rendered; ${measure.stages.map((stage) => `${stage.name} ${(stage.ms / 1000).toFixed(1)}`).join(', ')}`);
      }
    }
  }
  return sizes.flatMap((size) =>
    incrementalSteps.map((step) => {
      const all = measures.get(`${size} ${step}`)!;
      return {
        size,
        step,
        wallMs: median(all.map((measure) => measure.wallMs)),
        pagesMs: median(all.map((measure) => measure.stages.find((stage) => stage.name === 'pages')?.ms ?? 0)),
        written: median(all.map((measure) => measure.output.written)),
        files: median(all.map((measure) => measure.output.files)),
      };
    }),
  );
}

/** The Markdown table of docs/performance.md: each step's wall time, its ratio to the full build, and the pages' share. */
export function incrementalTable(rows: readonly IncrementalRow[]): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = ['| datasets, step | wall | × full build | pages | wall without pages | × full build without pages | files written |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const row of rows) {
    const full = rows.find((other) => other.size === row.size && other.step === 'full')!;
    lines.push(
      `| ${row.size.toLocaleString('en')} ${row.step} | ${seconds(row.wallMs)} | ${(row.wallMs / full.wallMs).toFixed(2)} | ${seconds(row.pagesMs)} | ${seconds(row.wallMs - row.pagesMs)} | ${((row.wallMs - row.pagesMs) / full.wallMs).toFixed(2)} | ${row.written.toLocaleString('en')} of ${row.files.toLocaleString('en')} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { datasets: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
  const sizes = String(values.datasets).split(',').map(Number);
  compileRuntime();
  const work = await mkdtemp(path.join(tmpdir(), 'datashelf-bench-incremental-'));
  try {
    console.log(`Incremental rebuilds at ${sizes.join(', ')} datasets, ${values.runs} run(s); load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}.`);
    const rows = await measureIncremental(work, sizes, Number(values.runs));
    console.log(`\nMedians; load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}:\n\n${incrementalTable(rows)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
