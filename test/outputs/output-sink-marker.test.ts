// The build marker: the manifest hashed in buckets of paths, each bucket's lines sorted by path. A
// build that keeps the last build's buckets' hashes hashes again only the buckets of the entries
// that changed, were added or were removed, and gets the marker of a manifest hashed whole.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMarker, changedEntries, markerBucket, markerBuckets, markerText, type Manifest, type OutputEntry } from '../../src/outputs/output-sink.ts';

const entry = (n: number): OutputEntry => ({ hash: n.toString(16).padStart(32, '0'), size: n });
/** Paths that sort differently by code unit than by locale, prefixes of each other among them. */
const paths = ['index.html', 'a', 'a/b', 'a.b', 'A', 'Z/x', 'é/x', 'dataset/x/index.html', 'dataset/x', 'api/3/action/package_show/x.json', 'b\u0000', 'a/b/c', '_astro/x.js'];

/** The marker as defined, worked out the plain way: per bucket, its entries sorted by path with `<`, a line each, hashed; then the buckets' hashes hashed. */
function plainMarker(manifest: Manifest): string {
  const hashes = Buffer.alloc(markerBuckets * 32);
  for (let bucket = 0; bucket < markerBuckets; bucket++) {
    const lines = [...manifest]
      .filter(([file]) => markerBucket(file) === bucket)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([file, e]) => `${file}\0${e.hash}\0${e.size}\n`);
    hashes.set(createHash('sha256').update(lines.join('')).digest(), bucket * 32);
  }
  return `${JSON.stringify({ manifest: createHash('sha256').update(hashes).digest('hex') })}\n`;
}

const manifestOf = (files: readonly string[], offset = 0): Manifest => new Map(files.map((file, index) => [file, entry(index + 1 + offset)]));

describe('the build marker', () => {
  it('is the hash of the buckets of sorted lines, whatever order the manifest is in', () => {
    const manifest = manifestOf(paths);
    const { marker, hashes } = buildMarker(manifest);
    expect(marker).toBe(plainMarker(manifest));
    expect(markerText(hashes)).toBe(marker);
    expect(buildMarker(new Map([...manifest].reverse())).marker).toBe(marker);
    // Two paths in one bucket, in either order: lines sorted within it.
    const [first, second] = Array.from({ length: 2000 }, (_, n) => `dataset/${n}/index.html`).filter((file, _, all) => markerBucket(file) === markerBucket(all[0]!));
    expect(buildMarker(manifestOf([second!, first!])).marker).toBe(plainMarker(manifestOf([second!, first!])));
    // Any entry's hash or size changes it.
    expect(buildMarker(new Map([...manifest, ['a', { hash: entry(2).hash, size: 99 }]])).marker).not.toBe(marker);
    expect(buildMarker(new Map([...manifest, ['a', { hash: entry(99).hash, size: 2 }]])).marker).not.toBe(marker);
  });

  it("from the last build's buckets, hashes again only the changed entries' buckets and gives the marker of the whole", () => {
    const previous = manifestOf(paths.slice(0, 9));
    const before = buildMarker(previous);
    // Two removed, four added, one changed.
    const manifest: Manifest = new Map([...previous].filter(([file]) => file !== 'A' && file !== 'a/b'));
    manifest.set('index.html', { hash: 'f'.repeat(32), size: 5 });
    for (const [file, value] of manifestOf(['_astro/x.js', 'a/b/c', 'b\u0000', '0first'], 100)) manifest.set(file, value);
    const changed = changedEntries(manifest, previous);
    expect(changed.sort()).toEqual(['0first', 'A', '_astro/x.js', 'a/b', 'a/b/c', 'b\u0000', 'index.html']);
    expect(buildMarker(manifest, { hashes: before.hashes, changed }).marker).toBe(plainMarker(manifest));
    // A bucket not named by a changed path is not hashed again: its kept hash stands (here, a wrong one).
    const wrong = Buffer.from(before.hashes);
    const untouched = [...Array(markerBuckets).keys()].find((bucket) => !changed.some((file) => markerBucket(file) === bucket))!;
    wrong[untouched * 32] = wrong[untouched * 32]! ^ 1;
    expect(buildMarker(manifest, { hashes: wrong, changed }).marker).not.toBe(plainMarker(manifest));
    // Nothing changed: the kept marker.
    expect(buildMarker(previous, { hashes: before.hashes, changed: changedEntries(previous, previous) }).marker).toBe(before.marker);
    // Kept hashes of another length are no help: every bucket is hashed.
    expect(buildMarker(manifest, { hashes: Buffer.alloc(32), changed }).marker).toBe(plainMarker(manifest));
  });
});
