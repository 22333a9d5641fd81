// What the benchmark runs: the runtime a publisher's `datashelf` runs, the compiled lib/ with Node's
// compile cache on, as bin/datashelf.mjs starts it; not the sources, whose types Node would strip
// again on every start and in every thread (an edit at 10,000 datasets took 0.88 of the CPU from
// lib/, docs/performance.md). The baseline takes its Markdown renderer the same way.
import { execFileSync } from 'node:child_process';
import { createRequire, enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** Compiles lib/ from the sources (incremental: quick when nothing changed), so no run measures a stale lib/. */
export function compileRuntime(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('tsconfig.build.json', root))], { stdio: 'inherit' });
}

/**
 * A module of the compiled runtime (`file` relative to lib/, typed by its source), with the compile
 * cache turned on first, as bin/datashelf.mjs does; the threads a build starts inherit it.
 */
export async function compiled<T>(file: string): Promise<T> {
  const cache = enableCompileCache?.();
  if (cache?.directory && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
  return (await import(new URL(`lib/${file}`, root).href)) as T;
}
