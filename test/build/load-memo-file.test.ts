// The load memo in the cache (load-memo-file.ts): in shards, each a file of its own, named again as
// it is while none of its records changed, and serialised again into a new file otherwise.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCache, writeCache } from '../../src/build/build-cache.ts';
import { packLoad, shardCount, shardFolder, shardOf } from '../../src/build/load-memo-file.ts';
import type { LoadMemoRecord } from '../../src/build/load-memo.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'datashelf-load-memo-file-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(): LoadMemoRecord {
  const datasets = Array.from({ length: 1_000 }, (_, index) => [`/c/datasets/d-${index}.md`, { stat: `${index}`, context: 'x', files: [], derived: null, checked: { title: `Dataset ${index}` }, parts: { checked: `c${index}`, markdown: null, localFiles: [] } }]);
  const checked = datasets.map((_, index) => [`c${index}`, new Uint8Array([index & 255, 7])]);
  return { byStat: [], byContent: [], markdown: [['m', { html: '<p>m</p>', text: 'm' }]], checked: [...checked, ['loose', new Uint8Array([9])]], datasets } as never;
}

/** The record as a build reads it back (its origin: the file), written with the shards of `origin`'s file that are unchanged. */
function written(memo: LoadMemoRecord, origin: LoadMemoRecord['origin'] = null): LoadMemoRecord {
  expect(writeCache(dir, { key: 'k', output: null, load: packLoad(memo, origin), pages: {} })).toBe(true);
  return readCache(dir, 'k')!.load;
}

const titleOf = (memo: LoadMemoRecord, file: string) => (new Map(memo.datasets).get(file)!.checked as { title: string }).title;

describe("the load memo's shards", () => {
  it('spread the datasets over every shard', () => {
    const used = new Set(Array.from({ length: 10_000 }, (_, index) => shardOf(`/content/datasets/dataset-${index}/index.md`)));
    expect(used.size).toBe(shardCount);
  });

  it("are written again with the bytes read while none of their records changed, and serialised again when one did", () => {
    const read = written(record());
    const [first, second] = ['/c/datasets/d-1.md', '/c/datasets/d-2.md'];
    expect(shardOf(first)).not.toBe(shardOf(second));
    const datasets = new Map(read.datasets);
    // A record changed in place (which a build never does) shows which bytes were copied: its shard's were.
    (datasets.get(first)!.checked as { title: string }).title = 'changed in place';
    // A new record (a dataset checked again) has its shard serialised again.
    datasets.set(second, { ...datasets.get(second)!, checked: { title: 'checked again' } as never });
    const again = written({ ...read, datasets: [...datasets] }, read.origin);
    expect(titleOf(again, first)).toBe('Dataset 1');
    expect(titleOf(again, second)).toBe('checked again');
    expect(new Map(again.checked)).toEqual(new Map(read.checked));
    expect(again.datasets).toHaveLength(1_000);
  });

  it('are serialised again when their file is no longer there as it was', async () => {
    const read = written(record());
    const [first, second] = ['/c/datasets/d-1.md', '/c/datasets/d-2.md'];
    const folder = path.join(dir, shardFolder);
    const fileOf = (file: string) => path.join(folder, read.origin!.places[shardOf(file)]!.name);
    // Another build removed one, and cut another short, meanwhile.
    await rm(fileOf(first));
    await writeFile(fileOf(second), (await readFile(fileOf(second))).subarray(1));
    const datasets = new Map(read.datasets);
    for (const file of [first, second]) (datasets.get(file)!.checked as { title: string }).title = 'changed in place';
    const again = written(read, read.origin);
    expect(titleOf(again, first)).toBe('changed in place');
    expect(titleOf(again, second)).toBe('changed in place');
    expect(titleOf(again, '/c/datasets/d-3.md')).toBe('Dataset 3');
  });

  it('are written to new files only where they changed, and the files no longer named are removed', async () => {
    const read = written(record());
    const folder = path.join(dir, shardFolder);
    const before = new Set(await readdir(folder));
    expect(before.size).toBe(shardCount);
    // A file left by a build killed before its cache file was in place.
    await writeFile(path.join(folder, '7-left.v8'), 'x');
    const changed = '/c/datasets/d-2.md';
    const datasets = new Map(read.datasets);
    datasets.set(changed, { ...datasets.get(changed)!, checked: { title: 'checked again' } as never });
    const again = written({ ...read, datasets: [...datasets] }, read.origin);
    const after = new Set(await readdir(folder));
    expect(after.size).toBe(shardCount);
    const added = [...after].filter((name) => !before.has(name));
    expect(added).toEqual([again.origin!.places[shardOf(changed)]!.name]);
    expect([...before].filter((name) => !after.has(name))).toEqual([read.origin!.places[shardOf(changed)]!.name]);
    expect(titleOf(again, changed)).toBe('checked again');
  });

  it('are read a shard at a time, each checked value a copy of its own', () => {
    const read = written(record());
    // Each shard is read into one buffer used again: a view of it would hold the last shard's bytes.
    expect(new Map(read.checked)).toEqual(new Map(record().checked));
    expect(new Set(read.checked!.map(([, bytes]) => bytes.buffer)).size).toBeLessThanOrEqual(shardCount + 1);
  });

  it('lose a dataset removed and take a dataset added', () => {
    const read = written(record());
    const datasets = new Map(read.datasets);
    const removed = '/c/datasets/d-5.md';
    datasets.delete(removed);
    datasets.set('/c/datasets/new.md', { ...datasets.get('/c/datasets/d-6.md')!, checked: { title: 'new' } as never });
    const again = written({ ...read, datasets: [...datasets] }, read.origin);
    const files = new Map(again.datasets);
    expect(files.has(removed)).toBe(false);
    expect(titleOf(again, '/c/datasets/new.md')).toBe('new');
    expect(files.size).toBe(1_000);
  });
});

describe("the load memo's table previews", () => {
  const preview = { kind: 'table', sheet: null, columns: [{ name: 'a', type: 'text', emptyCells: 0, example: 'x', description: null, unit: null }], rows: [['x'], ['y "quoted"\n']], rowCount: 2, profiledRows: 2, problem: null };
  function withPreview(): LoadMemoRecord {
    const memo = record();
    const derived = { id: 'd-3', resources: [{ id: 'data', preview: structuredClone(preview), url: 'u' }, { id: 'link', preview: null, url: 'v' }] };
    memo.datasets![3] = [memo.datasets![3]![0], { ...memo.datasets![3]![1], derived: derived as never }];
    return memo;
  }
  const previewOf = (memo: LoadMemoRecord) => new Map(memo.datasets).get('/c/datasets/d-3.md')!.derived!.resources[0]!.preview!;

  it("are read with their rows unparsed until asked, and are then as written, as JSON, clones and serialised", () => {
    const read = previewOf(written(withPreview()));
    expect(Object.getOwnPropertyDescriptor(read, 'rows')!.get).toBeTypeOf('function');
    expect(JSON.stringify(read)).toBe(JSON.stringify(preview));
    expect(structuredClone(read)).toEqual(preview);
    expect(Object.keys(read)).toEqual(Object.keys(preview));
    expect((read as { rows: string[][] }).rows).toEqual(preview.rows);
    // Read once, the rows are a plain property.
    expect(Object.getOwnPropertyDescriptor(read, 'rows')!.value).toEqual(preview.rows);
    expect(Object.keys(read)).toEqual(Object.keys(preview));
  });

  it('are written again as read, their rows read or not', () => {
    const read = written(withPreview());
    // A new record in the preview's shard: the shard is serialised again, its unread preview with it.
    const datasets = new Map(read.datasets);
    datasets.set('/c/datasets/d-3.md', { ...datasets.get('/c/datasets/d-3.md')! });
    const again = written({ ...read, datasets: [...datasets] }, read.origin);
    expect(JSON.stringify(previewOf(again))).toBe(JSON.stringify(preview));
    (previewOf(again) as { rows: string[][] }).rows.push(['z']);
    const third = written({ ...again, datasets: [...new Map(again.datasets)].map(([file, remembered]) => [file, { ...remembered }]) }, again.origin);
    expect((previewOf(third) as { rows: string[][] }).rows).toEqual([...preview.rows, ['z']]);
  });
});
