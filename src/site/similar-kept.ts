// Each dataset page's similar datasets (src/site/similar-datasets.ts), kept between builds and
// brought up to date with what changed instead of worked out again for every page.
//
// A list is the best `similarLimit` datasets by (score, rank), where a score depends only on the two
// datasets' topics and tags and a rank is the place in the "most recently updated" order. The
// previous build's lines (id, topics and tags of each dataset, in rank order) are kept beside its
// lists. Against them, the datasets whose line is new (added, or with other topics, tags or place)
// and those whose line is gone (removed, or changed) are found. When the lines in neither set keep
// their order, every score and relative rank between them is as it was, so a page's previous list
// still holds unless it names a dataset that is gone (then it is worked out again), and can only
// change by taking in one of the new datasets: each new one sharing a topic or a tag with the page's
// dataset is placed among the list by score and rank, and the list cut to its length again. Without
// previous lines, or when the unchanged lines moved, every list is worked out whole. The result is
// the whole computation's, list for list (test/site/similar-kept.test.ts).
import { createHash } from 'node:crypto';
import type { Dataset } from '../catalogue/model.ts';
import { Fragments } from '../build/fragments.ts';
import { similarDatasets, similarityLines, similarityScore, similarLimit, tagKey, topicKey, uniqueRanks } from './similar-datasets.ts';

/** What changed since the previous build's lines: null when every list must be worked out again. */
interface Changes {
  /** Ids whose previous line is gone: a list naming one is worked out again. */
  gone: Set<string>;
  /** Datasets whose line is new: each may enter a list. */
  added: Dataset[];
}

const linesKey = 'lines';
/** Datasets that moved in the rank order, at most, for the lists to be brought up to date. */
const maxMoved = 16;

export class SimilarKept {
  private readonly lists: Fragments<string[]>;
  private readonly lines: Fragments<string>;
  private readonly current: string;
  private readonly changes: Changes | null;
  private readonly datasets: readonly Dataset[];
  private readonly byId: Map<string, Dataset>;
  private readonly ranks: Map<string, number> | null;
  /** The topics and tags of the datasets whose line is new: a list can only change if its dataset has one. */
  private readonly addedKeys: Set<string> | null;
  /** Lists worked out whole this build, and lists brought up to date (for the tests). */
  worked = 0;
  updated = 0;

  constructor(datasets: readonly Dataset[]) {
    this.datasets = datasets;
    this.byId = new Map(datasets.map((dataset) => [dataset.id, dataset]));
    this.ranks = uniqueRanks(datasets);
    const lines = similarityLines(datasets);
    this.current = lines.join('\n');
    this.lines = new Fragments<string>('similar-lines', `limit ${similarLimit}`);
    const previous = this.lines.peek(linesKey);
    // The lists are valid for the lines they were worked out from: their store's context names them.
    this.lists = new Fragments<string[]>('similar-datasets', previous === undefined ? 'none' : linesDigest(previous));
    // The same lines as before (an edit of anything but a dataset's topics, tags or place): nothing
    // to compare. (Unique ranks: no two lines alike, as changesFrom asks.)
    const unchanged = previous === this.current;
    this.changes = previous === undefined || this.ranks === null ? null : unchanged ? { gone: new Set(), added: [] } : changesFrom(previous.split('\n'), lines, this.byId);
    this.addedKeys = this.changes && new Set(this.changes.added.flatMap((other) => [...other.topics.map((topic) => topicKey(topic.id)), ...other.tags.map((tag) => tagKey(tag.slug))]));
  }

  /** The similar datasets of `dataset`'s page, `exclude` (its related datasets' ids) left out. */
  of(dataset: Dataset, exclude: ReadonlySet<string>): Dataset[] {
    const key = `${dataset.id}\0${[...exclude].join('\0')}`;
    const kept = this.changes ? this.lists.peek(key) : undefined;
    let ids: string[];
    if (kept !== undefined && this.changes!.added.length === 0 && this.changes!.gone.size === 0) {
      ids = kept;
    } else if (kept !== undefined && !this.changes!.gone.has(dataset.id) && !kept.some((id) => this.changes!.gone.has(id))) {
      ids = this.updatedList(dataset, exclude, kept);
      this.updated++;
    } else {
      ids = similarDatasets(dataset, this.datasets, exclude).map((other) => other.id);
      this.worked++;
    }
    this.lists.set(key, ids);
    return ids.map((id) => this.byId.get(id)!);
  }

  /** Keeps this build's lists and lines for the next (once every page's list was asked for). */
  save(): void {
    this.lines.set(linesKey, this.current);
    this.lists.save(linesDigest(this.current));
    this.lines.save();
  }

  /** `kept` with each new dataset that shares a topic or a tag placed by score, then rank, and cut to the limit. */
  private updatedList(dataset: Dataset, exclude: ReadonlySet<string>, kept: string[]): string[] {
    // Most pages share no topic and no tag with any new dataset: told by a lookup or two, not by
    // scoring each new one (two sets per page and dataset were most of an edit's similar lists).
    const shared = this.addedKeys!;
    if (!dataset.topics.some((topic) => shared.has(topicKey(topic.id))) && !dataset.tags.some((tag) => shared.has(tagKey(tag.slug)))) return kept;
    const ranks = this.ranks!;
    const entering = this.changes!.added.filter((other) => other.id !== dataset.id && !exclude.has(other.id) && similarityScore(dataset, other) > 0);
    if (entering.length === 0) return kept;
    const scored = [...kept.map((id) => this.byId.get(id)!), ...entering].map((other) => ({ id: other.id, score: similarityScore(dataset, other), rank: ranks.get(other.id)! }));
    scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
    return scored.slice(0, similarLimit).map((entry) => entry.id);
  }
}

function linesDigest(lines: string): string {
  return createHash('sha256').update(`limit ${similarLimit}\n`).update(lines).digest('base64url');
}

/**
 * The ids whose previous line is gone and the datasets whose line is new; null when the lines in
 * neither kept their order (then a kept list's ranks no longer hold).
 */
function changesFrom(previous: string[], current: string[], byId: Map<string, Dataset>): Changes | null {
  const before = new Set(previous);
  const now = new Set(current);
  // Two datasets of one line (a shared id) cannot be told apart: worked out whole.
  if (before.size !== previous.length || now.size !== current.length) return null;
  const gone = previous.filter((line) => !now.has(line));
  const added = current.filter((line) => !before.has(line));
  const keptBefore = previous.filter((line) => now.has(line));
  const keptNow = current.filter((line) => before.has(line));
  // A dataset that moved (another date: the edit of a dataset kept in Git) is taken as gone and new;
  // a few at most, else every list is worked out whole.
  const moved = new Set<string>();
  let at = 0;
  let to = 0;
  while (at < keptBefore.length || to < keptNow.length) {
    if (at < keptBefore.length && moved.has(keptBefore[at]!)) at++;
    else if (to < keptNow.length && moved.has(keptNow[to]!)) to++;
    else if (at < keptBefore.length && to < keptNow.length && keptBefore[at] === keptNow[to]) (at++, to++);
    else if (moved.size >= maxMoved || at >= keptBefore.length || to >= keptNow.length) return null;
    // Out of place: the line whose neighbour the other side reaches now.
    else if (keptBefore[at + 1] === keptNow[to]) moved.add(keptBefore[at++]!);
    else if (keptNow[to + 1] === keptBefore[at]) moved.add(keptNow[to++]!);
    else return null;
  }
  const idOf = (line: string) => line.slice(0, line.indexOf('\0'));
  return { gone: new Set([...gone, ...moved].map(idOf)), added: [...added, ...moved].map((line) => byId.get(idOf(line))!) };
}
