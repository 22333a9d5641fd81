// A store of placed fragments (src/build/lazy-fragments.ts) reads a shard only when one of its values
// is asked for, keeps what was kept without reading it, places new values beside their neighbours
// in the order given, and writes again only the shards that gained or lost a key or had a value made.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { shardFiles, storeFolder, type FragmentsConfig } from '../../src/build/fragments.ts';
import { PlacedFragments } from '../../src/build/lazy-fragments.ts';
import { storedEntries } from '../helpers/fragment-store.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const workspace = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-placed-fragments-'));
  folders.push(dir);
  return { dir, key: 'build', reuse: true } satisfies FragmentsConfig;
};

const keysOf = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `key-${from + index}`);

/**
 * One build over `keys` (in this order), with `placement` (the caller's record, as the CKAN dicts'
 * heads are: kept between builds here by the test) and the values of `read` asked for.
 */
function build(config: FragmentsConfig, placement: Map<string, number>, keys: string[], read: string[] = []) {
  const store = new PlacedFragments<string>('texts', 'context', placement, config);
  for (const key of keys) {
    const shard = placement.get(key);
    if (shard === undefined) store.set(key, `text of ${key}`);
    else store.keep(key, shard);
  }
  const values = new Map(read.map((key) => [key, store.find(key, placement.get(key) ?? -1)]));
  const placed = store.save(keys);
  const next = new Map(keys.map((key) => [key, placed?.get(key) ?? placement.get(key)!]));
  return { store, values, next };
}

const mtimes = (config: FragmentsConfig) => new Map(shardFiles(storeFolder(config, 'texts')).map((file) => [path.basename(file), statSync(file).mtimeMs]));

describe('a store of placed fragments', () => {
  it('reads only the shards of the values asked for, neighbours in one shard, and writes again only the shards that changed', async () => {
    const config = workspace();
    const keys = keysOf(3000);
    const first = build(config, new Map(), keys);
    expect(first.store.made).toBe(3000);
    expect(shardFiles(storeFolder(config, 'texts')).length).toBeGreaterThan(8);

    // Unchanged: 200 neighbours' values read from at most three shards, nothing made, no shard written.
    const before = mtimes(config);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = build(config, first.next, keys, keys.slice(1000, 1200));
    expect(second.values.get('key-1000')).toBe('text of key-1000');
    expect(second.values.get('key-1199')).toBe('text of key-1199');
    expect(second.store.read).toBeLessThanOrEqual(3);
    expect(second.store.made).toBe(0);
    expect(mtimes(config)).toEqual(before);

    // One key replaced by another in its place: it goes beside its neighbour, one shard written, every other value still there.
    const edited = [...keys.slice(0, 500), 'key-new', ...keys.slice(501)];
    const third = build(config, second.next, edited);
    expect(third.next.get('key-new')).toBe(third.next.get('key-499'));
    const after = mtimes(config);
    expect([...after].filter(([file, time]) => before.get(file) !== time)).toHaveLength(1);
    const stored = new Map(storedEntries<string>(config.dir, 'texts'));
    expect(stored.size).toBe(3000);
    expect(stored.has('key-500')).toBe(false);
    expect(stored.get('key-new')).toBe('text of key-new');
    expect(stored.get('key-2999')).toBe('text of key-2999');
    expect(build(config, third.next, edited, ['key-new', 'key-2999']).values).toEqual(new Map([['key-new', 'text of key-new'], ['key-2999', 'text of key-2999']]));
  });

  it('finds nothing where a shard is lost or of another build, and removes shards no key is kept in', () => {
    const config = workspace();
    const keys = keysOf(2000);
    const first = build(config, new Map(), keys);
    rmSync(path.join(storeFolder(config, 'texts'), `${first.next.get('key-7')}.v8`));
    expect(build(config, first.next, keys, ['key-7', 'key-1999']).values).toEqual(new Map([['key-7', undefined], ['key-1999', 'text of key-1999']]));
    expect(build({ ...config, key: 'another build' }, first.next, keys, ['key-1999']).values.get('key-1999')).toBeUndefined();
    build(config, new Map(), keysOf(10));
    expect(shardFiles(storeFolder(config, 'texts'))).toHaveLength(1);
  });
});
