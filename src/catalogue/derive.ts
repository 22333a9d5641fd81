// Checked catalogue → the model a build publishes: what needs the files' bytes (MD5), Git (dates,
// revisions) or the Markdown renderer. Only `build` runs this; `check` and `new` stop at validation.
import { statSync } from 'node:fs';
import { detachedString, forgetSharedStrings, sharedString } from './detached.ts';
import { ProblemList, type ContentProblem } from './errors.ts';
import { isoMoment, uploadTimestamp } from './file-facts.ts';
import { readGitHistory, type GitHistory } from './git-history.ts';
import { renderDescription } from './markdown.ts';
import type { Catalogue, CheckedCatalogue, CheckedDataset, CheckedResource, Dataset, Relationship, Resource } from './model.ts';
import { staleUpdatedAtWarnings } from './date-consistency.ts';
import { buildDay } from './review.ts';
import { readLocalFile, type FileFacts, type LocalFile } from './previews/file-preview.ts';
import { revisionsFromCommits } from './revisions.ts';
import type { DatasetMemo } from './unchanged-datasets.ts';
import { mapLimited } from '../util/map-limited.ts';

export interface DeriveOptions {
  /** Keep private datasets (an internal build); otherwise they are dropped here, before any output. */
  includePrivate?: boolean;
  /** The build's day (`YYYY-MM-DD`); else SOURCE_DATE_EPOCH, else the latest commit's (review.ts). */
  today?: string;
  /** What an earlier build worked out from files that have not changed (the build's cache). */
  memo?: DeriveMemo;
  /** content/'s Git history, when the caller started reading it already (load.ts); else read here. */
  history?: Promise<GitHistory>;
  /** A thread that renders descriptions and reads local files beside this one (build/load-thread.ts). */
  helper?: DeriveHelper | null;
}

/**
 * Work another thread may do instead of this one. Each answer is what this thread would have worked
 * out itself, or null: then this thread does it (it claimed it first, or the other could not).
 */
export interface DeriveHelper {
  /** The HTML and text of `markdown`, the description of the dataset file `file`. */
  description(file: string, markdown: string): Promise<{ html: string; text: string } | null>;
  /** The local files derivation reads, in its order: `localFile` answers by place in this list. */
  localFiles(files: LocalFile[]): void;
  localFile(index: number): Promise<FileFacts | null>;
}

/**
 * Reuse of earlier work: each method returns what `read`/`render` would, perhaps without calling
 * it; and whole datasets (unchanged-datasets.ts), when the memo keeps them.
 */
export interface DeriveMemo extends Partial<Pick<DatasetMemo, 'derivedBefore' | 'derivedAgain' | 'derivedDataset' | 'modifiedSeconds'>> {
  localFile(file: LocalFile, read: () => Promise<FileFacts>): Promise<FileFacts>;
  markdown(markdown: string, render: (markdown: string) => { html: string; text: string }): { html: string; text: string };
}

const noMemo: DeriveMemo = { localFile: (_file, read) => read(), markdown: (markdown, render) => render(markdown) };

export interface Derived {
  catalogue: Catalogue;
  warnings: ContentProblem[];
}

/** `checked` is consumed: its datasets are let go as they are derived (its `datasets` is emptied). */
export async function deriveCatalogue(checked: CheckedCatalogue, options: DeriveOptions): Promise<Derived> {
  const includePrivate = options.includePrivate ?? false;
  const problems = new ProblemList();
  const history = await (options.history ?? readGitHistory(checked.contentDir));
  if (history.state === 'shallow') {
    problems.warning({
      code: 'git-history',
      file: checked.contentDir,
      message: 'this is a shallow Git clone, so datasets without createdAt/updatedAt get no dates rather than wrong ones',
      hint: 'Build from a full clone (in GitHub Actions: actions/checkout with fetch-depth: 0).',
    });
  } else if (history.state === 'none') {
    problems.warning({
      code: 'git-history',
      file: checked.contentDir,
      message: 'content/ is not in a Git repository, so dataset and file dates come from file modification times',
      hint: 'Build from a Git clone, or set createdAt and updatedAt in each dataset.',
    });
  }
  // Private datasets are dropped before anything is derived from them: their files are not even read.
  const included: (CheckedDataset | null)[] = checked.datasets.filter((dataset) => includePrivate || dataset.sharing === 'public');
  const includedIds = new Set(included.map((dataset) => dataset!.id));
  // Every dataset, private ones too: a commit that touched one must not tell of it.
  const revisions = revisionsFromCommits(history.commits, checked.datasets, checked.contentDir, includePrivate);
  const today = buildDay({ today: options.today, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH, latestCommit: history.commits[0]?.time ?? null }).date;
  const warnings = [...problems.warnings, ...staleUpdatedAtWarnings(included as CheckedDataset[], history)];
  // What the commits were needed for is done: only each file's dates are asked from here on.
  history.commits = [];
  // The checked catalogue is the caller's no more (load.ts): each checked dataset is let go once
  // derived, so the two models are not held whole together (at 100,000 datasets, about 100 MB).
  const { site, topics, teams, mastheads, licences } = checked;
  checked.datasets = [];
  const memo = options.memo ?? noMemo;
  const helped = helperFor(options.helper ?? null, included as CheckedDataset[]);
  const datasets = await mapLimited(
    included.map((_, index) => index),
    16,
    async (index) => {
      const checkedDataset = included[index]!;
      const before = memo.derivedBefore?.(checkedDataset);
      const derived = before ? redated(before, checkedDataset, history, includedIds, memo) : await deriveDataset(checkedDataset, history, includedIds, memo, helped);
      if (before) memo.derivedAgain?.(checkedDataset, derived);
      else memo.derivedDataset?.(checkedDataset, derived);
      included[index] = null;
      return derived;
    },
  );
  forgetSharedStrings();
  const catalogue: Catalogue = { site, topics, teams, mastheads, licences, datasets, includesPrivate: includePrivate, revisions, today };
  return { catalogue, warnings };
}

/**
 * A dataset derived by the last build from the same files, with what may have changed since worked
 * out again: its dates and its files' times (Git's log, or the files' times) and the relationships
 * this build publishes. `before` itself when all of those are as it has them (an edit: every dataset
 * but the edited one; 10,000 copies of datasets and their files' records not made); else a new
 * object, its keys in the same order, and `before` stays as it was.
 */
function redated(before: Dataset, dataset: CheckedDataset, history: GitHistory, includedIds: Set<string>, memo: DeriveMemo): Dataset {
  let same = true;
  const resources = before.resources.map((resource) => {
    if (resource.kind !== 'file' || resource.sourcePath === null) return resource;
    const timestamp = shared(fileTimestamp(resource.sourcePath, history, memo));
    if (timestamp === resource.timestamp) return resource;
    same = false;
    return { ...resource, timestamp };
  });
  const localFiles = resources.flatMap((resource) => (resource.sourcePath ? [resource.sourcePath] : []));
  const dates = datasetDates(dataset.file, localFiles, history, memo);
  const createdAt = shared(dataset.writtenDates.createdAt ?? dates.createdAt);
  const updatedAt = shared(dataset.writtenDates.updatedAt ?? dates.updatedAt);
  const relationships = dataset.relationships.filter((relationship) => includedIds.has(relationship.dataset));
  if (same && createdAt === before.createdAt && updatedAt === before.updatedAt && sameRelationships(relationships, before.relationships)) return before;
  return { ...before, createdAt, updatedAt, resources, relationships };
}

/** The same relationships, in the same order (each made with its keys in one order: resolve-dataset.ts). */
function sameRelationships(these: Relationship[], those: Relationship[]): boolean {
  if (these.length !== those.length) return false;
  return these.every((relationship, index) => {
    const other = those[index]!;
    return relationship.type === other.type && relationship.dataset === other.dataset && relationship.comment === other.comment && Object.keys(relationship).length === Object.keys(other).length;
  });
}

async function deriveDataset(dataset: CheckedDataset, history: GitHistory, includedIds: Set<string>, memo: DeriveMemo, helped: Helped | null): Promise<Dataset> {
  const resources = await Promise.all(dataset.resources.map((resource) => deriveResource(resource, history, memo, helped)));
  const rendered = helped ? await helped.helper.description(dataset.file, dataset.descriptionMarkdown) : null;
  const description = memo.markdown(dataset.descriptionMarkdown, (markdown) => {
    // Flat copies: the renderer's HTML is hundreds of joined pieces until first read.
    const { html, text } = rendered ?? renderDescription(markdown);
    return { html: detachedString(html), text: detachedString(text) };
  });
  // Both dates written in the front matter: none worked out (without Git, a stat of the dataset file each).
  const written = dataset.writtenDates.createdAt !== null && dataset.writtenDates.updatedAt !== null;
  const localFiles = written ? [] : resources.flatMap((resource) => (resource.sourcePath ? [resource.sourcePath] : []));
  const dates = written ? { createdAt: null, updatedAt: null } : datasetDates(dataset.file, localFiles, history, memo);
  return {
    id: dataset.id,
    name: dataset.name,
    ckanId: dataset.ckanId,
    title: dataset.title,
    webpage: dataset.webpage,
    descriptionMarkdown: dataset.descriptionMarkdown,
    descriptionHtml: description.html,
    descriptionText: description.text,
    team: dataset.team,
    masthead: dataset.masthead,
    tags: dataset.tags,
    topics: dataset.topics,
    licence: dataset.licence,
    contact: dataset.contact,
    nextReviewDate: dataset.nextReviewDate,
    spatial: dataset.spatial,
    sharing: dataset.sharing,
    custom: dataset.custom,
    createdAt: shared(dataset.writtenDates.createdAt ?? dates.createdAt),
    updatedAt: shared(dataset.writtenDates.updatedAt ?? dates.updatedAt),
    resources,
    links: dataset.links,
    // A relationship to a dataset left out of this build would name it: drop it.
    relationships: dataset.relationships.filter((relationship) => includedIds.has(relationship.dataset)),
    sourceFile: dataset.sourceFile,
    editUrl: dataset.editUrl,
  };
}

async function deriveResource(resource: CheckedResource, history: GitHistory, memo: DeriveMemo, helped: Helped | null): Promise<Resource> {
  const { size, sourcePath, publishedPath, describedColumns, ...described } = resource;
  const local = resource.kind === 'file' && sourcePath !== null;
  // One read of the file gives its hash and, for a table, its preview and columns.
  const file = localFileOf(resource);
  const place = helped?.places.get(resource);
  const read = async (file: LocalFile) => (place !== undefined ? await helped!.helper.localFile(place) : null) ?? readLocalFile(file);
  const facts = file ? await memo.localFile(file, () => read(file)) : null;
  return {
    ...described,
    size,
    hash: facts?.hash ?? null,
    timestamp: local ? shared(fileTimestamp(sourcePath, history, memo)) : null,
    sourcePath,
    publishedPath,
    preview: facts?.preview ?? null,
  };
}

/** How a local file is read, for a resource that is one. */
function localFileOf(resource: CheckedResource): LocalFile | null {
  if (resource.kind !== 'file' || resource.sourcePath === null) return null;
  return { path: resource.sourcePath, size: resource.size ?? 0, format: resource.format, describedColumns: resource.describedColumns };
}

/** The helper, and each local file's place in the list it was handed. */
interface Helped {
  helper: DeriveHelper;
  places: Map<CheckedResource, number>;
}

/** Hands the helper every local file `datasets` have, in the order derivation comes to them. */
function helperFor(helper: DeriveHelper | null, datasets: CheckedDataset[]): Helped | null {
  if (!helper) return null;
  const places = new Map<CheckedResource, number>();
  const files: LocalFile[] = [];
  for (const dataset of datasets) {
    for (const resource of dataset.resources) {
      const file = localFileOf(resource);
      if (!file) continue;
      places.set(resource, files.length);
      files.push(file);
    }
  }
  helper.localFiles(files);
  return { helper, places };
}

/** Dates repeat across datasets (a commit dates every file it changed): one copy each. */
function shared(date: string | null): string | null {
  return date === null ? null : sharedString(date);
}

/** Commit time of the file's last change; its modification time when Git does not know it. */
function fileTimestamp(file: string, history: GitHistory, memo: DeriveMemo): string | null {
  const known = history.files.get(file);
  if (known) return known.lastIsBoundary ? null : uploadTimestamp(known.last);
  return history.state === 'shallow' ? null : uploadTimestamp(modifiedSeconds(file, memo));
}

/** A file's modification time in whole seconds; the memo's stat of it this build, if it took one. */
function modifiedSeconds(file: string, memo: DeriveMemo): number {
  return memo.modifiedSeconds?.(file) ?? Math.floor(statSync(file).mtimeMs / 1000);
}

/** First commit of the dataset file, and the last commit of it or any of its files. */
function datasetDates(datasetFile: string, localFiles: string[], history: GitHistory, memo: DeriveMemo): { createdAt: string | null; updatedAt: string | null } {
  const own = history.files.get(datasetFile);
  if (!own) {
    // Not committed yet (or no Git at all): it is new as of its last save.
    if (history.state === 'shallow') return { createdAt: null, updatedAt: null };
    const moment = isoMoment(modifiedSeconds(datasetFile, memo) * 1000);
    return { createdAt: history.state === 'none' ? null : moment, updatedAt: moment };
  }
  let last = own.lastIsBoundary ? null : own.last;
  for (const file of localFiles) {
    const known = history.files.get(file);
    if (known && !known.lastIsBoundary && (last === null || known.last > last)) last = known.last;
  }
  return {
    createdAt: own.firstIsBoundary ? null : isoMoment(own.first * 1000),
    updatedAt: last === null ? null : isoMoment(last * 1000),
  };
}
