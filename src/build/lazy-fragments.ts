// A fragment store read by key, one shard at a time, for values most builds never read: the CKAN
// package dicts' texts (41 MB at 10,000 datasets), which an edit reads only for the few answers it
// makes again (the pages that hold the edited dict, the index's run of it) and otherwise keeps.
// `Fragments` (fragments.ts) deserialises its whole store when it is made.
//
// Unlike `Fragments`, a value's shard is not a hash of its key: the caller places it, and says
// where each kept value is (the CKAN dicts' small facts, read whole every build, hold their text's
// shard). New values are placed beside their neighbours in an order the caller gives (the search
// order, in which the answers hold the dicts), so a page of a thousand consecutive dicts reads a
// few shards, not every one (a hash spreads any thousand keys over all 256 shards of the store).
// A shard file is a `StoredShard` (fragments.ts), written again when it gains or loses a key, or
// one of its values was made this build. A value asked for and not found (a shard lost, or written
// under another key) is made by the caller and `set` again, so the next build finds it.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { shardFiles, storeFolder, writeShardFile, type FragmentsConfig, type StoredShard } from './fragments.ts';

/** Values a shard is filled with when new values are placed (about 0.6 MB of CKAN dicts), and what it may grow to beside a neighbour. */
const valuesPerShard = 160;
const maxValuesPerShard = 2 * valuesPerShard;

export class PlacedFragments<T> {
  private readonly store: FragmentsConfig;
  private readonly folder: string;
  private readonly context: string;
  /** Each previous key's shard, as the caller read it. */
  private readonly previous: Map<string, number>;
  /** Shards read (null: unreadable, or of another build's key or context). */
  private readonly loaded = new Map<number, Map<string, T> | null>();
  private readonly madeValues = new Map<string, T>();
  /** This build's keys and their shards (null: a new value, placed when saved). */
  private readonly used = new Map<string, number | null>();
  /** Values made this build (not found in the store), for the tests. */
  made = 0;
  /** Shards read this build, for the tests. */
  read = 0;

  readonly name: string;

  /** `previous`: the shard of each key the previous build kept (the caller's own record of it). */
  constructor(name: string, context: string, previous: Iterable<[string, number]>, store: FragmentsConfig) {
    this.name = name;
    this.context = context;
    this.store = store;
    this.folder = storeFolder(store, name);
    // A key never placed (the build that made it could not save its texts) is not in the store.
    this.previous = new Map(store.reuse ? [...previous].filter(([, shard]) => shard >= 0) : []);
  }

  /** Keeps `key`'s value (not read) in `shard` for the next build. */
  keep(key: string, shard: number): void {
    this.used.set(key, shard >= 0 ? shard : null);
  }

  /** `key`'s value, read from `shard` (kept there for the next build), or undefined: then `set` it once made. */
  find(key: string, shard: number): T | undefined {
    const made = this.madeValues.get(key);
    if (made !== undefined) return made;
    const value = this.previousValue(key, shard);
    if (value !== undefined) this.used.set(key, shard);
    return value;
  }

  /** A value made this build: in `shard` (a kept key whose value was lost), or placed when saved. */
  set(key: string, value: T, shard: number | null = null): void {
    this.madeValues.set(key, value);
    this.used.set(key, shard !== null && shard >= 0 ? shard : null);
    this.made++;
  }

  /**
   * Places the new values (each in the shard of the value before it in `order`, while that shard has
   * room; else in a new shard, filled in order), writes the shards whose keys or values changed and
   * removes those left empty. Returns where each new value went, for the caller's record (null: the
   * folder could not be written; the build stands and the next one makes the values again).
   */
  save(order: Iterable<string>): Map<string, number> | null {
    const placed = new Map<string, number>();
    const counts = new Map<number, number>();
    for (const shard of this.used.values()) if (shard !== null) counts.set(shard, (counts.get(shard) ?? 0) + 1);
    let next = Math.max(-1, ...this.previous.values(), ...counts.keys()) + 1;
    let fresh: number | null = null;
    let before: number | null = null;
    const place = (key: string) => {
      let shard = this.used.get(key);
      if (shard === undefined) return;
      if (shard === null) {
        // Beside the value before it while that shard has room, else in the shard new values fill.
        if (before !== null && (counts.get(before) ?? 0) < maxValuesPerShard) shard = before;
        else {
          if (fresh === null || (counts.get(fresh) ?? 0) >= valuesPerShard) fresh = next++;
          shard = fresh;
        }
        counts.set(shard, (counts.get(shard) ?? 0) + 1);
        this.used.set(key, shard);
        placed.set(key, shard);
      }
      before = shard;
    };
    for (const key of order) place(key);
    // Keys not in the order (none, when the caller gives every key): after it.
    for (const key of [...this.used.keys()]) if (this.used.get(key) === null) place(key);

    const keysOf = new Map<number, string[]>();
    for (const [key, shard] of this.used) {
      const keys = keysOf.get(shard!);
      if (keys) keys.push(key);
      else keysOf.set(shard!, [key]);
    }
    const held = new Map<number, number>();
    for (const shard of this.previous.values()) held.set(shard, (held.get(shard) ?? 0) + 1);
    try {
      mkdirSync(this.folder, { recursive: true });
      for (const [shard, keys] of keysOf) {
        // The same keys as before (none gained, as many held) and none of their values made: left as it is.
        const same = keys.length === held.get(shard) && keys.every((key) => this.previous.get(key) === shard && !this.madeValues.has(key)) && this.loaded.get(shard) !== null;
        if (same) continue;
        const entries: [string, T][] = [];
        for (const key of keys) {
          const value = this.madeValues.get(key) ?? this.previousValue(key, this.previous.get(key));
          // Neither made nor read (a shard lost): left out, made again by the build that asks for it.
          if (value !== undefined) entries.push([key, value]);
        }
        this.write(shard, entries);
      }
      // Shards no key is kept in any more.
      for (const file of shardFiles(this.folder)) if (!keysOf.has(Number(path.basename(file, '.v8')))) rmSync(file, { force: true });
      return placed;
    } catch {
      return null;
    }
  }

  private write(shard: number, entries: [string, T][]): void {
    // `shards` 0: placed by the caller, not by a hash of the key.
    writeShardFile(path.join(this.folder, `${shard}.v8`), { key: this.store.key, context: this.context, shards: 0, entries });
  }

  /** A key's value in the previous store, in `shard` where the caller says it is. */
  private previousValue(key: string, shard: number | undefined): T | undefined {
    if (shard === undefined || this.previous.get(key) !== shard) return undefined;
    let values = this.loaded.get(shard);
    if (values === undefined) {
      values = this.readShard(shard);
      this.loaded.set(shard, values);
    }
    return values?.get(key);
  }

  private readShard(shard: number): Map<string, T> | null {
    this.read++;
    try {
      const stored = deserialize(readFileSync(path.join(this.folder, `${shard}.v8`))) as StoredShard;
      if (stored.key !== this.store.key || stored.context !== this.context) return null;
      return new Map(stored.entries as [string, T][]);
    } catch {
      return null;
    }
  }
}
