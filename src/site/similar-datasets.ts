// "Related datasets" beyond the publisher's own relationships: the datasets that share most topics
// and tags with this one. Every page of a build needs its list (and a changed title may show on any
// page's list, so an incremental build works out all of them), so a page must cost about the same
// whatever the catalogue's size: scanning every dataset that shares a topic made the whole build
// quadratic (a topic of a 100,000-dataset catalogue holds thousands).
//
// How: once per catalogue, every dataset gets its rank in the "most recently updated" order (the
// tie-break of equal scores) and each topic and tag a list of ranks, in that order. A page first
// reads its short lists (tags, in most catalogues) to their end, scoring every dataset on them
// exactly: once the weights of the lists left add up to less than the lowest score held, nothing
// else can enter (the common case: a page never touches its topic's list of thousands). Otherwise
// it walks the lists left together from the most recent end, scoring each dataset it meets; past the
// rank of the last held, a dataset not met yet can only enter with a strictly higher score, and such
// a dataset must be on one of the lists that are not "droppable" (the biggest lists whose weights
// together do not exceed the lowest score held). When the rest of those lists is shorter than the
// walk so far, they are read to the end and the walk stops. A page's cost grows with its tags'
// lists, not with its topic's (a topic of a 100,000-dataset catalogue holds thousands).
// The result is exactly the full scan's (test/site/similar-datasets.test.ts compares them on generated catalogues).
import type { Dataset } from '../catalogue/model.ts';
import { oncePerCatalogue, recentFirst } from './listings.ts';

/** How many similar datasets a page lists. */
export const similarLimit = 5;

/** A shared topic weighs more than a shared tag: topics are the catalogue's own headings, tags free text. */
const topicWeight = 2;
const tagWeight = 1;

interface SharingIndex {
  /** Datasets by rank: most recently updated first. */
  byRank: readonly Dataset[];
  /** The ranks of each id (one, unless two datasets share an id). */
  ranksOf: Map<string, number[]>;
  /** Each topic's (`topic:id`) and tag's (`tag:slug`) number. */
  keyNumber: Map<string, number>;
  /** Each key's datasets, by rank, ascending. */
  lists: Int32Array[];
  /** The keys of the dataset of rank r (its topics' and tags' numbers, once each): `keys[keyStart[r]]` to `keys[keyStart[r + 1] - 1]`. Flat, so scoring touches no dataset object. */
  keyStart: Int32Array;
  keys: Int32Array;
  /** Scratch, per page: the weight of each key of the page's dataset (0 elsewhere), the query that last met each rank. */
  weight: Int8Array;
  met: Int32Array;
  query: number;
}

/** How the lines and the index name a topic and a tag. */
export const topicKey = (id: string) => `topic:${id}`;
export const tagKey = (slug: string) => `tag:${slug}`;

/** The datasets by rank (most recently updated first), once per catalogue: the lines and ranks below need no more, so a build whose lists are all kept never builds the index. */
const rankOrder = recentFirst;

const sharingIndex = oncePerCatalogue((datasets: readonly Dataset[]): SharingIndex => {
  const byRank = rankOrder(datasets);
  const ranksOf = new Map<string, number[]>();
  const keyNumber = new Map<string, number>();
  const members: number[][] = [];
  const keyStart = new Int32Array(byRank.length + 1);
  const flat: number[] = [];
  byRank.forEach((dataset, rank) => {
    ranksOf.set(dataset.id, [...(ranksOf.get(dataset.id) ?? []), rank]);
    keyStart[rank] = flat.length;
    for (const key of [...dataset.topics.map((topic) => topicKey(topic.id)), ...dataset.tags.map((tag) => tagKey(tag.slug))]) {
      let number = keyNumber.get(key);
      if (number === undefined) {
        number = members.length;
        keyNumber.set(key, number);
        members.push([]);
      }
      // A tag given twice (two spellings of one slug) counts once.
      if (members[number]!.at(-1) === rank) continue;
      members[number]!.push(rank);
      flat.push(number);
    }
  });
  keyStart[byRank.length] = flat.length;
  return { byRank, ranksOf, keyNumber, lists: members.map((ranks) => Int32Array.from(ranks)), keyStart, keys: Int32Array.from(flat), weight: new Int8Array(members.length), met: new Int32Array(byRank.length), query: 0 };
});

/**
 * Datasets sharing a topic or a tag with `dataset`, most shared first (a topic counts twice), then
 * the most recently updated, then by title and id: the same catalogue always gives the same list.
 * `exclude` holds ids already listed (its relationships).
 */
export function similarDatasets(dataset: Dataset, datasets: readonly Dataset[], exclude: ReadonlySet<string> = new Set(), limit = similarLimit): Dataset[] {
  if (limit < 1) return [];
  const index = sharingIndex(datasets);
  const { byRank, lists, keyStart, keys, weight, met } = index;
  // The page's lists, each with its weight and how far the walk has read it.
  const walked: { key: number; list: Int32Array; weight: number; at: number; read: boolean }[] = [];
  const own = (key: string, keyWeight: number) => {
    const number = index.keyNumber.get(key);
    if (number === undefined || weight[number] !== 0) return;
    weight[number] = keyWeight;
    walked.push({ key: number, list: lists[number]!, weight: keyWeight, at: 0, read: true });
  };
  for (const topic of dataset.topics) own(topicKey(topic.id), topicWeight);
  for (const tag of dataset.tags) own(tagKey(tag.slug), tagWeight);
  const query = ++index.query;
  // The dataset itself and those excluded are met already.
  for (const id of [dataset.id, ...exclude]) for (const rank of index.ranksOf.get(id) ?? []) met[rank] = query;
  // The best so far, best first, as parallel arrays: a dataset enters only when it beats the last.
  const bestRank: number[] = [];
  const bestScore: number[] = [];
  const offer = (rank: number) => {
    if (met[rank] === query) return;
    met[rank] = query;
    let score = 0;
    for (let at = keyStart[rank]!; at < keyStart[rank + 1]!; at++) score += weight[keys[at]!]!;
    let at = bestRank.length;
    if (at === limit && (score < bestScore[at - 1]! || (score === bestScore[at - 1]! && rank > bestRank[at - 1]!))) return;
    while (at > 0 && (score > bestScore[at - 1]! || (score === bestScore[at - 1]! && rank < bestRank[at - 1]!))) at--;
    bestRank.splice(at, 0, rank);
    bestScore.splice(at, 0, score);
    if (bestRank.length > limit) {
      bestRank.pop();
      bestScore.pop();
    }
  };
  try {
    // First, the short lists (the tags, in most catalogues) read to their end, shortest first: each
    // is small beside the lists left, and reading it whole settles every dataset on it. Once the
    // weights of the lists not read add up to less than the lowest score held, no dataset on none
    // of the lists read can enter, and that is the answer.
    walked.sort((a, b) => a.list.length - b.list.length || a.key - b.key);
    let unreadWeight = walked.reduce((sum, item) => sum + item.weight, 0);
    let unreadLength = walked.reduce((sum, item) => sum + item.list.length, 0);
    let first = 0;
    const settled = () => bestRank.length === limit && unreadWeight < bestScore[limit - 1]!;
    while (first < walked.length && !settled()) {
      const item = walked[first]!;
      unreadLength -= item.list.length;
      // A list longer than half the lists after it is left to the walk below, which may stop early.
      if (item.list.length * 2 > unreadLength) {
        unreadLength += item.list.length;
        break;
      }
      for (let at = 0; at < item.list.length; at++) offer(item.list[at]!);
      item.at = item.list.length;
      unreadWeight -= item.weight;
      first++;
    }
    if (settled()) return bestRank.map((rank) => byRank[rank]!);
    // Then the long lists, walked together from the most recent end, scoring each dataset met. A
    // dataset not met yet scores only by the lists not read (it is on none of those read), and is
    // less recent than the walk so far: once the walk has passed the rank of the last held, it can
    // only enter with a strictly higher score, and such a dataset must be on one of the lists that
    // are not "droppable" (the biggest rests whose weights together do not exceed the lowest score
    // held). When the rest of those lists is shorter than the walk so far, they are read to the end
    // and the walk stops: in the common case, a page reads a few dozen entries of its big lists.
    const rest = walked.slice(first);
    let steps = 0;
    // Which lists' unread entries could still enter, worked out again when the lowest score held
    // changes: all but the biggest rests whose weights together stay within that score. (A choice
    // made earlier stays right, only less tight.)
    let plannedFor = -1;
    for (;;) {
      // The next dataset in rank order on any of the lists.
      let next = Infinity;
      for (const item of rest) if (item.at < item.list.length && item.list[item.at]! < next) next = item.list[item.at]!;
      if (next === Infinity) break;
      for (const item of rest) if (item.at < item.list.length && item.list[item.at] === next) item.at++;
      offer(next);
      steps++;
      if (bestRank.length < limit || next < bestRank[limit - 1]!) continue;
      const lowest = bestScore[limit - 1]!;
      if (lowest !== plannedFor) {
        plannedFor = lowest;
        let dropped = 0;
        for (const item of [...rest].sort((a, b) => b.list.length - b.at - (a.list.length - a.at))) {
          item.read = !(dropped + item.weight <= lowest);
          if (!item.read) dropped += item.weight;
        }
      }
      let unread = 0;
      for (const item of rest) if (item.read) unread += item.list.length - item.at;
      // Reading the rest costs less than walking on: read it, and that is the answer.
      if (unread > steps) continue;
      for (const item of rest) if (item.read) for (let at = item.at; at < item.list.length; at++) offer(item.list[at]!);
      break;
    }
  } finally {
    for (const item of walked) weight[item.key] = 0;
  }
  return bestRank.map((rank) => byRank[rank]!);
}

/**
 * Everything the lists above are worked out from, one line per dataset in rank order: its id,
 * topics and tags. Two catalogues with the same lines give every dataset the same similar
 * datasets; an incremental build compares them with the previous build's to bring each page's
 * list up to date (similar-kept.ts).
 */
export function similarityLines(datasets: readonly Dataset[]): string[] {
  return rankOrder(datasets).map((dataset) => `${dataset.id}\0${dataset.topics.map((topic) => topicKey(topic.id)).join('\0')}\0${dataset.tags.map((tag) => tagKey(tag.slug)).join('\0')}`);
}

/** Each id's rank in the "most recently updated" order (the tie-break of equal scores); null when two datasets share an id. */
export function uniqueRanks(datasets: readonly Dataset[]): Map<string, number> | null {
  const ranks = new Map<string, number>();
  for (const [rank, dataset] of rankOrder(datasets).entries()) {
    if (ranks.has(dataset.id)) return null;
    ranks.set(dataset.id, rank);
  }
  return ranks;
}

/** How much `other` shares with `dataset`: a shared topic 2, a shared tag 1, each once (as `similarDatasets` scores). */
export function similarityScore(dataset: Pick<Dataset, 'topics' | 'tags'>, other: Pick<Dataset, 'topics' | 'tags'>): number {
  const topics = new Set(dataset.topics.map((topic) => topic.id));
  const tags = new Set(dataset.tags.map((tag) => tag.slug));
  const shared = (ids: string[], own: Set<string>) => new Set(ids.filter((id) => own.has(id))).size;
  return topicWeight * shared(other.topics.map((topic) => topic.id), topics) + tagWeight * shared(other.tags.map((tag) => tag.slug), tags);
}
