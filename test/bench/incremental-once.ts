// One measured build with the cache, in its own process (as `datashelf build` runs it). Prints JSON:
// wall time, stages and what the build wrote.
import { compiled } from './runtime.ts';

const { buildSite } = await compiled<typeof import('../../src/build/build.ts')>('build/build.js');
const { useSmallNursery } = await compiled<typeof import('../../src/build/memory.ts')>('build/memory.js');

useSmallNursery();
const [contentDir, outDir, cacheDir, reuse] = process.argv.slice(2);
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, cache: { dir: cacheDir!, reuse: reuse === 'reuse' } });
const wallMs = Math.round(performance.now() - started);
// CPU time: the main thread's, and the whole process's (every thread), from the process's start.
const cpuMs = (usage: { user: number; system: number }) => Math.round((usage.user + usage.system) / 1000);
process.stdout.write(`${JSON.stringify({ wallMs, mainCpuMs: cpuMs(process.threadCpuUsage()), processCpuMs: cpuMs(process.cpuUsage()), stages: report.stages, output: report.output })}\n`);
// As `datashelf build` ends (bin/datashelf.mjs): without freeing the build's heaps first.
await (await compiled<typeof import('../../src/cli/exit.ts')>('cli/exit.js')).exitOnceWritten(0);
