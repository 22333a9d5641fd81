// DCAT-AP with the build's cache: a dataset whose digest is unchanged is not serialised again, its
// nodes and files' entries come from the last build's fragments, and every file is still byte for
// byte what a build without the cache writes. Anything else a dataset's nodes read (the site's
// address, its language) is the fragments' context: changing it serialises every dataset again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { dcatInput, type DcatCatalogue } from '../../src/outputs/dcat/input.ts';
import { dcatFiles, dcatFragmentFigures, dcatPageFigures, writeDcatFiles } from '../../src/outputs/dcat/output.ts';
import { closeSink, openSink, OutputSink, type Manifest } from '../../src/outputs/output-sink.ts';
import { repoRoot } from '../helpers/content.ts';

let cacheDir: string;
let catalogue: Catalogue;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'datashelf-dcat-fragments-'));
  catalogue = (await loadCatalogue({ contentDir: path.join(repoRoot, 'content') })).catalogue;
});

afterAll(async () => {
  configureFragments(null);
  await rm(cacheDir, { recursive: true, force: true });
});

/** Every file, in pages of 10 (several pages, several stores), with the cache or without it. */
async function files(input: DcatCatalogue, cache: boolean, pageSize = 10): Promise<Map<string, string>> {
  configureFragments(cache ? { dir: cacheDir, key: 'key', reuse: true } : null);
  const collected = new Map<string, string>();
  for await (const file of dcatFiles(input, pageSize)) collected.set(file.path, file.text);
  return collected;
}

function edited(input: DcatCatalogue, change: (copy: DcatCatalogue) => void): DcatCatalogue {
  const copy = structuredClone(input);
  change(copy);
  return copy;
}

describe('DCAT-AP from the last build’s fragments', () => {
  it('serialises only the datasets that changed, and writes the same bytes as without the cache', async () => {
    const input = dcatInput(catalogue);
    const count = input.datasets.length;
    expect(count).toBeGreaterThan(20);
    expect(await files(input, true)).toEqual(await files(input, false));
    // Nothing changed: nothing serialised again.
    const again = await files(input, true);
    expect(dcatFragmentFigures).toEqual({ made: 0, reused: count });
    expect(again).toEqual(await files(input, false));

    // One title edited: that dataset alone; its files and its page differ, and match a build without the cache.
    const retitled = edited(input, (copy) => (copy.datasets[7]!.title = 'A title edited'));
    const incremental = await files(retitled, true);
    expect(dcatFragmentFigures).toEqual({ made: 1, reused: count - 1 });
    const full = await files(retitled, false);
    expect(incremental).toEqual(full);
    const changed = [...full.keys()].filter((file) => full.get(file) !== again.get(file));
    expect(changed.sort()).toEqual([`dataset/${input.datasets[7]!.id}.jsonld`, `dataset/${input.datasets[7]!.id}.ttl`, 'catalog.jsonld', 'catalog.ttl'].sort());

    // A topic retitled: every dataset about it (a topic is part of the datasets that name it).
    const topic = input.datasets[0]!.topics[0]!;
    const about = input.datasets.filter((dataset) => dataset.topics.some((each) => each.id === topic.id)).length;
    const topicRetitled = edited(retitled, (copy) => {
      for (const dataset of copy.datasets) for (const each of dataset.topics) if (each.id === topic.id) each.title = 'A topic retitled';
      for (const each of copy.topics) if (each.id === topic.id) each.title = 'A topic retitled';
    });
    const topicIncremental = await files(topicRetitled, true);
    expect(about).toBeGreaterThan(1);
    expect(dcatFragmentFigures).toEqual({ made: about, reused: count - about });
    expect(topicIncremental).toEqual(await files(topicRetitled, false));

    // A dataset added before the others and one removed: the pages' members move, the bytes still match.
    const moved = edited(topicRetitled, (copy) => {
      copy.datasets.splice(3, 1);
      copy.datasets.unshift({ ...copy.datasets[0]!, id: '0-added', webpage: `${copy.site.url}dataset/0-added/` });
    });
    expect(await files(moved, true)).toEqual(await files(moved, false));
  });

  it('serialises every dataset again when what they read besides themselves changes (the site)', async () => {
    const input = dcatInput(catalogue);
    await files(input, true);
    const other = edited(input, (copy) => (copy.site.language = 'cy'));
    const incremental = await files(other, true);
    expect(dcatFragmentFigures).toEqual({ made: input.datasets.length, reused: 0 });
    expect(incremental).toEqual(await files(other, false));
  });
});

describe('DCAT-AP with the cache and the previous output', () => {
  /** Writes every file into a fresh folder through a build's sink (over `previous`, that run's folder and manifest), in pages of 5. */
  let runs = 0;
  async function write(input: DcatCatalogue, previous: Run | null): Promise<Run> {
    configureFragments({ dir: cacheDir, key: 'sink', reuse: true });
    const dir = path.join(cacheDir, `out-${runs++}`);
    const sink = openSink(new OutputSink(dir, previous && { manifest: previous.manifest, dir: previous.dir }));
    try {
      await writeDcatFiles(input, dir, 5);
    } finally {
      closeSink(sink);
    }
    return { dir, manifest: sink.entries, staged: new Set(sink.staged) };
  }

  interface Run {
    dir: string;
    manifest: Manifest;
    staged: Set<string>;
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

  it('takes an unchanged page and its datasets\' files from the previous output without making them, and matches a build without the cache', async () => {
    const input = dcatInput(catalogue);
    const pages = Math.ceil(input.datasets.length / 5);
    expect(pages).toBeGreaterThan(3);
    const first = await write(input, null);
    expect(dcatPageFigures).toEqual({ kept: 0, made: pages, spliced: 0 });

    // Nothing changed: every page kept, nothing written.
    const again = await write(input, first);
    expect(dcatPageFigures).toEqual({ kept: pages, made: 0, spliced: 0 });
    expect(again.staged.size).toBe(0);
    expect([...again.manifest]).toEqual([...first.manifest]);

    // One title edited on the third page: that page alone made again; its dataset's files and the page's written.
    const retitled = edited(input, (copy) => (copy.datasets[12]!.title = 'A title edited'));
    const edit = await write(retitled, again);
    expect(dcatPageFigures).toEqual({ kept: pages - 1, made: 1, spliced: 0 });
    expect(dcatFragmentFigures).toEqual({ made: 1, reused: input.datasets.length - 1 });
    const id = input.datasets[12]!.id;
    expect([...edit.staged].sort()).toEqual([`dataset/${id}.jsonld`, `dataset/${id}.ttl`, 'catalog/page/3.jsonld', 'catalog/page/3.ttl'].sort());
    expect(await bytes(edit, [first])).toEqual(await files(retitled, false, 5));

    // A dataset added at the end: the last page and the paging of every page change (its total). This run's previous output holds only the
    // files the edit wrote, so the other pages' texts are not there to take again: every page is made again, from the fragments.
    const added = edited(retitled, (copy) => copy.datasets.push({ ...copy.datasets[0]!, id: 'zz-added', webpage: `${copy.site.url}dataset/zz-added/` }));
    const add = await write(added, edit);
    expect(dcatPageFigures.kept).toBe(0);
    expect(dcatFragmentFigures.made).toBe(1);
    expect(await bytes(add, [edit, first])).toEqual(await files(added, false, 5));

    // The previous output holding other bytes for a page's file than its record says (a run whose record outlived its output): that page is made again.
    const tampered = new Map(add.manifest);
    tampered.set('catalog/page/2.ttl', { hash: '0'.repeat(32), size: 1 });
    const checked = await write(added, { ...add, manifest: tampered });
    expect(dcatPageFigures).toEqual({ kept: Math.ceil(added.datasets.length / 5) - 1, made: 1, spliced: 0 });
    expect([...checked.staged]).toEqual(['catalog/page/2.ttl']);
  });

  it('takes a page whose datasets did not change again with its paging\'s new total when a dataset is added or removed elsewhere, the same bytes as a build without the cache', async () => {
    const input = dcatInput(catalogue);
    const pages = Math.ceil(input.datasets.length / 5);
    // A count that keeps the number of pages when one is added, and when one is removed (the paging's last page would change).
    const base = edited(input, (copy) => (copy.datasets = copy.datasets.slice(0, (pages - 1) * 5 + 2)));
    const count = base.datasets.length;
    const first = await write(base, null);
    expect(dcatPageFigures).toEqual({ kept: 0, made: pages, spliced: 0 });

    // Added at the end: every other page spliced (its two files only), the last made again with the new dataset's files.
    const added = edited(base, (copy) => copy.datasets.push({ ...copy.datasets[0]!, id: 'zz-added', title: 'An added dataset', webpage: `${copy.site.url}dataset/zz-added/` }));
    const add = await write(added, first);
    expect(dcatPageFigures).toEqual({ kept: 0, made: 1, spliced: pages - 1 });
    expect(dcatFragmentFigures).toEqual({ made: 1, reused: count });
    const catalogPages = Array.from({ length: pages }, (_, index) => (index === 0 ? ['catalog.ttl', 'catalog.jsonld'] : [`catalog/page/${index + 1}.ttl`, `catalog/page/${index + 1}.jsonld`])).flat();
    expect([...add.staged].sort()).toEqual([...catalogPages, 'dataset/zz-added.ttl', 'dataset/zz-added.jsonld'].sort());
    const addedBytes = await bytes(add, [first]);
    expect(addedBytes).toEqual(await files(added, false, 5));
    // The total really changed in both forms (a splice that did nothing would fail the comparison above too).
    expect(addedBytes.get('catalog.ttl')).toContain(`hydra:totalItems ${count + 1}`);
    expect(addedBytes.get('catalog.jsonld')).toContain(`"${count + 1}"`);

    // Removed again: the same, back to the first run's bytes.
    const removed = await write(base, add);
    expect(dcatPageFigures).toEqual({ kept: 0, made: 1, spliced: pages - 1 });
    expect(await bytes(removed, [add, first])).toEqual(await files(base, false, 5));

    // Added before the second page's datasets: the first page spliced, every later one holds other datasets and is made again.
    const early = edited(base, (copy) => copy.datasets.splice(5, 0, { ...copy.datasets[0]!, id: `${copy.datasets[4]!.id}-early`, webpage: `${copy.site.url}dataset/${copy.datasets[4]!.id}-early/` }));
    const inserted = await write(early, removed);
    expect(dcatPageFigures).toEqual({ kept: 0, made: pages - 1, spliced: 1 });
    expect(await bytes(inserted, [removed, add, first])).toEqual(await files(early, false, 5));

    // The previous page's text not the bytes its record says (changed on disk): made again, not spliced.
    const previousPage = path.join(inserted.dir, 'catalog.ttl');
    await writeFile(previousPage, (await readFile(previousPage, 'utf8')).replace('@base', '@base '));
    const back = await write(base, inserted);
    expect(dcatPageFigures).toEqual({ kept: 0, made: pages, spliced: 0 });
    expect(await bytes(back, [inserted, removed, add, first])).toEqual(await files(base, false, 5));
  });
});

