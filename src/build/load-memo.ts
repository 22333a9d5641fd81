// What loading learnt from files that have not changed since the last build: whole datasets (by
// their files' stats, src/catalogue/unchanged-datasets.ts), and their parts for a dataset that did
// change: a local file's MD5 and preview, a description's rendered HTML, a dataset file's checked
// front matter (by its text). A file is known by its size, modification and change times and
// inode; when those changed (a fresh checkout resets every time) a local file's MD5 is worked out
// again and, the same bytes found, its preview is reused: the preview (parsing a table, a
// workbook) is the expensive part. Only what this build used is kept for the next.
import { hash } from 'node:crypto';
import { lstatSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DeriveMemo } from '../catalogue/derive.ts';
import type { CheckMemo } from '../catalogue/read-files.ts';
import { md5File } from '../catalogue/file-facts.ts';
import type { CheckedDataset, CheckedResource, Dataset, FilePreview } from '../catalogue/model.ts';
import type { FileFacts, LocalFile } from '../catalogue/previews/file-preview.ts';
import type { DatasetMemo } from '../catalogue/unchanged-datasets.ts';
import { knownDigest, rememberDigest } from '../catalogue/dataset-digest.ts';
import type { ShardOrigin } from './load-memo-file.ts';

/** A dataset file checked (and derived) by a build, with what it was made from. */
export interface RememberedDataset {
  /** The dataset file's size, modification and change times and inode. */
  stat: string;
  /** The lists it was checked against (unchanged-datasets.ts `checkContext`). */
  context: string;
  /** Its local files (each a regular file in the dataset file's own folder) and their stats. */
  files: [string, string][];
  /** Null for a dataset the build did not publish (a private one). */
  derived: Dataset | null;
  /**
   * The checked dataset of one the build did not derive; of a derived one, only what the derived
   * dataset does not hold (the cache a quarter smaller, and read faster, than with both whole).
   */
  checked: CheckedDataset | CheckedBesides;
  /**
   * Its keys in the part records, for the build that finds it changed: its checked text's (kept in
   * `checked`), its description's and each local file's ([its resource's place, by stat, by content]). The last two
   * are not kept in `markdown`, `byStat` and `byContent` as well: the derived dataset holds them.
   */
  parts: { checked: string | null; markdown: string | null; localFiles: [number, string, string][] };
  /**
   * The published dataset's digest (dataset-digest.ts), with what it was published with besides
   * `derived` (`madeOf`): the same again, the same digest, without serialising and hashing it.
   */
  digest?: { made: string; digest: string };
}

export interface LoadMemoRecord {
  /** Where the record was read from (load-memo-file.ts), for writing its unchanged shards again as they were. */
  origin?: ShardOrigin | null;
  /** Path, size, mtime, inode and how it is read → its facts. */
  byStat: [string, FileFacts][];
  /** MD5 and how it is read → its preview. */
  byContent: [string, FilePreview | null][];
  /** SHA-256 of a description's Markdown → its HTML and text. */
  markdown: [string, { html: string; text: string }][];
  /**
   * SHA-256 of a front matter's text (read-files.ts `CheckMemo`) → its checked value,
   * serialised on their own (`v8.serialize`): reading the cache copies their bytes instead of
   * rebuilding 10,000 objects, each build deserialises only those it uses (a copy of its own, which
   * it may change), and the next cache is written with the same bytes.
   */
  checked?: [string, Uint8Array][];
  /** Dataset file's path → the dataset as checked and derived, kept whole (the cache is serialised whole, objects shared). */
  datasets?: [string, RememberedDataset][];
}

/** What a checked dataset holds that the dataset derived from it does not. */
interface CheckedBesides {
  writtenDates: CheckedDataset['writtenDates'];
  /** Every relationship it was checked with (the derived dataset keeps those published). */
  relationships: CheckedDataset['relationships'];
  describedColumns: CheckedResource['describedColumns'][];
}

/**
 * The checked dataset again, from the derived one and what it lacks; its keys need not be in the
 * first's order (no output reads it). Written out field by field: an object spread with keys left
 * out (`{ hash, preview, ...resource }`) is V8's slow generic copy, and this runs for every
 * unchanged dataset of an edit (10,000 datasets: 45 ms of loading, 8 ms so).
 */
function checkedAgain(file: string, derived: Dataset, besides: CheckedBesides): CheckedDataset {
  const resources = derived.resources;
  const checkedResources: CheckedResource[] = new Array(resources.length);
  for (let index = 0; index < resources.length; index++) {
    const resource = resources[index]!;
    checkedResources[index] = {
      id: resource.id,
      ckanId: resource.ckanId,
      title: resource.title,
      description: resource.description,
      datasetId: resource.datasetId,
      position: resource.position,
      kind: resource.kind,
      url: resource.url,
      filename: resource.filename,
      format: resource.format,
      mediaType: resource.mediaType,
      size: resource.size,
      timeFrameFrom: resource.timeFrameFrom,
      timeFrameTo: resource.timeFrameTo,
      sourcePath: resource.sourcePath,
      publishedPath: resource.publishedPath,
      httpStatus: resource.httpStatus,
      qaTimestamp: resource.qaTimestamp,
      describedColumns: besides.describedColumns[index]!,
    };
  }
  return {
    id: derived.id,
    name: derived.name,
    ckanId: derived.ckanId,
    title: derived.title,
    webpage: derived.webpage,
    descriptionMarkdown: derived.descriptionMarkdown,
    team: derived.team,
    masthead: derived.masthead,
    tags: derived.tags,
    topics: derived.topics,
    licence: derived.licence,
    contact: derived.contact,
    nextReviewDate: derived.nextReviewDate,
    spatial: derived.spatial,
    sharing: derived.sharing,
    custom: derived.custom,
    resources: checkedResources,
    links: derived.links,
    relationships: besides.relationships,
    sourceFile: derived.sourceFile,
    editUrl: derived.editUrl,
    writtenDates: besides.writtenDates,
    file,
  };
}

export const emptyLoadMemo: LoadMemoRecord = { byStat: [], byContent: [], markdown: [], checked: [], datasets: [] };

/**
 * What a published dataset holds besides the derived one it was made from (derive.ts `redated`):
 * its dates, its resources' times and the relationships published. The lists' objects (team,
 * topics…) are this build's, equal to those it was checked against (the check context says so).
 * The same derived dataset and this, the same JSON text: the same digest.
 */
function madeOf(dataset: Dataset): string {
  return JSON.stringify([dataset.createdAt, dataset.updatedAt, dataset.resources.map((resource) => resource.timestamp), dataset.relationships]);
}

/** How a local file is read: its format and the columns described (a preview depends on both). */
function readingOf(format: string, describedColumns: LocalFile['describedColumns']): string {
  return `${format}\0${JSON.stringify(describedColumns)}`;
}

/** What decides whether a file changed: its size, modification and change times (nanoseconds) and inode. */
function statKey(stats: BigIntStats): string {
  return `${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}\0${stats.ino}`;
}

/** Whole seconds of the modification time, as `Math.floor(statSync(file).mtimeMs / 1000)` gives them (its rounding included). */
function modifiedSecondsOf(stats: BigIntStats): number {
  const perSecond = 1_000_000_000n;
  return Math.floor((Number(stats.mtimeNs / perSecond) * 1e3 + Number(stats.mtimeNs % perSecond) / 1e6) / 1000);
}

/**
 * The remembered dataset with the digest of what this build published from it, when that was
 * worked out (the outputs ask it of every dataset) and is not the one it holds: a new record, so
 * the one read stays as it was (its shard's bytes are written again only while all its records are).
 */
function withDigest(remembered: RememberedDataset, published: { dataset: Dataset; made: string } | undefined): RememberedDataset {
  if (!published || !remembered.derived || remembered.digest?.made === published.made) return remembered;
  const digest = knownDigest(published.dataset);
  return digest === undefined ? remembered : { ...remembered, digest: { made: published.made, digest } };
}

/** A derived dataset's parts (its description's HTML, its local files' facts) into `parts`, by the keys the part records use. */
function addParts(parts: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> }, remembered: RememberedDataset): void {
  const derived = remembered.derived;
  if (!derived) return;
  if (remembered.parts.markdown !== null) parts.markdown.set(remembered.parts.markdown, { html: derived.descriptionHtml, text: derived.descriptionText });
  for (const [index, byStat, byContent] of remembered.parts.localFiles) {
    const resource = derived.resources[index];
    if (!resource?.hash) continue;
    parts.byStat.set(byStat, { hash: resource.hash, preview: resource.preview });
    parts.byContent.set(byContent, resource.preview);
  }
}

export class LoadMemo implements DeriveMemo, CheckMemo, DatasetMemo {
  private readonly previousChecked: Map<string, Uint8Array>;
  private readonly usedChecked = new Map<string, Uint8Array>();
  private readonly previous: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> };
  private readonly used: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> } = { byStat: new Map(), byContent: new Map(), markdown: new Map() };
  /** Local files read whole this build (not found in the cache), for the build's report and the tests. */
  filesRead = 0;
  filesReused = 0;

  /**
   * `keep: false` (a build without a cache): nothing is recorded for a next build. At 100,000
   * datasets the records were 150 MB held through the whole build (docs/performance.md).
   */
  private readonly keep: boolean;

  private readonly previousDatasets: Map<string, RememberedDataset>;
  private readonly usedDatasets = new Map<string, RememberedDataset>();
  /** This build's stats of dataset files and their local files: stat key and modification time. */
  private readonly statsOf = new Map<string, { key: string; seconds: number }>();
  /** Datasets handed out whole this build, and those checked this build whose derived form is awaited. */
  private readonly handedOut = new WeakMap<CheckedDataset, RememberedDataset>();
  private readonly checkedThisBuild = new Map<CheckedDataset, RememberedDataset>();
  /** The part records' keys by file: a dataset file's checked text; a local file's (by path and reading) stat and content keys. */
  private readonly checkedKeyOf = new Map<string, string>();
  private readonly localKeysOf = new Map<string, [string, string]>();

  /** Where the previous record was read from: its shards none of whose datasets changed are written again as read. */
  readonly origin: ShardOrigin | null;
  /** The records of the datasets checked this build (not handed out whole). */
  private readonly checkedNow: RememberedDataset[] = [];
  /** Each remembered dataset this build published, the dataset published and `madeOf` it. */
  private readonly published = new Map<RememberedDataset, { dataset: Dataset; made: string }>();

  constructor(record: LoadMemoRecord, keep = true) {
    this.keep = keep;
    this.origin = keep ? (record.origin ?? null) : null;
    this.previous = { byStat: new Map(record.byStat), byContent: new Map(record.byContent), markdown: new Map(record.markdown) };
    this.previousChecked = new Map(record.checked ?? []);
    this.previousDatasets = new Map(record.datasets ?? []);
  }

  unchangedDataset(file: string, context: string, stats?: BigIntStats): CheckedDataset | null {
    // Without a cache there is nothing to find and nothing to keep: no stat.
    if (!this.keep) return null;
    const own = stats ? this.statted(file, stats) : this.stat(file, statSync);
    const remembered = this.previousDatasets.get(file);
    if (!remembered) return null;
    if (!own || remembered.stat !== own || remembered.context !== context || remembered.files.some(([localFile, key]) => this.stat(localFile, lstatSync) !== key)) {
      this.changedParts(remembered);
      return null;
    }
    this.usedDatasets.set(file, remembered);
    const checkedDataset = remembered.derived ? checkedAgain(file, remembered.derived, remembered.checked as CheckedBesides) : (remembered.checked as CheckedDataset);
    this.handedOut.set(checkedDataset, remembered);
    // Its checked text stays in the cache for the build that finds it changed (its other parts are in it).
    const { parts } = remembered;
    const checked = parts.checked === null ? undefined : this.previousChecked.get(parts.checked);
    if (checked) this.usedChecked.set(parts.checked!, checked);
    return checkedDataset;
  }

  checkedDataset(dataset: CheckedDataset, context: string): void {
    const own = this.keep ? this.statsOf.get(dataset.file) : undefined;
    if (!own) return;
    const files: [string, string][] = [];
    for (const resource of dataset.resources) {
      if (resource.kind !== 'file' || resource.sourcePath === null) continue;
      // Only a regular file beside the dataset file, in a folder the dataset files were found in
      // without following links: one stat of it says it is the same file, still inside content/.
      if (path.dirname(resource.sourcePath) !== path.dirname(dataset.file)) return;
      const key = this.stat(resource.sourcePath, lstatSync);
      if (key === null) return;
      files.push([resource.sourcePath, key]);
    }
    const remembered: RememberedDataset = { stat: own.key, context, files, checked: dataset, derived: null, parts: { checked: this.checkedKeyOf.get(dataset.file) ?? null, markdown: null, localFiles: [] } };
    this.usedDatasets.set(dataset.file, remembered);
    this.checkedNow.push(remembered);
    this.checkedThisBuild.set(dataset, remembered);
  }

  derivedBefore(dataset: CheckedDataset): Dataset | null {
    const remembered = this.handedOut.get(dataset);
    if (!remembered?.derived) return null;
    const derived = remembered.derived;
    // The lists' objects of this build, as the checked dataset was given them (unchanged-datasets.ts `relinked`).
    derived.team = dataset.team;
    derived.topics = dataset.topics;
    derived.masthead = dataset.masthead;
    derived.licence = dataset.licence;
    this.filesReused += remembered.parts.localFiles.length;
    return derived;
  }

  derivedAgain(checked: CheckedDataset, dataset: Dataset): void {
    const remembered = this.handedOut.get(checked);
    if (!remembered || !this.keep) return;
    const made = madeOf(dataset);
    this.published.set(remembered, { dataset, made });
    if (remembered.digest?.made !== made) return;
    rememberDigest(dataset, remembered.digest.digest);
    // The very record read, published as it was read (its digest says so): its shard's bytes hold it.
    const shard = this.origin?.shardOf.get(remembered);
    const bytes = shard === undefined ? undefined : this.origin!.bytes[shard];
    if (dataset === remembered.derived && bytes) this.stored.set(dataset, { bytes, file: checked.file });
  }

  /**
   * The ids of the datasets the previous record holds as published whose files this build did not
   * find (removed or moved), known once loading has ended (`forgetPrevious`), and of those this
   * build published from files the previous record does not hold (added or moved).
   */
  readonly gone: string[] = [];
  readonly added: string[] = [];

  /** Datasets published as the previous record holds them: its shard's bytes as read, and its file. */
  private stored = new WeakMap<Dataset, { bytes: Uint8Array; file: string }>();

  /**
   * The shards' bytes are not asked for again (the writer thread has them): let go here, so that
   * they are held only while that thread needs them (53 MB at 10,000 datasets).
   */
  forgetStoredBytes(): void {
    this.stored = new WeakMap();
    if (this.origin) this.origin.bytes = [];
  }

  /**
   * The cache's bytes that hold `dataset` exactly as published (an unchanged dataset, its dates and
   * relationships as they were): its shard's, and its file, for load-memo-file.ts `storedDataset`.
   * Undefined for any other, and for a copy of one (a link check's).
   */
  storedBytes(dataset: Dataset): { bytes: Uint8Array; file: string } | undefined {
    return this.stored.get(dataset);
  }

  derivedDataset(checked: CheckedDataset, dataset: Dataset): void {
    const remembered = this.checkedThisBuild.get(checked);
    if (!remembered) return;
    this.checkedThisBuild.delete(checked);
    if (!this.previousDatasets.has(checked.file)) this.added.push(dataset.id);
    remembered.derived = dataset;
    this.published.set(remembered, { dataset, made: madeOf(dataset) });
    remembered.checked = { writtenDates: checked.writtenDates, relationships: checked.relationships, describedColumns: checked.resources.map((resource) => resource.describedColumns) };
    remembered.parts.markdown = hash('sha256', checked.descriptionMarkdown);
    checked.resources.forEach((resource, index) => {
      const keys = resource.sourcePath === null ? undefined : this.localKeysOf.get(`${resource.sourcePath}\0${readingOf(resource.format, resource.describedColumns)}`);
      if (keys) remembered.parts.localFiles.push([index, ...keys]);
    });
  }

  /**
   * The part records' entries that the last build's whole datasets hold (a description's HTML, a
   * local file's facts), found the first time a changed dataset asks.
   */
  private wholeParts: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> } | null = null;

  private partsOfWhole(): NonNullable<LoadMemo['wholeParts']> {
    if (this.wholeParts) return this.wholeParts;
    const parts: NonNullable<LoadMemo['wholeParts']> = { byStat: new Map(), byContent: new Map(), markdown: new Map() };
    for (const remembered of this.previousDatasets.values()) addParts(parts, remembered);
    this.wholeParts = parts;
    return parts;
  }

  /**
   * The parts of the last build's datasets whose files changed since: an edited dataset's own
   * description and local files, most often unchanged, are found here without going through every
   * dataset (`partsOfWhole`: 10,000 datasets, tens of milliseconds of an edit).
   */
  private readonly changed: NonNullable<LoadMemo['wholeParts']> = { byStat: new Map(), byContent: new Map(), markdown: new Map() };

  private changedParts(remembered: RememberedDataset): void {
    addParts(this.changed, remembered);
  }

  private previousFacts(byStat: string): FileFacts | undefined {
    return this.previous.byStat.get(byStat) ?? this.changed.byStat.get(byStat) ?? (this.previousDatasets.size > 0 ? this.partsOfWhole().byStat.get(byStat) : undefined);
  }

  private previousPreview(byContent: string): FilePreview | null | undefined {
    const preview = this.previous.byContent.get(byContent) ?? this.changed.byContent.get(byContent);
    return preview !== undefined || this.previousDatasets.size === 0 ? preview : this.partsOfWhole().byContent.get(byContent);
  }

  modifiedSeconds(file: string): number | null {
    return this.statsOf.get(file)?.seconds ?? null;
  }

  /** The file's stat key (a regular file's), noted with its modification time; null when it is not one. */
  private stat(file: string, how: typeof statSync | typeof lstatSync): string | null {
    const stats = how(file, { bigint: true, throwIfNoEntry: false });
    return stats ? this.statted(file, stats) : null;
  }

  /** `stats`' key (of a regular file), noted as `file`'s with its modification time; null when it is not one. */
  private statted(file: string, stats: BigIntStats): string | null {
    if (!stats.isFile()) return null;
    const key = statKey(stats);
    this.statsOf.set(file, { key, seconds: modifiedSecondsOf(stats) });
    return key;
  }

  checked(keyOf: () => string, check: () => unknown, file?: string): unknown {
    // Nothing to find and nothing to keep (a build without a cache): the text is not hashed.
    if (!this.keep && this.previousChecked.size === 0) return check();
    const key = keyOf();
    if (file !== undefined && this.keep) this.checkedKeyOf.set(file, key);
    // The build may change what it is handed (a catalogue is made from these values): it gets a
    // copy, and the cache keeps values as they were checked (their serialised bytes). Deserialising
    // one entry costs about what copying it did (structuredClone), without the whole cache's objects.
    const previous = this.previousChecked.get(key);
    if (previous) {
      if (this.keep) this.usedChecked.set(key, previous);
      return deserialize(previous);
    }
    const fresh = check();
    if (fresh !== null && this.keep) this.usedChecked.set(key, serialize(fresh));
    return fresh;
  }

  async localFile(file: LocalFile, read: () => Promise<FileFacts>): Promise<FileFacts> {
    // Nothing to find and nothing to keep (a build without a cache): no stat, no hash read before the real read.
    if (!this.keep && this.previous.byStat.size === 0 && this.previous.byContent.size === 0 && this.previousDatasets.size === 0) {
      this.filesRead++;
      return read();
    }
    const reading = readingOf(file.format, file.describedColumns);
    // Nanoseconds, and the change time too: a file rewritten within the same millisecond is still seen.
    const stats = statSync(file.path, { bigint: true });
    const byStat = `${file.path}\0${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}\0${stats.ino}\0${reading}`;
    let facts = this.previousFacts(byStat);
    if (!facts && (this.previous.byContent.size > 0 || this.previousDatasets.size > 0)) {
      const md5 = await md5File(file.path, Number(stats.size));
      const preview = this.previousPreview(`${md5}\0${reading}`);
      if (preview !== undefined) facts = { hash: md5, preview };
    }
    if (facts) this.filesReused++;
    else {
      facts = await read();
      this.filesRead++;
    }
    if (this.keep) {
      this.used.byStat.set(byStat, facts);
      this.used.byContent.set(`${facts.hash}\0${reading}`, facts.preview);
      this.localKeysOf.set(`${file.path}\0${reading}`, [byStat, `${facts.hash}\0${reading}`]);
    }
    return facts;
  }

  markdown(markdown: string, render: (markdown: string) => { html: string; text: string }): { html: string; text: string } {
    if (!this.keep && this.previous.markdown.size === 0 && this.previousDatasets.size === 0) return render(markdown);
    const key = hash('sha256', markdown);
    const rendered = this.previous.markdown.get(key) ?? this.changed.markdown.get(key) ?? (this.previousDatasets.size > 0 ? this.partsOfWhole().markdown.get(key) : undefined) ?? render(markdown);
    if (this.keep) this.used.markdown.set(key, rendered);
    return rendered;
  }

  /** Loading has ended: the previous build's records are not asked again (the cache written later holds this build's). */
  forgetPrevious(): void {
    for (const [file, remembered] of this.previousDatasets) if (remembered.derived && !this.usedDatasets.has(file)) this.gone.push(remembered.derived.id);
    this.previous.byStat.clear();
    this.previous.byContent.clear();
    this.previous.markdown.clear();
    this.previousChecked.clear();
    this.previousDatasets.clear();
    this.wholeParts = null;
    for (const parts of Object.values(this.changed)) parts.clear();
    this.statsOf.clear();
    this.checkedThisBuild.clear();
    this.checkedKeyOf.clear();
    this.localKeysOf.clear();
  }

  toRecord(): LoadMemoRecord {
    // What a whole dataset holds is not kept twice. Only the datasets checked this build made part
    // records' entries (`used`), each holding its own: a dataset handed out whole asked none, so
    // the datasets handed out are not gone through (10,000 on an edit: 20,000 long keys hashed).
    // An entry one of them also holds (the same description in another dataset) is kept in both.
    const held = new Set<string>();
    for (const remembered of this.checkedNow) {
      if (!remembered.derived) continue;
      if (remembered.parts.markdown !== null) held.add(remembered.parts.markdown);
      for (const [, byStat, byContent] of remembered.parts.localFiles) held.add(byStat).add(byContent);
    }
    const notHeld = <T>(entries: Map<string, T>): [string, T][] => [...entries].filter(([key]) => !held.has(key));
    return { byStat: notHeld(this.used.byStat), byContent: notHeld(this.used.byContent), markdown: notHeld(this.used.markdown), checked: [...this.usedChecked], datasets: [...this.usedDatasets].map(([file, remembered]) => [file, withDigest(remembered, this.published.get(remembered))]) };
  }
}
