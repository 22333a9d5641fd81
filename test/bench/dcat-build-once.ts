// One measured build for test/bench/dcat.ts --build, in its own process: with the DCAT-AP output,
// or without it (its parts emptied in this process only), to see what it adds to a whole build.
// Prints JSON.
import { buildSite } from '../../src/build/build.ts';
import { useSmallNursery } from '../../src/build/memory.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { watchTreeMemory } from './tree-memory.ts';

// As `datashelf build` does.
useSmallNursery();

const [contentDir, outDir, outputs, dcat] = process.argv.slice(2);
// The build still describes DCAT to its pages (links): only the writing is left out.
if (dcat === 'without') dcatOutput.parts.splice(0);
const memory = watchTreeMemory();
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, ckanApi: outputs === 'all' });
const wallMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, peakRssMiB: memory.stop() })}\n`);
