// A fragment store read by key, one shard at a time, for values most builds never read: the CKAN
// package dicts' texts (41 MB at 10,000 datasets), which an edit reads for the few answers it makes
// again and otherwise only keeps. `Fragments` (fragments.ts) deserialises its whole store when it is
// made; this one reads the shard of a key the first time one of its values is asked for.
//
// It is kept beside a `Fragments` store of the same keys (the `companion`: the CKAN dicts' small
// facts, which every build reads whole), whose previous keys say which keys each shard of this one
// holds without reading it. The same file format as `Fragments` (a `StoredShard` a file); a shard is
// written again when it gains or loses a key, or one of its values was made this build. A value
// asked for and not found (a shard lost or written under another key) is made by the caller and
// `set`, so the next build finds it.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fragmentsConfig, shardCount, shardFiles, shardOf, storeFolder, type Fragments, type FragmentsConfig, type StoredShard } from './fragments.ts';

export class LazyFragments<T> {
  private readonly store: FragmentsConfig;
  private readonly folder: string;
  private readonly context: string;
  /** The previous store's shard count (0: none to read). */
  private readonly shards: number;
  /** The keys the previous store holds, as its companion's. */
  private readonly previousKeys: Set<string>;
  /** Shards read (null: unreadable, or of another build's key, context or layout). */
  private readonly loaded = new Map<number, Map<string, T> | null>();
  private readonly madeValues = new Map<string, T>();
  private readonly used = new Set<string>();
  /** Values made this build (not found in the store), for the tests. */
  made = 0;
  /** Shards read this build, for the tests. */
  read = 0;

  readonly name: string;

  constructor(name: string, context: string, companion: Fragments<unknown>, store: FragmentsConfig) {
    this.name = name;
    this.context = context;
    this.store = store;
    this.folder = storeFolder(store, name);
    this.previousKeys = store.reuse ? new Set(companion.previousKeys()) : new Set();
    this.shards = store.reuse ? layout(shardFiles(this.folder)) : 0;
  }

  /** Keeps `key`'s value (not read) for the next build. */
  keep(key: string): void {
    this.used.add(key);
  }

  /** `key`'s value, read from its shard (kept for the next build), or undefined: then `set` it once made. */
  find(key: string): T | undefined {
    const value = this.madeValues.get(key) ?? this.shard(key)?.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  set(key: string, value: T): void {
    this.madeValues.set(key, value);
    this.used.add(key);
    this.made++;
  }

  /** Replaces the store by what this build kept, writing only the shards whose keys or values changed; false when it cannot be written. */
  save(): boolean {
    const shards = shardCount(this.used.size, this.shards);
    const relaid = shards !== this.shards;
    const keys: string[][] = Array.from({ length: shards }, () => []);
    for (const key of this.used) keys[shardOf(key, shards)]!.push(key);
    // How many keys each shard held, by the companion's keys (the same layout only).
    const held = new Array<number>(shards).fill(0);
    if (!relaid) for (const key of this.previousKeys) held[shardOf(key, shards)]!++;
    try {
      mkdirSync(this.folder, { recursive: true });
      for (let shard = 0; shard < shards; shard++) {
        const mine = keys[shard]!;
        // The same keys as before (none gained, as many held) and none of their values made: left as it is.
        const same = !relaid && mine.length === held[shard] && mine.every((key) => this.previousKeys.has(key) && !this.madeValues.has(key)) && this.loaded.get(shard) !== null;
        if (same) continue;
        const entries: [string, T][] = [];
        for (const key of mine) {
          const value = this.madeValues.get(key) ?? this.previousValue(key);
          // Neither made nor read (a shard lost): left out, made again by the build that asks for it.
          if (value !== undefined) entries.push([key, value]);
        }
        const file = path.join(this.folder, `${shard}.v8`);
        const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        try {
          writeFileSync(temporary, serialize({ key: this.store.key, context: this.context, shards, entries } satisfies StoredShard));
          renameSync(temporary, file);
        } catch (error) {
          rmSync(temporary, { force: true });
          throw error;
        }
      }
      if (relaid) for (const file of shardFiles(this.folder)) if (Number(path.basename(file, '.v8')) >= shards) rmSync(file, { force: true });
      return true;
    } catch {
      return false;
    }
  }

  /** A key's value in the previous store, by its shard in the previous layout. */
  private previousValue(key: string): T | undefined {
    return this.shard(key)?.get(key);
  }

  private shard(key: string): Map<string, T> | null {
    if (this.shards === 0 || !this.previousKeys.has(key)) return null;
    const shard = shardOf(key, this.shards);
    let values = this.loaded.get(shard);
    if (values === undefined) {
      values = this.readShard(shard);
      this.loaded.set(shard, values);
    }
    return values;
  }

  private readShard(shard: number): Map<string, T> | null {
    this.read++;
    try {
      const stored = deserialize(readFileSync(path.join(this.folder, `${shard}.v8`))) as StoredShard;
      if (stored.key !== this.store.key || stored.context !== this.context || stored.shards !== this.shards) return null;
      return new Map(stored.entries as [string, T][]);
    } catch {
      return null;
    }
  }
}

/** The shard count of a store's files: n when they are exactly 0 … n−1, else 0 (none, or a store laid out twice: read as none). */
function layout(files: readonly string[]): number {
  const numbers = new Set(files.map((file) => Number(path.basename(file, '.v8'))));
  for (let shard = 0; shard < numbers.size; shard++) if (!numbers.has(shard)) return 0;
  return numbers.size;
}

/** A lazy store beside `companion`, or null without a cache. */
export function lazyFragments<T>(name: string, context: string, companion: Fragments<unknown>, store: FragmentsConfig | null = fragmentsConfig()): LazyFragments<T> | null {
  return store ? new LazyFragments<T>(name, context, companion, store) : null;
}
