// Pre-compressed copies (`.gz`, `.br`) beside the files where they pay: the fingerprinted assets
// every page loads (`_astro/`), and the large catalogue-wide files (exports, DCAT, data.json,
// sitemaps) at the site's root and in `api/datasets/`. nginx serves the `.gz` (`gzip_static`) and,
// with ngx_brotli, the `.br`; other hosts compress on the fly. Not every file: at 10,000 datasets a
// copy of each page and API answer would double the build's file count for answers of a few KB
// that hosts compress on the fly anyway (docs/hosting.md).
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sinkFor } from '../outputs/output-sink.ts';
import { mapLimited } from '../util/map-limited.ts';
import { isHidden } from '../outputs/hosts/rules.ts';
import { brotliCopy } from './brotli-copy.ts';
import { brotliCopyOnThread, endBrotliThread } from './brotli-thread.ts';

/**
 * gzip copies a writer made already (kept-gzip.ts), by the file's absolute path; used if the file is
 * chosen. Such a file (export.json, the exports' CSVs, data.json: made of runs of datasets kept
 * between builds) gets its gzip copy only, no brotli copy: brotli's stream cannot be put together
 * from pieces made apart as deflate's can (its distance cache and literal context run on across
 * its blocks), so its copy was made again from all of the file's bytes on every build, an edit of
 * one dataset included (48 MB at 10,000 datasets: about half a second of CPU), for a copy 1% to
 * 20% smaller than the gzip one that no host configuration serves unless told to
 * (docs/decisions/gzip-only-for-pieced-files.md).
 */
const offered = new Map<string, Uint8Array | Promise<Uint8Array>>();

/** A writer's gzip copy of `relativePath` (its bytes decompress to the file's exactly), or the promise of it (pieces still deflating). */
export function offerGzip(siteDir: string, relativePath: string, gzipped: Uint8Array | Promise<Uint8Array>): void {
  // Awaited by `precompress`; a build that fails before it lets the copy go.
  if (gzipped instanceof Promise) gzipped.catch(() => {});
  offered.set(path.resolve(siteDir, relativePath), gzipped);
}

/**
 * gzip's level for every file but the assets: 6 (zlib's default) is about 1.8 times as fast as 9
 * for 4% more bytes on the large catalogue-wide files (docs/performance.md, "exports-inc"); the
 * assets are small and compressed once, so they keep 9.
 */
export const gzipLevel = 6;

/** Folders whose every compressible file is worth a compressed copy. */
export const assetFolders = ['_astro/'];
/** Folders whose compressible files of at least `largeFileBytes` get one. */
export const largeFileFolders = ['', 'api/datasets/'];
export const largeFileBytes = 64 * 1024;

export interface PrecompressRules {
  /** Extension → media type, and the types worth compressing. */
  mediaTypes: Readonly<Record<string, string>>;
  compressibleTypes: readonly string[];
  /** Host configuration files: never served, never compressed. */
  hidden: readonly string[];
}

/** Whether `file` of `size` bytes gets compressed copies. */
function isChosen(file: string, size: number, rules: PrecompressRules): boolean {
  // The folder first: of a build's 57,000 files (10,000 datasets) a few hundred are in these.
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  if (!(assetFolders.includes(folder) || (largeFileFolders.includes(folder) && size >= largeFileBytes))) return false;
  const extension = /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  return Object.hasOwn(rules.mediaTypes, extension) && rules.compressibleTypes.includes(rules.mediaTypes[extension]!) && !isHidden(rules, file);
}

/** Brotli copies started before the compress stage, by the file's absolute path, with the hash of the bytes they are made from. */
const early = new Map<string, { hash: string; done: Promise<void> }>();

/**
 * Starts the brotli copy of each large file written so far this build that will be chosen (an
 * incremental build's few changed catalogue-wide files: the sitemap; not those with a gzip copy
 * offered, which get none), on the brotli thread (brotli-thread.ts) while this thread goes on with the next outputs; `precompress`
 * uses the copy if the file still holds the same bytes. The same stream, so the same bytes, as
 * `precompress` makes (brotli-copy.ts).
 */
export function compressEarly(siteDir: string, rules: PrecompressRules): void {
  const sink = sinkFor(siteDir);
  for (const file of sink.staged) {
    const entry = sink.entries.get(file);
    const target = path.resolve(siteDir, file);
    // A file with an offered gzip copy gets no brotli copy (`offered`).
    if (!entry || early.has(target) || offered.has(target) || file.startsWith('_astro/') || !isChosen(file, entry.size, rules)) continue;
    const done = brotliCopyOnThread(target, target, 5);
    // Awaited by `precompress`; a build that fails before it lets the copy go with its folder.
    done.catch(() => {});
    early.set(target, { hash: entry.hash, done });
  }
}

/**
 * Waits for the brotli copies `compressEarly` started in `siteDir`: before the build moves folders
 * into it (build.ts `moveInto` may move its entries aside), which a copy still being written
 * would miss (ENOENT) or leave behind (ENOTEMPTY).
 */
export async function earlyCopiesWritten(siteDir: string): Promise<void> {
  const within = path.resolve(siteDir) + path.sep;
  for (const [file, started] of early) if (file.startsWith(within)) await started.done.catch(() => {});
}

/**
 * Writes `<file>.gz` and `<file>.br` beside each chosen file (`<file>.gz` only beside one a writer
 * offered its gzip copy of: `offered`); returns the chosen files, site-relative, sorted. In a build
 * the files are the build's manifest, and an unchanged file keeps the copies the previous build
 * made of it.
 */
export async function precompress(siteDir: string, rules: PrecompressRules): Promise<string[]> {
  const sink = sinkFor(siteDir);
  const chosen: string[] = [];
  if (sink.entries.size > 0) {
    for (const [file, entry] of sink.entries) if (isChosen(file, entry.size, rules)) chosen.push(file);
  } else {
    for (const [file, size] of await filesIn(siteDir, [...assetFolders, ...largeFileFolders])) if (isChosen(file, size, rules)) chosen.push(file);
  }
  chosen.sort();
  await mapLimited(chosen, 4, async (file) => {
    const target = path.join(siteDir, file);
    const ready = offered.get(path.resolve(target));
    offered.delete(path.resolve(target));
    const started = early.get(path.resolve(target));
    early.delete(path.resolve(target));
    if (ready) {
      // Its gzip copy only (`offered`): recorded, and written unless the previous output holds it.
      sink.write(`${file}.gz`, await ready);
      // None is started for it (`compressEarly`); one that was is not kept.
      if (started) {
        await started.done.catch(() => {});
        rmSync(`${target}.br`, { force: true });
      }
      return;
    }
    if (started) {
      // Made from the bytes the file holds now: used as it is. Else let finish, then made again.
      if (started.hash === sink.entries.get(file)?.hash) await started.done;
      else await started.done.catch(() => {});
    }
    if (sink.unchanged(file) && sink.keep(`${file}.gz`) && sink.keep(`${file}.br`)) return;
    const source = sink.source(file);
    await mkdir(path.dirname(target), { recursive: true });
    const asset = file.startsWith('_astro/');
    // Deterministic: Node's gzip header has no time and no name; brotli has neither.
    await pipeline(createReadStream(source), createGzip({ level: asset ? 9 : gzipLevel }), createWriteStream(`${target}.gz`));
    sink.written(`${file}.gz`);
    // Quality 11 takes seconds per megabyte (a 10,000-dataset export.json is tens of them): 11 for
    // the small assets, 5 (fast, still smaller than gzip's best) for the rest (`compressEarly` too).
    if (!started || started.hash !== sink.entries.get(file)?.hash) await brotliCopy(source, target, asset ? 11 : 5);
    sink.written(`${file}.br`);
  });
  // Offers for files not chosen (too small), and copies started for files no longer chosen, are let go with this build.
  for (const file of offered.keys()) if (file.startsWith(path.resolve(siteDir) + path.sep)) offered.delete(file);
  for (const [file, started] of early) {
    if (!file.startsWith(path.resolve(siteDir) + path.sep)) continue;
    early.delete(file);
    await started.done.catch(() => {});
    rmSync(`${file}.br`, { force: true });
  }
  await endBrotliThread();
  return chosen;
}

/** The files of `folders` (not their subfolders) and their sizes, for a folder outside a build. */
async function filesIn(siteDir: string, folders: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const folder of folders) {
    const entries = await readdir(path.join(siteDir, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile()) sizes.set(`${folder}${entry.name}`, (await stat(path.join(siteDir, folder, entry.name))).size);
    }
  }
  return sizes;
}
