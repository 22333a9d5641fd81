// `node test/bench/dcat.ts [--datasets 10000] [--runs 3] [--build all|core]`: the DCAT-AP output at
// scale, on a synthetic catalogue (synthetic.ts). Alone: the catalogue is loaded once, then each
// part of the output is timed writing into a fresh folder, runs in a row, with the median of each:
// wall time, and the process's CPU time (its own thread and the file system's threads), which a
// busy machine disturbs less. With --build: whole builds (every output, or without the CKAN API),
// with and without DCAT, interleaved, each in a process of its own (dcat-build-once.ts): what DCAT
// adds to a build's wall time and peak memory. docs/decisions/dcat.md, Cost.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { writeSyntheticCatalogue } from './synthetic.ts';

const { values } = parseArgs({ options: { datasets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, build: { type: 'string' } } });
const size = Number(values.datasets);
const runs = Number(values.runs);
if (!Number.isInteger(size) || size < 1 || !Number.isInteger(runs) || runs < 1 || (values.build !== undefined && values.build !== 'all' && values.build !== 'core')) {
  console.error('Usage: node test/bench/dcat.ts [--datasets N] [--runs R] [--build all|core]');
  process.exit(1);
}
const run = promisify(execFile);

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const work = await mkdtemp(path.join(tmpdir(), 'datashelf-bench-dcat-'));
try {
  const contentDir = path.join(work, 'content');
  await writeSyntheticCatalogue(contentDir, size);
  if (values.build) await measureBuilds(contentDir, values.build);
  else await measureParts(contentDir);
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Each part of the output, writing into a fresh folder `runs` times in a row. */
async function measureParts(contentDir: string): Promise<void> {
  const { catalogue } = await loadCatalogue({ contentDir });
  console.log(`${catalogue.datasets.length} public datasets of ${size} generated; ${runs} run(s). Node ${process.version}.`);
  const times = new Map<string, number[]>(dcatOutput.parts.map((part) => [part.name, []]));
  const cpuTimes = new Map<string, number[]>(dcatOutput.parts.map((part) => [part.name, []]));
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  for (let run = 0; run < runs; run++) {
    const outDir = path.join(work, `dist-${run}`);
    const line: string[] = [];
    for (const part of dcatOutput.parts) {
      const [started, cpuStarted] = [performance.now(), cpuMs()];
      await part.write(catalogue, outDir);
      const [ms, cpu] = [performance.now() - started, cpuMs() - cpuStarted];
      times.get(part.name)!.push(ms);
      cpuTimes.get(part.name)!.push(cpu);
      line.push(`${part.name} ${(ms / 1000).toFixed(2)} s (CPU ${(cpu / 1000).toFixed(2)} s)`);
    }
    console.log(`  run ${run + 1}: ${line.join(', ')}`);
    await rm(outDir, { recursive: true, force: true });
  }
  const perDataset = (ms: number) => `${((ms / catalogue.datasets.length) * 1000).toFixed(0)} µs a dataset`;
  for (const [name, ms] of times) {
    const cpu = median(cpuTimes.get(name)!);
    console.log(`${name}: median ${(median(ms) / 1000).toFixed(2)} s wall (${perDataset(median(ms))}), ${(cpu / 1000).toFixed(2)} s CPU (${perDataset(cpu)})`);
  }
}

interface BuildMeasure {
  wallMs: number;
  peakRssMiB: number;
  stages: { name: string; ms: number }[];
}

/** Builds with and without DCAT, interleaved `runs` times; prints each run and the medians' difference. */
async function measureBuilds(contentDir: string, outputs: string): Promise<void> {
  const once = fileURLToPath(new URL('dcat-build-once.ts', import.meta.url));
  const measures: Record<'with' | 'without', BuildMeasure[]> = { with: [], without: [] };
  console.log(`${size} datasets, builds with ${outputs} outputs, with and without DCAT; ${runs} interleaved run(s). Node ${process.version}.`);
  for (let index = 0; index < runs; index++) {
    for (const dcat of ['with', 'without'] as const) {
      const outDir = path.join(work, 'dist');
      const { stdout } = await run(process.execPath, [once, contentDir, outDir, outputs, dcat], { maxBuffer: 1 << 26 });
      const measure = JSON.parse(stdout.trim().split('\n').pop()!) as BuildMeasure;
      measures[dcat].push(measure);
      console.log(`  ${dcat.padEnd(7)} DCAT, run ${index + 1}: ${(measure.wallMs / 1000).toFixed(1)} s wall, ${measure.peakRssMiB} MiB peak; ${measure.stages.map((stage) => `${stage.name} ${(stage.ms / 1000).toFixed(1)} s`).join(', ')}`);
      await rm(outDir, { recursive: true, force: true });
    }
  }
  const wall = (dcat: 'with' | 'without') => median(measures[dcat].map((measure) => measure.wallMs));
  const peak = (dcat: 'with' | 'without') => median(measures[dcat].map((measure) => measure.peakRssMiB));
  console.log(`median wall: ${(wall('with') / 1000).toFixed(1)} s with DCAT, ${(wall('without') / 1000).toFixed(1)} s without: DCAT adds ${((wall('with') - wall('without')) / 1000).toFixed(1)} s`);
  // Loading and rendering vary most from run to run on a shared machine, and DCAT runs after them: the rest is what it can change.
  const rest = (dcat: 'with' | 'without') => median(measures[dcat].map((measure) => measure.wallMs - measure.stages.filter((stage) => stage.name === 'load' || stage.name === 'pages').reduce((sum, stage) => sum + stage.ms, 0)));
  console.log(`median wall after loading and the pages: ${(rest('with') / 1000).toFixed(1)} s with DCAT, ${(rest('without') / 1000).toFixed(1)} s without: DCAT adds ${((rest('with') - rest('without')) / 1000).toFixed(1)} s`);
  console.log(`median peak memory: ${peak('with')} MiB with DCAT, ${peak('without')} MiB without`);
}
