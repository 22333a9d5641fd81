// The similar datasets' early-stopping walk (src/site/similar-datasets.ts) against the full scan it
// replaced, on generated catalogues made to tie: few dates (some unknown), few titles, big topics
// and small tags, duplicate tags, exclusions and limits.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/catalogue/model.ts';
import { foiDataset } from '../../src/site/components/examples.ts';
import { compareByRecentUpdate } from '../../src/site/listings.ts';
import { similarDatasets } from '../../src/site/similar-datasets.ts';

/**
 * The previous algorithm: score every dataset sharing a topic (2) or a tag (1), keep the best (the
 * most recently updated first among equals: `compareByRecentUpdate`, worked out once per catalogue).
 */
const recency = new WeakMap<readonly Dataset[], Map<Dataset, number>>();
function fullScan(dataset: Dataset, datasets: readonly Dataset[], exclude: ReadonlySet<string>, limit: number): string[] {
  if (!recency.has(datasets)) recency.set(datasets, new Map([...datasets].sort(compareByRecentUpdate).map((other, rank) => [other, rank])));
  const rank = recency.get(datasets)!;
  const scores = new Map<Dataset, number>();
  const topics = new Set(dataset.topics.map((topic) => topic.id));
  const tags = new Set(dataset.tags.map((tag) => tag.slug));
  for (const other of datasets) {
    if (other.id === dataset.id || exclude.has(other.id)) continue;
    const score = 2 * new Set(other.topics.map((topic) => topic.id).filter((id) => topics.has(id))).size + new Set(other.tags.map((tag) => tag.slug).filter((slug) => tags.has(slug))).size;
    if (score > 0) scores.set(other, score);
  }
  return [...scores].sort(([a, scoreA], [b, scoreB]) => scoreB - scoreA || rank.get(a)! - rank.get(b)!).slice(0, limit).map(([other]) => other.id);
}

/** A small deterministic generator (the same catalogues every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function catalogue(seed: number, size: number, topicCount: number, tagCount: number): Dataset[] {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const dates = [null, '2024-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z'];
  const titles = ['Roads', 'roads', 'Air quality', 'Schools 2', 'Schools 10'];
  const topics = Array.from({ length: topicCount }, (_, index) => `topic-${index}`);
  // Tags used unevenly: a few on many datasets, most on few.
  const tags = Array.from({ length: tagCount }, (_, index) => `tag-${index}`);
  const tagPick = () => tags[Math.floor(next() ** 3 * tags.length)]!;
  return Array.from({ length: size }, (_, index) => {
    const ownTopics = Array.from({ length: Math.floor(next() * 3) }, () => pick(topics));
    const ownTags = Array.from({ length: Math.floor(next() * 5) }, tagPick);
    return {
      ...foiDataset,
      id: `dataset-${String(index).padStart(4, '0')}`,
      title: pick(titles),
      updatedAt: pick(dates),
      topics: ownTopics.map((id) => ({ id, title: id })),
      // A tag twice, in two spellings, as a publisher may write it.
      tags: ownTags.flatMap((slug, at) => (at === 0 && next() < 0.1 ? [{ name: slug, slug }, { name: slug.toUpperCase(), slug }] : [{ name: slug, slug }])),
    } as Dataset;
  });
}

describe('similarDatasets, against the full scan', () => {
  const shapes = [
    { size: 40, topics: 2, tags: 5 },
    { size: 300, topics: 3, tags: 40 },
    { size: 1000, topics: 10, tags: 200 },
    { size: 1500, topics: 1, tags: 3 },
  ];
  for (const [seed, shape] of shapes.entries()) {
    it(`gives the same list for every dataset of ${shape.size} datasets, ${shape.topics} topics and ${shape.tags} tags`, () => {
      const datasets = catalogue(seed + 1, shape.size, shape.topics, shape.tags);
      const next = random(seed + 100);
      let compared = 0;
      let nonEmpty = 0;
      for (const dataset of datasets) {
        const exclude = new Set(next() < 0.2 ? [datasets[Math.floor(next() * datasets.length)]!.id] : []);
        const longest = fullScan(dataset, datasets, exclude, 12);
        for (const limit of [5, 1, 12]) {
          const expected = longest.slice(0, limit);
          expect(similarDatasets(dataset, datasets, exclude, limit).map((other) => other.id), `${dataset.id}, limit ${limit}`).toEqual(expected);
          compared++;
          if (expected.length) nonEmpty++;
        }
      }
      expect(compared).toBe(shape.size * 3);
      // The catalogues do have similar datasets to find.
      expect(nonEmpty).toBeGreaterThan(compared / 2);
    });
  }

  it('works for a dataset outside the catalogue, and with nothing shared', () => {
    const datasets = catalogue(7, 200, 3, 20);
    const outside = { ...datasets[0]!, id: 'outside' } as Dataset;
    expect(similarDatasets(outside, datasets).map((other) => other.id)).toEqual(fullScan(outside, datasets, new Set(), 5));
    const alone = { ...datasets[0]!, id: 'alone', topics: [], tags: [] } as Dataset;
    expect(similarDatasets(alone, datasets)).toEqual([]);
  });
});
