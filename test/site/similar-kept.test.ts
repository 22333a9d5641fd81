// Each page's similar datasets kept between builds (src/site/similar-kept.ts): after datasets are
// added, removed, retagged or moved in the date order, every list brought up to date is exactly the
// list worked out whole, and most lists are not worked out again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import type { Dataset } from '../../src/catalogue/model.ts';
import { foiDataset } from '../../src/site/components/examples.ts';
import { similarDatasets } from '../../src/site/similar-datasets.ts';
import { SimilarKept } from '../../src/site/similar-kept.ts';

const folders: string[] = [];
afterEach(() => {
  configureFragments(null);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A small deterministic generator (the same catalogues every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Datasets made to tie: few dates, few titles, big topics, small tags used unevenly. */
function datasetMaker(seed: number, topicCount: number, tagCount: number) {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const dates = ['2024-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z', '2025-09-01T00:00:00.000Z'];
  const titles = ['Roads', 'roads', 'Air quality', 'Schools 2'];
  const tags = Array.from({ length: tagCount }, (_, index) => `tag-${index}`);
  return (id: string): Dataset =>
    ({
      ...foiDataset,
      id,
      title: pick(titles),
      updatedAt: pick(dates),
      topics: Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({ id: `topic-${Math.floor(next() * topicCount)}`, title: 'T' })),
      tags: Array.from({ length: Math.floor(next() * 5) }, () => tags[Math.floor(next() ** 3 * tags.length)]!).map((slug) => ({ name: slug, slug })),
    }) as Dataset;
}

/** Every page's list, as a build asks for them (some with a related dataset left out); saved for the next build. */
function build(datasets: Dataset[]): { lists: Map<string, string[]>; kept: SimilarKept } {
  const kept = new SimilarKept(datasets);
  const lists = new Map<string, string[]>();
  for (const dataset of datasets) {
    const exclude = new Set(dataset.id.endsWith('7') ? ['dataset-0005'] : []);
    const list = kept.of(dataset, exclude).map((other) => other.id);
    expect(list, dataset.id).toEqual(similarDatasets(dataset, datasets, exclude).map((other) => other.id));
    lists.set(dataset.id, list);
  }
  kept.save();
  return { lists, kept };
}

describe('similar datasets kept between builds', () => {
  it('are brought up to date after additions, removals, new tags and moves, list for list as worked out whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-similar-kept-'));
    folders.push(dir);
    configureFragments({ dir, key: 'key', reuse: true });
    const make = datasetMaker(3, 6, 60);
    let datasets = Array.from({ length: 600 }, (_, index) => make(`dataset-${String(index).padStart(4, '0')}`));
    expect(build(datasets).kept.worked).toBe(600);

    // Nothing changed: every list kept as it was.
    expect(build(datasets).kept.worked).toBe(0);
    // Nor in what the lists are worked out from (a topic's title, not its id): kept without a look at them.
    datasets = datasets.map((dataset) => ({ ...dataset, topics: dataset.topics.map((topic) => ({ ...topic, title: 'Renamed' })) }));
    const renamed = build(datasets).kept;
    expect([renamed.worked, renamed.updated]).toEqual([0, 0]);

    const steps: [string, (datasets: Dataset[]) => Dataset[]][] = [
      ['one added', (list) => [...list, make('added-1')]],
      ['two added in the middle', (list) => [...list.slice(0, 300), make('added-2'), ...list.slice(300), make('added-3')]],
      ['one removed', (list) => list.filter((dataset) => dataset.id !== 'dataset-0100')],
      ['one that many list removed', (list) => list.filter((dataset) => dataset.id !== list[0]!.id)],
      ['one given other tags', (list) => list.map((dataset) => (dataset.id === 'dataset-0200' ? { ...dataset, tags: [{ name: 'tag-0', slug: 'tag-0' }, { name: 'tag-1', slug: 'tag-1' }] } : dataset))],
      ['one moved to the top by its date', (list) => list.map((dataset) => (dataset.id === 'dataset-0300' ? { ...dataset, updatedAt: '2026-01-01T00:00:00.000Z' } : dataset))],
      ['its title edited', (list) => list.map((dataset) => (dataset.id === 'dataset-0400' ? { ...dataset, title: 'Edited' } : dataset))],
    ];
    for (const [step, change] of steps) {
      datasets = change(datasets);
      const { kept } = build(datasets);
      // Brought up to date, not worked out again: the few that named a dataset gone, or are new.
      expect(kept.worked + kept.updated, step).toBeGreaterThan(0);
      expect(kept.worked, step).toBeLessThan(datasets.length / 3);
    }
  });

  it('works every list out whole when many datasets moved', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-similar-kept-'));
    folders.push(dir);
    configureFragments({ dir, key: 'key', reuse: true });
    const make = datasetMaker(5, 4, 30);
    const datasets = Array.from({ length: 200 }, (_, index) => make(`dataset-${String(index).padStart(4, '0')}`));
    build(datasets);
    const reversed = datasets.map((dataset, index) => ({ ...dataset, updatedAt: `2020-01-${String(1 + (index % 28)).padStart(2, '0')}T00:00:00.000Z` }));
    expect(build(reversed).kept.worked).toBe(200);
  });
});
