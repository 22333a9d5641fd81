// The build marker's manifest order: sorted by path, worked out by following the previous build's
// sorted manifest (the cache keeps it so) and merging in the paths it lacks; a previous manifest
// out of order is not trusted. Either way the marker is the hash of the lines in sorted order.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMarker, sortedEntries, type Manifest, type OutputEntry } from '../../src/outputs/output-sink.ts';

const entry = (n: number): OutputEntry => ({ hash: n.toString(16).padStart(32, '0'), size: n });
/** Paths that sort differently by code unit than by locale, prefixes of each other among them. */
const paths = ['index.html', 'a', 'a/b', 'a.b', 'A', 'Z/x', 'é/x', 'dataset/x/index.html', 'dataset/x', 'api/3/action/package_show/x.json', 'b\u0000', 'a/b/c', '_astro/x.js'];

/** The marker as it was first defined: every entry sorted by path with `<`, one line each, hashed. */
function plainMarker(manifest: Manifest): string {
  const lines = [...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, e]) => `${file}\0${e.hash}\0${e.size}\n`);
  return `${JSON.stringify({ manifest: hash('sha256', lines.join('')) })}\n`;
}

const manifestOf = (files: readonly string[]): Manifest => new Map(files.map((file, index) => [file, entry(index + 1)]));
const sortedPaths = (manifest: Manifest) => sortedEntries(manifest).map(([file]) => file);

describe('the manifest sorted for the marker', () => {
  it('follows a sorted previous manifest, with paths added and removed anywhere, as a full sort orders them', () => {
    const previousFiles = paths.slice(0, 9);
    const previous = new Map(sortedEntries(manifestOf(previousFiles)));
    // Two removed (the first and one in the middle), four added (before all, between, after all).
    const files = [...previousFiles.filter((file) => file !== 'A' && file !== 'a/b'), '_astro/x.js', 'a/b/c', 'b\u0000', '~last', '0first'];
    const manifest = manifestOf(files.reverse());
    const merged = sortedEntries(manifest, previous);
    expect(merged.map(([file]) => file)).toEqual(sortedPaths(manifest));
    expect(merged.map(([file]) => file)).toEqual([...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The entries are this build's, not the previous one's.
    for (const [file, value] of merged) expect(value).toBe(manifest.get(file));
    expect(buildMarker(manifest, merged)).toBe(plainMarker(manifest));
  });

  it('sorts everything when the previous manifest is out of order', () => {
    const previous = manifestOf(['z', 'a', 'm']);
    const manifest = manifestOf(['m', 'a', 'z', 'b']);
    expect(sortedEntries(manifest, previous).map(([file]) => file)).toEqual(['a', 'b', 'm', 'z']);
  });

  it('gives the marker of a full sort, and refuses entries that are not the manifest', () => {
    const manifest = manifestOf(paths);
    expect(buildMarker(manifest)).toBe(plainMarker(manifest));
    expect(buildMarker(manifest, sortedEntries(manifest, new Map(sortedEntries(manifestOf(paths.slice(3))))))).toBe(plainMarker(manifest));
    expect(() => buildMarker(manifest, sortedEntries(manifest).slice(1))).toThrow(/sorted entries/);
  });
});
