// A large zip entry (a workbook's sheet) deflated in pieces that are kept between builds, so an
// edit deflates again only the piece that holds the changed dataset. The entry's text is cut into
// runs of whole datasets where the content says (content-defined chunking): a run ends after a
// dataset whose id's checksum ends in a given pattern, once the run holds enough text; so adding or
// removing a dataset changes the run it falls in, and the next runs cut where they cut before (by
// the id, not the dataset's digest: an edit does not move where runs end). A
// full build cuts the same way, so the bytes never depend on what was built before. Each run's
// deflated bytes are kept by a key that names everything its text is made of (its datasets'
// digests, in order, and the numbers it starts from: a row's number is in its text).
import { createHash, hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { fragmentsConfig, storeFolder, type FragmentsConfig } from '../build/fragments.ts';
import { deflateBytes, deflatePiece, type DeflatedPiece, type EncodingRing } from './zip-file.ts';

/** How long a run is: at least `minimum` characters, ending at the first dataset that may end one; at most `maximum`. */
export interface RunLengths {
  minimum: number;
  maximum: number;
}

/**
 * Deflated apart, runs of 256 KB take 2% more bytes than runs of 1 MB, runs of 96 KB 6% more (the
 * 10,000-dataset workbook's sheets); an edit deflates one run a sheet again, a few milliseconds.
 */
export const workbookRuns: RunLengths = { minimum: 256 * 1024, maximum: 1024 * 1024 };
/**
 * The JSON's keys repeat from dataset to dataset, so shorter runs lose more: 1 MB runs take 2%
 * more than gzipping the file whole, 256 KB runs 8% more (export.json and data.json at 10,000).
 */
export const fileRuns: RunLengths = { minimum: 1024 * 1024, maximum: 4 * 1024 * 1024 };
/** 1 in 16 datasets ends a run (past the minimum): runs of the minimum and some 16 datasets more. */
const boundaryMask = 15;

const sha256 = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();

const keyDigest = (key: readonly string[]) => createHash('sha256').update(key.join('\n')).digest('base64url');

/** Whether a run may end after the dataset with this id. */
export function endsRun(id: string): boolean {
  return (crc32(id) & boundaryMask) === 0;
}

/** The items cut into runs by content: each item's id and its length in characters decide. */
export function* contentRuns<T>(items: Iterable<T>, id: (item: T) => string, length: (item: T) => number, lengths: RunLengths): Generator<T[]> {
  let run: T[] = [];
  let held = 0;
  for (const item of items) {
    run.push(item);
    held += length(item);
    if (held >= lengths.maximum || (held >= lengths.minimum && endsRun(id(item)))) {
      yield run;
      run = [];
      held = 0;
    }
  }
  if (run.length > 0) yield run;
}

/** One build's kept pieces of an output: `piece` each run, then `save`. */
export class DeflatedPieces {
  private readonly store: PieceStore;
  /** Pieces being deflated, kept once made. */
  private readonly deflating = new Set<Promise<DeflatedPiece>>();
  /** How its runs are cut (a piece's key names its datasets, so a piece is right whatever the cut). */
  readonly runs: RunLengths;
  /**
   * Whether pieces are kept for a next build: without a cache nothing is, so no key is worked out
   * (its datasets' digests and a hash of them for every run) and the pieces are not held twice.
   */
  readonly keeps = fragmentsConfig() !== null;

  /** `context`: what the pieces' text reads besides the datasets (the columns…), as for any fragments store. */
  constructor(name: string, context: string, runs: RunLengths) {
    this.runs = runs;
    // zlib's level is part of what the bytes are.
    this.store = new PieceStore(name, `${context} deflate default level, sync flush`);
  }

  /**
   * The run's deflated piece: kept from the last build when `key` names the same text, else deflated
   * from `text()`. `key` may be null when nothing is kept (`keeps` false). `ring`: the buffers to
   * encode the text into, when the caller has at most `ring`'s size less one pieces in flight.
   */
  piece(key: readonly string[] | null, text: () => string, ring: EncodingRing | null = null): DeflatedPiece | Promise<DeflatedPiece> {
    if (!this.keeps || !key) return deflatePiece(text(), ring);
    const digest = keyDigest(key);
    const kept = this.store.find(digest);
    if (kept) return kept;
    return this.keep(digest, deflatePiece(text(), ring));
  }

  /**
   * The same for a run whose bytes are made whatever is kept (the file beside its gzip copy needs
   * them): `key` may be null when nothing is kept (`keeps` false). A kept piece is of the same text
   * as the bytes (its key names every dataset in it), so its CRC-32 is theirs and they are not read
   * for one: an edit's files are mostly runs taken whole from the previous output (48 MB at 10,000
   * datasets: export.json, its CSVs, data.json), and a CRC-32 over them cost more CPU than hashing
   * them for the manifest. The workbook trusts its kept pieces the same way (zip-file.ts
   * `addDeflated`); one of another length than the bytes is not used.
   */
  pieceOf(key: readonly string[] | null, bytes: Uint8Array): { piece: DeflatedPiece | Promise<DeflatedPiece>; textHash: Uint8Array } {
    // The text's SHA-256 (kept-gzip.ts makes the file's manifest entry from its runs'): worked out
    // here only for a run whose piece is not kept; a kept one's was kept with it, under the same key.
    if (!this.keeps || !key) return { piece: deflateBytes(bytes), textHash: sha256(bytes) };
    const digest = keyDigest(key);
    const kept = this.store.find(digest);
    if (kept?.textHash && kept.size === bytes.length) return { piece: kept, textHash: kept.textHash };
    const textHash = sha256(bytes);
    return { piece: this.keep(digest, deflateBytes(bytes).then((piece) => ({ ...piece, textHash }))), textHash };
  }

  private keep(digest: string, deflating: Promise<DeflatedPiece>): Promise<DeflatedPiece> {
    const kept = deflating.then((piece) => {
      this.store.set(digest, piece);
      return piece;
    });
    // A piece may still be deflating when its file is written (kept-gzip.ts): `save` waits for it.
    this.deflating.add(kept);
    void kept.finally(() => this.deflating.delete(kept)).catch(() => {});
    return kept;
  }

  /** Runs deflated this build (not found in the store). */
  get made(): number {
    return this.store.made;
  }

  /** Keeps the pieces this build used for the next, once those still deflating are made. */
  async save(): Promise<void> {
    await Promise.allSettled([...this.deflating]);
    this.store.save();
  }
}

/**
 * The kept pieces of one output, a file each (named by a hash of the cache's key, the context and
 * the piece's key), read when a build asks for it and written when made. Kept in a fragments
 * store, the pieces were one shard (some 30 to 60 values: the store's shards are cut by count), so
 * every build read and deserialised all of them (7 MB at 10,000 datasets: the exports', the
 * workbook's and data.json's) and an edit serialised and wrote all of them again for its few new
 * ones. A file of another cache key or context has another name, and is let go by `save` with every
 * piece this build did not use.
 */
class PieceStore {
  private readonly used = new Map<string, { file: string; piece: DeflatedPiece; made: boolean }>();
  private readonly config: FragmentsConfig | null;
  private readonly context: string;
  private readonly folder: string | null;
  /** Pieces made this build (not found in the store). */
  made = 0;

  constructor(name: string, context: string, config: FragmentsConfig | null = fragmentsConfig()) {
    this.config = config;
    this.context = context;
    this.folder = config && storeFolder(config, name);
  }

  /** The kept piece of `digest` (kept again for the next build), or undefined: then `set` it once made. */
  find(digest: string): DeflatedPiece | undefined {
    const known = this.used.get(digest);
    if (known) return known.piece;
    if (!this.config?.reuse || !this.folder) return undefined;
    const file = this.fileOf(digest);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(this.folder, file));
    } catch {
      return undefined;
    }
    // The head: the text's CRC-32 and length, the deflated bytes' length (a file cut short is no
    // piece), then the text's SHA-256 when known (all zeros when not).
    if (bytes.length < pieceHead || bytes.readUInt32LE(8) !== bytes.length - pieceHead) return undefined;
    const textHash = bytes.subarray(12, pieceHead);
    const piece: DeflatedPiece = { bytes: bytes.subarray(pieceHead), crc: bytes.readUInt32LE(0), size: bytes.readUInt32LE(4) };
    if (textHash.some((byte) => byte !== 0)) piece.textHash = textHash;
    this.used.set(digest, { file, piece, made: false });
    return piece;
  }

  set(digest: string, piece: DeflatedPiece): void {
    this.used.set(digest, { file: this.fileOf(digest), piece, made: true });
    this.made++;
  }

  /** Writes the pieces made this build and removes every file no piece of this build is in; false when the folder cannot be written. */
  save(): boolean {
    if (!this.folder) return false;
    try {
      mkdirSync(this.folder, { recursive: true });
      const names = new Set<string>();
      for (const { file, piece, made } of this.used.values()) {
        names.add(file);
        if (!made) continue;
        const head = Buffer.alloc(pieceHead);
        head.writeUInt32LE(piece.crc >>> 0, 0);
        head.writeUInt32LE(piece.size, 4);
        head.writeUInt32LE(piece.bytes.length, 8);
        if (piece.textHash) head.set(piece.textHash, 12);
        const target = path.join(this.folder, file);
        const temporary = `${target}.${process.pid}.tmp`;
        try {
          writeFileSync(temporary, Buffer.concat([head, piece.bytes]));
          renameSync(temporary, target);
        } catch (error) {
          rmSync(temporary, { force: true });
          throw error;
        }
      }
      // The pieces no longer used, and the fragments store's shards this folder held before.
      for (const name of readdirSync(this.folder)) if (!names.has(name)) rmSync(path.join(this.folder, name), { force: true, recursive: true });
      return true;
    } catch {
      return false;
    }
  }

  private fileOf(digest: string): string {
    return `${hash('sha256', `${this.config!.key}\n${this.context}\n${digest}`, 'hex').slice(0, 40)}.piece`;
  }
}

/** A piece file's head: CRC-32 and length of its text, length of its deflated bytes (4 bytes each), its text's SHA-256 (32 bytes, zeros when not known). */
const pieceHead = 44;
