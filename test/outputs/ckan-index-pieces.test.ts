// The CKAN index's gzipped files of package dicts (src/outputs/ckan/index-files.ts) are put together
// from runs of dicts deflated apart and kept between builds: the file holds exactly the JSON list,
// an edit deflates only the run of its dict again, and the bytes are those of a build without a cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import type { PreparedDataset } from '../../src/outputs/ckan/actions.ts';
import { gzippedList } from '../../src/outputs/ckan/index-files.ts';
import { DeflatedPieces, fileRuns } from '../../src/outputs/deflated-pieces.ts';
import { pieceFiles } from '../helpers/piece-files.ts';

const folders: string[] = [];
afterEach(() => {
  configureFragments(null);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-ckan-index-pieces-'));
  folders.push(dir);
  return dir;
};

/** 6,000 dicts of about 1 KB (6 MB: several runs of 1 to 4 MB), the `edited`th one changed. */
function dicts(edited = -1): { datasets: PreparedDataset[]; jsons: string[]; keys: string[] } {
  const jsons = Array.from({ length: 6000 }, (_, index) => JSON.stringify({ name: `dataset-${index}`, title: `Dataset ${index}${index === edited ? ' (edited) ✓' : ''}`, notes: `${index * 7919}`.repeat(100 + (index % 50)) }));
  return {
    datasets: jsons.map((json, index) => ({ id: `dataset-${index}`, json, jsonLength: json.length }) as PreparedDataset),
    jsons,
    keys: jsons.map((json, index) => `${index}:${json.length}:${index === edited}`),
  };
}

async function gzipped(cache: string | null, edited: number, start: number, end: number): Promise<{ bytes: Buffer; made: number }> {
  configureFragments(cache ? { dir: cache, key: 'test', reuse: true } : null);
  const { datasets, keys } = dicts(edited);
  const pieces = new DeflatedPieces('ckan-index-pieces', 'context', fileRuns);
  const bytes = await gzippedList(datasets, cache ? keys : null, start, end, pieces);
  await pieces.save();
  return { bytes, made: pieces.made };
}

describe("the CKAN index's gzipped lists of dicts", () => {
  it('hold the list exactly; an edit deflates one run again, with the bytes of a build without a cache', async () => {
    const cache = folder();
    const first = await gzipped(cache, -1, 0, 6000);
    expect(gunzipSync(first.bytes).toString()).toBe(`[${dicts().jsons.join(',')}]`);
    expect(first.made).toBeGreaterThan(2);
    expect(pieceFiles(cache, 'ckan-index-pieces').length).toBe(first.made);

    const edited = await gzipped(cache, 2500, 0, 6000);
    expect(edited.made).toBe(1);
    expect(gunzipSync(edited.bytes).toString()).toBe(`[${dicts(2500).jsons.join(',')}]`);
    expect(edited.bytes.equals((await gzipped(null, 2500, 0, 6000)).bytes)).toBe(true);
    // The piece it replaced is let go.
    expect(pieceFiles(cache, 'ckan-index-pieces').length).toBe(first.made);
  });

  it('open and close the list of each file, whichever dicts it starts and ends with', async () => {
    const cache = folder();
    await gzipped(cache, -1, 0, 6000);
    // The same dicts in a file of their own: the runs that open and close it are not the kept ones.
    const later = await gzipped(cache, -1, 1000, 6000);
    expect(gunzipSync(later.bytes).toString()).toBe(`[${dicts().jsons.slice(1000).join(',')}]`);
    expect(later.bytes.equals((await gzipped(null, -1, 1000, 6000)).bytes)).toBe(true);
  });
});
