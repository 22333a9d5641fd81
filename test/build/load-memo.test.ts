// The load memo's record of checked front matter: a build with a cache hashes each text to find it
// and keep it; a build without one (nothing to find, nothing to keep) does not hash at all.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLoadMemo, LoadMemo, type LoadMemoRecord, type RememberedDataset } from '../../src/build/load-memo.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { repoRoot } from '../helpers/content.ts';

/** The example content copied into `root`, and the load memo's record a first build leaves. */
async function firstBuild(root: string): Promise<{ contentDir: string; record: LoadMemoRecord }> {
  const contentDir = path.join(root, 'content');
  await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  const first = new LoadMemo(emptyLoadMemo);
  await loadCatalogue({ contentDir, today: '2026-12-02', memo: first });
  first.forgetPrevious();
  return { contentDir, record: first.toRecord() };
}

describe("the load memo's checked texts", () => {
  it('are not hashed by a build without a cache, and are found again by the next build with one', () => {
    const keysAsked: string[] = [];
    const keyOf = (key: string) => () => {
      keysAsked.push(key);
      return key;
    };
    const withoutCache = new LoadMemo(emptyLoadMemo, false);
    expect(withoutCache.checked(keyOf('a'), () => ({ title: 'A' }), 'a.md')).toEqual({ title: 'A' });
    expect(keysAsked).toEqual([]);

    const first = new LoadMemo(emptyLoadMemo, true);
    expect(first.checked(keyOf('a'), () => ({ title: 'A' }), 'a.md')).toEqual({ title: 'A' });
    expect(keysAsked).toEqual(['a']);
    const next = new LoadMemo(first.toRecord(), true);
    expect(next.checked(keyOf('a'), () => ({ title: 'checked again' }), 'a.md')).toEqual({ title: 'A' });
  });
});

describe("the load memo's parts of a changed dataset", () => {
  it('are found in its own record from the last build, without going through every other dataset', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'datashelf-load-memo-'));
    try {
      const { contentDir, record } = await firstBuild(root);
      // Another dataset the last build kept, which counts how often its derived form is looked at.
      const [, model] = record.datasets!.find(([, remembered]) => remembered.derived !== null)!;
      let looked = 0;
      const watched = { ...model } as RememberedDataset;
      Object.defineProperty(watched, 'derived', { get: () => (looked++, model.derived), enumerable: true });
      record.datasets!.push([path.join(contentDir, 'datasets/gone/index.md'), watched]);
      // The title edited: the description and the three local files are as they were.
      const file = path.join(contentDir, 'datasets/air-quality/index.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('title: Air Quality', 'title: Air quality'));
      const second = new LoadMemo(record);
      const { catalogue } = await loadCatalogue({ contentDir, today: '2026-12-02', memo: second });
      expect(catalogue.datasets.find((dataset) => dataset.id === 'air-quality')!.title).toBe('Air quality - Nitrogen Dioxide Diffusion Tubes');
      expect(second.filesRead).toBe(0);
      expect(looked).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the load memo's next record", () => {
  it("is made without going through the datasets handed out whole, and keeps an edited dataset's parts once", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'datashelf-load-memo-'));
    try {
      const { contentDir, record } = await firstBuild(root);
      // Every remembered dataset counts how often its parts are looked at.
      let looked = 0;
      record.datasets = record.datasets!.map(([file, remembered]) => {
        const { parts } = remembered;
        const watched = { ...remembered } as RememberedDataset;
        Object.defineProperty(watched, 'parts', { get: () => (looked++, parts), enumerable: true });
        return [file, watched];
      });
      const file = path.join(contentDir, 'datasets/air-quality/index.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('title: Air Quality', 'title: Air quality'));
      const second = new LoadMemo(record);
      await loadCatalogue({ contentDir, today: '2026-12-02', memo: second });
      second.forgetPrevious();
      looked = 0;
      const next = second.toRecord();
      expect(looked).toBe(0);
      // The edited dataset's description and local files are held by its own record, not kept twice.
      const edited = new Map(next.datasets).get(file)!;
      expect(edited.parts.localFiles.length).toBeGreaterThan(0);
      expect(next.markdown).toEqual([]);
      expect(next.byStat).toEqual([]);
      expect(next.byContent).toEqual([]);
      expect(next.datasets).toHaveLength(record.datasets.length);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
