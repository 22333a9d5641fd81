// The compiled pages: Astro and Vite turn src/pages/ and src/site/ into a server bundle that
// renders a page from its view, and the client assets (`_astro/`, public/) beside it. That takes
// seconds and hundreds of MiB of tooling, and its result depends only on the package and the site's
// address, so it is kept in the build cache under a key of those and later builds skip Vite.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Site } from '../catalogue/model.ts';
import { siblingModule } from '../util/sibling-module.ts';
import type { CompileJob, CompileOutcome } from './compile-pages-process.ts';

/** The package's own folder: the Astro project (config, pages, styles) ships inside it. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface PageBundle {
  /** Names what was compiled: part of every page's key. */
  key: string;
  /** The server bundle's entry, which exports `app`. */
  entry: string;
  /** Files every site holds as they are: `_astro/` and public/. */
  client: string;
  /** Whether this build compiled it (false: taken from the cache). */
  compiled: boolean;
}

/** What the compiled pages depend on: this package's files and where the site lives. */
const sourceFolders = ['src', 'public'];
const sourceFiles = ['astro.config.mjs', 'package.json', 'node_modules/astro/package.json'];

/** The key of the pages compiled for `site`: changes with the package's sources, its Astro, the site's address. */
export async function bundleKey(site: Pick<Site, 'url' | 'basePath'>): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ packageRoot, url: site.url, base: site.basePath, node: process.versions.modules }));
  const files: string[] = [];
  for (const folder of sourceFolders) {
    const entries = await readdir(path.join(packageRoot, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries) if (entry.isFile()) files.push(path.relative(packageRoot, path.join(entry.parentPath, entry.name)));
  }
  const astroPackage = fileURLToPath(new URL('../package.json', import.meta.resolve('astro')));
  for (const file of [...files.sort(), ...sourceFiles]) {
    const where = file === 'node_modules/astro/package.json' ? astroPackage : path.join(packageRoot, file);
    hash.update(file).update('\0').update(await readFile(where)).update('\0');
  }
  return hash.digest('base64url').slice(0, 16);
}

/**
 * The compiled pages for `site` from `cacheDir`, compiled first (in `workDir`, a folder of the
 * build's own) when missing or when `fresh`. Older bundles in the cache are removed. `stop` ends
 * the compiler's process (the build failed while it worked).
 */
export async function pageBundle(site: Pick<Site, 'url' | 'basePath'>, cacheDir: string, workDir: string, fresh: boolean, stop?: AbortSignal): Promise<PageBundle> {
  const key = await bundleKey(site);
  const dir = path.join(cacheDir, `pages-${key}`);
  const bundle = { key, entry: path.join(dir, 'server', 'entry.mjs'), client: path.join(dir, 'client') };
  if (!fresh && (await stat(bundle.entry).catch(() => null))) return { ...bundle, compiled: false };
  const compiled = path.join(workDir, 'bundle');
  await mkdir(workDir, { recursive: true });
  await linkPackageDependencies(workDir);
  await runCompileProcess({ packageRoot, root: workDir, outDir: compiled, site: site.url, base: site.basePath }, stop);
  // The server chunks import Astro by name: a link beside them finds the package's dependencies.
  await linkPackageDependencies(compiled);
  await mkdir(cacheDir, { recursive: true });
  for (const name of await readdir(cacheDir)) if (name.startsWith('pages-')) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  await moveFolder(compiled, dir);
  return { ...bundle, compiled: true };
}

/** Renames `from` to `to`; across file systems (the cache on another disk than the output), a copy under a temporary name, then a rename. */
async function moveFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temporary = `${to}.${process.pid}.tmp`;
    await cp(from, temporary, { recursive: true, verbatimSymlinks: true });
    await rename(temporary, to);
    await rm(from, { recursive: true, force: true });
  }
}

/** A link to the folder the package's dependencies are installed in, so Node finds them from `dir`. */
async function linkPackageDependencies(dir: string): Promise<void> {
  const astroEntry = fileURLToPath(import.meta.resolve('astro'));
  const marker = `${path.sep}node_modules${path.sep}`;
  const dependencies = astroEntry.slice(0, astroEntry.lastIndexOf(marker) + marker.length - 1);
  await symlink(dependencies, path.join(dir, 'node_modules'), 'junction');
}

/** The operating system's words for the errors a build reports as the machine's refusal (build.ts). */
const systemErrors: Record<string, string> = {
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  EACCES: 'Permission denied',
  EROFS: 'Read-only file system',
};

function runCompileProcess(job: CompileJob, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stop?.aborted) return reject(new Error('the build was stopped'));
    const child = fork(siblingModule(import.meta.url, 'compile-pages-process'), {
      cwd: job.root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      execArgv: ['--max-semi-space-size=8'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    let outcome: CompileOutcome | null = null;
    child.on('message', (message: CompileOutcome) => {
      outcome = message;
    });
    child.once('spawn', () => child.send(job));
    child.once('error', reject);
    const onStop = () => child.kill();
    stop?.addEventListener('abort', onStop, { once: true });
    child.once('exit', (code, signal) => {
      stop?.removeEventListener('abort', onStop);
      if (stop?.aborted) return reject(new Error('the build was stopped'));
      if (outcome?.ok && code === 0) return resolve();
      const failure = outcome && !outcome.ok ? outcome.error : null;
      const error = new Error(failure?.message ?? `the page compiler stopped (${signal ?? `exit code ${code}`})\n${output}`) as NodeJS.ErrnoException;
      if (failure?.code) error.code = failure.code;
      if (failure?.path) error.path = failure.path;
      if (failure?.stack) error.stack = failure.stack;
      // Rolldown reports the machine's refusals in words, not codes: name them, so the build says
      // "no space left on device" in one line instead of the compiler's trace.
      error.code ??= Object.entries(systemErrors).find(([, words]) => error.message.includes(words))?.[0];
      reject(error);
    });
  });
}
