// Every page of the site as a job: its address, the file it becomes, the values it is rendered
// from (its view) and a key that changes exactly when its bytes may. The pages in src/pages/ are
// pure functions of a view and the site context, so the catalogue stays in the build's thread and a
// renderer receives only what a page shows; a page whose key is unchanged need not be rendered again.
import { createHash } from 'node:crypto';
import type { Catalogue, Dataset } from '../catalogue/model.ts';
import type { ReviewGroup } from '../catalogue/review.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { relatedDatasets } from './dataset-view.ts';
import { listFeeds } from './feed-links.ts';
import { accessibilityPath, apiPath, datasetPath, datasetsPath, reviewReportPath, tagPath, tagsPath, teamPath, teamsPath, topicPath, topicsPath } from './links.ts';
import { catalogueSummary, listedDataset, paginate, popularTags, sortByRecentUpdate, tagCounts, tagListings, teamCounts, teamListings, topicCounts, topicListings, type CatalogueSummary, type ListedDataset, type ListingPage, type TagCount } from './listings.ts';
import type { SiteContext } from './page-context.ts';
import { reviewCsvFile, reviewGroups, type ReviewRow } from './review-report.ts';
import { similarDatasets } from './similar-datasets.ts';

/** A dataset as another page links to it. */
export type DatasetRef = Pick<Dataset, 'id' | 'title'>;

export interface HomeView {
  summary: CatalogueSummary;
  /** The most used tags. */
  tags: TagCount[];
  recent: ListedDataset[];
}

export interface DatasetView {
  dataset: Dataset;
  related: { label: string; dataset: DatasetRef; comment: string | null }[];
  similar: (DatasetRef & { team: Pick<Dataset['team'], 'title'> })[];
}

/** A page of a list (all datasets, a topic's, a team's, a tag's) and what the list is of. */
export interface ListView<Of = null> {
  of: Of;
  page: ListingPage<ListedDataset>;
}

export interface ReviewView {
  groups: ReviewGroup<ReviewRow>[];
}

/** A page with nothing of its own: it shows the site context only. */
export type EmptyView = Record<string, never>;

export interface PageJob {
  /** The page's address, site-relative: `dataset/roads/` (`''`: the home page). */
  path: string;
  /** The file it is written to, relative to the site's folder: `dataset/roads/index.html`. */
  file: string;
  /** Changes whenever the page's bytes may: its view, the site context and the compiled pages. */
  key: string;
  view: unknown;
}

/** Listed on the home page. */
const homeTagCount = 16;
const homeRecentCount = 6;

export function siteContext(catalogue: Catalogue, outputs: SiteOutputs): SiteContext {
  return {
    site: catalogue.site,
    includesPrivate: catalogue.includesPrivate,
    today: catalogue.today,
    outputs,
    browse: { topics: topicCounts(catalogue), teams: teamCounts(catalogue), tags: tagCounts(catalogue) },
    feeds: listFeeds(catalogue, outputs),
  };
}

/** The file a page's address is written to, as Astro's `directory` build format names it. */
export function pageFile(path: string): string {
  const decoded = decodeURIComponent(path);
  if (decoded === '404.html' || decoded.endsWith(`/${reviewCsvFile}`)) return decoded;
  return `${decoded}index.html`;
}

/**
 * Every page of the build, with its view, one at a time: a view is worked out when the renderers
 * need it and dropped once sent, so the views of a large catalogue are never all in memory, and
 * working them out overlaps the rendering. `compiledKey` names the compiled pages (src/build/page-bundle.ts).
 */
export function* pageJobs(catalogue: Catalogue, context: SiteContext, compiledKey: string): Generator<PageJob> {
  const shared = createHash('sha256').update(compiledKey).update('\0').update(JSON.stringify(context)).digest();
  const job = (path: string, view: unknown): PageJob => ({
    path,
    file: pageFile(path),
    key: createHash('sha256').update(shared).update(path).update('\0').update(JSON.stringify(view)).digest('base64url'),
    view,
  });
  const empty: EmptyView = {};
  yield job('', homeView(catalogue) satisfies HomeView);
  yield job('404.html', empty);
  yield job(accessibilityPath, empty);
  yield job(apiPath, empty);
  yield job(topicsPath, empty);
  yield job(teamsPath, empty);
  yield job(tagsPath, empty);
  const review: ReviewView = { groups: reviewGroups(catalogue) };
  yield job(reviewReportPath, review);
  yield job(`${reviewReportPath}${reviewCsvFile}`, review);
  const listed = (page: ListingPage<Dataset>): ListingPage<ListedDataset> => ({ ...page, items: page.items.map(listedDataset) });
  for (const page of paginate(sortByRecentUpdate(catalogue.datasets), datasetsPath)) yield job(page.path, { of: null, page: listed(page) } satisfies ListView);
  for (const dataset of catalogue.datasets) {
    // A file's preview is a section of this page (src/site/components/FilePreview.astro).
    yield job(datasetPath(dataset.id), datasetView(dataset, catalogue.datasets));
  }
  for (const { topic, datasets } of topicListings(catalogue)) for (const page of paginate(datasets, topicPath(topic.id))) yield job(page.path, { of: topic, page: listed(page) } satisfies ListView<typeof topic>);
  for (const { team, datasets } of teamListings(catalogue)) for (const page of paginate(datasets, teamPath(team.id))) yield job(page.path, { of: team, page: listed(page) } satisfies ListView<typeof team>);
  for (const { slug, name, datasets } of tagListings(catalogue)) for (const page of paginate(datasets, tagPath(slug))) yield job(page.path, { of: { slug, name }, page: listed(page) } satisfies ListView<{ slug: string; name: string }>);
}

function homeView(catalogue: Catalogue): HomeView {
  return {
    summary: catalogueSummary(catalogue),
    tags: popularTags(tagCounts(catalogue), homeTagCount),
    recent: sortByRecentUpdate(catalogue.datasets).slice(0, homeRecentCount).map(listedDataset),
  };
}

function datasetView(dataset: Dataset, datasets: readonly Dataset[]): DatasetView {
  const related = relatedDatasets(dataset, datasets);
  const similar = similarDatasets(dataset, datasets, new Set(related.map((item) => item.dataset.id)));
  return {
    dataset,
    related: related.map((item) => ({ label: item.label, dataset: { id: item.dataset.id, title: item.dataset.title }, comment: item.comment })),
    similar: similar.map((other) => ({ id: other.id, title: other.title, team: { title: other.team.title } })),
  };
}
