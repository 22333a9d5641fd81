// Where every output file of a build goes: one small sink per build folder that records each file's
// path, content hash and size (the build's manifest) and, when the previous build's output is known
// to match its manifest, writes only what changed. The writers keep their own logic and hand their
// bytes here instead of to `fs` (docs/decisions/incremental-builds.md).
import { createHash, hash } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { readInto } from '../util/read-into.ts';

export interface OutputEntry {
  /**
   * SHA-256 of the bytes, first 128 bits in hex; or another hash as sure of them, marked by a prefix:
   * `md5-` a resource's MD5 from loading (publish-files.ts), `pieces-` one made from the hashes of
   * a large file's runs (kept-gzip.ts).
   */
  hash: string;
  size: number;
}

/** Site-relative, `/`-separated path → its entry. */
export type Manifest = Map<string, OutputEntry>;

/** What a sink hands back to the build from another thread: the manifest it recorded and the files it wrote. */
export interface SinkRecord {
  entries: [string, OutputEntry][];
  staged: string[];
  /** Of `entries`, the files whose entry is not the previous output's (`OutputSink.differs`); absent: not known, compared on absorbing. */
  differs?: string[];
}

/** Characters gathered before a write to disk, for text given in pieces. */
const chunkLength = 64 * 1024;

export function contentHash(content: string | Uint8Array): string {
  return hash('sha256', content).slice(0, 32);
}

export class OutputSink {
  /** Every file of this build, written or not. */
  readonly entries: Manifest = new Map();
  /** The files written into `dir` this build: new or changed. */
  readonly staged = new Set<string>();
  /**
   * When patching, the files of `entries` whose entry (hash or size) is not the previous output's:
   * new or changed. Kept as each file is recorded, so the manifest's text is made from these few
   * (manifest-text.ts `manifestEdits`) without going through 57,000 entries (10,000 datasets) again.
   */
  readonly differs = new Set<string>();
  private readonly folders = new Set<string>();
  readonly dir: string;
  /** The previous build's manifest, when its output (at `previousDir`) still holds exactly that. */
  private readonly previous: ReadonlyMap<string, OutputEntry> | null;
  private readonly previousDir: string | null;
  /** Not a build's sink (a writer called on its own, as tests do): a file on disk counts as taken. */
  private readonly standalone: boolean;

  constructor(dir: string, previous: { manifest: ReadonlyMap<string, OutputEntry>; dir: string } | null = null, standalone = false) {
    this.dir = dir;
    this.previous = previous?.manifest ?? null;
    this.previousDir = previous?.dir ?? null;
    this.standalone = standalone;
  }

  /** Whether `relativePath` was already given this build (writers that keep the first answer). */
  has(relativePath: string): boolean {
    return this.entries.has(relativePath) || (this.standalone && existsSync(this.target(relativePath)));
  }

  /** Records `content` at `relativePath` and writes it unless the previous output holds the same bytes; its entry. */
  write(relativePath: string, content: string | Uint8Array): OutputEntry {
    // Text encoded once, and those bytes hashed, measured and written: hashing and writing the text
    // encoded it twice, and measuring it read it a third time.
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const entry = { hash: contentHash(bytes), size: bytes.byteLength };
    if (!this.record(relativePath, entry)) writeFileSync(this.prepare(relativePath), bytes);
    return entry;
  }

  /**
   * Records `relativePath` with `entry` when the previous output holds exactly those bytes there (a
   * writer that knows an answer's entry from the last build, kept by what the answer is made of):
   * true, and nothing to make or write. False: nothing recorded, the writer makes and writes it.
   */
  keepIfPrevious(relativePath: string, entry: OutputEntry): boolean {
    if (this.previous?.get(relativePath)?.hash !== entry.hash) return false;
    return this.record(relativePath, entry);
  }

  /** A file whose entry is known already (its bytes were made by an earlier build): `content` is made and written only when the previous output does not hold them. */
  writeKnown(relativePath: string, entry: OutputEntry, content: () => string | Uint8Array): void {
    if (!this.record(relativePath, entry)) writeFileSync(this.prepare(relativePath), content());
  }

  /** Text given in pieces, gathered into chunks (never one big string), hashed as it comes, written when changed; its entry. */
  writePieces(relativePath: string, pieces: Iterable<string>): OutputEntry {
    const digest = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let chunk = '';
    // Each chunk encoded once, as `write` does.
    const flush = () => {
      const bytes = Buffer.from(chunk);
      digest.update(bytes);
      size += bytes.byteLength;
      chunks.push(bytes);
      chunk = '';
    };
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= chunkLength) flush();
    }
    if (chunk) flush();
    const entry = { hash: digest.digest('hex').slice(0, 32), size };
    if (this.record(relativePath, entry)) return entry;
    const fd = openSync(this.prepare(relativePath), 'w');
    try {
      for (const written of chunks) writeSync(fd, written);
    } finally {
      closeSync(fd);
    }
    return entry;
  }

  /** A second name for the bytes of `existingPath` (a hard link, or nothing when the previous output has it). */
  link(existingPath: string, relativePath: string): void {
    const entry = this.entries.get(existingPath);
    if (!entry) throw new Error(`${existingPath}: linked to before it was written`);
    if (this.record(relativePath, entry)) return;
    // Unchanged, the first name is only in the previous output: link to its file there (same file system).
    const source = this.staged.has(existingPath) || !this.previousDir ? this.target(existingPath) : path.join(this.previousDir, existingPath);
    linkSync(source, this.prepare(relativePath));
  }

  /**
   * A copy of `source` (a dataset's file, an image); `known` when its bytes' hash is known already
   * (a resource's MD5, and its size, from loading). A file up to 1 MiB is copied on this thread
   * (copySmallFile), a larger one on Node's thread pool.
   */
  async copy(relativePath: string, source: string, known?: { hash: string; size?: number }): Promise<void> {
    const entry = known ? { hash: known.hash, size: known.size ?? statSync(source).size } : fileEntry(source);
    if (this.record(relativePath, entry)) return;
    const target = this.prepare(relativePath);
    if (entry.size <= smallCopyLimit) copySmallFile(source, target);
    else await copyFile(source, target);
  }

  /**
   * Records a file a writer has already put at `relativePath` (a stream, a copy, a rendered page), and
   * removes it again when the previous output holds the same bytes.
   */
  written(relativePath: string, knownHash?: string): void {
    const target = this.target(relativePath);
    const entry = knownHash ? { hash: knownHash, size: statSync(target).size } : fileEntry(target);
    // On disk already: record() takes it away again if the previous output has these bytes.
    this.staged.add(relativePath);
    this.record(relativePath, entry);
  }

  /** Whether the previous output holds `relativePath` with these bytes (then it was not written). */
  unchanged(relativePath: string): boolean {
    const entry = this.entries.get(relativePath);
    return entry !== undefined && this.previous?.get(relativePath)?.hash === entry.hash;
  }

  /** The previous output's entry for `relativePath`, when that output may be patched (a writer that skips a group of files it knows unchanged). */
  previousEntry(relativePath: string): OutputEntry | undefined {
    return this.previous?.get(relativePath);
  }

  /** Keeps the previous build's file as it is, when it had one (a compressed copy of an unchanged file). */
  keep(relativePath: string): boolean {
    const entry = this.previous?.get(relativePath);
    if (!entry) return false;
    this.entries.set(relativePath, entry);
    this.differs.delete(relativePath);
    return true;
  }

  /** Takes back a file given earlier this build (the index cut into parts that replace it): not in the output. */
  remove(relativePath: string): void {
    this.entries.delete(relativePath);
    this.differs.delete(relativePath);
    // Written this build, or a writer called on its own on a finished folder: the file goes.
    if (this.staged.delete(relativePath) || this.standalone) rmSync(this.target(relativePath), { force: true });
  }

  /** Where the file's current bytes are: written this build, or else in the previous output. */
  source(relativePath: string): string {
    return this.staged.has(relativePath) || !this.previousDir ? this.target(relativePath) : path.join(this.previousDir, relativePath);
  }

  /** The record of another thread's sink over a folder that is moved into this one. */
  absorb(record: SinkRecord): void {
    const differs = record.differs && new Set(record.differs);
    for (const [relativePath, entry] of record.entries) {
      this.entries.set(relativePath, entry);
      if (!this.previous) continue;
      if (differs ? differs.has(relativePath) : !sameEntry(entry, this.previous.get(relativePath))) this.differs.add(relativePath);
      else if (this.differs.size > 0) this.differs.delete(relativePath);
    }
    for (const relativePath of record.staged) this.staged.add(relativePath);
  }

  toRecord(): SinkRecord {
    return { entries: [...this.entries], staged: [...this.staged], ...(this.previous ? { differs: [...this.differs] } : {}) };
  }

  /** True when the previous output already holds these bytes at that path (nothing to write). */
  private record(relativePath: string, entry: OutputEntry): boolean {
    this.entries.set(relativePath, entry);
    const previous = this.previous?.get(relativePath);
    if (this.previous) {
      if (sameEntry(entry, previous)) this.differs.delete(relativePath);
      else this.differs.add(relativePath);
    }
    if (previous?.hash === entry.hash) {
      // Written earlier in this build with other bytes, then given the previous ones again.
      if (this.staged.delete(relativePath)) unlinkSync(this.target(relativePath));
      return true;
    }
    this.staged.add(relativePath);
    return false;
  }

  private target(relativePath: string): string {
    return path.join(this.dir, relativePath);
  }

  private prepare(relativePath: string): string {
    const target = this.target(relativePath);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) this.makeFolder(folder);
    return target;
  }

  /**
   * Makes `folder` and the folders above it that this sink has not made yet: one mkdir each. A
   * recursive mkdir tries the deepest folder first and, it failing, each one above: three calls for
   * a new `download/<id>/<file id>/` (10,000 datasets' files: 30,000 calls, a third failing).
   */
  private makeFolder(folder: string): void {
    const parent = path.dirname(folder);
    if (!this.folders.has(parent)) {
      if (parent.length <= this.dir.length) {
        // The build folder itself, or above it: made or found as a recursive mkdir does.
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
        return;
      }
      this.makeFolder(parent);
    }
    try {
      mkdirSync(folder);
    } catch (error) {
      // There already (made by another writer): as a recursive mkdir, only a folder will do.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
    this.folders.add(folder);
  }
}

/** Whether the two entries are one line of the manifest (manifest-text.ts): the same hash and size. */
export function sameEntry(entry: OutputEntry, other: OutputEntry | undefined): boolean {
  return other !== undefined && other.hash === entry.hash && other.size === entry.size;
}

/** Up to this size a copy is one read and one write on the calling thread. */
const smallCopyLimit = 1 << 20;

/**
 * A copy of a small file as `copyFile` makes it (the same bytes, and the source's permissions,
 * which the umask does not narrow), in 8 system calls on this thread: Node's copy takes 11 on its
 * thread pool (open and fstat of each file, ftruncate, utimensat, fchown, fchmod, copy_file_range,
 * two closes) and a trip to the pool and back. 10,000 small files: about a third less of the
 * process's CPU (docs/performance.md, "load-cpu"). Ownership is not copied (copyFile sets it only
 * where the process may, as root).
 */
export function copySmallFile(source: string, target: string): void {
  let bytes: Buffer;
  let mode: number;
  const input = openSync(source, 'r');
  try {
    const stats = fstatSync(input);
    mode = stats.mode & 0o7777;
    // As many bytes as the file has now (copyFile copies its size at opening, too).
    bytes = Buffer.allocUnsafe(stats.size);
    bytes = bytes.subarray(0, readInto(input, bytes, bytes.length, 0));
  } finally {
    closeSync(input);
  }
  const output = openSync(target, 'w', mode);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(output, bytes, written, bytes.length - written);
    fchmodSync(output, mode);
  } finally {
    closeSync(output);
  }
}

function fileEntry(file: string): OutputEntry {
  const bytes = readFileSync(file);
  return { hash: contentHash(bytes), size: bytes.byteLength };
}

const sinks = new Map<string, OutputSink>();

/** Makes `sink` the one every writer into its folder uses, until `closeSink`. */
export function openSink(sink: OutputSink): OutputSink {
  sinks.set(path.resolve(sink.dir), sink);
  return sink;
}

export function closeSink(sink: OutputSink): void {
  if (sinks.get(path.resolve(sink.dir)) === sink) sinks.delete(path.resolve(sink.dir));
}

/** The build's sink for `outDir`; outside a build, one that writes every file and records nothing lasting. */
export function sinkFor(outDir: string): OutputSink {
  return sinks.get(path.resolve(outDir)) ?? new OutputSink(path.resolve(outDir), null, true);
}

/** Shorthands for writers that write a whole file at once. */
export function writeOutputFile(outDir: string, relativePath: string, content: string | Uint8Array): void {
  sinkFor(outDir).write(relativePath, content);
}

/**
 * The file in a build's output that says which manifest it matches (its hash), so the next build
 * can tell cheaply whether it may patch this output. Never served (the hosts' hidden files).
 */
export const buildMarkerFile = 'datashelf.build.json';

/** The marker of `manifest`: the hash of its entries' lines sorted by path (manifest-text.ts makes the same from its text). */
export function buildMarker(manifest: Manifest): string {
  const lines: string[] = [];
  for (const [file, entry] of sortedEntries(manifest)) lines.push(`${file}\0${entry.hash}\0${entry.size}\n`);
  return `${JSON.stringify({ manifest: hash('sha256', lines.join('')) })}\n`;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The manifest's entries sorted by path (UTF-16 code units), the marker's order. A build makes the
 * marker from the manifest's text instead (manifest-text.ts), the same lines; this is its definition.
 */
export function sortedEntries(manifest: Manifest): [string, OutputEntry][] {
  return [...manifest].sort(([a], [b]) => byPath(a, b));
}
