// Writes the compact index the CKAN request handler answers from (src/ckan-handler/): everything a
// read action needs, in files that load fast. The package dicts, exactly as `package_show` gives
// them (the same bytes, the prepared store's strings: none serialised again), are the handler's own
// store: gzipped lists in the index's order, hidden on every host, so the static pages need not
// hold every dict at the handler's page size (docs/decisions/lean-layout.md, session 7), and the
// handler splices them into answers as they are. `catalogue.json` holds the rest and names those
// files. Private datasets are never in it, not even in an internal build. Layout and reasons:
// docs/decisions/ckan-handler.md.
import { hash } from 'node:crypto';
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import type { Revision } from '../../catalogue/model.ts';
import type { WriterCatalogue } from '../../build/writer-input.ts';
import { withheldMessage } from '../../catalogue/revisions.ts';
import { contentRuns, DeflatedPieces, fileRuns } from '../deflated-pieces.ts';
import { gzipOfPieces } from '../gzip-of-pieces.ts';
import { jsonText } from '../json-text.ts';
import type { DeflatedPiece } from '../zip-file.ts';
import { sinkFor, type OutputEntry } from '../output-sink.ts';
import { valueDigest } from '../value-digest.ts';
import { keyOf } from './answer-memo.ts';
import { forgetPreparedCkanApi, preparedCkanApi, type prepareCkanApi } from './action-files.ts';
import type { PreparedDataset } from './actions.ts';
import { savePrepared } from './prepared-store.ts';
import { ckanDateTime } from './dates.ts';
import { ckanIndexFiles, ckanIndexFormat, ckanIndexPackagesFile, indexChunkSize } from './paths.ts';
import { legacyContext } from './rest.ts';
import { groupShow, licenseList, organizationList, groupList, organizationShow, statusShow, tagList, tagShow } from './results.ts';

/** `catalogue.json`: the small kinds, each as its CKAN action answers it by default. */
export interface CkanIndexCatalogue {
  format: typeof ckanIndexFormat;
  /** The catalogue's canonical URL (ends in `/`): `help` links, and the path the API lies under. */
  siteUrl: string;
  /** The files holding the package dicts, in the index's order: each a gzipped JSON list of them (`ckanIndexPackagesFile`). */
  packageFiles: string[];
  /** How many package dicts those files hold: a reader checks it. */
  packageCount: number;
  /**
   * SHA-256 of the package files' hashes (`packagesDigest` below): this file changes whenever one
   * of the dicts does, so whoever watches the index (`datashelf serve`) watches this file alone.
   */
  packagesDigest: string;
  status: ReturnType<typeof statusShow>;
  licences: ReturnType<typeof licenseList>;
  /** `organization_show` of each team, in `organization_list` order. */
  organizations: ReturnType<typeof organizationShow>[];
  /** `group_show` of each topic, in `group_list` order. */
  groups: ReturnType<typeof groupShow>[];
  /** `tag_show` of each tag on a dataset, in `tag_list` order. */
  tags: ReturnType<typeof tagShow>[];
  /** Our dataset ids that differ from the CKAN name, by CKAN id: `package_show?id=` accepts them too, as the static files do. */
  datasetIds: Record<string, string>;
  /** What API v1/v2's dataset entity and revisions take beyond the package dict (src/ckan-handler/model-api.ts). */
  legacy: CkanIndexLegacy;
}

/** A revision as `package_revision_list` gives it, without the constant `approved_timestamp`. */
export interface CkanIndexRevision {
  id: string;
  timestamp: string;
  message: string;
  author: string;
}

export interface CkanIndexLegacy {
  /** Every revision that touched a dataset of the index, newest first (the catalogue's order). */
  revisions: CkanIndexRevision[];
  /**
   * Per package, in the index's order (`packageFiles`): its description as HTML (`notes_rendered`: the
   * handler has no Markdown renderer) and the places in `revisions` of those that touched it, newest first.
   */
  datasets: [notesRendered: string, revisions: number[]][];
}

export async function writeCkanIndex(catalogue: WriterCatalogue, outDir: string): Promise<{ datasets: number }> {
  const published = publicView(catalogue);
  const api = preparedCkanApi(published);
  // A kept dict's text is read only for a file made again (prepared-store.ts): not taken here.
  const count = api.datasets.length;
  // With a cache, each dict's fragment key (prepared-store.ts): what the store's files are made of.
  const keys = fragmentsConfig() === null ? null : api.datasets.map((dataset) => dataset.key!);
  // What every dict reads besides its dataset (the prepared store's context): the context of what is kept by their keys.
  const siteDigest = keys && valueDigest(published.site);
  const starts: number[] = [];
  for (let start = 0; start < count; start += indexChunkSize) starts.push(start);
  const packageFiles = starts.map(ckanIndexPackagesFile);
  const sink = sinkFor(outDir);
  // Each file's entry, kept between builds by its dicts' keys: a build that changes no dict in a
  // file neither puts it together nor hashes it again.
  const chunks = keys && new Fragments<OutputEntry>('ckan-index-chunks', `pieces ${siteDigest}`);
  // Each file is gzipped in runs of dicts deflated apart, kept by their dicts' keys: an edit
  // deflates the run that holds its dict again (about 1 MB), not the whole file (some 19 MB at
  // 5,000 dicts: 0.13 to 0.2 s of zlib on every edit at 10,000 datasets, session 14).
  const pieces = new DeflatedPieces('ckan-index-pieces', `${siteDigest}`, indexRuns);
  const entries: OutputEntry[] = [];
  for (const [number, start] of starts.entries()) {
    const file = packageFiles[number]!;
    const end = Math.min(start + indexChunkSize, count);
    const chunkKey = chunks && keyOf(keys!.slice(start, end));
    const kept = chunkKey === null ? undefined : chunks!.find(chunkKey);
    if (kept && sink.keepIfPrevious(file, kept)) {
      entries.push(kept);
      continue;
    }
    const entry = sink.write(file, await gzippedList(api.datasets, keys, start, end, pieces));
    if (chunkKey !== null) chunks!.set(chunkKey, entry);
    entries.push(entry);
  }
  const index: CkanIndexCatalogue = {
    format: ckanIndexFormat,
    siteUrl: published.site.url,
    packageFiles,
    packageCount: count,
    packagesDigest: packagesDigest(entries),
    status: statusShow(published.site),
    licences: licenseList(published),
    organizations: organizationList(published).map((name) => organizationShow(published.teams.find((team) => team.id === name)!, api.context)),
    groups: groupList(published).map((name) => groupShow(published.topics.find((topic) => topic.id === name)!, api.context)),
    tags: tagList(api.context).map((name) => tagShow(name, api.context)),
    datasetIds: Object.fromEntries(api.datasets.filter((dataset) => dataset.id !== dataset.name).map((dataset) => [dataset.uuid, dataset.id])),
    legacy: legacyIndex(catalogue, published, api),
  };
  // One string (3.6 MB at 10,000 datasets): hashed as it is, not written, read back and hashed.
  sink.write(ckanIndexFiles.catalogue, jsonText(index));
  chunks?.save();
  await pieces.save();
  // The last writer of the CKAN output to read the package dicts.
  savePrepared();
  forgetPreparedCkanApi(catalogue);
  forgetPreparedCkanApi(published);
  return { datasets: api.datasets.length };
}

/**
 * Runs of at least 1 MB of dicts (at most 4 MB), cut where a dataset's id says (deflated-pieces.ts
 * `contentRuns`), deflated apart: a file's gzip 1.4% larger than gzipped whole (3.44 MB, not 3.39,
 * at 10,000 datasets); runs of 256 KB to 1 MB took 5% more.
 */
const indexRuns = fileRuns;

/**
 * The file of the dicts from `start` to `end` (a JSON list), gzipped: its runs' pieces, each kept
 * from the last build when its key (whether it opens or closes the list, and its dicts' keys) is
 * there, else deflated now from its text (made only then). The same bytes whatever was built
 * before: a full build cuts and deflates the same runs (docs/decisions/ckan-handler.md). Exported for the tests.
 */
export async function gzippedList(datasets: readonly Pick<PreparedDataset, 'id' | 'json' | 'jsonLength'>[], keys: readonly string[] | null, start: number, end: number, pieces: DeflatedPieces): Promise<Buffer> {
  const indices = Array.from({ length: end - start }, (_, offset) => start + offset);
  const made: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
  for (const run of contentRuns(indices, (index) => datasets[index]!.id, (index) => datasets[index]!.jsonLength, pieces.runs)) {
    const opens = run[0] === start;
    const closes = run.at(-1) === end - 1;
    const key = keys && [`${opens} ${closes}`, ...run.map((index) => keys[index]!)];
    const text = () => {
      let list = opens ? '[' : '';
      for (const index of run) list += index === start ? datasets[index]!.json : `,${datasets[index]!.json}`;
      return closes ? `${list}]` : list;
    };
    const piece = pieces.piece(key, text);
    // Awaited together below; a failure before then must not go unhandled meanwhile.
    if (piece instanceof Promise) piece.catch(() => {});
    made.push(piece);
  }
  return gzipOfPieces(await Promise.all(made));
}

/**
 * The digest of the package files: SHA-256 of their manifest hashes (each the first 32 hex digits of
 * SHA-256 of the file's bytes), one a line, in `packageFiles` order. It changes whenever a dict does
 * (a dict's text is in its file's gzipped bytes, which are the same on every machine) and costs
 * nothing: the build hashes every file it writes or keeps anyway. Until session 13 it was SHA-256 of
 * the dicts' texts, 36 MB hashed again on every edit at 10,000 datasets (docs/decisions/ckan-handler.md).
 */
function packagesDigest(files: readonly OutputEntry[]): string {
  return hash('sha256', files.map((file) => file.hash).join('\n'), 'hex');
}

/**
 * The v1/v2 facts of the package dicts, in the index's order (the revisions once, each dataset's as
 * places). An internal build's revisions carry the messages of commits that touched private
 * datasets: those are withheld here, as a public build's loader withholds them (`withheldMessage`).
 */
function legacyIndex(catalogue: WriterCatalogue, published: WriterCatalogue, api: ReturnType<typeof prepareCkanApi>): CkanIndexLegacy {
  const datasetsById = new Map(published.datasets.map((dataset) => [dataset.id, dataset]));
  // In the dicts' order, which is the search order: not sorted again.
  const { revisionUuids, revisionsByDataset } = legacyContext(published, api.context, api.datasets.map((dataset) => datasetsById.get(dataset.id)!));
  const privateIds = new Set(catalogue.datasets.filter((dataset) => dataset.sharing === 'private').map((dataset) => dataset.id));
  const touched = new Set([...revisionsByDataset.values()].flat());
  const revisions = published.revisions.filter((revision) => touched.has(revision));
  const place = new Map(revisions.map((revision, index) => [revision, index]));
  const message = (revision: Revision) => (revision.datasets.some((id) => privateIds.has(id)) ? withheldMessage : revision.message);
  return {
    revisions: revisions.map((revision) => ({ id: revisionUuids.get(revision.id)!, timestamp: ckanDateTime(revision.timestamp), message: message(revision), author: revision.author })),
    datasets: api.datasets.map((dataset) => [datasetsById.get(dataset.id)!.descriptionHtml, (revisionsByDataset.get(dataset.id) ?? []).map((revision) => place.get(revision)!)]),
  };
}

/** The catalogue without its private datasets (an internal build has them; the index never does). */
function publicView(catalogue: WriterCatalogue): WriterCatalogue {
  if (!catalogue.datasets.some((dataset) => dataset.sharing === 'private')) return catalogue;
  return { ...catalogue, datasets: catalogue.datasets.filter((dataset) => dataset.sharing !== 'private'), includesPrivate: false };
}
