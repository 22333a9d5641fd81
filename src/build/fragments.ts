// What each dataset contributed to a whole-catalogue output last time (its rows of an export, its
// DCAT-AP nodes, its CKAN package dict…), kept between builds by the dataset's digest, so that an
// edit to one dataset works out one dataset's part again and reuses every other. One folder per
// output in the build's cache folder, written by whichever thread writes that output; only what this
// build used is kept for the next. Like the build cache, a store made by another datashelf, another
// Node or other options (the cache key) is ignored whole, and so is one made under another
// `context` (what the output reads besides the dataset: the site's address, the topics' titles…).
//
// A store is cut into shards by a hash of each value's key, one file each, so that an edit, which
// changes a few keys, writes the few shards that hold them again rather than the whole store (the
// exports' store is 77 MB at 10,000 datasets). A shard is written again when it gains a key, loses
// one, or one of its values changed; the others are left as they are.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Where the stores live and whether the previous ones may be read: handed to every thread. */
export interface FragmentsConfig {
  dir: string;
  /** The build cache's key (build-cache.ts `cacheKey`). */
  key: string;
  /** False for `--no-cache`: nothing is read, everything is written anew. */
  reuse: boolean;
}

let config: FragmentsConfig | null = null;

/** Set once per build (and once per writer thread, from what the build hands it); null: no cache. */
export function configureFragments(next: FragmentsConfig | null): void {
  config = next;
}

export function fragmentsConfig(): FragmentsConfig | null {
  return config;
}

/** One shard file of a store. */
export interface StoredShard {
  key: string;
  context: string;
  /** How many shards the store was cut into when this one was written. */
  shards: number;
  entries: [string, unknown][];
}

/**
 * Values per shard aimed at: about 1 MB a shard for the exports' store at 10,000 datasets (64
 * shards), and a store of a few values is one file.
 */
const valuesPerShard = 160;
const maxShards = 256;

/** The shard count for `size` values: a power of two, kept as it was while within a factor of four (a shard count that changes writes every shard). */
function shardCount(size: number, previous: number): number {
  const ideal = Math.min(maxShards, 2 ** Math.max(0, Math.round(Math.log2(Math.max(1, size) / valuesPerShard))));
  return previous > 0 && previous * 4 >= ideal && ideal * 4 >= previous ? previous : ideal;
}

/** FNV-1a of the key's code units: the shard a key belongs to, the same in every build and thread. */
export function shardOf(key: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % shards;
}

/**
 * One output's fragments for this build. `get` answers from the previous build's store when the
 * digest is there, else makes the value; `save` keeps what this build used. Without a cache it only
 * makes values, so an output's code is the same either way.
 */
export class Fragments<T> {
  private readonly previous: Map<string, T>;
  /** How many shards the previous store had (0: none, or not one layout), and how many values each held. */
  private readonly previousShards: number;
  private readonly previousSizes: number[];
  private readonly used = new Map<string, T>();
  /** Values made this build (not found in the store), for the tests and the build's report. */
  made = 0;

  readonly name: string;
  private readonly context: string;
  private readonly store: FragmentsConfig | null;

  constructor(name: string, context: string, store: FragmentsConfig | null = config) {
    this.name = name;
    this.context = context;
    this.store = store;
    const read = store?.reuse ? readStore<T>(store, name, context) : null;
    this.previous = read?.values ?? new Map();
    this.previousShards = read?.shards ?? 0;
    this.previousSizes = read?.sizes ?? [];
  }

  get(digest: string, make: () => T): T {
    let value = this.used.get(digest) ?? this.previous.get(digest);
    if (value === undefined) {
      value = make();
      this.made++;
    }
    this.used.set(digest, value);
    return value;
  }

  /** The value this build or the previous one has for `digest`, without making one or keeping it (a writer that first decides whether it needs the rest). */
  peek(digest: string): T | undefined {
    return this.used.get(digest) ?? this.previous.get(digest);
  }

  /** The kept value of `digest` (kept again for the next build), or undefined: then `set` it once made (a value made asynchronously). */
  find(digest: string): T | undefined {
    const value = this.used.get(digest) ?? this.previous.get(digest);
    if (value !== undefined) this.used.set(digest, value);
    return value;
  }

  /** What the previous store holds (what a store kept beside this one, by the same keys, reads of it: lazy-fragments.ts). */
  previousEntries(): IterableIterator<[string, T]> {
    return this.previous.entries();
  }

  /** Keeps every value the previous store holds that this build did not use too (a build that relies on values it did not ask for). */
  keepPrevious(): void {
    for (const entry of this.previous) if (!this.used.has(entry[0])) this.used.set(entry[0], entry[1]);
  }

  /** Keeps `value` for `digest`, in place of what the previous build had: a value made only once the work it describes is done. */
  set(digest: string, value: T): void {
    this.used.set(digest, value);
    this.made++;
  }

  /**
   * Replaces the store by what this build used, writing only the shards whose values changed; false
   * when the folder cannot be written (the build stands). `context`: what the next build must read
   * it under, when not the one it was read under.
   */
  save(context = this.context): boolean {
    if (!this.store) return false;
    const shards = shardCount(this.used.size, this.previousShards);
    // Another context (values read under one, kept for the next build under another): every shard written.
    const relaid = shards !== this.previousShards || context !== this.context;
    const entries: [string, T][][] = Array.from({ length: shards }, () => []);
    const changed: boolean[] = new Array<boolean>(shards).fill(relaid);
    for (const entry of this.used) {
      const shard = shardOf(entry[0], shards);
      entries[shard]!.push(entry);
      // A value the previous store holds is the very object read from it: any other is new or changed.
      if (!changed[shard] && this.previous.get(entry[0]) !== entry[1]) changed[shard] = true;
    }
    const folder = storeFolder(this.store, this.name);
    try {
      mkdirSync(folder, { recursive: true });
      for (let shard = 0; shard < shards; shard++) {
        // Unchanged: the same values, and as many as before (none of its keys let go).
        if (!changed[shard] && entries[shard]!.length === this.previousSizes[shard]) continue;
        writeShardFile(path.join(folder, `${shard}.v8`), { key: this.store.key, context, shards, entries: entries[shard]! });
      }
      // Shards of another layout are let go, and the one file a store was before shards.
      if (relaid) {
        for (const file of shardFiles(folder)) if (Number(path.basename(file, '.v8')) >= shards) rmSync(file, { force: true });
        rmSync(`${folder}.v8`, { force: true });
      }
      return true;
    } catch {
      return false;
    }
  }
}

/** A shard's file written whole under another name, then renamed over it: a build killed meanwhile leaves the old one. */
export function writeShardFile(file: string, stored: StoredShard): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, serialize(stored));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A store's folder in the cache. */
export function storeFolder(store: Pick<FragmentsConfig, 'dir'>, name: string): string {
  return path.join(store.dir, 'fragments', name.replace(/[^a-z0-9.-]/gi, '_'));
}

/** The shard files a store's folder holds (for the tests, which plant values in them). */
export function shardFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((name) => /^\d+\.v8$/.test(name)).map((name) => path.join(folder, name));
}

/** A shard file as written (`writeShardFile`), or null when it cannot be read. */
export function readShardFile(file: string): StoredShard | null {
  try {
    return (deserialize(readFileSync(file)) as StoredShard) ?? null;
  } catch {
    return null;
  }
}

function readStore<T>(store: FragmentsConfig, name: string, context: string): { values: Map<string, T>; shards: number; sizes: number[] } {
  const values = new Map<string, T>();
  const sizes: number[] = [];
  let shards = -1;
  for (const file of shardFiles(storeFolder(store, name))) {
    let stored: StoredShard;
    try {
      stored = deserialize(readFileSync(file)) as StoredShard;
    } catch {
      shards = 0;
      continue;
    }
    if (!stored || stored.key !== store.key || stored.context !== context) {
      shards = 0;
      continue;
    }
    // Shards of two layouts (a build stopped while laying the store out again): every shard is written again.
    shards = shards === -1 || shards === stored.shards ? stored.shards : 0;
    sizes[Number(path.basename(file, '.v8'))] = stored.entries.length;
    for (const [key, value] of stored.entries) values.set(key, value as T);
  }
  return { values, shards: Math.max(0, shards), sizes };
}
