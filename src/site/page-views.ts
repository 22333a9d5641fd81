// Every page of the site as a job: its address, the file it becomes, the values it is rendered
// from (its view) and a key that changes exactly when its bytes may. The pages in src/pages/ are
// pure functions of a view and the site context, so the catalogue stays in the build's thread and a
// renderer receives only what a page shows; a page whose key is unchanged need not be rendered again.
//
// A key covers only the parts of the site context its page is given (the renderer gives it no
// others: src/build/render-worker.ts): the frame every page reads (site, build day, outputs), its
// own feed link, and the topic, team and tag counts only for the pages that show them. So a
// dataset added or removed re-renders its own pages, the lists it is on and the pages showing
// counts, not every dataset's page. Each dataset is serialised and hashed once per build, however
// many pages show it (the digest the outputs keep their parts by), and a list page's view is worked
// out only when the page is rendered.
import { hash } from 'node:crypto';
import type { Catalogue, Dataset } from '../catalogue/model.ts';
import { datasetDigest } from '../catalogue/dataset-digest.ts';
import type { ReviewGroup } from '../catalogue/review.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { datasetsById, relatedDatasets } from './dataset-view.ts';
import { listFeeds, ownFeeds } from './feed-links.ts';
import { accessibilityPath, apiPath, datasetPath, datasetsPath, reviewReportPath, tagPath, tagsPath, teamPath, teamsPath, topicPath, topicsPath } from './links.ts';
import { catalogueSummary, listedDataset, pagePath, pageSize, paginate, popularTags, recentFirst, recentFirstFrom, rowDataset, tagCounts, tagListings, tagPageSize, teamCounts, teamListings, topicCounts, topicListings, type CatalogueSummary, type ListedDataset, type ListingPage, type RowDataset, type TagCount } from './listings.ts';
import { pageContextFrame, type SiteContext } from './page-context.ts';
import { reviewCsvFile, reviewGroups, type ReviewRow } from './review-report.ts';
import { planChanges, plannedDataset, sameIds, type PagePlan } from './page-plan.ts';
import { SimilarKept } from './similar-kept.ts';

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

/**
 * A page of a tag's list: a row for each dataset, and no counts (no sidebar). Its key is the view
 * itself, so it changes exactly when a row, the paging or the tag's name does: not when a listed
 * dataset's description or files change, nor when another dataset is added elsewhere.
 */
export interface TagView {
  of: { slug: string; name: string };
  page: ListingPage<RowDataset>;
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
  /** Changes whenever the page's bytes may: its view, the parts of the site context it is given, and the compiled pages. */
  key: string;
  view: unknown;
  /** Whether the page is given the topic, team and tag counts (`SiteContext['browse']`). */
  browse: boolean;
  /** A page of a dataset list: its list's first page, its datasets' digests (their cards' keys: src/build/list-pages.ts), whether it names their teams, and its number. */
  list?: { basePath: string; keys: string[]; showTeam: boolean; number: number };
  /**
   * On a page of a dataset list: its view without what the list shows of each dataset but its
   * team's title (`ListView` with `SlimListed` items), all a renderer needs to put the page together
   * from its parts (src/build/list-pages.ts); not enough for Astro to render it.
   */
  slimView?: () => ListView<unknown>;
  /**
   * Present on a page kept unworked (its key the previous build's, its view absent): works the page
   * out, for when the previous output lacks its file.
   */
  kept?: () => PageJob;
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
  const decoded = path.includes('%') ? decodeURIComponent(path) : path;
  if (decoded === '404.html' || decoded.endsWith(`/${reviewCsvFile}`)) return decoded;
  return `${decoded}index.html`;
}

export interface PageJobOptions {
  /** The previous build's page keys and plan (page-plan.ts), when the output they describe is the one patched: unchanged pages are kept unworked. */
  previous?: { keys: Readonly<Record<string, string>>; plan: PagePlan | null } | null;
  /** Receives this build's plan, as kept among the page keys (`planEntry`), once every job was taken. */
  onPlan?: (plan: string) => void;
}

/**
 * Every page of the build, with its view, one at a time: a view is worked out when the renderers
 * need it and dropped once sent, so the views of a large catalogue are never all in memory, and
 * working them out overlaps the rendering. `compiledKey` names the compiled pages (src/build/page-bundle.ts).
 * With the previous build's plan, a page none of whose inputs changed comes as a kept job: its
 * previous key, and `kept` to work it out should the previous output lack it (page-plan.ts).
 */
export function* pageJobs(catalogue: Catalogue, context: SiteContext, compiledKey: string, options: PageJobOptions = {}): Generator<PageJob> {
  const frame = hash('sha256', `${compiledKey}\0${JSON.stringify(pageContextFrame(context))}`, 'base64url');
  const counts = hash('sha256', JSON.stringify(context.browse), 'base64url');
  // What every page's key starts with: the frame, and the counts for the pages that show them.
  const withCounts = `${frame}${counts}`;
  const withoutCounts = `${frame}no counts`;
  /** A page's key: the frame, the counts when it shows them, its own feed link, its address and its view's parts. */
  /** `view` may be a function: the view is then worked out only if the page is rendered (its key does not need it). */
  // One string hashed at once: a hash object and an update per part cost more than the hashing for
  // 11,700 pages (the keys are worked out for every page of a full build).
  const job = (path: string, view: unknown, parts: readonly string[], browse = false): PageJob => {
    const key = hash('sha256', `${browse ? withCounts : withoutCounts}${JSON.stringify(ownFeeds(context.feeds, path))}${path}\0${parts.join('\0')}\0`, 'base64url');
    const base = { path, file: pageFile(path), key, browse };
    if (typeof view !== 'function') return { ...base, view };
    let made: unknown;
    return Object.defineProperty(base, 'view', { enumerable: true, get: () => (made ??= (view as () => unknown)()) }) as PageJob;
  };
  const whole = (path: string, view: unknown, browse = false) => job(path, view, [JSON.stringify(view)], browse);
  // What a list shows of a dataset, worked out once, and only for the list pages rendered. A list
  // page's key names each listed dataset by its digest (src/catalogue/dataset-digest.ts, worked out
  // once per build and shared with the outputs), which covers what the list shows of it.
  const listedOnce = new Map<Dataset, ListedDataset>();
  const listedOf = (dataset: Dataset) => listedOnce.get(dataset) ?? listedOnce.set(dataset, listedDataset(dataset)).get(dataset)!;
  const listJob = <Of>(of: Of, page: ListingPage<Dataset>, basePath: string, showTeam = true): PageJob => {
    const view = (): ListView<Of> => ({ of, page: { ...page, items: page.items.map(listedOf) } });
    const keys = page.items.map(datasetDigest);
    const slimView = (): ListView<Of> => ({ of, page: { ...page, items: page.items.map((dataset) => ({ team: { title: dataset.team.title } }) as ListedDataset) } });
    return Object.assign(job(page.path, view, [JSON.stringify({ of, page: { ...page, items: [] } }), ...keys], true), { list: { basePath, keys, showTeam, number: page.number }, slimView });
  };
  const tagJob = (slug: string, name: string, page: ListingPage<Dataset>) => whole(page.path, { of: { slug, name }, page: { ...page, items: page.items.map(rowDataset) } } satisfies TagView);

  // The previous build's plan, when it holds for this one: what else a key covers unchanged, and
  // which datasets changed since.
  const global = hash('sha256', `${frame}\0${JSON.stringify(context.feeds)}\0${JSON.stringify(catalogue.topics)}\0${JSON.stringify(catalogue.teams)}`, 'base64url');
  const previous = options.previous ?? null;
  const plan = previous?.plan && previous.plan.global === global ? previous.plan : null;
  const changes = plan && planChanges(plan, catalogue.datasets, datasetDigest);
  const previousKeys = previous?.keys ?? {};
  /** A page kept with its previous key unworked, or, without one, worked out now. */
  const keptOr = (path: string, work: () => PageJob): PageJob => {
    const file = pageFile(path);
    const key = Object.hasOwn(previousKeys, file) ? previousKeys[file] : undefined;
    return key === undefined ? work() : { path, file, key, browse: false, view: undefined, kept: work };
  };
  /** Whether a list's pages may be kept: it holds none of the changed datasets, and had as many pages. */
  const keepsList = (kind: keyof PagePlan['pages'], id: string, pageCount: number) =>
    changes !== null && !changes[kind === 'topic' ? 'topics' : kind === 'team' ? 'teams' : 'tags'].has(id) && Object.hasOwn(plan!.pages[kind], id) && plan!.pages[kind][id] === pageCount;
  const sameCounts = plan !== null && plan.counts === counts;
  const order = plan ? recentFirstFrom(catalogue.datasets, plan.order) : recentFirst(catalogue.datasets);
  const next: PagePlan = { form: 1, global, counts, order: order.map((dataset) => dataset.id), datasets: {}, pages: { topic: {}, team: {}, tag: {} } };

  const empty: EmptyView = {};
  yield whole('', homeView(catalogue) satisfies HomeView, true);
  yield whole('404.html', empty);
  yield whole(accessibilityPath, empty);
  yield whole(apiPath, empty);
  yield whole(topicsPath, empty, true);
  yield whole(teamsPath, empty, true);
  yield whole(tagsPath, empty, true);
  const review: ReviewView = { groups: reviewGroups(catalogue) };
  const reviewJson = JSON.stringify(review);
  yield job(reviewReportPath, review, [reviewJson]);
  yield job(`${reviewReportPath}${reviewCsvFile}`, review, [reviewJson]);
  // A page of the dataset list is kept when it lists the same datasets, none changed, in a list as long (and the counts are the same).
  const sameList = changes !== null && sameCounts && plan!.order.length === next.order.length;
  for (const page of paginate(order, datasetsPath)) {
    const first = page.firstPosition - 1;
    const unchanged = sameList && page.items.every((dataset, index) => dataset.id === plan!.order[first + index] && !changes.changed.has(dataset.id));
    yield unchanged ? keptOr(page.path, () => listJob(null, page, datasetsPath)) : listJob(null, page, datasetsPath);
  }

  const byId = datasetsById(catalogue.datasets);
  // Every similar list is the previous build's when no dataset was added or removed, none moved in
  // the order, and none changed its topics, tags or relationships (the lines similar-kept.ts
  // compares, and the ids each list leaves out): then a dataset page is worked out only if it is
  // of a changed dataset or names one, its similar datasets taken from the plan.
  const similarAsBefore =
    changes !== null &&
    changes.sameDatasets &&
    sameIds(plan!.order, next.order) &&
    [...changes.changed].every((id) => {
      const dataset = byId.get(id)!;
      const before = plan!.datasets[id]!;
      return sameIds(before[2], dataset.topics.map((topic) => topic.id)) && sameIds(before[3], dataset.tags.map((tag) => tag.slug)) && sameIds(before[4], relatedDatasets(dataset, catalogue.datasets).map((item) => item.dataset.id));
    });
  if (similarAsBefore) {
    const { changed } = changes;
    for (const dataset of catalogue.datasets) {
      const before = plan!.datasets[dataset.id]!;
      const work = () => {
        const similar = before[5].map((id) => byId.get(id)!);
        const { view, refs, related } = datasetView(dataset, catalogue.datasets, () => similar);
        next.datasets[dataset.id] = plannedDataset(dataset, datasetDigest(dataset), related, similar);
        return job(datasetPath(dataset.id), view, [datasetDigest(dataset), JSON.stringify(refs)]);
      };
      if (changed.has(dataset.id) || before[4].some((id) => changed.has(id)) || before[5].some((id) => changed.has(id))) yield work();
      else {
        next.datasets[dataset.id] = before;
        yield keptOr(datasetPath(dataset.id), work);
      }
    }
  } else {
    // Each page's similar datasets (their ids), kept between builds and brought up to date with the
    // datasets added, removed or changed (similar-kept.ts): most of an edit's pages stage was working
    // them all out, and of an addition's or a removal's.
    const similarKept = new SimilarKept(catalogue.datasets);
    const changed = changes?.changed;
    for (const dataset of catalogue.datasets) {
      const related = relatedDatasets(dataset, catalogue.datasets).map((item) => item.dataset);
      const similar = similarKept.of(dataset, new Set(related.map((other) => other.id)));
      // A file's preview is a section of this page (src/site/components/FilePreview.astro).
      const work = () => {
        const { view, refs } = datasetView(dataset, catalogue.datasets, () => similar);
        return job(datasetPath(dataset.id), view, [datasetDigest(dataset), JSON.stringify(refs)]);
      };
      // An addition or a removal: a page of a dataset unchanged, naming the same datasets as before,
      // none of them changed, has its previous key (its dataset's digest and what it shows of the
      // others: their titles and their teams' titles, which the plan's `global` covers), and is
      // kept unworked, as an edit's pages are: no view, no key worked out.
      const before = changed && !changed.has(dataset.id) ? plan!.datasets[dataset.id] : undefined;
      if (before !== undefined && sameIds(before[4], related.map((other) => other.id)) && sameIds(before[5], similar.map((other) => other.id)) && !related.some((other) => changed!.has(other.id)) && !similar.some((other) => changed!.has(other.id))) {
        next.datasets[dataset.id] = before;
        yield keptOr(datasetPath(dataset.id), work);
      } else {
        next.datasets[dataset.id] = plannedDataset(dataset, datasetDigest(dataset), related, similar);
        yield work();
      }
    }
    // Every job was taken (a build that stopped part-way keeps the last complete store).
    similarKept.save();
  }
  // A list's pages, kept when the list is as it was (and, for the lists showing counts, the counts).
  function* listPages(kind: keyof PagePlan['pages'], id: string, datasets: readonly Dataset[], basePath: string, size: number, counted: boolean, work: (page: ListingPage<Dataset>) => PageJob): Generator<PageJob> {
    const pageCount = Math.max(1, Math.ceil(datasets.length / size));
    next.pages[kind][id] = pageCount;
    if ((!counted || sameCounts) && keepsList(kind, id, pageCount)) {
      let pages: ListingPage<Dataset>[] | null = null;
      for (let number = 1; number <= pageCount; number++) yield keptOr(pagePath(basePath, number), () => work((pages ??= paginate(datasets, basePath, size))[number - 1]!));
    } else for (const page of paginate(datasets, basePath, size)) yield work(page);
  }
  for (const { topic, datasets } of topicListings(catalogue)) yield* listPages('topic', topic.id, datasets, topicPath(topic.id), pageSize, true, (page) => listJob(topic, page, topicPath(topic.id)));
  for (const { team, datasets } of teamListings(catalogue)) yield* listPages('team', team.id, datasets, teamPath(team.id), pageSize, true, (page) => listJob(team, page, teamPath(team.id), false));
  for (const { slug, name, datasets } of tagListings(catalogue)) yield* listPages('tag', slug, datasets, tagPath(slug), tagPageSize, false, (page) => tagJob(slug, name, page));
  // A catalogue with two datasets of one id gets no plan (its pages are not told apart by id).
  if (byId.size === catalogue.datasets.length) options.onPlan?.(JSON.stringify(next));
}

function homeView(catalogue: Catalogue): HomeView {
  return {
    summary: catalogueSummary(catalogue),
    tags: popularTags(tagCounts(catalogue), homeTagCount),
    recent: recentFirst(catalogue.datasets).slice(0, homeRecentCount).map(listedDataset),
  };
}

/** A dataset page's view, and what of it is not the dataset itself (for its key). */
function datasetView(dataset: Dataset, datasets: readonly Dataset[], similarOf: (dataset: Dataset, exclude: ReadonlySet<string>) => Dataset[]): { view: DatasetView; refs: Omit<DatasetView, 'dataset'>; related: Dataset[] } {
  const related = relatedDatasets(dataset, datasets);
  const similar = similarOf(dataset, new Set(related.map((item) => item.dataset.id)));
  const refs = {
    related: related.map((item) => ({ label: item.label, dataset: { id: item.dataset.id, title: item.dataset.title }, comment: item.comment })),
    similar: similar.map((other) => ({ id: other.id, title: other.title, team: { title: other.team.title } })),
  };
  return { view: { dataset, ...refs }, refs, related: related.map((item) => item.dataset) };
}
