// One measured build for test/bench/dcat.ts --build, in its own process: with the DCAT-AP output,
// or without it (taken out of the list of outputs in this process only), to see what it adds to a
// whole build. Prints JSON.
import { buildSite } from '../../src/build/build.ts';
import { useSmallNursery } from '../../src/build/memory.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { allOutputs } from '../../src/outputs/index.ts';
import type { Output } from '../../src/outputs/output.ts';
import { watchTreeMemory } from './tree-memory.ts';

// As `datashelf build` does.
useSmallNursery();

const [contentDir, outDir, outputs, dcat] = process.argv.slice(2);
// Without: the build does not know the output (nor does its API thread, which is handed the ids of the build's outputs).
if (dcat === 'without') (allOutputs as Output[]).splice(allOutputs.indexOf(dcatOutput), 1);
const memory = watchTreeMemory();
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, ckanApi: outputs === 'all' });
const wallMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, peakRssMiB: memory.stop() })}\n`);
