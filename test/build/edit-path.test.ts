// An edit's build on its critical path (docs/performance.md, "edit-path"): its few pages render on
// the thread started before loading while this thread writes the other outputs, and the cache's
// load memo is serialised while it waits for its threads. Neither may change a byte of the output, and a cache
// left broken (a build killed while writing it, a torn file) is ignored, never half used.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildReport } from '../../src/build/build.ts';
import { readCache, writeCache } from '../../src/build/build-cache.ts';
import { packLoad, shardCount, shardFolder } from '../../src/build/load-memo-file.ts';
import { exampleWorkspace, firstDifference } from '../helpers/build.ts';

const today = '2026-11-20';
let root: string;
let contentDir: string;
let siteDir: string;
let cacheDir: string;
let scratchBuilds = 0;

function incremental(): Promise<BuildReport> {
  return buildSite({ contentDir, outDir: siteDir, today, cache: { dir: cacheDir, reuse: true } });
}

/** The first file where the incremental output differs from a build from scratch of the same content, or null. */
async function differenceFromScratch(): Promise<string | null> {
  const outDir = path.join(root, `scratch-${++scratchBuilds}`);
  await buildSite({ contentDir, outDir, today, cache: { dir: path.join(root, `scratch-cache-${scratchBuilds}`), reuse: false } });
  return firstDifference(outDir, siteDir);
}

async function retitle(from: string, to: string): Promise<void> {
  const file = path.join(contentDir, 'datasets/bus-stops.md');
  const text = await readFile(file, 'utf8');
  expect(text).toContain(`title: ${from}`);
  await writeFile(file, text.replace(`title: ${from}`, `title: ${to}`));
}

beforeAll(async () => {
  ({ root, contentDir, siteDir, cacheDir } = await exampleWorkspace('edit-path'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("an edit's build", () => {
  it('renders its few pages beside the other outputs, and publishes the bytes of a build from scratch', { timeout: 600_000 }, async () => {
    expect((await incremental()).output.publish).toBe('full');
    await retitle('Bus Stops', 'Bus Stops and Shelters');
    const edited = await incremental();
    expect(edited.output).toMatchObject({ publish: 'patch' });
    expect(edited.output.pagesRendered).toBeGreaterThan(0);
    // The pages were awaited after this thread's outputs, not before them.
    const names = edited.stages.map((stage) => stage.name);
    expect(names).toContain('pages (waiting)');
    expect(names.indexOf('pages (waiting)')).toBeGreaterThan(names.indexOf('exports'));
    expect(await differenceFromScratch()).toBeNull();
  });

  it('ignores a cache left torn or half written, builds in full, and patches again after', { timeout: 600_000 }, async () => {
    await incremental();
    const file = path.join(cacheDir, 'build-cache.v8');
    const whole = await readFile(file);
    // A build killed while writing leaves its temporary file beside the cache; a torn cache file is cut short.
    await writeFile(path.join(cacheDir, `.build-cache.v8.99999.tmp`), whole.subarray(0, whole.length >> 1));
    await writeFile(file, whole.subarray(0, Math.floor(whole.length * 0.9)));
    await retitle('Bus Stops and Shelters', 'Bus Stops');
    const rebuilt = await incremental();
    expect(rebuilt.output).toMatchObject({ publish: 'full', localFilesReused: 0, cacheSaved: true });
    expect(await differenceFromScratch()).toBeNull();
    await retitle('Bus Stops', 'Bus Stops and Shelters');
    expect((await incremental()).output.publish).toBe('patch');
    expect(await differenceFromScratch()).toBeNull();
  });
});

describe("the cache's load memo", () => {
  // Datasets as object graphs with shared parts.
  const shared = { name: 'a team', tags: ['x', 'y'] };
  const datasets = Array.from({ length: 2_345 }, (_, index) => [`datasets/d-${index}.md`, { stat: `${index}\0${index * 7}`, team: shared, rows: [index, `${index}`, null], parts: { checked: index % 2 ? `c${index}` : null } }]);
  const checked = [['c', new Uint8Array([1, 2, 3])], ...datasets.filter((_, index) => index % 2).map((_, index) => [`c${index * 2 + 1}`, new Uint8Array([index & 255])])];
  const record = { byStat: [['a.csv', { md5: 'm', size: 3 }]], byContent: [], markdown: [['h', { html: '<p>x</p>', text: 'x' }]], checked, datasets } as never;

  it('is written ahead and read back as it was (its datasets in shards: in another order)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-edit-path-cache-'));
    try {
      const packed = packLoad(record);
      expect(writeCache(dir, { key: 'k', output: null, load: packed, pages: { 'index.html': 'p' } })).toBe(true);
      const read = readCache(dir, 'k');
      const { origin, ...load } = read!.load;
      expect(origin).not.toBeNull();
      const asMaps = (memo: typeof load) => ({ ...memo, checked: new Map(memo.checked), datasets: new Map(memo.datasets) });
      expect({ ...read, load: asMaps(load) }).toEqual({ key: 'k', output: null, load: asMaps(record), pages: { 'index.html': 'p' } });
      // Nothing but the cache is left in the folder: its file and its load memo's shard files.
      expect((await readdir(dir)).sort()).toEqual(['build-cache.v8', shardFolder]);
      expect(await readdir(path.join(dir, shardFolder))).toHaveLength(shardCount);
      expect(readCache(dir, 'another key')).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is not read from a file cut short anywhere', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-edit-path-cache-'));
    try {
      writeCache(dir, { key: 'k', output: null, load: packLoad(record), pages: {} });
      const whole = await readFile(path.join(dir, 'build-cache.v8'));
      // Within the length, within the key's part, at its end, within the memo's bytes.
      const restEnd = 4 + whole.readUInt32LE(0);
      for (const cut of [0, 2, 5, restEnd - 1, restEnd, restEnd + 1, Math.floor(whole.length * 0.6), whole.length - 1]) {
        await writeFile(path.join(dir, 'build-cache.v8'), whole.subarray(0, cut));
        expect(readCache(dir, 'k'), `cut at ${cut} of ${whole.length}`).toBeNull();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is not read with a shard file missing, cut short, longer, or of other bytes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-edit-path-cache-'));
    try {
      writeCache(dir, { key: 'k', output: null, load: packLoad(record), pages: {} });
      expect(readCache(dir, 'k')).not.toBeNull();
      const folder = path.join(dir, shardFolder);
      const [name, other] = (await readdir(folder)).sort();
      const file = path.join(folder, name!);
      const whole = await readFile(file);
      const spoilt: [string, () => Promise<void>][] = [
        ['missing', () => rm(file)],
        ['cut short', () => writeFile(file, whole.subarray(0, whole.length - 1))],
        ['longer', () => writeFile(file, Buffer.concat([whole, Buffer.from([0])]))],
        ['as long, other bytes', () => writeFile(file, Buffer.alloc(whole.length, 0xff))],
        ["another shard's", async () => writeFile(file, await readFile(path.join(folder, other!)))],
      ];
      for (const [how, spoil] of spoilt) {
        await spoil();
        expect(readCache(dir, 'k'), how).toBeNull();
        await writeFile(file, whole);
        expect(readCache(dir, 'k'), how).not.toBeNull();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
