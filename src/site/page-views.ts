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
import { catalogueSummary, listedDataset, pagePath, pageSize, paginate, popularTags, recentFirst, recentFirstFrom, rowDataset, tagCounts, tagListings, tagPageSize, teamCounts, teamListings, topicCounts, topicListings, type CatalogueSummary, type ListedDataset, type ListingPage, type RowDataset, type TagCount, type TagListing, type TeamListing, type TopicListing } from './listings.ts';
import { pageContextFrame, type SiteContext } from './page-context.ts';
import { reviewCsvFile, reviewGroups, type ReviewRow } from './review-report.ts';
import { planChanges, planEntry, plannedDataset, sameIds, type PagePlan, type PlanChanges, type PlannedDataset } from './page-plan.ts';
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
  /**
   * An edit's pages kept in bulk (`editedPages`): each page kept as the previous build left it is
   * given here, with its previous key, instead of as a kept job, and only the pages worked out come as
   * jobs. False: the previous output lacks the page; then every page comes as a job, as without this
   * (the pages given here before are given again, as jobs).
   */
  keep?: (file: string, key: string) => boolean;
  /** Called when every page but those worked out was kept in bulk (`keep`), before the first job, with the changed datasets' digests. */
  onKeptInBulk?: (digests: string[]) => void;
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
  // An edit whose pages are all the previous build's but those of the changed datasets and those
  // naming them, their lists and the pages without a list of their own: only those are looked at.
  const edited = options.keep && similarAsBefore && sameCounts ? editedPages(catalogue, plan!, changes, previousKeys) : null;
  if (edited && edited.kept.every((file) => options.keep!(file, previousKeys[file]!))) {
    options.onKeptInBulk?.([...changes!.changed].map((id) => datasetDigest(byId.get(id)!)));
    yield* fixedPages(catalogue, whole, job);
    const planned = new Map<string, PlannedDataset>();
    for (const page of edited.datasetList) yield listJob(null, page, datasetsPath);
    for (const dataset of edited.datasets) {
      const before = plan!.datasets[dataset.id]!;
      const similar = before[5].map((id) => byId.get(id)!);
      const { view, refs, related } = datasetView(dataset, catalogue.datasets, () => similar);
      planned.set(dataset.id, plannedDataset(dataset, datasetDigest(dataset), related, similar));
      yield job(datasetPath(dataset.id), view, [datasetDigest(dataset), JSON.stringify(refs)]);
    }
    for (const { topic, datasets } of edited.topics) for (const page of paginate(datasets, topicPath(topic.id), pageSize)) yield listJob(topic, page, topicPath(topic.id));
    for (const { team, datasets } of edited.teams) for (const page of paginate(datasets, teamPath(team.id), pageSize)) yield listJob(team, page, teamPath(team.id), false);
    for (const { slug, name, datasets } of edited.tags) for (const page of paginate(datasets, tagPath(slug), tagPageSize)) yield tagJob(slug, name, page);
    options.onPlan?.(planWith(previousKeys[planEntry]!, plan!, planned));
    return;
  }

  yield* fixedPages(catalogue, whole, job);

  // A page of the dataset list is kept when it lists the same datasets, none changed, in a list as long (and the counts are the same).
  const sameList = changes !== null && sameCounts && plan!.order.length === next.order.length;
  for (const page of paginate(order, datasetsPath)) {
    const first = page.firstPosition - 1;
    const unchanged = sameList && page.items.every((dataset, index) => dataset.id === plan!.order[first + index] && !changes.changed.has(dataset.id));
    yield unchanged ? keptOr(page.path, () => listJob(null, page, datasetsPath)) : listJob(null, page, datasetsPath);
  }

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

/** The pages without a list of their own, in the order the build takes them. */
const fixedPaths = ['', '404.html', accessibilityPath, apiPath, topicsPath, teamsPath, tagsPath, reviewReportPath, `${reviewReportPath}${reviewCsvFile}`];

/** Those pages' jobs: `whole` keys a page by its view, `job` by the parts given. */
function* fixedPages(catalogue: Catalogue, whole: (path: string, view: unknown, browse?: boolean) => PageJob, job: (path: string, view: unknown, parts: readonly string[]) => PageJob): Generator<PageJob> {
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
}

/** The pages an edit works out (`editedPages`), and the files of those it keeps as they were. */
interface EditedPages {
  /** The pages of the dataset list holding a changed dataset. */
  datasetList: ListingPage<Dataset>[];
  /** The datasets whose pages are worked out: those changed and those naming one, in the catalogue's order. */
  datasets: Dataset[];
  /** The lists holding a changed dataset, every page of each. */
  topics: TopicListing[];
  teams: TeamListing[];
  tags: TagListing[];
  /** Every other page's file: its previous key stands. */
  kept: string[];
}

/**
 * An edit's pages, looked at without the others (page-plan.ts): when every dataset of the plan is
 * there in the same order, none changed its topics, tags or relationships (so every similar list is
 * the plan's) and the counts are the same, the pages are the plan's build's, page for page, and each
 * keeps its previous key but those of the changed datasets, the datasets naming one (the plan's
 * related and similar ids), the pages of their lists and the pages without a list. Null when the
 * previous keys are not those of every page the plan describes (a key missing: each page is then
 * looked at), or a changed list has another number of pages.
 */
function editedPages(catalogue: Catalogue, plan: PagePlan, changes: PlanChanges, previousKeys: Readonly<Record<string, string>>): EditedPages | null {
  const { changed } = changes;
  const datasets = catalogue.datasets.filter((dataset) => {
    if (changed.has(dataset.id)) return true;
    const before = plan.datasets[dataset.id]!;
    return before[4].some((id) => changed.has(id)) || before[5].some((id) => changed.has(id));
  });
  const order = recentFirst(catalogue.datasets);
  const datasetList = paginate(order, datasetsPath).filter((page) => page.items.some((dataset) => changed.has(dataset.id)));
  const pageCount = (size: number, count: number) => Math.max(1, Math.ceil(count / size));
  const listsOf = <L extends { datasets: Dataset[] }>(listings: readonly L[], kind: keyof PagePlan['pages'], idOf: (listing: L) => string, size: number): L[] | null => {
    const lists = listings.filter((listing) => changes[kind === 'topic' ? 'topics' : kind === 'team' ? 'teams' : 'tags'].has(idOf(listing)));
    const before = plan.pages[kind];
    return lists.every((listing) => Object.hasOwn(before, idOf(listing)) && before[idOf(listing)] === pageCount(size, listing.datasets.length)) ? lists : null;
  };
  const topics = listsOf(topicListings(catalogue), 'topic', (listing) => listing.topic.id, pageSize);
  const teams = listsOf(teamListings(catalogue), 'team', (listing) => listing.team.id, pageSize);
  const tags = listsOf(tagListings(catalogue), 'tag', (listing) => listing.slug, tagPageSize);
  if (!topics || !teams || !tags) return null;
  // The plan's build's pages: as many as there are previous keys (but the plan's own entry).
  const listPages = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);
  const pages = fixedPaths.length + pageCount(pageSize, order.length) + order.length + listPages(plan.pages.topic) + listPages(plan.pages.team) + listPages(plan.pages.tag);
  const files = Object.keys(previousKeys);
  if (files.length !== pages + (Object.hasOwn(previousKeys, planEntry) ? 1 : 0)) return null;
  const worked = new Set<string>(fixedPaths.map(pageFile));
  const workedPaths = [
    ...datasetList.map((page) => page.path),
    ...datasets.map((dataset) => datasetPath(dataset.id)),
    ...topics.flatMap(({ topic, datasets }) => Array.from({ length: pageCount(pageSize, datasets.length) }, (_, index) => pagePath(topicPath(topic.id), index + 1))),
    ...teams.flatMap(({ team, datasets }) => Array.from({ length: pageCount(pageSize, datasets.length) }, (_, index) => pagePath(teamPath(team.id), index + 1))),
    ...tags.flatMap(({ slug, datasets }) => Array.from({ length: pageCount(tagPageSize, datasets.length) }, (_, index) => pagePath(tagPath(slug), index + 1))),
  ];
  for (const path of workedPaths) worked.add(pageFile(path));
  const kept = files.filter((file) => file !== planEntry && !worked.has(file));
  return { datasetList, datasets, topics, teams, tags, kept };
}

/**
 * The previous plan's text with the entries of `planned` datasets replaced: the plan an edit leaves
 * (the same order, lists and counts), without writing out again what it keeps of 10,000 datasets.
 * Each entry is found by its exact text (its id as a key, then its record, as `JSON.stringify`
 * wrote them); one not found: the whole plan written out.
 */
export function planWith(text: string, plan: PagePlan, planned: ReadonlyMap<string, PlannedDataset>): string {
  const start = text.indexOf(',"datasets":{');
  const cuts: [at: number, length: number, replacement: string][] = [];
  for (const [id, record] of planned) {
    const before = `${JSON.stringify(id)}:${JSON.stringify(plan.datasets[id])}`;
    const after = `${JSON.stringify(id)}:${JSON.stringify(record)}`;
    if (before === after) continue;
    const at = start < 0 ? -1 : text.indexOf(before, start);
    if (at < 0) return JSON.stringify({ ...plan, datasets: { ...plan.datasets, ...Object.fromEntries(planned) } });
    cuts.push([at, before.length, after]);
  }
  cuts.sort((a, b) => a[0] - b[0]);
  let result = '';
  let from = 0;
  for (const [at, length, replacement] of cuts) {
    result += text.slice(from, at) + replacement;
    from = at + length;
  }
  return result + text.slice(from);
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
