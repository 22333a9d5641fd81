// "Related datasets" beyond the publisher's own relationships: the datasets that share most topics
// and tags with this one. Worked out through an index of topics and tags built once per catalogue,
// so a page costs the datasets it shares something with, not a scan of the whole catalogue.
import type { Dataset } from '../catalogue/model.ts';
import { compareByRecentUpdate, oncePerCatalogue } from './listings.ts';

/** How many similar datasets a page lists. */
export const similarLimit = 5;

/** A shared topic weighs more than a shared tag: topics are the catalogue's own headings, tags free text. */
const topicWeight = 2;
const tagWeight = 1;

const sharingIndex = oncePerCatalogue((datasets: readonly Dataset[]) => {
  const byKey = new Map<string, Dataset[]>();
  const add = (key: string, dataset: Dataset) => {
    const list = byKey.get(key) ?? [];
    if (list.at(-1) !== dataset) list.push(dataset);
    byKey.set(key, list);
  };
  for (const dataset of datasets) {
    for (const topic of dataset.topics) add(`topic:${topic.id}`, dataset);
    for (const tag of dataset.tags) add(`tag:${tag.slug}`, dataset);
  }
  return byKey;
});

/**
 * Datasets sharing a topic or a tag with `dataset`, most shared first (a topic counts twice), then
 * the most recently updated, then by title and id: the same catalogue always gives the same list.
 * `exclude` holds ids already listed (its relationships).
 */
export function similarDatasets(dataset: Dataset, datasets: readonly Dataset[], exclude: ReadonlySet<string> = new Set(), limit = similarLimit): Dataset[] {
  if (limit < 1) return [];
  const index = sharingIndex(datasets);
  const scores = new Map<Dataset, number>();
  const count = (key: string, weight: number) => {
    for (const other of index.get(key) ?? []) {
      if (other.id === dataset.id || exclude.has(other.id)) continue;
      scores.set(other, (scores.get(other) ?? 0) + weight);
    }
  };
  for (const topic of new Set(dataset.topics.map((item) => item.id))) count(`topic:${topic}`, topicWeight);
  for (const tag of new Set(dataset.tags.map((item) => item.slug))) count(`tag:${tag}`, tagWeight);
  // The best `limit` kept as they come (a topic may hold thousands of datasets: no full sort per page).
  const better = ([a, scoreA]: [Dataset, number], [b, scoreB]: [Dataset, number]) => scoreB - scoreA || compareByRecentUpdate(a, b);
  const best: [Dataset, number][] = [];
  for (const candidate of scores) {
    if (best.length === limit && better(candidate, best[limit - 1]!) >= 0) continue;
    const at = best.findIndex((kept) => better(candidate, kept) < 0);
    best.splice(at === -1 ? best.length : at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best.map(([other]) => other);
}
