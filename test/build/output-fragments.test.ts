// The whole-catalogue outputs really take each dataset's part from the cache: a part planted in a
// store shows in the next build's output (so a store that is written but never read fails here),
// and a build without the cache (`--no-cache`) or of a changed dataset makes the part again.
// That the reused parts give the bytes of a full build is test/build/incremental.test.ts's work.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { exampleWorkspace } from '../helpers/build.ts';
import { plantInStore, removeStore } from '../helpers/fragment-store.ts';
import { pieceFiles } from '../helpers/piece-files.ts';

/** A kept piece's file (src/outputs/deflated-pieces.ts `PieceStore`) holding `text`: CRC-32, length, deflated length, the text's SHA-256 (zeros: not known), deflated bytes. */
function pieceFile(text: string): Buffer {
  const bytes = Buffer.from(text);
  const deflated = deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  const head = Buffer.alloc(44);
  head.writeUInt32LE(crc32(bytes), 0);
  head.writeUInt32LE(bytes.length, 4);
  head.writeUInt32LE(deflated.length, 8);
  return Buffer.concat([head, deflated]);
}

const today = '2026-11-20';
let root: string;
let contentDir: string;
let siteDir: string;
let cacheDir: string;

const build = (reuse = true) => buildSite({ contentDir, outDir: siteDir, today, cache: { dir: cacheDir, reuse } });
/** Replaces each value of a store by what `plant` makes of it. */
const plantIn = (name: string, plant: (value: unknown) => unknown): number => plantInStore(cacheDir, name, plant);

beforeAll(async () => {
  ({ root, contentDir, siteDir, cacheDir } = await exampleWorkspace('output-fragments'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the outputs' per-dataset parts", () => {
  it('are read from the cache by the next build, and made again without it', { timeout: 300_000 }, async () => {
    const first = await build(false);
    const datasets = first.catalogue.datasets.length;
    const marker = 'PLANTED-IN-THE-STORE';
    // One part per dataset in each store.
    expect(plantIn('exports', (value) => ({ ...(value as object), json: JSON.stringify({ marker }) }))).toBe(datasets);
    expect(plantIn('data.json', () => JSON.stringify({ marker }))).toBe(datasets);
    expect(plantIn('ckan-package-texts', (value) => ({ ...(value as object), json: JSON.stringify({ marker }) }))).toBe(datasets);
    // A kept search record holds its document as JSON text (src/outputs/search/records.ts `KeptRecord`).
    expect(plantIn('search-records', (value) => ({ ...(value as { document: string }), document: JSON.stringify({ ...JSON.parse((value as { document: string }).document), title: marker }) }))).toBe(datasets);
    // With its kept index the search would patch the last output, and with no dataset changed keep
    // every file (docs/decisions/search-index-patch.md): without it, it is built from the kept records.
    removeStore(cacheDir, 'search-index');

    await build();
    const read = (file: string) => readFile(path.join(siteDir, file), 'utf8');
    const id = first.catalogue.datasets[0]!.id;
    expect(gunzipSync(await readFile(path.join(siteDir, 'search/docs/0.bin'))).toString()).toContain(marker);
    // The exports and data.json take an unchanged dataset's part from the previous output's file
    // while it is there (test/outputs/exports-patched.test.ts); without it, from their stores. So do
    // the CKAN answers made of kept dicts (test/build/incremental-ckan.test.ts).
    await rm(siteDir, { recursive: true, force: true });
    await build();
    expect(await read(`api/3/action/package_show/${id}`)).toContain(marker);
    expect(await read('api/datasets/export.json')).toContain(marker);
    expect(await read('data.json')).toContain(marker);

    // Without the cache every part is made from the content again.
    await build(false);
    for (const file of ['api/datasets/export.json', 'data.json', `api/3/action/package_show/${id}`]) expect(await read(file)).not.toContain(marker);
    expect(gunzipSync(await readFile(path.join(siteDir, 'search/docs/0.bin'))).toString()).not.toContain(marker);

    // The CKAN index's gzipped files, by their runs of dicts: the same dicts, the stored pieces
    // (not deflated again). The planted entry is not the previous output's, so the file is put together again.
    expect(plantIn('ckan-index-chunks', () => ({ hash: 'planted', size: 0 }))).toBe(1);
    const planted = pieceFiles(cacheDir, 'ckan-index-pieces');
    expect(planted.length).toBeGreaterThan(0);
    for (const file of planted) writeFileSync(file, pieceFile(`"${marker}",`));
    await build();
    expect(gunzipSync(await readFile(path.join(siteDir, 'api/.datashelf/ckan-index/packages/0.json.gz'))).toString()).toContain(marker);
  });
});
