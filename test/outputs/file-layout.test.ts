// The previous file's parts by digest: found where the last one ended or one further (after an
// edit, an addition or a removal), elsewhere once two in a row were not found there (moved), and
// only in their place as to being the first part or not.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { configureFragments, shardFiles, storeFolder, type StoredShard } from '../../src/build/fragments.ts';
import { FileLayouts, PreviousFile, type FileLayout, type KeptPart } from '../../src/outputs/file-layout.ts';
import { closeSink, openSink, OutputSink } from '../../src/outputs/output-sink.ts';

const texts = ['\n{"a":1}', ',\n{"b":"ü"}', ',\n{"c":3}', ',\n{"d":4}', ',\n{"e":5}'];
const head = '[';
const bytes = Buffer.from(`${head}${texts.join('')}\n]\n`);
const layout: FileLayout = {
  hash: '',
  size: bytes.length,
  start: head.length,
  digests: ['a', 'b', 'c', 'd', 'e'],
  bytes: texts.map((text) => Buffer.byteLength(text)),
  chars: texts.map((text) => text.length),
};
const at = (digest: string) => texts[layout.digests.indexOf(digest)]!;
const text = (previous: PreviousFile, part: KeptPart | undefined) => (part ? previous.bytes.subarray(part.offset, part.offset + part.length).toString() : null);

/** What `part` answers for each digest asked in turn, as text (null: not kept). */
function asked(order: readonly [string, boolean][]): (string | null)[] {
  const previous = new PreviousFile(layout, bytes);
  return order.map(([digest, first]) => text(previous, previous.part(digest, first)));
}

describe('a previous file’s parts', () => {
  it('are found in order, with their lengths in characters', () => {
    const previous = new PreviousFile(layout, bytes);
    const parts = layout.digests.map((digest, index) => previous.part(digest, index === 0)!);
    expect(parts.map((part) => text(previous, part))).toEqual(texts);
    expect(parts.map((part) => part.chars)).toEqual(texts.map((text) => text.length));
  });

  it('are found after a part added, a part removed, a part edited, or out of order', () => {
    expect(asked([['a', true], ['new', false], ['b', false], ['d', false], ['e', false]])).toEqual([at('a'), null, at('b'), at('d'), at('e')]);
    // c edited (asked for under a new digest), then d found one further than where b ended.
    expect(asked([['a', true], ['b', false], ['c2', false], ['d', false], ['e', false]])).toEqual([at('a'), at('b'), null, at('d'), at('e')]);
    // Out of order: looked for everywhere once two in a row were not where the last one ended.
    expect(asked([['a', true], ['new', false], ['e', false], ['b', false], ['c', false]])).toEqual([at('a'), null, at('e'), at('b'), at('c')]);
    expect(asked([['d', false], ['a', true], ['c', false]])).toEqual([null, at('a'), at('c')]);
    expect(asked([['new', false], ['d', false], ['a', true], ['c', false]])).toEqual([null, at('d'), at('a'), at('c')]);
  });

  it('are not looked for everywhere after a single part not found where the last one ended (an edit, an addition)', () => {
    // e is in the file, but a single miss does not look everywhere: it is made again (the same bytes).
    expect(asked([['a', true], ['e', false], ['b', false], ['c', false]])).toEqual([at('a'), null, at('b'), at('c')]);
  });

  it('are not taken where they would be first and were not, or the other way round', () => {
    // The first dataset removed: the second becomes first, and its text began with a separator.
    expect(asked([['b', true], ['c', false]])).toEqual([null, at('c')]);
    expect(asked([['new', true], ['a', false], ['b', false]])).toEqual([null, null, at('b')]);
  });
});

describe('a file’s layout kept between builds', () => {
  it('is kept as one string of digests and two typed arrays of lengths, and read back as it was', async () => {
    const [cache, before, site] = (await Promise.all(['cache', 'before', 'site'].map((name) => mkdtemp(path.join(tmpdir(), `datashelf-layout-${name}-`))))) as [string, string, string];
    configureFragments({ dir: cache, key: 'key', reuse: true });
    const sink = openSink(new OutputSink(site, { manifest: new Map([['f.json', { hash: 'pieces-1', size: bytes.length }]]), dir: before }));
    try {
      const layouts = new FileLayouts('test', 'context');
      layouts.set('f.json', { ...layout, hash: 'pieces-1' });
      layouts.save();
      const [file] = shardFiles(storeFolder({ dir: cache }, 'test-layout'));
      const kept = (deserialize(readFileSync(file!)) as StoredShard).entries[0]![1];
      expect(kept).toEqual({ hash: 'pieces-1', size: bytes.length, start: head.length, digests: 'a b c d e', bytes: Uint32Array.from(layout.bytes), chars: Uint32Array.from(layout.chars) });
      // The next build, over the output holding the file: every part found where it lies.
      writeFileSync(path.join(before, 'f.json'), bytes);
      const previous = new FileLayouts('test', 'context').previous(site, 'f.json')!;
      expect(previous).not.toBeNull();
      const parts = layout.digests.map((digest, index) => previous.part(digest, index === 0)!);
      expect(parts.map((part) => text(previous, part))).toEqual(texts);
      expect(parts.map((part) => part.chars)).toEqual(layout.chars);
      // Another file there (another size or hash in the manifest): no layout of it.
      expect(new FileLayouts('test', 'context').previous(site, 'g.json')).toBeNull();
    } finally {
      closeSink(sink);
      configureFragments(null);
      await Promise.all([cache, before, site].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});
