// The manifest as the marker hashes it and the cache keeps it (src/outputs/manifest-text.ts): a
// build that patches the previous output makes its text from the previous one, and must get the
// text (so the marker) that sorting its whole manifest gives.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifestEdits, manifestText, markerOf, parseManifestText, patchedManifestText } from '../../src/outputs/manifest-text.ts';
import { buildMarker, type Manifest, type OutputEntry } from '../../src/outputs/output-sink.ts';

const entry = (n: number): OutputEntry => ({ hash: n.toString(16).padStart(32, '0'), size: n });
/** Paths that sort differently by code unit than by locale, prefixes of each other among them. */
const paths = ['index.html', 'a', 'a/b', 'a.b', 'A', 'Z/x', 'é/x', 'dataset/x/index.html', 'dataset/x', 'api/3/action/package_show/x.json', 'a/b/c', '_astro/x.js', '😀', 'ǅ', 'a-b', 'a/', ' '];

/** The marker as it was first defined: every entry sorted by path with `<`, one line each, hashed. */
function plainMarker(manifest: Manifest): string {
  const lines = [...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, e]) => `${file}\0${e.hash}\0${e.size}\n`);
  return `${JSON.stringify({ manifest: hash('sha256', lines.join('')) })}\n`;
}

const manifestOf = (files: readonly string[], offset = 1): Manifest => new Map(files.map((file, index) => [file, entry(index + offset)]));

/** A small generator of the same numbers every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the manifest as text', () => {
  it('is the marker’s lines: its hash is the marker of the manifest', () => {
    const manifest = manifestOf(paths);
    expect(markerOf(manifestText(manifest)!)).toBe(plainMarker(manifest));
    expect(buildMarker(manifest)).toBe(plainMarker(manifest));
  });

  it('reads back as the manifest it was made of', () => {
    const manifest = manifestOf(paths);
    const read = parseManifestText(manifestText(manifest)!)!;
    expect(new Map([...read].sort())).toEqual(new Map([...manifest].sort()));
    expect(parseManifestText('')).toEqual(new Map());
  });

  it('is not read when out of order or cut short, and not made for paths a line cannot hold', () => {
    expect(parseManifestText(`b\0${'0'.repeat(32)}\x001\na\0${'0'.repeat(32)}\x002\n`)).toBeNull();
    expect(parseManifestText(`a\0${'0'.repeat(32)}\x001\na\0${'0'.repeat(32)}\x002\n`)).toBeNull();
    expect(parseManifestText(`a\0${'0'.repeat(32)}\x001`)).toBeNull();
    expect(manifestText(manifestOf(['a', 'b\nc']))).toBeNull();
    expect(manifestText(manifestOf(['a', 'b\0c']))).toBeNull();
    expect(patchedManifestText(manifestText(manifestOf(['a']))!, [{ file: 'b\nc', entry: entry(1) }])).toBeNull();
  });

  it('patched from the previous text, with files added, changed and removed anywhere, is the text of the whole new manifest', () => {
    const random = numbers(12);
    const pool = [...paths, ...Array.from({ length: 60 }, (_, index) => `dataset/d${index % 7}/${index}.html`)];
    for (let round = 0; round < 300; round++) {
      const previous = manifestOf(pool.filter(() => random() < 0.5));
      const next: Manifest = new Map();
      for (const file of pool) {
        const before = previous.get(file);
        const roll = random();
        // Kept as it was, changed (another hash, or only another size), removed, or added.
        if (before && roll < 0.7) next.set(file, before);
        else if (before && roll < 0.8) next.set(file, entry(1000 + round));
        else if (before && roll < 0.85) next.set(file, { hash: before.hash, size: before.size + 1 });
        else if (!before && roll < 0.3) next.set(file, entry(2000 + round));
      }
      const { edits, removed } = manifestEdits(next, previous);
      expect(removed).toEqual([...previous.keys()].filter((file) => !next.has(file)).sort());
      const text = patchedManifestText(manifestText(previous)!, edits);
      expect(text).toBe(manifestText(next));
      expect(markerOf(text!)).toBe(plainMarker(next));
      // The same from the files said to differ (a sink's), some unchanged ones among them too.
      const differs = [...next.keys()].filter((file) => edits.some((edit) => edit.file === file) || random() < 0.1);
      const told = manifestEdits(next, previous, differs);
      expect(told.removed).toEqual(removed);
      expect(patchedManifestText(manifestText(previous)!, told.edits)).toBe(text);
    }
  });

  it('finds nothing to do when nothing changed, and goes through the previous files only for a removal', () => {
    const previous = manifestOf(paths);
    expect(manifestEdits(new Map(previous), previous)).toEqual({ edits: [], removed: [] });
    // A previous manifest that cannot be gone through: only looked up, as long as no file is missing.
    const lookedUp = new Map(previous);
    Object.defineProperty(lookedUp, 'keys', { value: () => { throw new Error('gone through'); } });
    expect(manifestEdits(new Map([...previous, ['new', entry(99)]]), lookedUp).edits).toEqual([{ file: 'new', entry: entry(99) }]);
    const fewer = new Map(previous);
    fewer.delete('a');
    expect(() => manifestEdits(fewer, lookedUp)).toThrow('gone through');
  });
});
