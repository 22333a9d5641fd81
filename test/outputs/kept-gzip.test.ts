// A large file's gzip copy made from deflated pieces kept between builds: the copy holds exactly the
// file, the compress stage uses it instead of gzipping the file whole, and after an edit it is made
// again from the kept pieces and one new one, with the bytes of a copy made afresh.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { precompress } from '../../src/build/precompress.ts';
import { DeflatedPieces, workbookRuns } from '../../src/outputs/deflated-pieces.ts';
import { writeWithGzip, type FilePart, type IndexedParts } from '../../src/outputs/kept-gzip.ts';
import { FileLayouts } from '../../src/outputs/file-layout.ts';
import { closeSink, openSink, OutputSink } from '../../src/outputs/output-sink.ts';
import { pieceFiles } from '../helpers/piece-files.ts';

const folders: string[] = [];
afterEach(() => {
  configureFragments(null);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-kept-gzip-'));
  folders.push(dir);
  return dir;
};
const rules = { mediaTypes: { json: 'application/json' }, compressibleTypes: ['application/json'], hidden: [] };

/** 12,000 parts of about 150 characters (1.8 MB, several pieces of the workbook's lengths), the `edited`th one changed. */
function parts(edited = -1): FilePart[] {
  return Array.from({ length: 12000 }, (_, index) => {
    const text = `${index === 0 ? '\n' : ',\n'}{"id":"dataset-${index}","title":"Dataset ${index}${index === edited ? ' (edited) ✓' : ''}","notes":"${'x'.repeat(index % 120)}"}`;
    return { id: `dataset-${index}`, digest: `${index}:${text.length}:${index === edited}`, text: () => text };
  });
}

async function build(cache: string | null, edited = -1): Promise<{ file: Buffer; gz: Buffer; made: number }> {
  configureFragments(cache ? { dir: cache, key: 'test', reuse: true } : null);
  const site = folder();
  const pieces = new DeflatedPieces('test-gzip', 'context', workbookRuns);
  await writeWithGzip(site, 'big.json', '[', parts(edited), '\n]\n', pieces);
  await pieces.save();
  await precompress(site, rules);
  return { file: readFileSync(path.join(site, 'big.json')), gz: readFileSync(path.join(site, 'big.json.gz')), made: pieces.made };
}

describe("a large file's gzip copy", () => {
  it('holds the file exactly, is used by the compress stage, and after an edit is one new piece and the kept ones', async () => {
    const cache = folder();
    const first = await build(cache);
    expect(gunzipSync(first.gz).equals(first.file)).toBe(true);
    // Not the file gzipped whole (which the compress stage does without an offered copy).
    expect(first.gz.equals(gzipSync(first.file, { level: 6 }))).toBe(false);
    expect(first.made).toBeGreaterThan(3);

    const edited = await build(cache, 2500);
    expect(edited.file.toString()).toContain('Dataset 2500 (edited) ✓');
    expect(gunzipSync(edited.gz).equals(edited.file)).toBe(true);
    expect(edited.made).toBe(1);
    // Within a few per cent of gzip's own output at the same level.
    expect(edited.gz.length).toBeLessThan(gzipSync(edited.file, { level: 6 }).length * 1.05);
    expect(edited.gz.equals((await build(null, 2500)).gz)).toBe(true);
  });

  it('takes a kept piece as it is only when it holds as many bytes as its run', async () => {
    const cache = folder();
    const first = await build(cache);
    // One kept piece made to claim another length (a store from elsewhere): it is deflated again.
    // A piece file's head: the text's CRC-32, its length, the deflated bytes' length.
    const [file] = pieceFiles(cache, 'test-gzip');
    const bytes = readFileSync(file!);
    bytes.writeUInt32LE(bytes.readUInt32LE(4) + 1, 4);
    writeFileSync(file!, bytes);
    const again = await build(cache);
    expect(again.made).toBe(1);
    expect(again.file.equals(first.file)).toBe(true);
    expect(again.gz.equals(first.gz)).toBe(true);
  });
});

describe('the kept pieces', () => {
  it('are a file each: an edit writes its new piece and removes the one it replaces, leaving the others as they were', async () => {
    const cache = folder();
    await build(cache);
    const before = new Map(pieceFiles(cache, 'test-gzip').map((file) => [path.basename(file), statSync(file).mtimeMs]));
    expect(before.size).toBeGreaterThan(3);
    // Marked: a file written again (not left as it was) loses its mark.
    for (const file of pieceFiles(cache, 'test-gzip')) utimesSync(file, 1, 1);
    const edited = await build(cache, 2500);
    expect(edited.made).toBe(1);
    const after = pieceFiles(cache, 'test-gzip');
    expect(after.length).toBe(before.size);
    const fresh = after.filter((file) => !before.has(path.basename(file)));
    expect(fresh.length).toBe(1);
    for (const file of after) if (!fresh.includes(file)) expect(statSync(file).mtimeMs, file).toBe(1000);
  });

  it('are not read with --no-cache, and a piece file cut short is no piece', async () => {
    const cache = folder();
    await build(cache);
    const [file] = pieceFiles(cache, 'test-gzip');
    writeFileSync(file!, readFileSync(file!).subarray(0, 20));
    const again = await build(cache);
    expect(again.made).toBe(1);
    configureFragments({ dir: cache, key: 'test', reuse: false });
    const pieces = new DeflatedPieces('test-gzip', 'context', workbookRuns);
    const site = folder();
    await writeWithGzip(site, 'big.json', '[', parts(-1), '\n]\n', pieces);
    expect(pieces.made).toBe(pieceFiles(cache, 'test-gzip').length);
  });
});

describe('a patched file given its parts by index', () => {
  /** The parts of `parts(edited)` by index, counting the texts asked for. */
  function indexed(edited: number, asked: number[]): IndexedParts {
    const all = parts(edited);
    return { ids: all.map((part) => part.id), digests: all.map((part) => part.digest), text: (index) => (asked.push(index), all[index]!.text()) };
  }

  /** A build over the previous output `previous` (its manifest and folder), as a patch build runs it. */
  async function patched(cache: string, previous: { dir: string; manifest: Map<string, { hash: string; size: number }> } | null, given: Iterable<FilePart> | IndexedParts) {
    configureFragments({ dir: cache, key: 'test', reuse: true });
    const site = folder();
    const sink = openSink(new OutputSink(site, previous));
    const pieces = new DeflatedPieces('test-gzip', 'context', workbookRuns);
    const layouts = new FileLayouts('test', 'context');
    try {
      await writeWithGzip(site, 'big.json', '[', given, '\n]\n', pieces, layouts);
      await pieces.save();
      layouts.save();
    } finally {
      closeSink(sink);
    }
    // The output as publishing leaves it: the previous one with this build's files over it.
    const dir = folder();
    if (previous) cpSync(previous.dir, dir, { recursive: true });
    for (const file of sink.staged) cpSync(path.join(site, file), path.join(dir, file));
    return { dir, manifest: sink.entries, file: readFileSync(path.join(dir, 'big.json')) };
  }

  it('makes only the changed parts, and gives the bytes of the parts given one by one', async () => {
    const cache = folder();
    const first = await patched(cache, null, parts(-1));
    const asked: number[] = [];
    const edited = await patched(cache, first, indexed(2500, asked));
    expect(asked).toEqual([2500]);
    expect(edited.file.equals(Buffer.from(`[${parts(2500).map((part) => part.text()).join('')}\n]\n`))).toBe(true);
    // An addition, a removal and a move at once, over the edited output.
    const changed = parts(2500);
    const [moved] = changed.splice(7000, 1);
    changed.splice(4000, 1);
    changed.splice(10, 0, { ...moved!, id: 'dataset-10a' }, { id: 'new', digest: 'new', text: () => ',\n{"id":"new"}' });
    const given: IndexedParts = { ids: changed.map((part) => part.id), digests: changed.map((part) => part.digest), text: (index) => changed[index]!.text() };
    const again = await patched(cache, edited, given);
    expect(again.file.equals(Buffer.from(`[${changed.map((part) => part.text()).join('')}\n]\n`))).toBe(true);
    // The layout kept by the indexed parts serves the next build as the one kept by parts one by one.
    const asked2: number[] = [];
    const next = await patched(cache, again, { ...given, text: (index) => (asked2.push(index), given.text(index)) });
    expect(asked2).toEqual([]);
    expect(next.file.equals(again.file)).toBe(true);
  });

  it("gives the file an entry made from its runs' hashes: after an edit as without a cache, a kept run's read from its piece", async () => {
    const cache = folder();
    const first = await patched(cache, null, parts(-1));
    const edited = await patched(cache, first, indexed(2500, []));
    // Without a cache: every run hashed from its bytes.
    configureFragments(null);
    const site = folder();
    const sink = openSink(new OutputSink(site));
    try {
      await writeWithGzip(site, 'big.json', '[', parts(2500), '\n]\n', new DeflatedPieces('test-gzip', 'context', workbookRuns));
    } finally {
      closeSink(sink);
    }
    const entry = sink.entries.get('big.json')!;
    expect(entry.hash).toMatch(/^pieces-[0-9a-f]{32}$/);
    expect(edited.manifest.get('big.json')).toEqual(entry);
    expect(first.manifest.get('big.json')!.hash).not.toBe(entry.hash);
    // Each kept piece's hash altered (a piece file's head: CRC-32, lengths, then the text's SHA-256):
    // the entry changes, so the kept runs' hashes are read, not worked out again from their bytes.
    for (const file of pieceFiles(cache, 'test-gzip')) {
      const bytes = readFileSync(file);
      bytes[12] = bytes[12]! ^ 1;
      writeFileSync(file, bytes);
    }
    const again = await patched(cache, edited, indexed(2500, []));
    expect(again.file.equals(edited.file)).toBe(true);
    expect(again.manifest.get('big.json')!.hash).not.toBe(entry.hash);
  });

  it('gives right gzip copies when runs kept whole are deflated again from the previous files, read one after the other into one buffer', async () => {
    const cache = folder();
    const other = (edited: number): FilePart[] => parts(edited).map((part) => ({ ...part, digest: `other ${part.digest}`, text: () => part.text().replace('"Dataset', '"Other dataset') }));
    const write = async (previous: { dir: string; manifest: Map<string, { hash: string; size: number }> } | null, edited: number) => {
      configureFragments({ dir: cache, key: 'test', reuse: true });
      const site = folder();
      const sink = openSink(new OutputSink(site, previous));
      const pieces = new DeflatedPieces('test-gzip', 'context', workbookRuns);
      const layouts = new FileLayouts('test', 'context');
      try {
        // One after the other, as the exports' files are: the second read as soon as the first is written.
        for (const [file, given] of [['big.json', parts(edited)], ['other.json', other(edited)]] as const) {
          const all = [...given];
          await writeWithGzip(site, file, '[', { ids: all.map((part) => part.id), digests: all.map((part) => part.digest), text: (index) => all[index]!.text() }, '\n]\n', pieces, layouts);
        }
        await pieces.save();
        layouts.save();
        await precompress(site, rules);
      } finally {
        closeSink(sink);
      }
      const dir = folder();
      if (previous) cpSync(previous.dir, dir, { recursive: true });
      for (const file of sink.staged) cpSync(path.join(site, file), path.join(dir, file));
      return { dir, manifest: sink.entries };
    };
    const first = await write(null, -1);
    // The pieces lost: every run kept whole from the previous files is deflated again, from their bytes.
    rmSync(path.join(cache, 'fragments', 'test-gzip'), { recursive: true, force: true });
    const edited = await write(first, 2500);
    for (const file of ['big.json', 'other.json']) {
      const bytes = readFileSync(path.join(edited.dir, file));
      expect(bytes.toString()).toContain(file === 'big.json' ? 'Dataset 2500 (edited) ✓' : 'Other dataset 2500 (edited) ✓');
      expect(gunzipSync(readFileSync(path.join(edited.dir, `${file}.gz`))).equals(bytes)).toBe(true);
    }
  });
});
