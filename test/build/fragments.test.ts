import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fragments, shardFiles, storeFolder, type FragmentsConfig } from '../../src/build/fragments.ts';
import { storedEntries } from '../helpers/fragment-store.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function cacheIn(): FragmentsConfig {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-fragments-'));
  folders.push(dir);
  return { dir, key: 'key-1', reuse: true };
}

/** One build's use of an output's store: makes what it must, then saves. */
function build(store: FragmentsConfig, digests: string[], context = 'context-1', name = 'exports') {
  const made: string[] = [];
  const fragments = new Fragments<string>(name, context, store);
  const values = digests.map((digest) => fragments.get(digest, () => (made.push(digest), `value of ${digest}`)));
  fragments.save();
  return { made, values };
}

describe('per-dataset fragments kept between builds', () => {
  it('makes only what the last build did not', () => {
    const store = cacheIn();
    expect(build(store, ['a', 'b', 'c']).made).toEqual(['a', 'b', 'c']);
    const second = build(store, ['a', 'b2', 'c']);
    expect(second.made).toEqual(['b2']);
    expect(second.values).toEqual(['value of a', 'value of b2', 'value of c']);
  });

  it('keeps only what the last build used', () => {
    const store = cacheIn();
    build(store, ['a', 'b']);
    build(store, ['b']);
    expect(build(store, ['a', 'b']).made).toEqual(['a']);
  });

  it('reuses nothing made under another context, cache key or output', () => {
    const store = cacheIn();
    build(store, ['a']);
    expect(build(store, ['a'], 'context-2').made).toEqual(['a']);
    expect(build({ ...store, key: 'key-2' }, ['a'], 'context-2').made).toEqual(['a']);
    expect(build({ ...store, key: 'key-2' }, ['a'], 'context-2', 'dcat').made).toEqual(['a']);
  });

  it('reads nothing when the build is told not to reuse (--no-cache), and writes for the next', () => {
    const store = cacheIn();
    build(store, ['a']);
    expect(build({ ...store, reuse: false }, ['a']).made).toEqual(['a']);
    expect(build(store, ['a']).made).toEqual([]);
  });

  it('only makes values without a cache', () => {
    const fragments = new Fragments<string>('exports', 'context', null);
    expect(fragments.get('a', () => 'x')).toBe('x');
    expect(fragments.get('a', () => 'y')).toBe('x');
    expect(fragments.made).toBe(1);
    expect(fragments.save()).toBe(false);
  });

  it('writes again only the shards whose values changed, and keeps exactly what the build used', () => {
    const store = cacheIn();
    const digests = Array.from({ length: 3000 }, (_, index) => `digest-${index}`);
    build(store, digests);
    const files = shardFiles(storeFolder(store, 'exports'));
    // 3,000 values: several shards, not one file.
    expect(files.length).toBeGreaterThan(4);
    const written = () => new Map(files.map((file) => [file, statSync(file).mtimeMs + statSync(file).ino / 1e12]));
    // Make any rewrite visible in the files' times: a rename gives the file another inode too.
    const before = written();

    // An unchanged build writes nothing.
    expect(build(store, digests).made).toEqual([]);
    expect(written()).toEqual(before);

    // An edit: one value gone, one new; at most two shards written, every value still there.
    const edited = digests.map((digest) => (digest === 'digest-1500' ? 'digest-1500-edited' : digest));
    expect(build(store, edited).made).toEqual(['digest-1500-edited']);
    const after = written();
    const rewritten = files.filter((file) => after.get(file) !== before.get(file));
    expect(rewritten.length).toBeGreaterThanOrEqual(1);
    expect(rewritten.length).toBeLessThanOrEqual(2);
    expect(new Set(storedEntries(store.dir, 'exports').map(([digest]) => digest))).toEqual(new Set(edited));

    // A removal: the shard that held the value let go of it.
    const removed = edited.filter((digest) => digest !== 'digest-7');
    expect(build(store, removed).made).toEqual([]);
    expect(new Set(storedEntries(store.dir, 'exports').map(([digest]) => digest))).toEqual(new Set(removed));
    expect(build(store, edited).made).toEqual(['digest-7']);
  });

  it('lays the store out again when it grows or shrinks far, leaving no shard of the old layout', () => {
    const store = cacheIn();
    const many = Array.from({ length: 5000 }, (_, index) => `digest-${index}`);
    build(store, many);
    const shardsBefore = shardFiles(storeFolder(store, 'exports')).length;
    build(store, many.slice(0, 40));
    expect(shardFiles(storeFolder(store, 'exports')).length).toBeLessThan(shardsBefore);
    expect(storedEntries(store.dir, 'exports').map(([digest]) => digest).sort()).toEqual(many.slice(0, 40).sort());
    expect(build(store, many.slice(0, 40)).made).toEqual([]);
  });
});
