// The load memo's record as the build's cache holds it (build-cache.ts): its datasets in shards by
// their file's path, each serialised on its own into a file of its own (in the cache folder's
// `load-memo/`, named once and never written again), and the rest (the head: the shards' names) in
// the cache file. An edit changes one dataset: the next cache names every other shard's file as it
// is, and writes one new shard file and the cache file. Before, every shard's bytes were read back
// and the whole record (10,000 datasets: 53 MB) written again and renamed over the old one, whose
// blocks the kernel then freed (65 ms of an edit). The cache file is still replaced by a rename, so
// a build killed while writing leaves the old cache, whose shard files are there until a build
// that wrote a cache removes the files its cache does not name.
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Dataset } from '../catalogue/model.ts';
import type { LoadMemoRecord, RememberedDataset } from './load-memo.ts';
import { readPreview, storedPreview, type StoredPreview } from './lazy-rows.ts';
import { readInto } from '../util/read-into.ts';

/** Enough that an edit rewrites a few hundred KB at 10,000 datasets (about 40 a shard), few enough that each is worth a file. */
export const shardCount = 256;

/** The shard files' folder in the cache folder. */
export const shardFolder = 'load-memo';

/**
 * Where a record's shards were read from, so that a shard none of whose records changed is named
 * again as it is: the shard files' folder, each shard's file, its length and how many datasets it
 * held, and which shard each remembered dataset (the very object read) came from.
 */
export interface ShardOrigin {
  dir: string;
  places: { name: string; length: number; datasets: number }[];
  shardOf: WeakMap<RememberedDataset, number>;
  /**
   * Each shard's bytes as read, views of one SharedArrayBuffer: the writer thread is handed them
   * (shared, not copied) and deserialises a shard only for a dataset it reads more of than the few
   * fields it is given (writer-input.ts `storedWriterInput`; on an edit, none).
   */
  bytes: Uint8Array[];
}

/** The part of the record outside the shards, and the shards' files. */
interface Head {
  byStat: LoadMemoRecord['byStat'];
  byContent: LoadMemoRecord['byContent'];
  markdown: LoadMemoRecord['markdown'];
  /** Checked values no remembered dataset names. */
  checked: [string, Uint8Array][];
  /** Each shard's file (in `shardFolder`), its length in bytes and how many datasets it holds. */
  shards: { name: string; length: number; datasets: number }[];
}

/** A shard: its datasets, and the checked values (read-files.ts `CheckMemo`) they name. */
interface Shard {
  datasets: [string, RememberedDataset][];
  checked: [string, Uint8Array][];
}

/**
 * The record packed for the cache: the head's bytes (its length, 4 bytes little-endian, then the
 * head) for the cache file, and the shards to write into files of their own: those not named
 * again (`bytes` null: the file is there as it was read).
 */
export interface PackedLoad {
  head: Uint8Array[];
  shards: { name: string; bytes: Uint8Array | null }[];
}

/** A dataset file's shard: FNV-1a of its path (any fixed spread will do; the same path, the same shard). */
export function shardOf(file: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < file.length; index++) hash = Math.imul(hash ^ file.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % shardCount;
}

/**
 * The record packed. A shard whose datasets are the very records `origin` read into it, as many,
 * keeps its file (unless that is no longer there as read); any other is serialised again, to be
 * written under a new name (this build's, random: no two caches name different bytes alike).
 */
export function packLoad(record: LoadMemoRecord, origin: ShardOrigin | null = null): PackedLoad {
  const shards: Shard[] = Array.from({ length: shardCount }, () => ({ datasets: [], checked: [] }));
  const checked = new Map(record.checked ?? []);
  const named = new Set<string>();
  for (const entry of record.datasets ?? []) {
    const shard = shards[shardOf(entry[0])]!;
    shard.datasets.push(entry);
    const key = entry[1].parts.checked;
    const bytes = key === null ? undefined : checked.get(key);
    if (bytes) {
      shard.checked.push([key!, bytes]);
      named.add(key!);
    }
  }
  const token = randomBytes(6).toString('hex');
  const packed: PackedLoad['shards'] = [];
  const places: Head['shards'] = [];
  for (const [index, shard] of shards.entries()) {
    const kept = origin && keptShard(shard, index, origin);
    if (kept) {
      packed.push({ name: kept.name, bytes: null });
      places.push(kept);
      continue;
    }
    const bytes = serialize(storedShard(shard));
    const name = `${index}-${token}.v8`;
    packed.push({ name, bytes });
    places.push({ name, length: bytes.byteLength, datasets: shard.datasets.length });
  }
  const head: Head = {
    byStat: record.byStat,
    byContent: record.byContent,
    markdown: record.markdown,
    checked: [...checked].filter(([key]) => !named.has(key)),
    shards: places,
  };
  const headBytes = serialize(head);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headBytes.length);
  return { head: [length, headBytes], shards: packed };
}

/** The shard as stored: its datasets' table previews' rows as JSON text (lazy-rows.ts). */
function storedShard(shard: Shard): Shard {
  return { datasets: shard.datasets.map(([file, remembered]) => [file, storedRecord(remembered)]), checked: shard.checked };
}

/** A new record, if it has a table preview (its keys in the same order): the one given is the build's. */
function storedRecord(remembered: RememberedDataset): RememberedDataset {
  const derived = remembered.derived;
  if (!derived?.resources.some((resource) => resource.preview?.kind === 'table')) return remembered;
  const resources = derived.resources.map((resource) => (resource.preview?.kind === 'table' ? { ...resource, preview: storedPreview(resource.preview) as never } : resource));
  return { ...remembered, derived: { ...derived, resources } };
}

/** A record read: its table previews' rows read when first asked (lazy-rows.ts). */
function readRecord(remembered: RememberedDataset): void {
  for (const resource of remembered.derived?.resources ?? []) {
    if (resource.preview?.kind === 'table') readPreview(resource.preview as unknown as StoredPreview);
  }
}

/** The shard's file as `origin` read it, when its records are all as read and the file is still there (as long); else null. */
function keptShard(shard: Shard, index: number, origin: ShardOrigin): Head['shards'][number] | null {
  const place = origin.places[index];
  if (!place || shard.datasets.length !== place.datasets || !shard.datasets.every(([, remembered]) => origin.shardOf.get(remembered) === index)) return null;
  const stats = statSync(path.join(origin.dir, place.name), { throwIfNoEntry: false });
  return stats?.isFile() && stats.size === place.length ? place : null;
}

/**
 * Writes the shard files not there yet into `dir` (the cache folder), before the cache file that
 * names them. Throws when one cannot be written.
 */
export function writeShards(dir: string, packed: PackedLoad): void {
  const folder = path.join(dir, shardFolder);
  mkdirSync(folder, { recursive: true });
  for (const { name, bytes } of packed.shards) {
    if (bytes) writeFileSync(path.join(folder, name), bytes);
  }
}

/**
 * Removes the shard files the cache file just written does not name (the shards it replaced, and
 * those of a build killed before its cache file was renamed into place). A file another build is
 * writing meanwhile may go too: that build's cache is then not read (a shard missing), the next
 * build is full.
 */
export function removeOtherShards(dir: string, packed: PackedLoad): void {
  const folder = path.join(dir, shardFolder);
  const named = new Set(packed.shards.map((shard) => shard.name));
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) if (!named.has(name)) rmSync(path.join(folder, name), { force: true, recursive: true });
}

/**
 * Checked values (`Uint8Array`s) as their own copies, in one buffer: deserialised, each is a view
 * of the bytes it was read from, which the reading uses again.
 */
function ownCopies(checked: [string, Uint8Array][]): [string, Uint8Array][] {
  let total = 0;
  for (const [, bytes] of checked) total += bytes.byteLength;
  const store = new Uint8Array(total);
  let at = 0;
  return checked.map(([key, bytes]) => {
    store.set(bytes, at);
    const copy = store.subarray(at, at + bytes.byteLength);
    at += bytes.byteLength;
    return [key, copy];
  });
}

/**
 * A file's bytes, exactly `length` of them, into `store` at `at` (which has a byte to spare after
 * them: the next shard's first, read after, or one left at the end); throws when the file is
 * shorter or longer.
 */
function readShardFile(file: string, length: number, store: Buffer, at: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    // One byte more asked than it should hold: a file longer than named is not the one written.
    if (readInto(fd, store.subarray(at, at + length + 1), length + 1, 0) !== length) throw new Error('load memo shard not as written');
    return store.subarray(at, at + length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The record from the head's bytes `input` (as `packLoad` made them: all of `input`) and the shard
 * files in `dir` (the cache folder), with where each shard came from. Throws when the bytes are cut
 * short, a shard file is missing, shorter or longer than named, or any is not such a record. The
 * shard files are read into one SharedArrayBuffer, kept for the writer thread (`ShardOrigin.bytes`).
 */
export function unpackLoad(input: Uint8Array, dir: string): LoadMemoRecord & { origin: ShardOrigin } {
  if (input.byteLength < 4) throw new Error('load memo cut short');
  const headLength = Buffer.from(input.buffer, input.byteOffset, 4).readUInt32LE(0);
  // Longer or shorter than its head: not bytes this module wrote.
  if (4 + headLength !== input.byteLength) throw new Error('not a load memo');
  const head = deserialize(input.subarray(4)) as Head;
  if (!Array.isArray(head?.shards) || head.shards.length !== shardCount) throw new Error('not a load memo');
  const folder = path.join(dir, shardFolder);
  const datasets: [string, RememberedDataset][] = [];
  const checked: [string, Uint8Array][] = ownCopies(head.checked);
  const shardOfRemembered = new WeakMap<RememberedDataset, number>();
  let total = 0;
  for (const place of head.shards) {
    if (typeof place?.name !== 'string' || path.basename(place.name) !== place.name || !Number.isSafeInteger(place.length) || place.length < 0) throw new Error('not a load memo');
    total += place.length;
  }
  const store = Buffer.from(new SharedArrayBuffer(total + 1));
  const bytes: Uint8Array[] = [];
  let at = 0;
  for (const [index, place] of head.shards.entries()) {
    const read = readShardFile(path.join(folder, place.name), place.length, store, at);
    at += place.length;
    bytes.push(read);
    const shard = deserialize(read) as Shard;
    if (!Array.isArray(shard?.datasets) || shard.datasets.length !== place.datasets) throw new Error('not a load memo');
    for (const entry of shard.datasets) {
      readRecord(entry[1]);
      datasets.push(entry);
      shardOfRemembered.set(entry[1], index);
    }
    for (const entry of ownCopies(shard.checked)) checked.push(entry);
  }
  const origin: ShardOrigin = { dir: folder, places: head.shards, shardOf: shardOfRemembered, bytes };
  return { byStat: head.byStat, byContent: head.byContent, markdown: head.markdown, checked, datasets, origin };
}

/**
 * The dataset published from `file` as a shard's bytes hold it (`ShardOrigin.bytes`), its table
 * previews' rows read when first asked; null when the shard holds no published dataset of that
 * file. `shards`: each shard deserialised once (a dataset read whole reads its shard's forty).
 */
export function storedDataset(bytes: Uint8Array, file: string, shards: Map<Uint8Array, Map<string, RememberedDataset>>): Dataset | null {
  let records = shards.get(bytes);
  if (!records) {
    records = new Map((deserialize(bytes) as Shard).datasets);
    shards.set(bytes, records);
  }
  const remembered = records.get(file);
  if (!remembered) return null;
  readRecord(remembered);
  return remembered.derived ?? null;
}
