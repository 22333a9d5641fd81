// The build's cache: what the last build learnt that the next one may reuse (the local files'
// hashes and previews, rendered descriptions, and the manifest of the output it published). One
// file, replaced by a rename, so a build killed while writing it leaves the old one or none, and
// the load memo's shards in files of their own that it names (load-memo-file.ts), written before
// it and never rewritten; a cache made by another datashelf, another Node or other options is
// ignored whole.
import { hash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { UserError } from '../util/user-error.ts';
import type { LoadMemoRecord } from './load-memo.ts';
import { removeOtherShards, unpackLoad, writeShards, type PackedLoad } from './load-memo-file.ts';
import { readInto } from '../util/read-into.ts';

/** The cache's folder when `--cache` is not given: beside the content folder, like link-check.json. */
export const defaultCacheFolder = '.datashelf-cache';
const cacheFile = 'build-cache.v8';

export interface CachedOutput {
  /** The output folder it describes (absolute). */
  dir: string;
  /** The hash the output's marker file holds (output-marker.ts). */
  marker: string;
  /**
   * The manifest's entries (`[path, entry][]`) as JSON text: the threads get it as it is (one
   * string, api-thread.ts), and this thread parses it only when the output it describes is there
   * (10,000 datasets: 57,000 entries, read as one string instead of as objects, not written out again).
   */
  manifestJson: string;
}

export interface CacheContents {
  key: string;
  output: CachedOutput | null;
  load: LoadMemoRecord;
  /** Each page's key (render-pages.ts) in the output `output` describes. */
  pages: Record<string, string>;
}

/**
 * The file's form: the length of the rest's serialised bytes (4 bytes, little-endian), those bytes
 * (key, manifest, page keys), then the load memo's head (load-memo-file.ts `packLoad`: what names
 * its shard files, which hold nine tenths of the cache's bytes), read only once the key matched.
 */
type StoredRest = Omit<CacheContents, 'load'>;

/** What makes a cache valid for a build: this datashelf (version and sources), Node's major version, the options. */
export function cacheKey(options: Record<string, unknown>): string {
  return hash('sha256', JSON.stringify({ format: 7, sources: sourcesHash(), node: process.versions.node.split('.')[0], options }));
}

/** The package's own root: src/build/ or lib/build/ is two folders down. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let sources: string | null = null;

/** One hash over the running code (the folder this module is in: src/ or lib/), package.json, the site's config and public files. */
function sourcesHash(): string {
  if (sources !== null) return sources;
  const codeRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(codeRoot);
  walk(path.join(packageRoot, 'public'));
  files.push(path.join(packageRoot, 'package.json'), path.join(packageRoot, 'astro.config.mjs'));
  const lines = files.map((file) => `${path.relative(packageRoot, file)}\0${hash('sha256', readFileSync(file))}`);
  sources = hash('sha256', lines.join('\n'));
  return sources;
}

/**
 * Where a build keeps its cache: `--cache DIR`, else `.datashelf-cache` beside the content folder
 * (a publisher's repository root, which .gitignore and actions/cache name). Null when the default
 * would fall inside an installed datashelf (building its example content from node_modules).
 */
export function cacheFolder(explicit: string | undefined, contentDir: string, outDir: string): string | null {
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + path.sep);
  if (explicit !== undefined) {
    const dir = path.resolve(explicit);
    if (within(dir, outDir) || within(outDir, dir)) throw new UserError(`--cache ${dir} overlaps the output folder ${outDir}, which the build replaces.`, 'Keep the cache outside the site, e.g. --cache .datashelf-cache.');
    return dir;
  }
  const dir = path.join(path.dirname(contentDir), defaultCacheFolder);
  if (within(dir, packageRoot) && packageRoot.split(path.sep).includes('node_modules')) return null;
  return dir;
}

/** The cache when it is valid for `key`; null when absent, unreadable or made for something else. */
export function readCache(dir: string, key: string): CacheContents | null {
  const file = path.join(dir, cacheFile);
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = readBytes(fd, 0, 4);
    const restLength = length ? length.readUInt32LE(0) : -1;
    if (restLength < 0 || 4 + restLength > size) return null;
    const rest = deserialize(readBytes(fd, 4, restLength)!) as StoredRest;
    // Another key: its load memo is not even read.
    if (!rest || rest.key !== key) return null;
    // The memo's head, then its shard files (load-memo-file.ts). A shard missing or cut short anywhere: this throws, no cache.
    const offset = 4 + restLength;
    const head = readBytes(fd, offset, size - offset);
    if (!head) return null;
    return { ...rest, load: unpackLoad(head, dir) };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** `length` bytes of the file from `start`; null when it ends before. */
function readBytes(fd: number, start: number, length: number): Buffer | null {
  const bytes = Buffer.allocUnsafe(length);
  return readInto(fd, bytes, length, start) < length ? null : bytes;
}

/**
 * Replaces the cache: the load memo's new shard files first (load-memo-file.ts), then the cache
 * file naming them, written beside the old one under a name of this process and renamed over it;
 * then the shard files it does not name are removed. False when the folder cannot be written (a
 * read-only checkout): the build stands, the next one is full.
 */
export function writeCache(dir: string, contents: Omit<CacheContents, 'load'> & { load: PackedLoad }): boolean {
  const temporary = path.join(dir, `.${cacheFile}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const { load, ...rest } = contents;
    writeShards(dir, load);
    const restBytes = serialize(rest satisfies StoredRest);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(restBytes.length);
    const file = openSync(temporary, 'w');
    try {
      for (const part of [length, restBytes, ...load.head]) {
        for (let done = 0; done < part.byteLength; ) done += writeSync(file, part, done, part.byteLength - done);
      }
    } finally {
      closeSync(file);
    }
    renameSync(temporary, path.join(dir, cacheFile));
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
  // The cache stands; a file left behind is removed by the next build that writes one.
  try {
    removeOtherShards(dir, contents.load);
  } catch {}
  return true;
}
