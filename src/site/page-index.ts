// Every page a build writes for the public to find (not the 404 page), with when its content last
// changed: what the sitemap lists. Derived from the same listings and paging as the pages' routes
// (src/pages/), so the two agree; a test follows every sitemap URL to a file of a build.
import type { Catalogue, Dataset } from '../catalogue/model.ts';
import { newestChange, lastChanged } from '../outputs/dataset-dates.ts';
import { accessibilityPath, datasetPath, datasetsPath, tagPath, tagsPath, teamPath, teamsPath, topicPath, topicsPath } from './links.ts';
import { pageSize, paginate, tagListings, tagPageSize, teamListings, topicListings } from './listings.ts';

export interface IndexedPage {
  /** Site-relative path, no leading slash (`''` is the home page). */
  path: string;
  /** ISO 8601, or null when no date of what it shows is known. */
  lastModified: string | null;
}

export const apiPagePath = 'api/';

/** Home, the API page, the list of datasets, each dataset (with its files' previews), and each topic, team and tag, every page of each list. */
export function indexedPages(catalogue: Pick<Catalogue, 'datasets' | 'topics' | 'teams'>): IndexedPage[] {
  const newest = newestChange(catalogue.datasets);
  return [
    { path: '', lastModified: newest },
    { path: apiPagePath, lastModified: newest },
    ...(topicListings(catalogue).length > 0 ? [{ path: topicsPath, lastModified: newest }] : []),
    ...(teamListings(catalogue).length > 0 ? [{ path: teamsPath, lastModified: newest }] : []),
    ...(tagListings(catalogue).length > 0 ? [{ path: tagsPath, lastModified: newest }] : []),
    { path: accessibilityPath, lastModified: null },
    // In any order: a list page's path is its number, and its date the newest of the whole list (sorting 10,000 datasets each build for nothing).
    ...listPages(datasetsPath, catalogue.datasets),
    ...catalogue.datasets.map((dataset) => ({ path: datasetPath(dataset.id), lastModified: lastChanged(dataset) })),
    ...topicListings(catalogue).flatMap(({ topic, datasets }) => listPages(topicPath(topic.id), datasets)),
    ...teamListings(catalogue).flatMap(({ team, datasets }) => listPages(teamPath(team.id), datasets)),
    ...tagListings(catalogue).flatMap((tag) => listPages(tagPath(tag.slug), tag.datasets, tagPageSize)),
  ];
}

/** A list's pages all change when any dataset in it does: the order, and so every page, may move. */
function listPages(basePath: string, datasets: Dataset[], size = pageSize): IndexedPage[] {
  const lastModified = newestChange(datasets);
  return paginate(datasets, basePath, size).map((page) => ({ path: page.path, lastModified }));
}
