// DCAT-AP's pages planned from small keys: with the model's digests known (as a build knows them,
// remembered from the last build or worked out for the pages), a page whose datasets did not change
// is decided without any dataset of it read or hashed (output.ts `planKey`), and the main thread's
// writer reads the model catalogue itself, not dcatInput's copy. Every file is still byte for byte
// what a build without the cache writes, and the records are those the thread's writer keeps.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { datasetDigest, rememberDigest } from '../../src/catalogue/dataset-digest.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { dcatInput, type DcatCatalogue } from '../../src/outputs/dcat/input.ts';
import { dcatFiles, dcatFragmentFigures, dcatPageFigures, dcatPlanFigures, dcatSharedNodeFigures, finishSharedPages, writeDcatFiles, writeSharedPages } from '../../src/outputs/dcat/output.ts';
import { closeSink, openSink, OutputSink, type Manifest } from '../../src/outputs/output-sink.ts';
import { repoRoot } from '../helpers/content.ts';

const pageSize = 5;
let scratch: string;
let model: Catalogue;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'datashelf-dcat-plans-'));
  model = (await loadCatalogue({ contentDir: path.join(repoRoot, 'content') })).catalogue;
});

afterAll(async () => {
  configureFragments(null);
  await rm(scratch, { recursive: true, force: true });
});

interface Run {
  dir: string;
  manifest: Manifest;
  staged: Set<string>;
}

let runs = 0;
/** Every file through a build's sink over `previous` (its folder and manifest), with one cache folder for the test; `main`: as the main thread's writer does it. */
async function write(data: DcatCatalogue, cache: string, previous: Run | null, main = false): Promise<Run> {
  configureFragments({ dir: cache, key: 'key', reuse: true });
  const dir = path.join(scratch, `out-${runs++}`);
  const over = previous && { manifest: previous.manifest, dir: previous.dir };
  if (main) {
    // The main thread's writer taking every page; its records kept as the build keeps them.
    let next = 0;
    const sink = new OutputSink(dir, over);
    const records = writeSharedPages(data, sink, () => next++, pageSize);
    const record = finishSharedPages(data, [records], [sink.toRecord()], pageSize);
    return { dir, manifest: new Map(record.entries), staged: new Set(record.staged) };
  }
  const sink = openSink(new OutputSink(dir, over));
  try {
    await writeDcatFiles(data, dir, pageSize);
  } finally {
    closeSink(sink);
  }
  return { dir, manifest: sink.entries, staged: new Set(sink.staged) };
}

/** Each file's bytes as the run left them: written into its folder, or else in the run it patched (and so on back). */
async function bytes(run: Run, chain: Run[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const file of run.manifest.keys()) {
    const holder = [run, ...chain].find((each) => each.staged.has(file))!;
    found.set(file, await readFile(path.join(holder.dir, file), 'utf8'));
  }
  return found;
}

/** Every file as a build without the cache writes it. */
async function uncached(data: DcatCatalogue): Promise<Map<string, string>> {
  configureFragments(null);
  const files = new Map<string, string>();
  for await (const file of dcatFiles(dcatInput(data), pageSize)) files.set(file.path, file.text);
  return files;
}

/** The model with one dataset's title changed (a new object, as loading makes one) and every digest known, as a build's pages know them. */
function retitled(from: Catalogue, index: number, title: string): Catalogue {
  const datasets = from.datasets.map((dataset, at) => (at === index ? { ...dataset, title } : dataset));
  const changed = { ...from, datasets };
  for (const dataset of changed.datasets) datasetDigest(dataset);
  return changed;
}

describe('DCAT-AP pages planned from the model’s digests', () => {
  it('decides every unchanged page by its plan on an edit, reads the model itself on the main thread, and writes what a build without the cache writes', async () => {
    // Pages of 5, the last of 2: one dataset more keeps the number of pages (their paging's last page).
    const base: Catalogue = { ...model, datasets: model.datasets.slice(0, 17) };
    for (const dataset of base.datasets) datasetDigest(dataset);
    const pages = 4;
    const cache = path.join(scratch, 'cache');
    const first = await write(base, cache, null, true);
    expect(dcatPageFigures).toEqual({ kept: 0, made: pages, spliced: 0 });

    // One title edited on the third page, the main thread's writer over the model: the other pages decided by their plans alone.
    const edited = retitled(base, 12, 'A title edited');
    const edit = await write(edited, cache, first, true);
    expect(dcatPageFigures).toEqual({ kept: pages - 1, made: 1, spliced: 0 });
    expect(dcatPlanFigures.planned).toBe(pages - 1);
    expect(dcatFragmentFigures.made).toBe(1);
    const id = base.datasets[12]!.id;
    expect([...edit.staged].sort()).toEqual([`dataset/${id}.jsonld`, `dataset/${id}.ttl`, 'catalog/page/3.jsonld', 'catalog/page/3.ttl'].sort());
    expect(await bytes(edit, [first])).toEqual(await uncached(edited));

    // The thread's writer after it, over dcatInput's copy: the same plans (the model's digests go with the copy), nothing written.
    const copied = await write(dcatInput(edited), cache, edit);
    expect(dcatPageFigures).toEqual({ kept: pages, made: 0, spliced: 0 });
    expect(dcatPlanFigures.planned).toBe(pages);
    expect(copied.staged.size).toBe(0);
    expect([...copied.manifest]).toEqual([...edit.manifest]);

    // A copy whose model digests are not known (a structured clone): no plan found, every page decided by its datasets' own digests, the same files.
    const cloned = await write(structuredClone(dcatInput(edited)), cache, copied);
    expect(dcatPageFigures).toEqual({ kept: pages, made: 0, spliced: 0 });
    expect(dcatPlanFigures.planned).toBe(0);
    expect([...cloned.manifest]).toEqual([...edit.manifest]);

    // A dataset added at the end (every page's total changes), over the first run's output (its pages' texts, to splice): the two pages
    // unchanged since then spliced by their plans (those the run before this one kept), the edited one and the last made again; the same bytes.
    await write(edited, cache, cloned, true);
    expect(dcatPlanFigures.planned).toBe(0);
    const added = { ...edited, datasets: [...edited.datasets, { ...edited.datasets[0]!, id: 'zz-added', webpage: `${edited.site.url}dataset/zz-added/` }] };
    datasetDigest(added.datasets.at(-1)!);
    const add = await write(added, cache, first, true);
    expect(dcatPageFigures).toEqual({ kept: 0, made: 2, spliced: 2 });
    expect(dcatPlanFigures.planned).toBe(2);
    expect(await bytes(add, [first])).toEqual(await uncached(added));
  });

  it('decides an unchanged page without reading what its datasets say (their files, their descriptions), only their digests', async () => {
    const cache = path.join(scratch, 'cache-unread');
    for (const dataset of model.datasets) datasetDigest(dataset);
    const first = await write(model, cache, null, true);
    // Each dataset a copy whose files and description cannot be read, with its model's digest (as the build remembers it).
    const unreadable = model.datasets.map((dataset) => {
      const copy = { ...dataset };
      for (const field of ['resources', 'descriptionText', 'links'] as const) {
        Object.defineProperty(copy, field, {
          enumerable: true,
          get: () => {
            throw new Error(`${field} of ${dataset.id} read`);
          },
        });
      }
      rememberDigest(copy, datasetDigest(dataset));
      return copy;
    });
    const again = await write({ ...model, datasets: unreadable }, cache, first, true);
    expect(dcatPlanFigures.planned).toBe(Math.ceil(model.datasets.length / pageSize));
    expect(again.staged.size).toBe(0);
    expect([...again.manifest]).toEqual([...first.manifest]);
  });

  it('reads a node several datasets of a page say alike (a vocabulary concept, a team, a licence) once when the page is made again', async () => {
    configureFragments({ dir: path.join(scratch, 'cache-shared'), key: 'key', reuse: true });
    // Every dataset on one page, written once, then with one title edited: the page made again from the others' fragments.
    const all = model.datasets.length;
    const onePage = (data: DcatCatalogue, folder: string, previous: Manifest | null, previousDir: string) => {
      let next = 0;
      const sink = new OutputSink(path.join(scratch, folder), previous && { manifest: previous, dir: previousDir });
      finishSharedPages(data, [writeSharedPages(data, sink, () => next++, all)], [sink.toRecord()], all);
      return sink;
    };
    const first = onePage(model, 'shared-first', null, '');
    expect(dcatSharedNodeFigures.said).toBe(0);
    const edited = retitled(model, 3, 'A title edited');
    onePage(edited, 'shared-edit', first.entries, path.join(scratch, 'shared-first'));
    expect(dcatPageFigures.made).toBe(1);
    expect(dcatFragmentFigures.reused).toBe(all - 1);
    expect(dcatSharedNodeFigures.said).toBeGreaterThan(all);
    expect(dcatSharedNodeFigures.parsed).toBeLessThan(dcatSharedNodeFigures.said / 2);
    configureFragments(null);
    let whole = '';
    for await (const file of dcatFiles(dcatInput(edited), all)) if (file.path === 'catalog.ttl' || file.path === 'catalog.jsonld') expect(readFileSync(path.join(scratch, 'shared-edit', file.path), 'utf8')).toBe((whole = file.text));
    expect(whole).not.toBe('');
  });

  it('makes the page of a dataset changed in a copy whose model digest is not known', async () => {
    const cache = path.join(scratch, 'cache-unknown');
    for (const dataset of model.datasets) datasetDigest(dataset);
    const first = await write(model, cache, null, true);
    // Its title changed in a copy without a model digest: its own digest plans its page, which is made again.
    const datasets = model.datasets.map((dataset, at) => (at === 7 ? { ...dataset, title: 'Not known' } : dataset));
    const edit = await write({ ...model, datasets }, cache, first, true);
    expect(dcatPageFigures.made).toBe(1);
    expect(await bytes(edit, [first])).toEqual(await uncached({ ...model, datasets }));
  });
});
