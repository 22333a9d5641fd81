// Atom feeds: which datasets (dated ones, newest first, at most 50), the elements RFC 4287 requires
// of a feed and of each entry, read back with a conforming XML parser, and a publisher's text that
// stays text.
import { describe, expect, it } from 'vitest';
import type { Catalogue, Dataset } from '../../src/catalogue/model.ts';
import { atomFeed, catalogueFeeds, feedDatasets, feedEntryLimit, siteFeedPath, type Feed } from '../../src/outputs/feeds.ts';
import { exampleSite, foiDataset, roadsDataset } from '../../src/site/components/examples.ts';
import { compareText } from '../../src/site/listings.ts';
import { childText, childrenNamed, parseXml, type XmlElement } from '../helpers/xml.ts';

const atom = 'http://www.w3.org/2005/Atom';

function dated(id: string, updatedAt: string | null, createdAt: string | null = null): Dataset {
  return { ...roadsDataset, id, title: `Dataset ${id}`, webpage: `${exampleSite.url}dataset/${id}/`, updatedAt, createdAt };
}

function feedOf(datasets: Dataset[]): Feed {
  return { path: siteFeedPath, pagePath: 'datasets/', title: 'New and updated datasets – Testshire Open Data', datasets };
}

/** The elements RFC 4287 requires: a feed's id, title, updated and author (or one per entry); an entry's id, title, updated, link. */
function expectAtomRequirements(root: XmlElement): void {
  expect(root).toMatchObject({ name: 'feed', namespace: atom });
  for (const name of ['id', 'title', 'updated']) expect(childrenNamed(root, name), `feed ${name}`).toHaveLength(1);
  expect(childText(root, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  expect(childrenNamed(root, 'author').length + Number(childrenNamed(root, 'entry').every((entry) => childrenNamed(entry, 'author').length > 0))).toBeGreaterThan(0);
  expect(childrenNamed(root, 'link').find((link) => link.attributes.rel === 'self')?.attributes.href).toMatch(/^https:\/\//);
  for (const entry of childrenNamed(root, 'entry')) {
    for (const name of ['id', 'title', 'updated', 'summary']) expect(childrenNamed(entry, name), `entry ${name}`).toHaveLength(1);
    expect(childrenNamed(entry, 'link').find((link) => (link.attributes.rel ?? 'alternate') === 'alternate')?.attributes.href).toMatch(/^https:\/\//);
  }
}

describe('a feed', () => {
  it('holds the 50 most recently changed datasets, newest first, leaving out those with no known date', () => {
    const datasets = [
      ...Array.from({ length: 60 }, (_, index) => dated(`d${String(index).padStart(2, '0')}`, `2024-03-${String((index % 28) + 1).padStart(2, '0')}T10:00:00.000Z`)),
      dated('undated', null),
      dated('created-only', null, '2030-01-01T00:00:00.000Z'),
    ];
    const chosen = feedDatasets(datasets);
    expect(chosen).toHaveLength(feedEntryLimit);
    expect(chosen[0]!.id).toBe('created-only');
    expect(chosen.map((dataset) => dataset.id)).not.toContain('undated');
    const dates = chosen.map((dataset) => dataset.updatedAt ?? dataset.createdAt!);
    expect(dates).toEqual([...dates].sort().reverse());
    // Same date: by id.
    expect(chosen.slice(1, 4).map((dataset) => dataset.id)).toEqual(['d27', 'd55', 'd26']);
  });

  it('chooses the same datasets in the same order as sorting them all, whatever their order', () => {
    // Seeded: few dates (many alike), some unknown, ids in no order.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const datasets = Array.from({ length: 2000 }, (_, index) => {
      const day = Math.floor(random() * 40);
      const updated = random() < 0.1 ? null : `2024-0${1 + (day % 9)}-1${day % 10}T10:00:00.000Z`;
      return dated(`d${Math.floor(random() * 1e6)}-${index}`, updated, random() < 0.5 ? '2023-05-05T00:00:00.000Z' : null);
    });
    const sorted = datasets
      .filter((dataset) => (dataset.updatedAt ?? dataset.createdAt) !== null)
      .sort((a, b) => compareText((b.updatedAt ?? b.createdAt)!, (a.updatedAt ?? a.createdAt)!) || compareText(a.id, b.id));
    for (const limit of [0, 1, 50, 1700, 3000]) expect(feedDatasets(datasets, limit), `limit ${limit}`).toEqual(sorted.slice(0, limit));
  });

  it('chooses as sorting them all when dates of other shapes are among them (compared by collating, not by code units)', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Shapes whose code units order otherwise than collating with numbers: a year of five digits, no
    // fraction, a single-digit month; beside the usual Date#toISOString moments.
    const shapes = [(day: number) => `2024-0${1 + (day % 9)}-1${day % 10}T10:00:00.000Z`, (day: number) => `+010000-01-0${1 + (day % 9)}T00:00:00.000Z`, (day: number) => `2024-0${1 + (day % 9)}-1${day % 10}T10:00:00Z`, (day: number) => `2024-${1 + (day % 12)}-01T00:00:00.000Z`, (day: number) => `2024-1${day % 3}-01T00:00:00.000Z`];
    const datasets = Array.from({ length: 2000 }, (_, index) => dated(`e${Math.floor(random() * 1e6)}-${index}`, shapes[Math.floor(random() * shapes.length)]!(Math.floor(random() * 40))));
    const sorted = [...datasets].sort((a, b) => compareText(b.updatedAt!, a.updatedAt!) || compareText(a.id, b.id));
    for (const limit of [1, 50, 700]) expect(feedDatasets(datasets, limit), `limit ${limit}`).toEqual(sorted.slice(0, limit));
  });

  it('has every element Atom requires, and an entry per dataset that links to its page', () => {
    const root = parseXml(atomFeed(exampleSite, feedOf([foiDataset, roadsDataset])));
    expectAtomRequirements(root);
    expect(childText(root, 'id')).toBe('https://data.testshire.example/datasets/feed.atom');
    expect(childText(root, 'updated')).toBe('2025-01-21T16:10:03.000Z');
    expect(root.attributes['xml:lang']).toBe('en-GB');
    const [first, second] = childrenNamed(root, 'entry');
    expect({ id: childText(first!, 'id'), title: childText(first!, 'title'), updated: childText(first!, 'updated'), published: childText(first!, 'published'), summary: childText(first!, 'summary') }).toEqual({
      id: 'https://data.testshire.example/dataset/foi/',
      title: 'Freedom of Information Requests',
      updated: '2025-01-21T16:10:03.000Z',
      published: '2019-02-05T16:34:18.000Z',
      summary: 'Requests made under the Freedom of Information Act & the EIR.',
    });
    expect(childrenNamed(first!, 'link')[0]!.attributes).toEqual({ rel: 'alternate', type: 'text/html', href: 'https://data.testshire.example/dataset/foi/' });
    expect(childrenNamed(first!, 'category').map((category) => category.attributes.label)).toEqual(['Community Information']);
    expect(childText(childrenNamed(first!, 'author')[0]!, 'name')).toBe('Information Governance');
    expect(childText(second!, 'id')).toBe('https://data.testshire.example/dataset/roads/');
  });

  it('keeps markup in a title as text, and drops characters XML cannot hold', () => {
    const hostile = { ...foiDataset, title: '</title><script>alert(1)</script> & \u0001“quotes”' };
    const text = atomFeed(exampleSite, feedOf([hostile]));
    expect(text).not.toContain('<script>');
    const entry = childrenNamed(parseXml(text), 'entry')[0]!;
    expect(childText(entry, 'title')).toBe('</title><script>alert(1)</script> & “quotes”');
  });

  it('with no dated dataset is still a valid feed, dated the Unix epoch rather than the build’s clock', () => {
    const root = parseXml(atomFeed(exampleSite, feedOf([dated('a', null)])));
    expectAtomRequirements(root);
    expect(childText(root, 'updated')).toBe('1970-01-01T00:00:00.000Z');
    expect(childrenNamed(root, 'entry')).toEqual([]);
  });
});

describe('the feeds of a catalogue', () => {
  it('are the site’s, then one per topic and per team that has datasets, each beside its page', () => {
    const catalogue = { site: exampleSite, datasets: [foiDataset, roadsDataset], topics: [], teams: [] } as unknown as Catalogue;
    expect(catalogueFeeds(catalogue).map((feed) => [feed.path, feed.pagePath, feed.datasets.length])).toEqual([
      ['datasets/feed.atom', 'datasets/', 2],
      ['topic/community/feed.atom', 'topic/community/', 2],
      ['topic/transport/feed.atom', 'topic/transport/', 1],
      ['team/highways/feed.atom', 'team/highways/', 1],
      ['team/information/feed.atom', 'team/information/', 1],
    ]);
    expect(catalogueFeeds(catalogue)[1]!.title).toBe('Community Information: new and updated datasets – Testshire Open Data');
  });
});
