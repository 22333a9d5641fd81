// Whole datasets from the last build (the build's cache, src/build/load-memo.ts): a dataset file
// that has not changed, nor its local files, nor the catalogue's lists it was checked against, is
// checked and derived as it was, so it costs a stat of each file and a lookup. Whatever depends on
// other datasets or on Git is worked out again every build: ids and names unique (dataset-files.ts),
// relationships to datasets that exist (here), dates from Git and files' times (derive.ts).
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import type { CheckedDataset, Dataset, Licence, Masthead, Site, Team, Topic } from './model.ts';
import type { ParsedDataset } from './read-files.ts';
import type { DatasetIdentity } from './dataset-files.ts';

export interface DatasetMemo {
  /**
   * The dataset checked from `file` by the last build, when the file and its local files have the
   * same size, times and inode as then and `context` (see `checkContext`) is the same; else null.
   * `stats`: the file's, taken already (dataset-files.ts `findDatasetFiles`); else the memo takes them.
   */
  unchangedDataset(file: string, context: string, stats?: BigIntStats): CheckedDataset | null;
  /** `dataset` was checked this build under `context` (it passed). */
  checkedDataset(dataset: CheckedDataset, context: string): void;
  /** What the last build derived from `dataset`, when it came from `unchangedDataset` (its dates are worked out again). */
  derivedBefore(dataset: CheckedDataset): Dataset | null;
  /** `dataset` was made this build from what `derivedBefore` gave for `checked` (its dates worked out again). */
  derivedAgain?(checked: CheckedDataset, dataset: Dataset): void;
  /** `dataset` was derived from `checked` this build. */
  derivedDataset(checked: CheckedDataset, dataset: Dataset): void;
  /** A file's modification time in whole seconds, from the stat the memo took this build, if it took one. */
  modifiedSeconds(file: string): number | null;
}

/**
 * Everything a dataset is checked against but its own file and local files: one digest per build.
 * `realDatasetsDir` too: a datasets/ folder moved out of content/ and linked back holds the same
 * files (same inodes), which must now be refused.
 */
export function checkContext(context: { contentDir: string; realContentDir: string; realDatasetsDir: string | null; site: Site; topics: Map<string, Topic>; teams: Map<string, Team>; mastheads: Map<string, Masthead>; licences: Map<string, Licence> }): string {
  const { contentDir, realContentDir, realDatasetsDir, site, topics, teams, mastheads, licences } = context;
  const lists = { contentDir, realContentDir, realDatasetsDir, site, topics: [...topics], teams: [...teams], mastheads: [...mastheads], licences: [...licences] };
  return createHash('sha256').update(JSON.stringify(lists)).digest('base64url');
}

/**
 * A remembered dataset as the uniqueness checks read a parsed one (dataset-files.ts): the values it
 * passed with. Its lines, asked only for a problem, are read from the file again.
 */
export function rememberedIdentity(dataset: CheckedDataset, source: ParsedDataset<unknown>['source']): ParsedDataset<DatasetIdentity> {
  const value: DatasetIdentity = {
    id: dataset.id,
    name: dataset.name,
    ckanId: dataset.ckanId ?? undefined,
    resources: dataset.resources.map((resource) => ({ ckanId: resource.ckanId ?? undefined })),
  };
  return { value, source, file: dataset.file, body: '' };
}

/**
 * The remembered dataset with the objects of this build's lists (equal to the ones it was checked
 * against: the context's digest says so), so the catalogue shares one object per team, topic and licence.
 */
export function relinked<T extends CheckedDataset | Dataset>(dataset: T, lists: { teams: Map<string, Team>; topics: Map<string, Topic>; mastheads: Map<string, Masthead>; licences: Map<string, Licence>; site: Site }): T {
  dataset.team = lists.teams.get(dataset.team.id) ?? dataset.team;
  dataset.topics = dataset.topics.map((topic) => lists.topics.get(topic.id) ?? topic);
  if (dataset.masthead) dataset.masthead = lists.mastheads.get(dataset.masthead.id) ?? dataset.masthead;
  if (dataset.licence) dataset.licence = lists.licences.get(dataset.licence.id) ?? dataset.licence;
  return dataset;
}
