// Where each dataset's part lies in a large file made of per-dataset parts (export.json, the
// exports' CSVs, data.json) as the last build wrote it, kept between builds beside the file's hash.
// When the previous output still holds that file, a build takes each unchanged dataset's bytes from
// it instead of making its text again or reading it from the fragments store: an edit makes one
// dataset's part, an addition or a removal none but its own. Reading the exports' fragments store
// whole (77 MB at 10,000 datasets) was most of an edit's exports (docs/performance.md, "inc-outputs").
import { closeSync, openSync } from 'node:fs';
import { Fragments } from '../build/fragments.ts';
import { sinkFor } from './output-sink.ts';
import { readInto } from '../util/read-into.ts';

/** A file as written: its manifest entry, where its parts start, and each part's digest and lengths. */
export interface FileLayout {
  hash: string;
  size: number;
  /** Byte offset of the first part (the file's head before it). */
  start: number;
  digests: string[];
  /** Each part's length in bytes and in characters (runs are cut by characters, deflated-pieces.ts). */
  bytes: number[];
  chars: number[];
}

/**
 * A layout as the cache keeps it: the digests as one string (a space after each but the last: a
 * digest is base64url, dataset-digest.ts) and the lengths as typed arrays, which V8's serializer
 * writes and reads as blocks of bytes. Kept as arrays, the four files' layouts were 40,000 strings
 * and 80,000 numbers deserialised and serialised again on every edit (some 15–20 ms of the main
 * thread at 10,000 datasets), for the one dataset that changed.
 */
interface KeptLayout {
  hash: string;
  size: number;
  start: number;
  digests: string;
  bytes: Uint32Array;
  chars: Uint32Array;
}

/** A layout read back: its lengths as the typed arrays the cache kept. */
type ReadLayout = Pick<FileLayout, 'start'> & { digests: readonly string[]; bytes: ArrayLike<number>; chars: ArrayLike<number> };

/** Where a part's bytes lie in the previous output's file (`PreviousFile.bytes`), and its length in characters. */
export interface KeptPart {
  offset: number;
  length: number;
  chars: number;
}

/** The layouts of one output's files: read by `previous`, each file's new one `set`, then `save`. */
export class FileLayouts {
  private readonly store: Fragments<KeptLayout>;

  constructor(name: string, context: string) {
    this.store = new Fragments<KeptLayout>(`${name}-layout`, context);
  }

  /**
   * The previous output's copy of `relativePath` with its parts, when the kept layout describes the
   * very file the previous output holds (same hash and size in its manifest); else null.
   */
  previous(outDir: string, relativePath: string): PreviousFile | null {
    const layout = this.store.peek(relativePath);
    const sink = sinkFor(outDir);
    const entry = sink.previousEntry(relativePath);
    if (!layout || !entry || entry.hash !== layout.hash || entry.size !== layout.size) return null;
    let bytes: Buffer;
    try {
      bytes = readWhole(sink.source(relativePath), layout.size);
    } catch {
      return null;
    }
    if (bytes.length !== layout.size) return null;
    return new PreviousFile({ start: layout.start, digests: layout.digests === '' ? [] : layout.digests.split(' '), bytes: layout.bytes, chars: layout.chars }, bytes);
  }

  set(relativePath: string, layout: FileLayout): void {
    const { hash, size, start, digests, bytes, chars } = layout;
    this.store.set(relativePath, { hash, size, start, digests: digests.join(' '), bytes: Uint32Array.from(bytes), chars: Uint32Array.from(chars) });
  }

  save(): void {
    this.store.save();
  }
}

/**
 * The buffer the previous files are read into, used again by the next one: an edit reads four
 * (export.json, its CSVs, data.json: 48 MB at 10,000 datasets), and a new buffer each was as many
 * fresh pages for the kernel to fault in and zero. Taken while a file is read and written, and
 * given back by `PreviousFile.release` once nothing reads its bytes any more (kept-gzip.ts waits for
 * every write of them, and any deflating); a file not given back (a write that failed) keeps it.
 */
let spare: Buffer | null = null;
const readBuffers = new WeakSet<ArrayBufferLike>();

/** The file's bytes, up to `expected` and one more (a longer file is not the one described), in the spare buffer if free. */
function readWhole(file: string, expected: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    let buffer = spare;
    spare = null;
    if (buffer === null || buffer.length < expected + 1) {
      buffer = Buffer.allocUnsafeSlow(expected + 1);
      readBuffers.add(buffer.buffer);
    }
    return buffer.subarray(0, readInto(fd, buffer, expected + 1, null));
  } finally {
    closeSync(fd);
  }
}

/**
 * The previous file's parts by digest. A build asks for them in the order the previous file holds
 * them (the catalogue's, sorted by id), so each is looked for first where the last one found ends,
 * then one further (the one there removed, or edited: asked for under its new digest just before).
 * Only a part found in neither place a second time in a row (parts moved, or several changed side
 * by side) looks in a map of every digest, made then: a single miss is a dataset edited or added,
 * which no map would find, and making the map for it (each file's 10,000 digests, on every edit)
 * cost more than the part. A part the map would have found after a single miss is made again
 * instead: the same bytes. A part is handed back as where it lies, not as a view of its bytes
 * (a Buffer each, 10,000 a file).
 */
export class PreviousFile {
  private at: Map<string, number> | null = null;
  private readonly offsets: number[];
  private readonly layout: ReadLayout;
  readonly bytes: Buffer;
  /** Where the next part is looked for first: after the last one found. */
  private next = 0;
  /** Parts asked for in a row found in neither place where they are looked for first. */
  private misses = 0;

  constructor(layout: ReadLayout, bytes: Buffer) {
    this.layout = layout;
    this.bytes = bytes;
    this.offsets = new Array<number>(layout.digests.length);
    let offset = layout.start;
    for (let index = 0; index < layout.digests.length; index++) {
      this.offsets[index] = offset;
      offset += layout.bytes[index]!;
    }
  }

  /**
   * The part of the dataset with `digest`, when the previous file held it in the same place as to
   * being first or not (a part's text may begin with a separator the first one has not).
   */
  part(digest: string, first: boolean): KeptPart | undefined {
    const index = this.find(digest, first);
    return index < 0 ? undefined : { offset: this.offsets[index]!, length: this.layout.bytes[index]!, chars: this.layout.chars[index]! };
  }

  /** Gives its buffer back for the next file's read: nothing may read `bytes` after this. */
  release(): void {
    // Only a buffer `readWhole` made (bytes given to the constructor otherwise may share theirs).
    if (!readBuffers.has(this.bytes.buffer)) return;
    const whole = Buffer.from(this.bytes.buffer);
    if (spare === null || spare.length < whole.length) spare = whole;
  }

  /** Where in the previous file each of `digests` (a whole file's, in order) lies, as `part` finds them: a part's index there, or -1. */
  locate(digests: readonly string[]): Int32Array {
    const at = new Int32Array(digests.length);
    for (let index = 0; index < digests.length; index++) at[index] = this.find(digests[index]!, index === 0);
    return at;
  }

  /** The part at `index` of the previous file: where its bytes start, how many, how many characters. */
  offsetOf(index: number): number {
    return this.offsets[index]!;
  }

  lengthOf(index: number): number {
    return this.layout.bytes[index]!;
  }

  charsOf(index: number): number {
    return this.layout.chars[index]!;
  }

  /** The index of the part of `digest` in the previous file, or -1 (see `part`). */
  private find(digest: string, first: boolean): number {
    const { digests } = this.layout;
    const { next } = this;
    let index: number | undefined;
    if (next < digests.length && digests[next] === digest) index = next;
    else if (next + 1 < digests.length && digests[next + 1] === digest) index = next + 1;
    else if (this.at !== null || ++this.misses > 1) index = this.indexOf(digest);
    if (index === undefined) return -1;
    this.misses = 0;
    this.next = index + 1;
    return (index === 0) !== first ? -1 : index;
  }

  /** Where the part of `digest` lies, from a map of every part (a digest names one dataset: it is held once). */
  private indexOf(digest: string): number | undefined {
    if (!this.at) {
      this.at = new Map();
      for (let index = 0; index < this.layout.digests.length; index++) this.at.set(this.layout.digests[index]!, index);
    }
    return this.at.get(digest);
  }
}
