// The load memo's record as the build's cache file holds it (build-cache.ts): its datasets in
// shards by their file's path, each serialised on its own. An edit changes one dataset, so the next
// cache is written with every other shard's bytes as this build read them, instead of serialising
// the whole record again (10,000 datasets: 52 MB, 0.2 s of the main thread's CPU). The file is still
// written whole and renamed over the old one: a build killed while writing leaves the old cache.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { LoadMemoRecord, RememberedDataset } from './load-memo.ts';
import { readPreview, storedPreview, type StoredPreview } from './lazy-rows.ts';
import { readInto } from '../util/read-into.ts';

/** Enough that an edit rewrites a few hundred KB at 10,000 datasets (about 40 a shard), few enough that each is worth a call. */
export const shardCount = 256;

/**
 * Where a record's shards were read from, so that a shard none of whose records changed is written
 * again with those bytes: the cache file (and what says it is still that file), where its shards
 * lie, and which shard each remembered dataset (the very object read) came from.
 */
export interface ShardOrigin {
  file: string;
  identity: string;
  /** Each shard's bytes' place in the file, and how many datasets it held. */
  places: { start: number; length: number; datasets: number }[];
  shardOf: WeakMap<RememberedDataset, number>;
}

/** The part of the record outside the shards, and the shards' lengths in bytes. */
interface Head {
  byStat: LoadMemoRecord['byStat'];
  byContent: LoadMemoRecord['byContent'];
  markdown: LoadMemoRecord['markdown'];
  /** Checked values no remembered dataset names. */
  checked: [string, Uint8Array][];
  shards: number[];
}

/** A shard: its datasets, and the checked values (read-files.ts `CheckMemo`) they name. */
interface Shard {
  datasets: [string, RememberedDataset][];
  checked: [string, Uint8Array][];
}

/** A dataset file's shard: FNV-1a of its path (any fixed spread will do; the same path, the same shard). */
export function shardOf(file: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < file.length; index++) hash = Math.imul(hash ^ file.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % shardCount;
}

/** What says a file is the one read: device, inode, size, modification and change times. */
function identityOf(fd: number): string {
  const stats = fstatSync(fd, { bigint: true });
  return `${stats.dev}\0${stats.ino}\0${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}`;
}

/**
 * The record as bytes, in parts to be written one after the other: the head's length (4 bytes,
 * little-endian), the head, then each shard. A shard whose datasets are the very records `origin`
 * read into it, as many, is copied from that file (unless it is no longer the file read).
 */
export function packLoad(record: LoadMemoRecord, origin: ShardOrigin | null = null): Uint8Array[] {
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
  const kept = origin ? keptShards(shards, origin) : new Map<number, Uint8Array>();
  const shardBytes = shards.map((shard, index) => kept.get(index) ?? serialize(storedShard(shard)));
  const head: Head = {
    byStat: record.byStat,
    byContent: record.byContent,
    markdown: record.markdown,
    checked: [...checked].filter(([key]) => !named.has(key)),
    shards: shardBytes.map((bytes) => bytes.byteLength),
  };
  const headBytes = serialize(head);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headBytes.length);
  return [length, headBytes, ...shardBytes];
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

/** The bytes, read again from the file `origin` describes, of each shard whose records are all as read; none if the file is no longer that one. */
function keptShards(shards: Shard[], origin: ShardOrigin): Map<number, Uint8Array> {
  const kept = new Map<number, Uint8Array>();
  const unchanged = (shard: Shard, index: number) => shard.datasets.length === origin.places[index]?.datasets && shard.datasets.every(([, remembered]) => origin.shardOf.get(remembered) === index);
  let fd: number | null = null;
  try {
    fd = openSync(origin.file, 'r');
    if (identityOf(fd) !== origin.identity) return new Map();
    for (const [index, shard] of shards.entries()) {
      if (!unchanged(shard, index)) continue;
      const { start, length } = origin.places[index]!;
      const bytes = Buffer.allocUnsafe(length);
      if (readInto(fd, bytes, length, start) < length) return new Map();
      kept.set(index, bytes);
    }
    return kept;
  } catch {
    // Unreadable now: every shard is serialised again.
    return new Map();
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The memo's bytes as `unpackLoad` reads them: `length` of them, and `read`, a view of `length`
 * bytes from `start` that holds them only until the next call (a buffer used again).
 */
export interface LoadBytes {
  length: number;
  read(start: number, length: number): Uint8Array;
}

/** The bytes of the cache file open as `fd` from `offset` on, read a part at a time into one buffer. */
export function fileBytes(fd: number, offset: number, length: number): LoadBytes {
  let buffer = Buffer.allocUnsafe(0);
  return {
    length,
    read(start, count) {
      if (start < 0 || start + count > length) throw new Error('load memo cut short');
      if (buffer.length < count) buffer = Buffer.allocUnsafe(Math.max(count, 2 * buffer.length));
      if (readInto(fd, buffer, count, offset + start) < count) throw new Error('load memo cut short');
      return buffer.subarray(0, count);
    },
  };
}

/** `bytes` as `unpackLoad` reads them. */
function viewBytes(bytes: Uint8Array): LoadBytes {
  return {
    length: bytes.byteLength,
    read(start, count) {
      if (start < 0 || start + count > bytes.byteLength) throw new Error('load memo cut short');
      return bytes.subarray(start, start + count);
    },
  };
}

/**
 * Checked values (`Uint8Array`s) as their own copies, in one buffer: deserialised, each is a view
 * of the bytes it was read from, which `LoadBytes` uses again (and which, the whole file read,
 * kept its 60 MB for the rest of the build).
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
 * The record from `input` (the bytes themselves, or `fileBytes` of the cache file `file`, whose
 * first byte is at `offset` in it), with where each shard came from. Throws when the bytes are cut
 * short or are not such a record. Read a shard at a time: 50 MB (10,000 datasets) read into one
 * buffer were pages the kernel had to give and clear (15 ms of CPU) for bytes read once.
 */
export function unpackLoad(input: Uint8Array | LoadBytes, source: { file: string; fd: number; offset: number } | null): LoadMemoRecord & { origin: ShardOrigin | null } {
  const bytes = input instanceof Uint8Array ? viewBytes(input) : input;
  const headLength = Buffer.from(bytes.read(0, 4)).readUInt32LE(0);
  const headEnd = 4 + headLength;
  const head = deserialize(bytes.read(4, headLength)) as Head;
  if (!Array.isArray(head?.shards) || head.shards.length !== shardCount) throw new Error('not a load memo');
  const datasets: [string, RememberedDataset][] = [];
  const checked: [string, Uint8Array][] = ownCopies(head.checked);
  const places: ShardOrigin['places'] = [];
  const shardOfRemembered = new WeakMap<RememberedDataset, number>();
  let start = headEnd;
  for (const [index, length] of head.shards.entries()) {
    const shard = deserialize(bytes.read(start, length)) as Shard;
    for (const entry of shard.datasets) {
      readRecord(entry[1]);
      datasets.push(entry);
      shardOfRemembered.set(entry[1], index);
    }
    for (const entry of ownCopies(shard.checked)) checked.push(entry);
    places.push({ start: (source?.offset ?? 0) + start, length, datasets: shard.datasets.length });
    start += length;
  }
  // Longer than its shards: not a file this module wrote.
  if (start !== bytes.length) throw new Error('not a load memo');
  const origin = source && { file: source.file, identity: identityOf(source.fd), places, shardOf: shardOfRemembered };
  return { byStat: head.byStat, byContent: head.byContent, markdown: head.markdown, checked, datasets, origin };
}
