// Lists in order, cut into pages, grouped by topic, team and tag — only what has datasets.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/catalogue/model.ts';
import { foiDataset, privateDataset, roadsDataset } from '../../src/site/components/examples.ts';
import {
  catalogueSummary,
  compareText,
  datasetFormats,
  pagePositionText,
  paginate,
  paginationView,
  popularTags,
  compareByRecentUpdate,
  recentFirst,
  recentFirstFrom,
  sortByRecentUpdate,
  tagCounts,
  tagListings,
  teamListings,
  topicListings,
} from '../../src/site/listings.ts';

const dataset = (id: string, title: string, updatedAt: string | null, fields: Partial<Dataset> = {}): Dataset => ({ ...foiDataset, id, title, updatedAt, ...fields });

describe('sortByRecentUpdate', () => {
  it('puts the most recently updated first, then orders by title, unknown dates last', () => {
    const sorted = sortByRecentUpdate([
      dataset('a', 'Zebra crossings', '2024-01-01T00:00:00.000Z'),
      dataset('b', 'unknown', null),
      dataset('c', 'apples', '2025-01-01T00:00:00.000Z'),
      dataset('d', 'Apples 10', '2024-01-01T00:00:00.000Z'),
      dataset('e', 'Apples 9', '2024-01-01T00:00:00.000Z'),
    ]);
    expect(sorted.map((item) => item.id)).toEqual(['c', 'e', 'd', 'a', 'b']);
  });

  it('does not change the list it is given', () => {
    const list = [dataset('a', 'A', null), dataset('b', 'B', '2024-01-01T00:00:00.000Z')];
    sortByRecentUpdate(list);
    expect(list.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('sorts a part of a list sorted before in the same order as the comparison does', () => {
    // Few dates and titles, so most comparisons fall through to titles and ids.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const dates = ['2024-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', null];
    const titles = ['Apples 9', 'apples 10', 'Bus stops', 'bus stops', 'Élan'];
    const all = Array.from({ length: 300 }, (_, index) => dataset(`d${index}`, titles[Math.floor(next() * titles.length)]!, dates[Math.floor(next() * dates.length)]!));
    const byComparison = (list: Dataset[]) => [...list].sort(compareByRecentUpdate).map((item) => item.id);
    expect(sortByRecentUpdate(all).map((item) => item.id)).toEqual(byComparison(all));
    for (let round = 0; round < 20; round++) {
      const part = all.filter(() => next() < 0.3);
      expect(sortByRecentUpdate(part).map((item) => item.id)).toEqual(byComparison(part));
    }
    // A part holding a dataset the earlier sort did not see is sorted by the comparison.
    const stranger = dataset('d-new', 'Aardvarks', '2026-01-01T00:00:00.000Z');
    const mixed = [...all.slice(0, 50), stranger];
    expect(sortByRecentUpdate(mixed).map((item) => item.id)).toEqual(byComparison(mixed));
    expect(sortByRecentUpdate(all.slice(0, 50)).map((item) => item.id)).toEqual(byComparison(all.slice(0, 50)));
  });

  it('sorts from a previous order (recentFirstFrom) exactly as from none, whatever changed since', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const dates = ['2024-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', null];
    const titles = ['Apples 9', 'apples 10', 'Bus stops', 'bus stops', 'Élan'];
    const make = (id: string) => dataset(id, titles[Math.floor(next() * titles.length)]!, dates[Math.floor(next() * dates.length)]!);
    const before = Array.from({ length: 300 }, (_, index) => make(`d${index}`));
    const previousOrder = [...before].sort(compareByRecentUpdate).map((item) => item.id);
    // Some removed, some changed (title or date, so they move), some added, the rest as they were, shuffled.
    const now = before
      .filter(() => next() > 0.1)
      .map((item) => (next() < 0.1 ? { ...item, title: titles[Math.floor(next() * titles.length)]!, updatedAt: dates[Math.floor(next() * dates.length)]! } : item))
      .concat(Array.from({ length: 20 }, (_, index) => make(`n${index}`)))
      .sort(() => next() - 0.5);
    const expected = [...now].sort(compareByRecentUpdate).map((item) => item.id);
    expect(recentFirstFrom(now, previousOrder).map((item) => item.id)).toEqual(expected);
    // Once sorted, the same list whatever is asked; and a part of it sorted by the places taken.
    expect(recentFirst(now).map((item) => item.id)).toEqual(expected);
    const part = now.filter(() => next() < 0.4);
    expect(sortByRecentUpdate(part).map((item) => item.id)).toEqual([...part].sort(compareByRecentUpdate).map((item) => item.id));
    // Two datasets of one id: the catalogue's own order sorted, as without a previous order.
    const twice = [...before.slice(0, 40), { ...before[3]!, title: 'Other' }];
    expect(recentFirstFrom(twice, previousOrder).map((item) => item.title)).toEqual([...twice].sort(compareByRecentUpdate).map((item) => item.title));
  });

  it('compares text as a reader does, and never calls two texts equal', () => {
    expect(compareText('apple', 'Banana')).toBeLessThan(0);
    expect(compareText('Item 2', 'Item 10')).toBeLessThan(0);
    expect(compareText('a', 'A')).not.toBe(0);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 45 }, (_, index) => index + 1);

  it('cuts a list into pages of 20, the first at the list’s own path', () => {
    const pages = paginate(items, 'datasets/');
    expect(pages.map((page) => [page.number, page.path, page.param, page.items.length, page.firstPosition, page.lastPosition])).toEqual([
      [1, 'datasets/', undefined, 20, 1, 20],
      [2, 'datasets/2/', '2', 20, 21, 40],
      [3, 'datasets/3/', '3', 5, 41, 45],
    ]);
    expect(pages.every((page) => page.pageCount === 3 && page.total === 45)).toBe(true);
  });

  it('gives an empty list one page that says so', () => {
    const [page, ...rest] = paginate([], 'datasets/');
    expect(rest).toEqual([]);
    expect(page).toMatchObject({ number: 1, pageCount: 1, items: [], firstPosition: 0, lastPosition: 0 });
    expect(pagePositionText(page!)).toBe('No datasets');
  });

  it('says where a page sits in its list', () => {
    const pages = paginate(items, 'datasets/');
    expect(pagePositionText(pages[1]!)).toBe('Showing 21 to 40 of 45 datasets');
    expect(pagePositionText(paginate([1], 'x/')[0]!)).toBe('1 dataset');
    expect(pagePositionText(paginate([1, 2], 'x/')[0]!)).toBe('2 datasets');
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => paginate(items, 'x/', 0)).toThrow(RangeError);
  });
});

describe('paginationView', () => {
  const numbers = (current: number, count: number) =>
    paginationView(current, count, 'datasets/')!.items.map((item) => (item.kind === 'ellipsis' ? '…' : item.current ? `[${item.number}]` : String(item.number))).join(' ');

  it('is not needed for a single page', () => {
    expect(paginationView(1, 1, 'datasets/')).toBeNull();
  });

  it('shows first, last and the neighbours of the current page, with an ellipsis per gap', () => {
    expect(numbers(1, 2)).toBe('[1] 2');
    expect(numbers(1, 10)).toBe('[1] 2 … 10');
    expect(numbers(5, 10)).toBe('1 … 4 [5] 6 … 10');
    expect(numbers(10, 10)).toBe('1 … 9 [10]');
  });

  it('shows a single hidden page rather than an ellipsis standing for it', () => {
    expect(numbers(4, 10)).toBe('1 2 3 [4] 5 … 10');
  });

  it('links previous and next pages', () => {
    const view = paginationView(2, 3, 'topic/transport/')!;
    expect(view.previous).toEqual({ number: 1, path: 'topic/transport/' });
    expect(view.next).toEqual({ number: 3, path: 'topic/transport/3/' });
    expect(paginationView(1, 3, 'x/')!.previous).toBeNull();
    expect(paginationView(3, 3, 'x/')!.next).toBeNull();
  });

  it('refuses a page outside the list', () => {
    expect(() => paginationView(4, 3, 'x/')).toThrow(RangeError);
  });
});

describe('grouping', () => {
  const topics = [
    { id: 'unused', title: 'Aardvarks' },
    { id: 'transport', title: 'Transport' },
    { id: 'community', title: 'Community Information' },
  ];
  const teams = [foiDataset.team, roadsDataset.team, { ...roadsDataset.team, id: 'idle', title: 'Idle Team' }];

  it('gives a topic a listing only when it holds a dataset, by title', () => {
    const listings = topicListings({ topics, datasets: [foiDataset, roadsDataset] });
    expect(listings.map((listing) => [listing.topic.id, listing.datasets.map((item) => item.id)])).toEqual([
      ['community', ['foi', 'roads']],
      ['transport', ['roads']],
    ]);
  });

  it('gives a team a listing only when it owns a dataset, by title', () => {
    const listings = teamListings({ teams, datasets: [roadsDataset, foiDataset] });
    expect(listings.map((listing) => [listing.team.id, listing.datasets.map((item) => item.id)])).toEqual([
      ['highways', ['roads']],
      ['information', ['foi']],
    ]);
  });

  it('gathers tags by slug under the name most datasets use', () => {
    const datasets = [
      dataset('a', 'A', '2025-01-01T00:00:00.000Z', { tags: [{ name: 'air quality', slug: 'air-quality' }] }),
      dataset('b', 'B', '2024-01-01T00:00:00.000Z', { tags: [{ name: 'Air Quality', slug: 'air-quality' }, { name: 'NO2', slug: 'no2' }] }),
      dataset('c', 'C', null, { tags: [{ name: 'Air Quality', slug: 'air-quality' }] }),
    ];
    const listings = tagListings({ datasets });
    expect(listings.map((tag) => [tag.slug, tag.name, tag.datasets.map((item) => item.id)])).toEqual([
      ['air-quality', 'Air Quality', ['a', 'b', 'c']],
      ['no2', 'NO2', ['b']],
    ]);
    expect(popularTags(tagCounts({ datasets }), 1).map((tag) => tag.slug)).toEqual(['air-quality']);
  });

  it('lists each topic’s, team’s and tag’s datasets most recent first, whatever the catalogue’s order (taken from the one sorted catalogue)', () => {
    const tag = (slug: string) => ({ name: slug, slug });
    const dates = ['2023-05-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', null, '2024-02-01T00:00:00.000Z'];
    const datasets = Array.from({ length: 24 }, (_, index) =>
      dataset(`d${(index * 7) % 24}`, ['Roads', 'roads', 'Air', 'Schools 10', 'Schools 9'][index % 5]!, dates[index % 4]!, {
        team: teams[index % 2]!,
        topics: [topics[1 + (index % 2)]!],
        tags: [tag(index % 3 === 0 ? 'a' : 'b'), tag('all')],
      }),
    );
    const sorted = (list: readonly Dataset[]) => [...list].sort(compareByRecentUpdate).map((item) => item.id);
    for (const order of [datasets, [...datasets].reverse()]) {
      for (const listing of topicListings({ topics, datasets: order })) expect(listing.datasets.map((item) => item.id)).toEqual(sorted(listing.datasets));
      for (const listing of teamListings({ teams, datasets: order })) expect(listing.datasets.map((item) => item.id)).toEqual(sorted(listing.datasets));
      for (const listing of tagListings({ datasets: order })) expect(listing.datasets.map((item) => item.id)).toEqual(sorted(listing.datasets));
      expect(tagListings({ datasets: order }).find((listing) => listing.slug === 'all')!.datasets.map((item) => item.id)).toEqual(sorted(datasets));
    }
  });

  it('lists popular tags by how many datasets use them, leaving out tags used once', () => {
    const tagged = (id: string, ...names: string[]) => dataset(id, id, null, { tags: names.map((name) => ({ name, slug: name.toLowerCase() })) });
    const counts = tagCounts({ datasets: [tagged('a', 'Zebra', 'Apple', 'Mango'), tagged('b', 'Zebra', 'Mango'), tagged('c', 'Zebra', 'Kiwi')] });
    expect(popularTags(counts, 10).map((tag) => tag.name)).toEqual(['Zebra', 'Mango']);
    expect(popularTags(counts, 1).map((tag) => tag.name)).toEqual(['Zebra']);
  });

  it('has no tag, topic or team that only a dataset outside the list carries', () => {
    const secret = { ...privateDataset, tags: [{ name: 'Secret', slug: 'secret' }], topics: [{ id: 'hidden', title: 'Hidden' }], team: { ...roadsDataset.team, id: 'hr' } };
    const publicDatasets = [foiDataset];
    expect(tagListings({ datasets: publicDatasets }).map((tag) => tag.slug)).not.toContain('secret');
    expect(topicListings({ topics: [...topics, { id: 'hidden', title: 'Hidden' }], datasets: publicDatasets }).map((item) => item.topic.id)).not.toContain('hidden');
    expect(teamListings({ teams: [...teams, secret.team], datasets: publicDatasets }).map((item) => item.team.id)).not.toContain('hr');
  });
});

describe('catalogueSummary', () => {
  it('counts datasets, files, and the topics and teams in use, with the latest update', () => {
    expect(catalogueSummary({ topics: [], teams: [], datasets: [foiDataset, roadsDataset] })).toEqual({
      datasets: 2,
      files: 3,
      topics: 2,
      teams: 2,
      lastUpdated: '2025-01-21T16:10:03.000Z',
    });
    expect(catalogueSummary({ topics: [], teams: [], datasets: [] }).lastUpdated).toBeNull();
  });
});

describe('datasetFormats', () => {
  it('lists each format once, alphabetically', () => {
    const resources = [...foiDataset.resources, ...roadsDataset.resources];
    expect(datasetFormats({ resources })).toEqual(['CSV', 'XLSX']);
  });
});
