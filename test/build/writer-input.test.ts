// The writer thread's input (src/build/writer-input.ts): the catalogue without what only the pages
// read, and the CKAN API and DCAT-AP written from it are the files written from the whole catalogue.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readsWriterInput } from '../../src/build/api-thread.ts';
import { readCache, writeCache } from '../../src/build/build-cache.ts';
import { emptyLoadMemo, LoadMemo } from '../../src/build/load-memo.ts';
import { packLoad } from '../../src/build/load-memo-file.ts';
import { readStoredWriterInput, storedWriterInput, writerInput } from '../../src/build/writer-input.ts';
import { datasetDigest } from '../../src/catalogue/dataset-digest.ts';
import { hasUnreadFields, unreadFigures } from '../../src/util/unread-fields.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { exportsOutput } from '../../src/outputs/exports.ts';
import { writeOutputs } from '../../src/outputs/index.ts';
import { listFiles } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';

let work: string;
let catalogue: Catalogue;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-writer-input-'));
  catalogue = (await loadCatalogue({ contentDir: path.join(repoRoot, 'content'), today: '2026-11-20' })).catalogue;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir)) files.set(file, (await readFile(path.join(dir, file))).toString('base64'));
  return files;
}

describe("the writer thread's input", () => {
  it('leaves out the previews’ rows, the source paths and the edit links', () => {
    const resources = catalogue.datasets.flatMap((dataset) => dataset.resources);
    // Not vacuous: the example catalogue has tables with rows, local files and edit links.
    expect(resources.some((resource) => resource.preview?.kind === 'table' && resource.preview.rows.length > 0)).toBe(true);
    expect(resources.some((resource) => resource.sourcePath !== null)).toBe(true);
    const input = writerInput(catalogue);
    expect(input.datasets.map((dataset) => dataset.id)).toEqual(catalogue.datasets.map((dataset) => dataset.id));
    for (const dataset of input.datasets) {
      expect(dataset).not.toHaveProperty('sourceFile');
      expect(dataset).not.toHaveProperty('editUrl');
      expect(dataset).not.toHaveProperty('masthead');
      for (const resource of dataset.resources) {
        expect(resource).not.toHaveProperty('sourcePath');
        expect(resource).not.toHaveProperty('publishedPath');
        if (resource.preview) expect(resource.preview).not.toHaveProperty('rows');
      }
    }
    // The model is left as it was (the pages render from it).
    expect(resources.some((resource) => resource.preview?.kind === 'table' && resource.preview.rows.length > 0)).toBe(true);
  });

  it('gives the CKAN API and DCAT-AP the same files as the whole catalogue', { timeout: 120_000 }, async () => {
    const whole = path.join(work, 'whole');
    const slim = path.join(work, 'slim');
    await writeOutputs(catalogue, whole, [ckanApiOutput, dcatOutput]);
    await writeOutputs(writerInput(catalogue) as Catalogue, slim, [ckanApiOutput, dcatOutput]);
    const files = await filesOf(whole);
    // Not vacuous: a table's Table Schema (its columns) is in its CKAN resource.
    expect([...files.values()].some((bytes) => Buffer.from(bytes, 'base64').toString().includes('"schema":{"fields"'))).toBe(true);
    expect(await filesOf(slim)).toEqual(files);
  });

  it('is handed to the thread only when every output on it reads no more', () => {
    const job = (outputs: (typeof ckanApiOutput)[]) => ({ outputs, outDir: work });
    expect(readsWriterInput(job([ckanApiOutput]), job([dcatOutput]))).toBe(true);
    expect(readsWriterInput(job([ckanApiOutput]), null)).toBe(true);
    // An output that reads the whole catalogue on the thread.
    expect(readsWriterInput(job([ckanApiOutput, { ...exportsOutput, thread: 'api' }]), job([dcatOutput]))).toBe(false);
    expect(readsWriterInput(job([ckanApiOutput]), job([dcatOutput, { ...exportsOutput, thread: 'after-pages' }]))).toBe(false);
  });
});

describe("the writer thread's input on a build with the cache", () => {
  /** Loads `contentDir` with the cache in `cacheDir` (read when there), writes the cache, and returns the catalogue and the memo. */
  async function loadWithCache(contentDir: string, cacheDir: string): Promise<{ catalogue: Catalogue; memo: LoadMemo }> {
    const cached = readCache(cacheDir, 'k');
    const memo = new LoadMemo(cached?.load ?? emptyLoadMemo);
    const loaded = (await loadCatalogue({ contentDir, today: '2026-11-20', memo })).catalogue;
    // As the build asks for them (the pages' keys): an unchanged dataset's is remembered.
    loaded.datasets.forEach(datasetDigest);
    memo.forgetPrevious();
    expect(writeCache(cacheDir, { key: 'k', output: null, load: packLoad(memo.toRecord(), memo.origin), pages: {} })).toBe(true);
    return { catalogue: loaded, memo };
  }

  it('hands the datasets published as the cache holds them as their heads, read whole from its bytes when asked: the same files, the same datasets', { timeout: 120_000 }, async () => {
    const contentDir = path.join(work, 'cached', 'content');
    const cacheDir = path.join(work, 'cached', 'cache');
    await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
    const first = await loadWithCache(contentDir, cacheDir);
    // Nothing read from a cache: every dataset whole.
    expect(storedWriterInput(first.catalogue, { bytes: (dataset) => first.memo.storedBytes(dataset), gone: [], added: [] }).stored).toBeNull();
    // An edit of one dataset: every other one is published as the cache holds it.
    const edited = first.catalogue.datasets[1]!;
    const file = path.join(contentDir, edited.sourceFile);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: Edited since'));
    const { catalogue: again, memo } = await loadWithCache(contentDir, cacheDir);
    const { input, stored } = storedWriterInput(again, { bytes: (dataset) => memo.storedBytes(dataset), gone: memo.gone, added: memo.added }, true);
    expect(stored!.places.map(([index]) => again.datasets[index]!.id)).toEqual(again.datasets.filter((dataset) => dataset.id !== edited.id).map((dataset) => dataset.id));
    // As the thread gets it: a structured clone (the bytes shared).
    const onThread = () => {
      const copy = structuredClone({ input, stored });
      expect(copy.stored!.shards[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
      return readStoredWriterInput(copy.input, copy.stored);
    };
    // Read whole: each dataset's keys in their order and its values, as the writer's input of the model has them.
    const read = onThread();
    expect(read.datasets.filter((dataset) => hasUnreadFields(dataset))).toHaveLength(again.datasets.length - 1);
    const filled = unreadFigures.filled;
    expect(JSON.stringify(read.datasets)).toBe(JSON.stringify(writerInput(again).datasets));
    expect(unreadFigures.filled - filled).toBe(again.datasets.length - 1);
    expect(read.datasets.some((dataset) => hasUnreadFields(dataset))).toBe(false);
    // The outputs written from it (without the cache's stores: each dataset read whole) and from the model's input.
    const fromHeads = path.join(work, 'cached', 'heads');
    const fromWhole = path.join(work, 'cached', 'whole');
    await writeOutputs(onThread() as Catalogue, fromHeads, [ckanApiOutput, dcatOutput]);
    await writeOutputs(writerInput(again) as Catalogue, fromWhole, [ckanApiOutput, dcatOutput]);
    expect(await filesOf(fromHeads)).toEqual(await filesOf(fromWhole));
    // The DCAT-AP digests of the edited dataset's page were told: not worked out from the datasets read whole.
    expect(stored!.places.every(([, , , , digest]) => digest !== null)).toBe(true);
  });
});
