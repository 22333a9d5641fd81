// The search index of a build that reads the last build's cache (its kept records and vocabulary,
// src/outputs/search/output.ts) is byte for byte the index a build from scratch writes, whatever
// changed: a dataset's words, the order of datasets, one added, one removed, the vocabulary lost.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { closeSink, openSink, OutputSink, type Manifest } from '../../src/outputs/output-sink.ts';
import { writeSearchIndex } from '../../src/outputs/search/output.ts';
import { searchInput } from '../../src/outputs/search/records.ts';
import { writeSearchCatalogue } from '../fixtures/search/generate.ts';
import { listFiles } from '../helpers/build.ts';
import { removeStore, storedEntries } from '../helpers/fragment-store.ts';

let root: string;
let contentDir: string;
let cacheDir: string;
let builds = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'datashelf-search-kept-'));
  contentDir = path.join(root, 'content');
  cacheDir = path.join(root, 'cache');
  await writeSearchCatalogue(contentDir);
});
afterAll(async () => {
  configureFragments(null);
  await rm(root, { recursive: true, force: true });
});

const load = async (): Promise<Catalogue> => (await loadCatalogue({ contentDir })).catalogue;

/** The index's files (as written: gzipped but the manifest) of a build with the cache, or of one from scratch. */
async function index(catalogue: Catalogue, withCache: boolean): Promise<Map<string, string>> {
  const outDir = path.join(root, `out-${builds++}`);
  configureFragments(withCache ? { dir: cacheDir, key: 'test', reuse: true } : null);
  try {
    await writeSearchIndex(catalogue, outDir);
  } finally {
    configureFragments(null);
  }
  const files = new Map<string, string>();
  for (const file of await listFiles(outDir)) files.set(file, (await readFile(path.join(outDir, file))).toString('base64'));
  return files;
}

async function expectAsFromScratch(): Promise<void> {
  const catalogue = await load();
  const kept = await index(catalogue, true);
  const fresh = await index(catalogue, false);
  expect([...kept.keys()].sort()).toEqual([...fresh.keys()].sort());
  for (const [file, bytes] of fresh) expect(kept.get(file), file).toBe(bytes);
}

const datasetPath = (id: string) => path.join(contentDir, 'datasets', `${id}.md`);
async function change(id: string, edit: (text: string) => string): Promise<void> {
  await writeFile(datasetPath(id), edit(await readFile(datasetPath(id), 'utf8')));
}
const order = async () => searchInput(await load()).records.map((record) => record.document.path);

describe('the search index from the last build’s cache', () => {
  it('is the index of a build from scratch after edits, an addition and a removal', async () => {
    await expectAsFromScratch();
    expect(storedEntries(cacheDir, 'search-records')).toHaveLength(60);

    // Words: a title and a description of words no dataset had.
    await change('set-05', (text) => text.replace(/^title: .*$/m, 'title: Zebra crossings quietly counted').replace(/\n---\n[^]*$/, '\n---\nPelican crossings and zebra crossings, counted by the hour.\n'));
    // Order: a title that now sorts first among the datasets updated at the same time.
    const documents = searchInput(await load()).records.map((record) => record.document);
    const before = documents.map((document) => document.path);
    const second = documents.findIndex((document, index) => index > 0 && document.updated === documents[index - 1]!.updated && !/set-(05|10)/.test(document.path));
    const moved = documents[second]!.path.split('/')[1]!;
    await change(moved, (text) => text.replace(/^title: .*$/m, 'title: Aaa first of its day'));
    // One added (a copy under another id, with a new word), one removed.
    await writeFile(datasetPath('set-60'), (await readFile(datasetPath('set-01'), 'utf8')).replace(/^title: .*$/m, 'title: Quokka sightings'));
    await rm(datasetPath('set-10'));
    const after = await order();
    expect(after.indexOf(`dataset/${moved}/`)).toBeLessThan(before.indexOf(`dataset/${moved}/`));
    expect(after).toHaveLength(60);
    await expectAsFromScratch();

    // And again: words let go (the vocabulary keeps them) and a dataset back.
    await change('set-05', (text) => text.replace(/^title: .*$/m, 'title: Road safety again'));
    await writeSearchCatalogueFile('set-10');
    await rm(datasetPath('set-60'));
    await expectAsFromScratch();
  });

  it('is the index of a build from scratch when the kept vocabulary is lost: kept records are numbered again', async () => {
    await change('set-07', (text) => text.replace(/^title: .*$/m, 'title: Wombat counts'));
    removeStore(cacheDir, 'search-vocabulary');
    await expectAsFromScratch();
    await change('set-07', (text) => text.replace(/^title: .*$/m, 'title: Wombat counts twice'));
    await expectAsFromScratch();
  });
});

describe('the search index of an edit patched into the last build’s output', () => {
  /** A build through a sink over the last output (as an incremental build's): the files it wrote, and the whole output read back, written or kept. */
  async function patchBuild(previous: { manifest: Manifest; dir: string } | null): Promise<{ manifest: Manifest; dir: string; written: string[]; files: Map<string, string> }> {
    const dir = path.join(root, `out-${builds++}`);
    const sink = openSink(new OutputSink(dir, previous));
    configureFragments({ dir: cacheDir, key: 'test', reuse: true });
    try {
      await writeSearchIndex(await load(), dir);
    } finally {
      configureFragments(null);
      closeSink(sink);
    }
    // The output as published: what was written, and the last output's files kept.
    const files = new Map<string, string>();
    for (const file of sink.entries.keys()) {
      if (!sink.staged.has(file)) await cp(path.join(previous!.dir, file), path.join(dir, file));
      files.set(file, (await readFile(path.join(dir, file))).toString('base64'));
    }
    return { manifest: sink.entries, dir, written: [...sink.staged], files };
  }

  it('is the index of a build from scratch, written where it changed', async () => {
    let last = await patchBuild(null);
    const fresh = async () => index(await load(), false);
    expect(last.files).toEqual(await fresh());
    // A description (the order stays): its words' shard, its chunk (its summary) and the manifest are written; the rest is kept.
    await change('set-12', (text) => text.replace(/\n---\n[^]*$/, '\n---\nPlatypus burrows counted along the river, by ward and by month.\n'));
    let next = await patchBuild(last);
    expect(next.files).toEqual(await fresh());
    expect(next.written.sort()).toEqual(['search/docs/2.bin', 'search/index.json', 'search/terms/0.bin']);
    last = next;
    // A title (which may move it among datasets updated at the same time) and tags, then an unchanged catalogue (nothing written).
    await change('set-12', (text) => text.replace(/^title: .*$/m, 'title: Otters by ward').replace(/^tags: .*$/m, 'tags: [Otters, Wetlands]'));
    next = await patchBuild(last);
    expect(next.files).toEqual(await fresh());
    last = next;
    next = await patchBuild(last);
    expect(next.files).toEqual(await fresh());
    expect(next.written).toEqual([]);
    // An output that no longer holds the kept index's files (another build's): built whole, and still the same index.
    const other = { manifest: new Map([...next.manifest].map(([file, entry]) => [file, file.startsWith('search/terms/') ? { ...entry, hash: 'other' } : entry])), dir: next.dir };
    await change('set-12', (text) => text.replace(/^title: .*$/m, 'title: Platypus burrows again'));
    next = await patchBuild(other);
    expect(next.files).toEqual(await fresh());
    expect(next.written).toContain('search/terms/0.bin');
    expect([...next.manifest.values()].map((entry) => entry.hash)).not.toContain('other');
  });
});

/** Puts back a dataset file of the generated catalogue (written again in a folder of its own). */
async function writeSearchCatalogueFile(id: string): Promise<void> {
  const other = path.join(root, `generated-${builds++}`);
  await writeSearchCatalogue(other);
  await writeFile(datasetPath(id), await readFile(path.join(other, 'datasets', `${id}.md`)));
}
