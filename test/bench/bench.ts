// `npm run bench [-- --datasets N --runs R]`: builds a synthetic catalogue R times and prints the
// median wall time, peak memory and time per stage. Figures belong in docs/performance.md.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { writeSyntheticCatalogue } from './synthetic.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({ options: { datasets: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const datasets = Number(values.datasets);
const runs = Number(values.runs);

interface Measure {
  wallMs: number;
  peakRssMiB: number;
  stages: { name: string; ms: number }[];
  datasets: number;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
};

const work = await mkdtemp(path.join(tmpdir(), 'datashelf-bench-'));
try {
  const contentDir = path.join(work, 'content');
  const generating = performance.now();
  await writeSyntheticCatalogue(contentDir, datasets);
  console.log(`Generated ${datasets} datasets in ${((performance.now() - generating) / 1000).toFixed(1)} s; building ${runs} time(s)…`);
  const measures: Measure[] = [];
  for (let index = 0; index < runs; index++) {
    const outDir = path.join(work, `dist-${index}`);
    const started = performance.now();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'build-once.ts'), contentDir, outDir], { maxBuffer: 1 << 26, env: { ...process.env, NODE_OPTIONS: '' } });
    const measure = JSON.parse(stdout.trim().split('\n').pop()!) as Measure;
    measure.wallMs = Math.round(performance.now() - started);
    measures.push(measure);
    console.log(`  run ${index + 1}: ${(measure.wallMs / 1000).toFixed(1)} s wall, ${measure.peakRssMiB} MiB peak, ${measure.stages.map((stage) => `${stage.name} ${(stage.ms / 1000).toFixed(1)} s`).join(', ')}`);
    await rm(outDir, { recursive: true, force: true });
  }
  const stageNames = measures[0]!.stages.map((stage) => stage.name);
  console.log(`\n${datasets} datasets (${measures[0]!.datasets} public), median of ${runs}:`);
  console.log(`  wall time   ${(median(measures.map((measure) => measure.wallMs)) / 1000).toFixed(1)} s (process start to exit)`);
  console.log(`  peak memory ${median(measures.map((measure) => measure.peakRssMiB))} MiB (resident)`);
  for (const name of stageNames) {
    console.log(`  ${name.padEnd(11)} ${(median(measures.map((measure) => measure.stages.find((stage) => stage.name === name)!.ms)) / 1000).toFixed(1)} s`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
