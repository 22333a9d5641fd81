// One measured build in its own process, so peak memory is the build's alone (with the page
// renderer's process, summed). Prints JSON.
import { buildSite } from '../../src/build/build.ts';
import { useSmallNursery } from '../../src/build/memory.ts';
import { watchTreeMemory } from './tree-memory.ts';

// As `datashelf build` does.
useSmallNursery();

const [contentDir, outDir, outputs = 'all'] = process.argv.slice(2);
const memory = watchTreeMemory();
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, ckanApi: outputs === 'all' });
const wallMs = Math.round(performance.now() - started);
const peakRssMiB = memory.stop();
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, peakRssMiB, datasets: report.catalogue.datasets.length })}\n`);
