// A lazy fragment store (src/build/lazy-fragments.ts) reads the shard of a key only when one of its
// values is asked for, keeps what was kept without reading it, and writes again only the shards
// that gained or lost a key or had a value made.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fragments, shardFiles, storeFolder, type FragmentsConfig } from '../../src/build/fragments.ts';
import { LazyFragments } from '../../src/build/lazy-fragments.ts';
import { storedEntries } from '../helpers/fragment-store.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const keysOf = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `key-${from + index}`);

/** One build: the companion store gets every key, the lazy one keeps each (reading those in `read`), values made when not found. */
function build(config: FragmentsConfig, keys: string[], read: string[] = []) {
  const heads = new Fragments<number>('heads', 'context', config);
  const texts = new LazyFragments<string>('texts', 'context', heads, config);
  const values = new Map<string, string | undefined>();
  for (const key of keys) {
    if (heads.find(key) === undefined) {
      heads.set(key, 1);
      texts.set(key, `text of ${key}`);
    } else texts.keep(key);
  }
  for (const key of read) values.set(key, texts.find(key));
  heads.save();
  texts.save();
  return { texts, values };
}

const mtimes = (config: FragmentsConfig) => new Map(shardFiles(storeFolder(config, 'texts')).map((file) => [path.basename(file), statSync(file).mtimeMs]));

describe('a lazy fragment store', () => {
  it('reads only the shards of the keys asked for, and writes again only the shards that changed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-lazy-fragments-'));
    folders.push(dir);
    const config = { dir, key: 'build', reuse: true };
    const keys = keysOf(3000);
    const first = build(config, keys);
    expect(first.texts.made).toBe(3000);
    const shards = shardFiles(storeFolder(config, 'texts')).length;
    expect(shards).toBeGreaterThan(8);

    // Unchanged: two values read from their shards (at most two read), nothing made, no shard written.
    const before = mtimes(config);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = build(config, keys, ['key-10', 'key-2000']);
    expect(second.values.get('key-10')).toBe('text of key-10');
    expect(second.values.get('key-2000')).toBe('text of key-2000');
    expect(second.texts.read).toBeLessThanOrEqual(2);
    expect(second.texts.made).toBe(0);
    expect(mtimes(config)).toEqual(before);

    // One key replaced by another: at most two shards written, every other value still there.
    const edited = [...keys.slice(0, 500), 'key-new', ...keys.slice(501)];
    build(config, edited);
    const after = mtimes(config);
    expect([...after].filter(([file, time]) => before.get(file) !== time).length).toBeLessThanOrEqual(2);
    const stored = new Map(storedEntries<string>(dir, 'texts'));
    expect(stored.size).toBe(3000);
    expect(stored.has('key-500')).toBe(false);
    expect(stored.get('key-new')).toBe('text of key-new');
    expect(stored.get('key-2999')).toBe('text of key-2999');
  });

  it('makes a value again when its shard is lost, and keeps it for the next build', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-lazy-fragments-'));
    folders.push(dir);
    const config = { dir, key: 'build', reuse: true };
    const keys = keysOf(2000);
    build(config, keys);
    rmSync(storeFolder(config, 'texts'), { recursive: true });
    const lost = build(config, keys, ['key-7']);
    expect(lost.values.get('key-7')).toBeUndefined();
    // Another build's key: nothing read from it.
    const other = build({ ...config, key: 'another build' }, keys, ['key-7']);
    expect(other.texts.read).toBe(0);
    expect(other.texts.made).toBe(2000);
    expect(new Map(storedEntries<string>(dir, 'texts')).get('key-7')).toBe('text of key-7');
  });
});
