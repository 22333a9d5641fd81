// A large file's gzip copy made from deflated pieces kept between builds: the copy holds exactly the
// file, the compress stage uses it instead of gzipping the file whole, and after an edit it is made
// again from the kept pieces and one new one, with the bytes of a copy made afresh.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { configureFragments, shardFiles, storeFolder, type StoredShard } from '../../src/build/fragments.ts';
import { precompress } from '../../src/build/precompress.ts';
import { DeflatedPieces, workbookRuns } from '../../src/outputs/deflated-pieces.ts';
import { writeWithGzip, type FilePart } from '../../src/outputs/kept-gzip.ts';
import type { DeflatedPiece } from '../../src/outputs/zip-file.ts';

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
  pieces.save();
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
    const [shard] = shardFiles(storeFolder({ dir: cache }, 'test-gzip'));
    const stored = deserialize(readFileSync(shard!)) as StoredShard;
    const piece = stored.entries[0]![1] as DeflatedPiece;
    stored.entries[0]![1] = { ...piece, size: piece.size + 1 };
    writeFileSync(shard!, serialize(stored));
    const again = await build(cache);
    expect(again.made).toBe(1);
    expect(again.file.equals(first.file)).toBe(true);
    expect(again.gz.equals(first.gz)).toBe(true);
  });
});
