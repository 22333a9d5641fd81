// What an incremental build needs to know of the previous build's pages to keep most of them
// without working out their keys again (page-views.ts `pageJobs`): every dataset's digest, groups
// (team, topics, tags) and the datasets its page names (related, similar), the catalogue's order
// (most recently updated first), how many pages each topic's, team's and tag's list had, and
// digests of everything else a page's key covers. Kept with the page keys in the build's cache,
// under an entry no page file can be named (`planEntry`), so it always describes the build whose
// keys it sits beside: the output the cache describes.
//
// On the next build, the datasets whose digest differs, and those added or removed, are the
// changed ones; a page whose inputs include none of them (and nothing of the site context that
// changed) keeps its previous key, and is not worked out at all: no view, no digest list, no hash.
// Worked out again: the pages of the changed datasets and of the datasets naming them, the lists
// of their topics, teams and tags (before and after), the dataset list, the home page and the
// pages without a list of their own; every list page showing counts when the counts changed; and
// every dataset page when a similar list may have changed (a dataset added, removed, moved in the
// order, or given other topics, tags or relationships). The keys are the same as a build that
// works out every page (test/site/page-plan.test.ts compares them page for page).
import type { Dataset } from '../catalogue/model.ts';

/** The entry of the page keys record that holds the plan: a NUL starts no page's file. */
export const planEntry = '\0page plan';

/** What the plan keeps of a dataset: its digest, team, topics, tags (in its order), and the ids its page names. */
export type PlannedDataset = [digest: string, team: string, topics: string[], tags: string[], related: string[], similar: string[]];

export interface PagePlan {
  /** The plan's form (a plan of another form is not read). */
  form: 1;
  /** The compiled pages, the frame of the site context, the feeds, the topics' and teams' definitions. */
  global: string;
  /** The topic, team and tag counts every page with the sidebar shows. */
  counts: string;
  /** The datasets' ids, most recently updated first. */
  order: string[];
  datasets: Record<string, PlannedDataset>;
  /** How many pages each list had: by topic id, team id, tag slug. */
  pages: { topic: Record<string, number>; team: Record<string, number>; tag: Record<string, number> };
}

/** The previous build's plan among its page keys, when of this form (read once per record of keys). */
export function readPlan(keys: Readonly<Record<string, string>> | null): PagePlan | null {
  if (!keys) return null;
  let plan = plans.get(keys);
  if (plan === undefined) plans.set(keys, (plan = parsePlan(Object.hasOwn(keys, planEntry) ? keys[planEntry] : undefined)));
  return plan;
}

const plans = new WeakMap<object, PagePlan | null>();

function parsePlan(text: string | undefined): PagePlan | null {
  if (text === undefined) return null;
  try {
    const plan = JSON.parse(text) as PagePlan;
    return plan.form === 1 ? plan : null;
  } catch {
    return null;
  }
}

/** What changed since the plan's build, as the pages depend on it. */
export interface PlanChanges {
  /** Ids of datasets changed, added or removed. */
  changed: Set<string>;
  /** Whether every dataset of the plan is still there and none was added. */
  sameDatasets: boolean;
  /** The topics (ids), teams (ids) and tags (slugs) a changed dataset is or was in: their lists are worked out again. */
  topics: Set<string>;
  teams: Set<string>;
  tags: Set<string>;
}

/**
 * The datasets changed since the plan's build, and the groups they are or were in; null when the
 * plan cannot be used (two datasets of one id: pages cannot be told apart by id).
 */
export function planChanges(plan: PagePlan, datasets: readonly Dataset[], digestOf: (dataset: Dataset) => string): PlanChanges | null {
  const changed = new Set<string>();
  const topics = new Set<string>();
  const teams = new Set<string>();
  const tags = new Set<string>();
  const seen = new Set<string>();
  const groupsOf = (team: string, topicIds: readonly string[], tagSlugs: readonly string[]) => {
    teams.add(team);
    for (const topic of topicIds) topics.add(topic);
    for (const tag of tagSlugs) tags.add(tag);
  };
  let kept = 0;
  for (const dataset of datasets) {
    if (seen.has(dataset.id)) return null;
    seen.add(dataset.id);
    const before = Object.hasOwn(plan.datasets, dataset.id) ? plan.datasets[dataset.id] : undefined;
    if (before !== undefined) kept++;
    if (before !== undefined && before[0] === digestOf(dataset)) continue;
    changed.add(dataset.id);
    groupsOf(dataset.team.id, dataset.topics.map((topic) => topic.id), dataset.tags.map((tag) => tag.slug));
    if (before !== undefined) groupsOf(before[1], before[2], before[3]);
  }
  const sameDatasets = kept === datasets.length && kept === plan.order.length;
  if (!sameDatasets) {
    for (const id of plan.order) {
      if (seen.has(id)) continue;
      const before = plan.datasets[id]!;
      changed.add(id);
      groupsOf(before[1], before[2], before[3]);
    }
  }
  return { changed, sameDatasets, topics, teams, tags };
}

/** The plan's record of a dataset whose page names `related` and `similar`. */
export function plannedDataset(dataset: Dataset, digest: string, related: readonly Pick<Dataset, 'id'>[], similar: readonly Pick<Dataset, 'id'>[]): PlannedDataset {
  return [digest, dataset.team.id, dataset.topics.map((topic) => topic.id), dataset.tags.map((tag) => tag.slug), related.map((other) => other.id), similar.map((other) => other.id)];
}

/** Whether two lists of ids are the same, in the same order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
