// What the list pages show: datasets in order, cut into pages, grouped by topic, team and tag.
// Everything is derived from the datasets in the build, so a topic, team or tag with no dataset in
// it (or only private ones, in a public build) gets no page.
import type { Catalogue, Dataset, Resource, Team, Topic } from '../catalogue/model.ts';

/** What a list shows of a dataset: all a list page is sent of each (src/site/page-views.ts). */
export type ListedDataset = Pick<Dataset, 'id' | 'title' | 'sharing' | 'nextReviewDate' | 'updatedAt' | 'descriptionHtml' | 'descriptionText'> & {
  team: Pick<Team, 'title'>;
  resources: Pick<Resource, 'format'>[];
};

export function listedDataset(dataset: Dataset): ListedDataset {
  const { id, title, sharing, nextReviewDate, updatedAt, descriptionHtml, descriptionText } = dataset;
  return { id, title, sharing, nextReviewDate, updatedAt, descriptionHtml, descriptionText, team: { title: dataset.team.title }, resources: dataset.resources.map((resource) => ({ format: resource.format })) };
}

/** What a tag's page shows of a dataset: one row, its title, team and last update (and its badges). */
export type RowDataset = Pick<Dataset, 'id' | 'title' | 'sharing' | 'nextReviewDate' | 'updatedAt'> & { team: Pick<Team, 'title'> };

export function rowDataset(dataset: Dataset): RowDataset {
  const { id, title, sharing, nextReviewDate, updatedAt } = dataset;
  return { id, title, sharing, nextReviewDate, updatedAt, team: { title: dataset.team.title } };
}

/** Datasets on one list page. */
export const pageSize = 20;

/**
 * Datasets on one page of a tag's list: a row each, no summary, so five times a list's; most tags
 * then fit one page (a tag's pages were 1,900 of 13,200 pages and 39 MB at 10,000 datasets, issue 9).
 */
export const tagPageSize = 100;

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Compares text as a reader expects (case and accents aside, 2 before 10), then exactly. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Most recently updated first (unknown dates last), then by title, then by id. */
export function compareByRecentUpdate(a: Dataset, b: Dataset): number {
  if (a.updatedAt !== b.updatedAt) {
    if (a.updatedAt === null) return 1;
    if (b.updatedAt === null) return -1;
    return a.updatedAt < b.updatedAt ? 1 : -1;
  }
  return compareText(a.title, b.title) || compareText(a.id, b.id);
}

/**
 * Each dataset's place in the last list sorted here whole (`of` names that sort). The catalogue's
 * datasets are sorted whole once, then its topics', teams' and tags' lists and the public ones are
 * parts of it: a part sorted by those places is in the same order (the comparison is total: ids
 * are unique), and comparing two numbers is much cheaper than collating two titles.
 */
const places = new WeakMap<Dataset, { of: object; place: number }>();

export function sortByRecentUpdate(datasets: readonly Dataset[], previousOrder?: readonly string[]): Dataset[] {
  const of = datasets.length > 0 ? places.get(datasets[0]!)?.of : undefined;
  const known = of ? datasets.map((dataset) => places.get(dataset)) : [];
  if (of && known.every((entry) => entry?.of === of)) {
    // Each in its place (places are distinct, and fewer than the datasets sorted then): no comparisons.
    let last = 0;
    for (const entry of known) last = Math.max(last, entry!.place);
    const byPlace = new Array<Dataset | undefined>(last + 1);
    known.forEach((entry, index) => (byPlace[entry!.place] = datasets[index]!));
    return byPlace.filter((dataset): dataset is Dataset => dataset !== undefined);
  }
  const sorted = (previousOrder ? inPreviousOrder(datasets, previousOrder) : [...datasets]).sort(compareByRecentUpdate);
  const sort = {};
  sorted.forEach((dataset, place) => places.set(dataset, { of: sort, place }));
  return sorted;
}

/**
 * `datasets` in the order their ids had in the previous build's sorted list, the others after: the
 * sort then meets a list all but sorted, which it finishes in about one comparison per dataset
 * (an edit's catalogue sorted from its loading order collated titles n log n times). The result is
 * the same whatever the input's order (the comparison is total: ids are unique); with two datasets
 * of one id it is not, and the catalogue's own order is sorted instead.
 */
function inPreviousOrder(datasets: readonly Dataset[], previousOrder: readonly string[]): Dataset[] {
  const byId = new Map<string, Dataset>();
  for (const dataset of datasets) byId.set(dataset.id, dataset);
  if (byId.size !== datasets.length) return [...datasets];
  const ordered: Dataset[] = [];
  for (const id of previousOrder) {
    const dataset = byId.get(id);
    if (dataset === undefined) continue;
    ordered.push(dataset);
    byId.delete(id);
  }
  for (const dataset of byId.values()) ordered.push(dataset);
  return ordered;
}

/**
 * The catalogue's datasets most recently updated first, sorted once per list of datasets and
 * shared (not to be changed): the topics', teams' and tags' lists are taken from it in order, so
 * none of them is sorted again (each was sorted by collating titles, before the whole catalogue was).
 */
export function recentFirst(datasets: readonly Dataset[]): readonly Dataset[] {
  let sorted = sortedOnce.get(datasets);
  if (sorted === undefined) sortedOnce.set(datasets, (sorted = sortByRecentUpdate(datasets)));
  return sorted;
}

const sortedOnce = new WeakMap<readonly Dataset[], readonly Dataset[]>();

/**
 * `recentFirst(datasets)` worked out from the previous build's order of ids (an incremental build's
 * page plan, page-plan.ts): the same list, sorted in about one comparison per dataset. Before any
 * other use of `recentFirst` for these datasets, or it was sorted already.
 */
export function recentFirstFrom(datasets: readonly Dataset[], previousOrder: readonly string[]): readonly Dataset[] {
  let sorted = sortedOnce.get(datasets);
  if (sorted === undefined) sortedOnce.set(datasets, (sorted = sortByRecentUpdate(datasets, previousOrder)));
  return sorted;
}

export interface ListingPage<T> {
  /** 1-based. */
  number: number;
  pageCount: number;
  items: T[];
  /** How many items there are on all pages together. */
  total: number;
  /** 1-based positions of the first and last item on this page (0 and 0 on an empty list). */
  firstPosition: number;
  lastPosition: number;
  /** Site-relative path of this page: `datasets/` for the first, `datasets/2/` after. */
  path: string;
  /** The route's rest parameter: undefined for the first page, `'2'` after. */
  param: string | undefined;
}

/** Site-relative path of page `number` of the list at `basePath` (which ends in `/`). */
export function pagePath(basePath: string, number: number): string {
  return number === 1 ? basePath : `${basePath}${number}/`;
}

/** Cuts `items` into pages of `size`; an empty list still has its first page, saying so. */
export function paginate<T>(items: readonly T[], basePath: string, size = pageSize): ListingPage<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive whole number, not ${size}`);
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pageCount }, (_, index) => {
    const number = index + 1;
    const pageItems = items.slice(index * size, index * size + size);
    return {
      number,
      pageCount,
      items: pageItems,
      total: items.length,
      firstPosition: pageItems.length ? index * size + 1 : 0,
      lastPosition: index * size + pageItems.length,
      path: pagePath(basePath, number),
      param: number === 1 ? undefined : String(number),
    };
  });
}

export type PaginationItem = { kind: 'page'; number: number; path: string; current: boolean } | { kind: 'ellipsis' };

export interface PaginationView {
  previous: { number: number; path: string } | null;
  next: { number: number; path: string } | null;
  items: PaginationItem[];
}

/**
 * The page links of a paged list (GOV.UK pattern): first, last, and the pages next to the current
 * one, with an ellipsis for each gap. Null when there is only one page.
 */
export function paginationView(current: number, pageCount: number, basePath: string): PaginationView | null {
  if (pageCount <= 1) return null;
  if (current < 1 || current > pageCount) throw new RangeError(`page ${current} is not between 1 and ${pageCount}`);
  const shown = [...new Set([1, current - 1, current, current + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let previousShown = 0;
  for (const number of shown) {
    // A gap of one page is shown as that page: an ellipsis standing for one link helps no one.
    if (number - previousShown === 2) items.push({ kind: 'page', number: number - 1, path: pagePath(basePath, number - 1), current: false });
    else if (number - previousShown > 2) items.push({ kind: 'ellipsis' });
    items.push({ kind: 'page', number, path: pagePath(basePath, number), current: number === current });
    previousShown = number;
  }
  return {
    previous: current > 1 ? { number: current - 1, path: pagePath(basePath, current - 1) } : null,
    next: current < pageCount ? { number: current + 1, path: pagePath(basePath, current + 1) } : null,
    items,
  };
}

/** What a list page's title adds to its heading: ` (page 2 of 5)`, nothing on a list of one page. */
export function pageTitleSuffix(page: Pick<ListingPage<unknown>, 'number' | 'pageCount'>): string {
  return page.pageCount > 1 ? ` (page ${page.number} of ${page.pageCount})` : '';
}

/** `Showing 21 to 40 of 45 datasets` — the position of a page in its list. */
export function pagePositionText(page: Pick<ListingPage<unknown>, 'firstPosition' | 'lastPosition' | 'total' | 'pageCount'>): string {
  const noun = page.total === 1 ? 'dataset' : 'datasets';
  if (page.total === 0) return 'No datasets';
  if (page.pageCount === 1) return `${page.total} ${noun}`;
  return `Showing ${page.firstPosition} to ${page.lastPosition} of ${page.total} ${noun}`;
}

export interface TopicListing {
  topic: Topic;
  datasets: Dataset[];
}

export interface TeamListing {
  team: Team;
  datasets: Dataset[];
}

export interface TagListing {
  slug: string;
  /** The name most datasets give the tag (tags differing only in case share a slug). */
  name: string;
  datasets: Dataset[];
}

/**
 * Every list page shows the same groupings: work them out once per catalogue, not once per page
 * (which made a build of many datasets quadratic).
 */
export function oncePerCatalogue<C extends object, R>(derive: (catalogue: C) => R): (catalogue: C) => R {
  const cache = new WeakMap<C, R>();
  return (catalogue) => {
    if (!cache.has(catalogue)) cache.set(catalogue, derive(catalogue));
    return cache.get(catalogue)!;
  };
}

/** Topics that hold at least one dataset, by title; each with its datasets, most recent first. */
export const topicListings = oncePerCatalogue(function topicListings(catalogue: Pick<Catalogue, 'topics' | 'datasets'>): TopicListing[] {
  const defined = new Map(catalogue.topics.map((topic) => [topic.id, topic]));
  const groups = new Map<string, TopicListing>();
  for (const dataset of recentFirst(catalogue.datasets)) {
    for (const topic of dataset.topics) {
      const group = groups.get(topic.id) ?? { topic: defined.get(topic.id) ?? topic, datasets: [] };
      if (group.datasets.at(-1) !== dataset) group.datasets.push(dataset);
      groups.set(topic.id, group);
    }
  }
  // Each group's datasets are in the catalogue's order (recentFirst): most recent first already.
  return [...groups.values()].sort((a, b) => compareText(a.topic.title, b.topic.title) || compareText(a.topic.id, b.topic.id));
});

/** Teams that own at least one dataset, by title; each with its datasets, most recent first. */
export const teamListings = oncePerCatalogue(function teamListings(catalogue: Pick<Catalogue, 'teams' | 'datasets'>): TeamListing[] {
  const defined = new Map(catalogue.teams.map((team) => [team.id, team]));
  const groups = new Map<string, TeamListing>();
  for (const dataset of recentFirst(catalogue.datasets)) {
    const group = groups.get(dataset.team.id) ?? { team: defined.get(dataset.team.id) ?? dataset.team, datasets: [] };
    group.datasets.push(dataset);
    groups.set(dataset.team.id, group);
  }
  return [...groups.values()].sort((a, b) => compareText(a.team.title, b.team.title) || compareText(a.team.id, b.team.id));
});

/** Tags on at least one dataset, by name; each with its datasets, most recent first. */
export const tagListings = oncePerCatalogue(function tagListings(catalogue: Pick<Catalogue, 'datasets'>): TagListing[] {
  // Each slug's names counted only once a second name appears (most tags have one): a map of
  // names per tag was most of this grouping's time, which every build's site context needs.
  const groups = new Map<string, { name: string; uses: number; names: Map<string, number> | null; datasets: Dataset[] }>();
  for (const dataset of recentFirst(catalogue.datasets)) {
    for (const tag of dataset.tags) {
      let group = groups.get(tag.slug);
      if (group === undefined) groups.set(tag.slug, (group = { name: tag.name, uses: 0, names: null, datasets: [] }));
      if (group.names !== null) group.names.set(tag.name, (group.names.get(tag.name) ?? 0) + 1);
      else if (tag.name !== group.name) group.names = new Map([[group.name, group.uses], [tag.name, 1]]);
      group.uses++;
      if (group.datasets.at(-1) !== dataset) group.datasets.push(dataset);
    }
  }
  return [...groups.entries()]
    .map(([slug, group]) => ({ slug, name: group.names === null ? group.name : commonestName(group.names), datasets: group.datasets }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.slug, b.slug));
});

function commonestName(names: Map<string, number>): string {
  return [...names.entries()].sort(([nameA, countA], [nameB, countB]) => countB - countA || compareText(nameA, nameB))[0]![0];
}

/** A topic, team or tag with how many datasets it holds: what navigation and cards show, without the datasets. */
export interface TopicCount {
  topic: Topic;
  count: number;
}

export interface TeamCount {
  team: Team;
  count: number;
}

export interface TagCount {
  slug: string;
  name: string;
  count: number;
}

export const topicCounts = (catalogue: Pick<Catalogue, 'topics' | 'datasets'>): TopicCount[] => topicListings(catalogue).map(({ topic, datasets }) => ({ topic, count: datasets.length }));
export const teamCounts = (catalogue: Pick<Catalogue, 'teams' | 'datasets'>): TeamCount[] => teamListings(catalogue).map(({ team, datasets }) => ({ team, count: datasets.length }));
export const tagCounts = (catalogue: Pick<Catalogue, 'datasets'>): TagCount[] => tagListings(catalogue).map(({ slug, name, datasets }) => ({ slug, name, count: datasets.length }));

/**
 * The tags on most datasets, most first, then by name; a tag on one dataset only is left out (it
 * says nothing about what is popular, and a list of them read as an alphabetical index).
 */
export function popularTags(tags: readonly TagCount[], limit: number): TagCount[] {
  // Every list page's sidebar asks for the same list's (its renderer's site context): sorting
  // hundreds of tags took a tenth of a list page's rendering. The lists are not changed once made.
  const byLimit = popularOnce.get(tags) ?? popularOnce.set(tags, new Map()).get(tags)!;
  let popular = byLimit.get(limit);
  if (!popular) {
    popular = tags
      .filter((tag) => tag.count > 1)
      .sort((a, b) => b.count - a.count || compareText(a.name, b.name))
      .slice(0, limit);
    byLimit.set(limit, popular);
  }
  return [...popular];
}

const popularOnce = new WeakMap<readonly TagCount[], Map<number, TagCount[]>>();

export interface CatalogueSummary {
  datasets: number;
  files: number;
  topics: number;
  teams: number;
  /** The latest `updatedAt` of any dataset, or null. */
  lastUpdated: string | null;
}

/** What the catalogue holds, in numbers, for the home page. */
export function catalogueSummary(catalogue: Pick<Catalogue, 'datasets' | 'topics' | 'teams'>): CatalogueSummary {
  // The latest date, as the last of the dates sorted (string order), without sorting them.
  let lastUpdated: string | null = null;
  for (const { updatedAt } of catalogue.datasets) if (updatedAt !== null && (lastUpdated === null || updatedAt > lastUpdated)) lastUpdated = updatedAt;
  return {
    datasets: catalogue.datasets.length,
    files: catalogue.datasets.reduce((sum, dataset) => sum + dataset.resources.length, 0),
    topics: topicListings(catalogue).length,
    teams: teamListings(catalogue).length,
    lastUpdated,
  };
}

/** The formats a dataset's files come in, once each, alphabetically: `['CSV', 'GEOJSON']`. */
export function datasetFormats(dataset: { resources: readonly Pick<Resource, 'format'>[] }): string[] {
  return [...new Set(dataset.resources.map((resource) => resource.format).filter(Boolean))].sort(compareText);
}
