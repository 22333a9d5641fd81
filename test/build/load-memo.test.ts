// The load memo's record of checked front matter: a build with a cache hashes each text to find it
// and keep it; a build without one (nothing to find, nothing to keep) does not hash at all.
import { describe, expect, it } from 'vitest';
import { emptyLoadMemo, LoadMemo } from '../../src/build/load-memo.ts';

describe("the load memo's checked texts", () => {
  it('are not hashed by a build without a cache, and are found again by the next build with one', () => {
    const keysAsked: string[] = [];
    const keyOf = (key: string) => () => {
      keysAsked.push(key);
      return key;
    };
    const withoutCache = new LoadMemo(emptyLoadMemo, false);
    expect(withoutCache.checked(keyOf('a'), () => ({ title: 'A' }), 'a.md')).toEqual({ title: 'A' });
    expect(keysAsked).toEqual([]);

    const first = new LoadMemo(emptyLoadMemo, true);
    expect(first.checked(keyOf('a'), () => ({ title: 'A' }), 'a.md')).toEqual({ title: 'A' });
    expect(keysAsked).toEqual(['a']);
    const next = new LoadMemo(first.toRecord(), true);
    expect(next.checked(keyOf('a'), () => ({ title: 'checked again' }), 'a.md')).toEqual({ title: 'A' });
  });
});
