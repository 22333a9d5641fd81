import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Fragments, type FragmentsConfig } from '../../src/build/fragments.ts';

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
});
