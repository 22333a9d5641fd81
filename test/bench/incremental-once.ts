// One measured build with the cache, in its own process (as `datashelf build` runs it). Prints JSON:
// wall time, stages and what the build wrote.
import { buildSite } from '../../src/build/build.ts';
import { useSmallNursery } from '../../src/build/memory.ts';

useSmallNursery();
const [contentDir, outDir, cacheDir, reuse] = process.argv.slice(2);
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, cache: { dir: cacheDir!, reuse: reuse === 'reuse' } });
const wallMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, output: report.output })}\n`);
