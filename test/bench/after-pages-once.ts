// The main thread's outputs after the pages, timed part by part over a catalogue, with the fragment
// stores of a build's cache (copied first, so the cache is left as it was): what an incremental
// build's stages after the pages cost, without the rest of the build. Prints JSON.
// node test/bench/after-pages-once.ts <content> <outDirOfTheBuild> <cacheDir> <scratch>
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cacheKey } from '../../src/build/build-cache.ts';
import { configureFragments } from '../../src/build/fragments.ts';
import { useSmallNursery } from '../../src/build/memory.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { enabledOutputs, writeOutputs } from '../../src/outputs/index.ts';

useSmallNursery();
const [contentDir, outDir, cacheDir, scratch] = process.argv.slice(2) as [string, string, string, string];
const key = cacheKey({ contentDir: path.resolve(contentDir), outDir: path.resolve(outDir), includePrivate: false, ckanApi: true, today: null });
// AGAIN=1: with the stores the last run here left (an edit after that run), not the build's.
if (!process.env.AGAIN) {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(path.join(cacheDir, 'fragments'), path.join(scratch, 'cache', 'fragments'), { recursive: true });
}
configureFragments({ dir: path.join(scratch, 'cache'), key, reuse: true });
const { catalogue } = await loadCatalogue({ contentDir });
const stages: { name: string; ms: number }[] = [];
const site = path.join(scratch, 'site');
rmSync(site, { recursive: true, force: true });
// DATASHELF_PROFILE=<file>: a CPU profile of the outputs alone (not the loading before them).
const profileFile = process.env.DATASHELF_PROFILE;
const { Session } = await import('node:inspector/promises');
const session = profileFile ? new Session() : null;
session?.connect();
await session?.post('Profiler.enable');
await session?.post('Profiler.start');
for (const output of enabledOutputs({}).filter((output) => output.thread === 'main')) {
  await writeOutputs(catalogue, site, [output], async (name, work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stages.push({ name, ms: Math.round(performance.now() - started) });
    }
  });
}
if (session && profileFile) {
  const { profile } = await session.post('Profiler.stop');
  (await import('node:fs')).writeFileSync(profileFile, JSON.stringify(profile));
}
process.stdout.write(`${JSON.stringify({ stages })}\n`);
