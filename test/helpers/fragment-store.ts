// A build cache's fragment store as the tests see it: every value of one output's store, across its
// shard files (src/build/fragments.ts), read or replaced in place.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { shardFiles, storeFolder, type StoredShard } from '../../src/build/fragments.ts';

/** Every (key, value) the store `name` holds in the cache folder `cacheDir`. */
export function storedEntries<T = unknown>(cacheDir: string, name: string): [string, T][] {
  return shardFiles(storeFolder({ dir: cacheDir }, name)).flatMap((file) => (deserialize(readFileSync(file)) as StoredShard).entries as [string, T][]);
}

/** Replaces each value of the store by what `plant` makes of it; returns how many values it holds. */
export function plantInStore<T = unknown>(cacheDir: string, name: string, plant: (value: T) => unknown): number {
  let count = 0;
  for (const file of shardFiles(storeFolder({ dir: cacheDir }, name))) {
    const stored = deserialize(readFileSync(file)) as StoredShard;
    stored.entries = stored.entries.map(([key, value]) => [key, plant(value as T)]);
    count += stored.entries.length;
    writeFileSync(file, serialize(stored));
  }
  return count;
}

/** Removes the store whole (the next build makes every value again). */
export function removeStore(cacheDir: string, name: string): void {
  rmSync(storeFolder({ dir: cacheDir }, name), { recursive: true, force: true });
}
