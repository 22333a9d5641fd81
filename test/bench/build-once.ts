// One measured build in its own process, so peak memory is the build's alone. Prints JSON.
import { buildSite } from '../../src/build/build.ts';
import { useSmallNursery } from '../../src/build/memory.ts';

// As `datashelf build` does.
useSmallNursery();

const [contentDir, outDir, outputs = 'all'] = process.argv.slice(2);
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, ckanApi: outputs === 'all' });
const wallMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), datasets: report.catalogue.datasets.length })}\n`);
