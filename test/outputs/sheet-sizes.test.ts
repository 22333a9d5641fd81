// A dataset's sizes in the workbook's three sheets, looked up once for all three with a cache
// (export-fragments.ts `sheetSizes`): the same numbers as each sheet's own answer, kept from the
// last build (not made from the dataset again) when it had the dataset.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { datasetDigest } from '../../src/catalogue/dataset-digest.ts';
import { ExportFragments } from '../../src/outputs/export-fragments.ts';
import { loadExportsFixture } from './exports-fixture.ts';
import { plantInStore } from '../helpers/fragment-store.ts';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterEach(() => configureFragments(null));

describe("a dataset's sizes in the workbook's sheets", () => {
  it("are each sheet's answer, and are kept from the last build", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'datashelf-sheet-sizes-'));
    dirs.push(dir);
    configureFragments({ dir, key: 'test', reuse: true });
    const catalogue = await loadExportsFixture();
    const fragments = new ExportFragments(catalogue);
    expect(fragments.keepsSizes).toBe(true);
    for (const dataset of catalogue.datasets) {
      const digest = datasetDigest(dataset);
      const sizes = fragments.sheetSizes(dataset, digest);
      const bySheet = (['datasets', 'resources', 'links'] as const).flatMap((sheet) => {
        const part = fragments.sheetPart(dataset, digest, sheet);
        return [part.count, part.chars, part.links];
      });
      expect([...sizes]).toEqual(bySheet);
    }
    await fragments.save();
    // Planted: only sizes read from the store show it.
    plantInStore<number[]>(dir, 'exports-sheet-sizes', (sizes) => sizes.map(() => 7));
    const again = new ExportFragments(catalogue);
    expect([...again.sheetSizes(catalogue.datasets[0]!, datasetDigest(catalogue.datasets[0]!))]).toEqual(new Array(9).fill(7));
    configureFragments(null);
    expect(new ExportFragments(catalogue).keepsSizes).toBe(false);
  });
});
