// The compiled pages: Astro and Vite turn src/pages/ and src/site/ into a server bundle that
// renders a page from its view, and the client assets (`_astro/`, public/) beside it. That takes
// seconds and hundreds of MiB of tooling, and its result depends only on the package and the site's
// address, so it is kept under a key of those (in the build's cache, or in the dependencies' own
// cache for a build without one) and later builds, `--no-cache` ones too, skip Vite
// (docs/decisions/compiled-pages-kept.md).
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  /** Whether this build compiled it (false: a kept one). */
  compiled: boolean;
}

/** What the compiled pages are made from: this package's files, and the compiler's own packages. */
const sourceFolders = ['src', 'public'];
const sourceFiles = ['astro.config.mjs', 'package.json'];
const compilerPackages = ['astro', 'vite'];

/**
 * The digest of what compiles the pages: the package's sources and version, the Astro and Vite
 * that compile them, the Node.js that runs them and where the package is. Any upgrade or edit of
 * those changes it, so a kept bundle is never one of another version.
 */
export function packageDigest(root = packageRoot): string {
  const hash = createHash('sha256').update(JSON.stringify({ root, node: process.versions.modules }));
  const files: string[] = [];
  for (const folder of sourceFolders) {
    const entries = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries) if (entry.isFile()) files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  for (const file of [...files.sort(), ...sourceFiles]) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  const astro = createRequire(path.join(root, 'package.json'));
  for (const name of compilerPackages) {
    // Vite as Astro finds it, which is the one that compiles.
    const manifest = name === 'astro' ? astro.resolve('astro/package.json') : createRequire(astro.resolve('astro/package.json')).resolve(`${name}/package.json`);
    hash.update(name).update('\0').update(readFileSync(manifest)).update('\0');
  }
  return hash.digest('base64url').slice(0, 16);
}

/**
 * The key of the pages compiled for `site`: the package's folder, its digest, the site's address.
 * The folder comes first, so that packages installed side by side (sharing `node_modules`) clear
 * only their own older bundles.
 */
export function bundleKey(digest: string, site: Pick<Site, 'url' | 'basePath'>, root = packageRoot): string {
  const short = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 8);
  return `${short(root)}.${digest}.${short(JSON.stringify({ url: site.url, base: site.basePath }))}`;
}

/**
 * Where a build without a cache folder keeps its compiled pages: the cache of the folder the
 * package's dependencies are installed in (where Vite keeps its own), never inside the package.
 */
export function sharedBundles(): string {
  return path.join(dependenciesFolder(), '.cache', 'datashelf', 'pages');
}

/**
 * The compiled pages for `site` from `bundles`, compiled first (in `workDir`, a folder of the
 * build's own) when none is kept under their key. This package's bundles of another digest are
 * removed then; other sites' bundles of this one stay (builds of several sites share the folder). `stop`
 * ends the compiler's process (the build failed while it worked).
 *
 * Everything up to the compiler's start is synchronous (about 20 ms): loading, which the build
 * starts next, holds the main thread for seconds at a time, and the compiler, when its start took
 * turns of the event loop, started only once loading was nearly done (docs/performance.md, "first-page").
 */
export async function pageBundle(site: Pick<Site, 'url' | 'basePath'>, bundles: string, workDir: string, stop?: AbortSignal): Promise<PageBundle> {
  const digest = packageDigest();
  const key = bundleKey(digest, site);
  const kept = bundleIn(path.join(bundles, `pages-${key}`), key, false);
  if (statSync(kept.entry, { throwIfNoEntry: false })) return kept;
  const compiled = path.join(workDir, 'bundle');
  mkdirSync(workDir, { recursive: true });
  symlinkSync(dependenciesFolder(), path.join(workDir, 'node_modules'), 'junction');
  await runCompileProcess({ packageRoot, root: workDir, outDir: compiled, site: site.url, base: site.basePath }, stop);
  // The server chunks import Astro by name: a link beside them finds the package's dependencies.
  await symlink(dependenciesFolder(), path.join(compiled, 'node_modules'), 'junction');
  // A folder this build cannot write (a read-only install) keeps nothing: the pages are used from
  // the build's own folder, and the next build compiles them again.
  const where = await keepBundle(compiled, bundles, key).catch(() => compiled);
  return bundleIn(where, key, true);
}

function bundleIn(dir: string, key: string, compiled: boolean): PageBundle {
  return { key, entry: path.join(dir, 'server', 'entry.mjs'), client: path.join(dir, 'client'), compiled };
}

/** Moves the compiled bundle into `bundles` under its key, and returns where it is. */
async function keepBundle(compiled: string, bundles: string, key: string): Promise<string> {
  const dir = path.join(bundles, `pages-${key}`);
  await mkdir(bundles, { recursive: true });
  const [root, digest] = key.split('.');
  const older = (name: string) => name.startsWith(`pages-${root}.`) && !name.startsWith(`pages-${root}.${digest}.`);
  for (const name of await readdir(bundles)) if (older(name)) await rm(path.join(bundles, name), { recursive: true, force: true });
  try {
    await moveFolder(compiled, dir);
  } catch (error) {
    // Another build of the same site compiled the same pages first: theirs is as good.
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '') || !(await stat(path.join(dir, 'server', 'entry.mjs')).catch(() => null))) throw error;
  }
  return dir;
}

/** Renames `from` to `to`; across file systems (the cache on another disk than the output), a copy under a temporary name, then a rename. */
async function moveFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temporary = `${to}.${process.pid}.tmp`;
    try {
      await cp(from, temporary, { recursive: true, verbatimSymlinks: true });
      await rename(temporary, to);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
    await rm(from, { recursive: true, force: true });
  }
}

/** The `node_modules` folder the package's dependencies (Astro first) are installed in. */
function dependenciesFolder(): string {
  const astroEntry = fileURLToPath(import.meta.resolve('astro'));
  const marker = `${path.sep}node_modules${path.sep}`;
  return astroEntry.slice(0, astroEntry.lastIndexOf(marker) + marker.length - 1);
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
    // The job goes with the process's arguments: a message would wait for this thread's next turn.
    const child = fork(siblingModule(import.meta.url, 'compile-pages-process'), [JSON.stringify(job)], {
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
