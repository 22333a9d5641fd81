// DCAT-AP with the build's cache: a dataset whose digest is unchanged is not serialised again, its
// nodes and files' entries come from the last build's fragments, and every file is still byte for
// byte what a build without the cache writes. Anything else a dataset's nodes read (the site's
// address, its language) is the fragments' context: changing it serialises every dataset again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { dcatInput, type DcatCatalogue } from '../../src/outputs/dcat/input.ts';
import { dcatFiles, dcatFragmentFigures } from '../../src/outputs/dcat/output.ts';
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
async function files(input: DcatCatalogue, cache: boolean): Promise<Map<string, string>> {
  configureFragments(cache ? { dir: cacheDir, key: 'key', reuse: true } : null);
  const collected = new Map<string, string>();
  for await (const file of dcatFiles(input, 10)) collected.set(file.path, file.text);
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
