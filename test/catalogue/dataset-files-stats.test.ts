// findDatasetFiles's stats of the dataset files it finds (src/catalogue/dataset-files.ts): the
// build's memo tells an unchanged dataset by them instead of a second stat of each file.
import { lstatSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BigIntStats } from 'node:fs';
import { findDatasetFiles } from '../../src/catalogue/dataset-files.ts';
import { ProblemList } from '../../src/catalogue/errors.ts';
import { contentFrom } from '../helpers/content.ts';

describe('the dataset files found', () => {
  let root: string;
  let contentDir: string;
  beforeAll(async () => {
    ({ root, contentDir } = await contentFrom('minimal', { 'datasets/in-folder/index.md': '---\ntitle: A\n---\n', 'datasets/flat.md': '---\ntitle: B\n---\n', 'datasets/other/index.md': '---\ntitle: C\n---\n' }));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("come with each folder's index.md lstat, in nanoseconds, when asked", async () => {
    const statted = new Map<string, BigIntStats>();
    const files = await findDatasetFiles(contentDir, new ProblemList(), statted);
    expect(files).toEqual(['datasets/flat.md', 'datasets/foi.md', 'datasets/in-folder/index.md', 'datasets/other/index.md', 'datasets/roads/index.md', 'datasets/secret-staff/index.md']);
    // A flat file is found by its directory entry alone: the memo stats it itself.
    expect([...statted.keys()].sort()).toEqual(['datasets/in-folder/index.md', 'datasets/other/index.md', 'datasets/roads/index.md', 'datasets/secret-staff/index.md']);
    const own = lstatSync(path.join(contentDir, 'datasets/other/index.md'), { bigint: true });
    const given = statted.get('datasets/other/index.md')!;
    expect([given.ino, given.size, given.mtimeNs, given.ctimeNs]).toEqual([own.ino, own.size, own.mtimeNs, own.ctimeNs]);
    // Without a map, the same files.
    expect(await findDatasetFiles(contentDir, new ProblemList())).toEqual(files);
  });
});
