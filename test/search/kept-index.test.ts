// The search index of a build that reads the last build's cache (its kept records and vocabulary,
// src/outputs/search/output.ts) is byte for byte the index a build from scratch writes, whatever
// changed: a dataset's words, the order of datasets, one added, one removed, the vocabulary lost.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
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

/** Puts back a dataset file of the generated catalogue (written again in a folder of its own). */
async function writeSearchCatalogueFile(id: string): Promise<void> {
  const other = path.join(root, `generated-${builds++}`);
  await writeSearchCatalogue(other);
  await writeFile(datasetPath(id), await readFile(path.join(other, 'datasets', `${id}.md`)));
}
