// One measured build in its own process, so peak memory is the build's alone (with the page
// renderer's process, summed). Prints JSON.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { firstPageWritten } from './first-page.ts';
import { outputSize } from './output-size.ts';
import { compiled } from './runtime.ts';
import { watchTreeMemory } from './tree-memory.ts';

const { buildSite } = await compiled<typeof import('../../src/build/build.ts')>('build/build.js');
const { useSmallNursery } = await compiled<typeof import('../../src/build/memory.ts')>('build/memory.js');

// As `datashelf build` does.
useSmallNursery();

const [contentDir, outDir, outputs = 'all'] = process.argv.slice(2);
const memory = watchTreeMemory();
const started = performance.now();
const report = await buildSite({ contentDir: contentDir!, outDir: outDir!, ckanApi: outputs === 'all' });
const wallMs = Math.round(performance.now() - started);
const finishedAt = Date.now();
const peakRssMiB = memory.stop();
// The site search's index: what a static host stores for it (the browser fetches a few pieces).
const searchFiles = (await readdir(path.join(outDir!, 'search'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
const searchBytes = (await Promise.all(searchFiles.map((entry) => stat(path.join(entry.parentPath, entry.name))))).reduce((sum, file) => sum + file.size, 0);
const searchIndex = { files: searchFiles.length, bytes: searchBytes };
// What a host stores, by output group (hard links counted as files: uploaders copy each).
const sizes = await outputSize(outDir!);
// The fixed cost's end: when the first page was written (the benchmark knows when it started this process).
const firstPageAt = await firstPageWritten(outDir!, performance.timeOrigin);
process.stdout.write(`${JSON.stringify({ wallMs, stages: report.stages, peakRssMiB, datasets: report.catalogue.datasets.length, searchIndex, sizes, firstPageAt, finishedAt })}\n`);
// As `datashelf build` ends (bin/datashelf.mjs): without freeing the build's heaps first.
await (await compiled<typeof import('../../src/cli/exit.ts')>('cli/exit.js')).exitOnceWritten(0);
