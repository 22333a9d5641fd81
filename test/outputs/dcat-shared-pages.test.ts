// DCAT-AP's pages shared between its thread and the build's main thread: whichever writer takes
// which page, in whatever order, the files, the build's manifest (its order too) and the cache's
// stores are byte for byte those of one writer taking every page, on a first build and on an
// edit's build over the previous output.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { dcatInput, type DcatCatalogue } from '../../src/outputs/dcat/input.ts';
import { finishSharedPages, sharedPageRecords, sharePages, writeDcatFiles, writeSharedPages } from '../../src/outputs/dcat/output.ts';
import { closeSink, openSink, OutputSink, type SinkRecord } from '../../src/outputs/output-sink.ts';
import { repoRoot } from '../helpers/content.ts';

const pageSize = 5;
let scratch: string;
let input: DcatCatalogue;
let pages: number;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'datashelf-dcat-shared-'));
  input = dcatInput((await loadCatalogue({ contentDir: path.join(repoRoot, 'content') })).catalogue);
  pages = Math.ceil(input.datasets.length / pageSize);
});

afterAll(async () => {
  configureFragments(null);
  sharePages(null);
  await rm(scratch, { recursive: true, force: true });
});

/** What a run leaves: its folder, its sink's record, its cache folder. */
interface Run {
  dir: string;
  record: SinkRecord;
  cache: string;
}

type Previous = { run: Run; manifest: Map<string, { hash: string; size: number }> } | null;

let runs = 0;
function folders(name: string): { dir: string; cache: string } {
  runs++;
  return { dir: path.join(scratch, `${name}-${runs}`), cache: path.join(scratch, `${name}-${runs}-cache`) };
}

/** One writer taking every page, as a build did before the pages were shared. */
async function alone(data: DcatCatalogue, cache: string, previous: Previous): Promise<Run> {
  const { dir } = folders('alone');
  configureFragments({ dir: cache, key: 'key', reuse: true });
  const sink = openSink(new OutputSink(dir, previous && { manifest: previous.manifest, dir: previous.run.dir }));
  try {
    await writeDcatFiles(data, dir, pageSize);
  } finally {
    closeSink(sink);
  }
  return { dir, record: sink.toRecord(), cache };
}

/** A list of page indexes taken in that order, then none left. */
function taking(indexes: number[]): () => number {
  let next = 0;
  return () => indexes[next++] ?? Infinity;
}

/** The thread takes `threadPages`, the main thread `mainPages` (each in the order given), into their own sinks over one folder. */
async function shared(data: DcatCatalogue, cache: string, previous: Previous, threadPages: number[], mainPages: number[]): Promise<Run> {
  const { dir } = folders('shared');
  configureFragments({ dir: cache, key: 'key', reuse: true });
  const over = previous && { manifest: previous.manifest, dir: previous.run.dir };
  const threadSink = openSink(new OutputSink(dir, over));
  sharePages(taking(threadPages));
  try {
    await writeDcatFiles(data, dir, pageSize);
  } finally {
    closeSink(threadSink);
  }
  const threadRecords = sharedPageRecords()!;
  sharePages(null);
  const mainSink = new OutputSink(dir, over);
  const mainRecords = writeSharedPages(data, mainSink, taking(mainPages), pageSize);
  const record = finishSharedPages(data, [threadRecords, mainRecords], [threadSink.toRecord(), mainSink.toRecord()], pageSize);
  return { dir, record, cache };
}

/** Every file under `dir` with its bytes. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(dir, file), await readFile(file));
  }
  return found;
}

async function expectSame(one: Run, other: Run): Promise<void> {
  expect(other.record).toEqual(one.record);
  expect(await tree(other.dir)).toEqual(await tree(one.dir));
  expect(await tree(other.cache)).toEqual(await tree(one.cache));
}

const splits: [string, (count: number) => [number[], number[]]][] = [
  ['alternate pages', (count) => [evens(count), odds(count)]],
  ['the thread from the end, the main thread from the start', (count) => [range(count).slice(2).reverse(), [0, 1]]],
  ['the main thread all of them', (count) => [[], range(count)]],
  ['the thread all of them', (count) => [range(count), []]],
];

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
function evens(count: number): number[] {
  return range(count).filter((index) => index % 2 === 0);
}
function odds(count: number): number[] {
  return range(count).filter((index) => index % 2 === 1);
}

describe('DCAT-AP pages shared between two writers', () => {
  it.each(splits)('writes what one writer writes, first and on an edit over the previous output: %s', async (_name, split) => {
    expect(pages).toBeGreaterThan(3);
    const [threadPages, mainPages] = split(pages);
    const first = await alone(input, folders('cache').cache, null);
    const split1 = await shared(input, folders('cache').cache, null, threadPages, mainPages);
    await expectSame(first, split1);

    // Over the first run's output and cache (copied for each): a title edited on the third page (the other pages kept as they
    // were), then also a dataset added at the end (every page's total changes: spliced from the previous output).
    const retitled = structuredClone(input);
    retitled.datasets[12]!.title = 'A title edited';
    const added = structuredClone(retitled);
    added.datasets.push({ ...added.datasets[0]!, id: 'zz-added', webpage: `${added.site.url}dataset/zz-added/` });
    const previous: Previous = { run: first, manifest: new Map(first.record.entries) };
    for (const changed of [retitled, added]) {
      const [cache, sharedCache] = [folders('cache').cache, folders('cache').cache];
      await cp(first.cache, cache, { recursive: true });
      await cp(first.cache, sharedCache, { recursive: true });
      const [threadAgain, mainAgain] = split(Math.ceil(changed.datasets.length / pageSize));
      const edit = await alone(changed, cache, previous);
      expect(edit.record.staged.length).toBeGreaterThan(0);
      await expectSame(edit, await shared(changed, sharedCache, previous, threadAgain, mainAgain));
    }
  });
});
