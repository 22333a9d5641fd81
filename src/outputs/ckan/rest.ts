// The Model API of CKAN's API v1 and v2 (`/api/1/rest/…`, `/api/2/rest/…`; removed in CKAN 2.8):
// each GET resource of the reference document as plain data, with every path that answers it.
// v1 refers to datasets and groups by name, v2 by id; the shapes follow CKAN 2.7's `package_to_api`,
// `group_to_api`, `tag_to_api`, `revision_as_dict` (docs/ckan-reference-notes.md §A5).
import type { Revision } from '../../catalogue/model.ts';
import type { WriterCatalogue, WriterDataset } from '../../build/writer-input.ts';
import { servedAsMarkup } from '../hosts/media-types.ts';
import { byText, ckanTagNames, type CkanContext, type ForwardRelationshipType, type RelationshipRow } from './context.ts';
import { ckanDateTime } from './dates.ts';
import { ckanIds } from './ids.ts';
import { packageDict, type PackageDict } from './package.ts';
import { folderAnswerName, restFile } from './paths.ts';
import { groupList, groupShow, licenseList, tagList } from './results.ts';

export type ApiVersion = 1 | 2;
export const apiVersions: readonly ApiVersion[] = [1, 2];

/**
 * One answer and the URL paths (without the leading `/`) that give it. `folder`: other answers
 * lie beneath these paths, so the answer is written in the folder as its `index.json` (`folderAnswerFile`).
 */
export interface Answer {
  paths: string[];
  folder: boolean;
  body: unknown;
}

/** The catalogue's legacy-API facts worked out once: references, revisions per dataset, search order. */
export interface LegacyContext {
  ckan: CkanContext;
  catalogue: WriterCatalogue;
  datasetsById: Map<string, WriterDataset>;
  /** Revision UUIDs by commit, and each dataset's revisions (newest first). */
  revisionUuids: Map<string, string>;
  revisionsByDataset: Map<string, Revision[]>;
  /** Datasets in the one order of every search page (v3's): newest `metadata_modified` first, then UUID. */
  searchOrder: WriterDataset[];
  /** Each topic's datasets, in that order. */
  topicMembers: Map<string, WriterDataset[]>;
}

const reverseOf: Record<ForwardRelationshipType, string> = {
  depends_on: 'dependency_of',
  derives_from: 'has_derivation',
  links_to: 'linked_from',
  child_of: 'parent_of',
};

/** CKAN 2.7's group and tag entities list at most this many datasets (`group_dictize`, `tag_dictize`). */
const entityDatasetLimit = 1000;
/** `revision_list` answers at most 50 ids. */
export const revisionPageSize = 50;

/**
 * `searchOrder`: the datasets in search order when the caller has it already (the action API's
 * prepared dicts are sorted so): sorted again, with two lookups a comparison, it was the largest
 * cost of this context that grew faster than the catalogue.
 */
export function legacyContext(catalogue: WriterCatalogue, ckan: CkanContext, searchOrder: WriterDataset[] | null = null): LegacyContext {
  const revisionUuids = new Map(catalogue.revisions.map((revision) => [revision.id, ckanIds.revision(catalogue.site.url, revision.id)]));
  const revisionsByDataset = new Map<string, Revision[]>();
  for (const revision of catalogue.revisions) {
    for (const id of revision.datasets) {
      const list = revisionsByDataset.get(id);
      if (list) list.push(revision);
      else revisionsByDataset.set(id, [revision]);
    }
  }
  const modified = (dataset: WriterDataset) => ckan.datasetDates.get(dataset.id)!.modified;
  const uuid = (dataset: WriterDataset) => ckan.datasetUuids.get(dataset.id)!;
  const order = searchOrder ?? [...catalogue.datasets].sort((a, b) => byText(modified(b), modified(a)) || byText(uuid(a), uuid(b)));
  // One pass for every topic, not one pass of the catalogue a topic and version.
  const topicMembers = new Map<string, WriterDataset[]>(catalogue.topics.map((topic) => [topic.id, []]));
  for (const dataset of order) {
    for (const topicId of new Set(dataset.topics.map((topic) => topic.id))) topicMembers.get(topicId)?.push(dataset);
  }
  return {
    ckan,
    catalogue,
    datasetsById: new Map(catalogue.datasets.map((dataset) => [dataset.id, dataset])),
    revisionUuids,
    revisionsByDataset,
    searchOrder: order,
    topicMembers,
  };
}

/** How a version refers to a dataset: v1 by name, v2 by id. */
export function datasetRef(dataset: WriterDataset, version: ApiVersion, context: LegacyContext): string {
  return version === 1 ? dataset.name : context.ckan.datasetUuids.get(dataset.id)!;
}

/** The Dataset entity: the package dict as CKAN 2.7's `package_to_api` reshaped it. */
export function datasetEntity(dataset: WriterDataset, version: ApiVersion, context: LegacyContext, packageDictOfDataset: PackageDict = packageDict(dataset, context.ckan)) {
  const { relationships_as_subject: _subject, relationships_as_object: _object, ...dict } = packageDictOfDataset;
  const latest = context.revisionsByDataset.get(dataset.id)?.[0];
  return {
    ...dict,
    // The latest revision that touched the dataset, as CKAN's package row had it.
    revision_id: latest ? context.revisionUuids.get(latest.id)! : null,
    resources: dict.resources.map(({ state: _state, ...resource }) => resource),
    tags: dict.tags.map((tag) => tag.name),
    extras: Object.fromEntries(dict.extras.map((extra) => [extra.key, extra.value])),
    groups: dict.groups.map((group) => (version === 1 ? group.name : group.id)),
    license: dataset.licence?.title ?? null,
    ratings_average: null,
    ratings_count: 0,
    notes_rendered: dataset.descriptionHtml,
    // Where the dataset's page is on this site (CKAN: `<site_url>/dataset/<name>`).
    ckan_url: dataset.webpage,
    relationships: relationshipsOf(dataset, version, context).map((item) => item.relationship),
    ...(version === 1 && dataset.resources.length > 0 ? { download_url: dataset.resources[0]!.url } : {}),
  };
}

/**
 * A dataset's relationships from its own point of view (CKAN's `as_dict(package)`): those where it
 * is the object come first, their type reversed, then those where it is the subject. `other` is
 * our id of the other dataset, for the lookups by it.
 */
export function relationshipsOf(dataset: WriterDataset, version: ApiVersion, context: LegacyContext) {
  const ref = (id: string) => datasetRef(context.datasetsById.get(id)!, version, context);
  const own = ref(dataset.id);
  const seen = (type: string, other: string, row: RelationshipRow) => ({ other, relationship: { subject: own, type, object: ref(other), comment: row.comment } });
  return [
    ...(context.ckan.relationshipsAsObject.get(dataset.id) ?? []).map((row) => seen(reverseOf[row.type], row.subject, row)),
    ...(context.ckan.relationshipsAsSubject.get(dataset.id) ?? []).map((row) => seen(row.type, row.object, row)),
  ];
}

/** `package_revision_list`: the revisions that touched the dataset, newest first. */
function datasetRevisions(dataset: WriterDataset, context: LegacyContext) {
  return (context.revisionsByDataset.get(dataset.id) ?? []).map((revision) => revisionSummary(revision, context));
}

function revisionSummary(revision: Revision, context: LegacyContext) {
  return {
    id: context.revisionUuids.get(revision.id)!,
    timestamp: ckanDateTime(revision.timestamp),
    message: revision.message,
    author: revision.author,
    approved_timestamp: null,
  };
}

/**
 * The Revision entity (`revision_as_dict`). CKAN's code names the datasets `packages`; the
 * reference document says `datasets`: both keys carry the same list.
 */
export function revisionEntity(revision: Revision, version: ApiVersion, context: LegacyContext) {
  const datasets = revision.datasets
    .flatMap((id) => {
      const dataset = context.datasetsById.get(id);
      return dataset ? [datasetRef(dataset, version, context)] : [];
    })
    .sort(byText);
  return { ...revisionSummary(revision, context), packages: datasets, groups: [] as string[], datasets };
}

/** The Group entity (`group_to_api`): the group dict with extras as an object and its datasets, sorted. */
export function groupEntity(topicId: string, version: ApiVersion, context: LegacyContext) {
  const topic = context.catalogue.topics.find((item) => item.id === topicId)!;
  const members = context.topicMembers.get(topicId) ?? context.searchOrder.filter((dataset) => dataset.topics.some((item) => item.id === topicId));
  return {
    ...groupShow(topic, context.ckan),
    extras: {},
    packages: refsSorted(members.slice(0, entityDatasetLimit), version, context),
  };
}

/** The Tag entity (`tag_to_api`): the datasets carrying the tag, sorted. */
export function tagEntity(members: readonly WriterDataset[], version: ApiVersion, context: LegacyContext): string[] {
  return refsSorted(members.slice(0, entityDatasetLimit), version, context);
}

function refsSorted(datasets: readonly WriterDataset[], version: ApiVersion, context: LegacyContext): string[] {
  // Array's own order for strings is code-unit order, `byText`'s, without a call into a comparator
  // for each comparison (a thousand refs for each of hundreds of tags and groups, in each version).
  return datasets.map((dataset) => datasetRef(dataset, version, context)).sort();
}

/** `license_list` as API v1/v2 gave it: CKAN 2.7's `as_dict` added the two booleans. */
export function licensesList(catalogue: WriterCatalogue) {
  return licenseList(catalogue).map((licence) => ({
    ...licence,
    is_okd_compliant: licence.od_conformance === 'approved',
    is_osi_compliant: licence.osd_conformance === 'approved',
  }));
}

/**
 * A filter of names in one folder that lets through only the first of those differing in letter
 * case only (`FOI`, `foi`: tags in name order), so macOS and Windows file systems get the same
 * files as Linux; the other answers by its UUID.
 */
export function caseInsensitivelyUnique(): (name: string) => boolean {
  const taken = new Set<string>();
  return (name) => {
    const folded = name.toLowerCase();
    if (taken.has(folded)) return false;
    taken.add(folded);
    return true;
  };
}

/** Longest file name most file systems take, in bytes. */
const maxFileNameBytes = 255;
export const fitsFileName = (name: string) => Buffer.byteLength(name) <= maxFileNameBytes;

/**
 * A key as a path segment. Servers decode the path before they look for the file, so the file is
 * named with the key itself; a key that cannot be a file name (a `/`, `.`/`..`, the folder answer's
 * name, too long) or that a by-extension host would serve as a page (`report.html`) has no path form.
 */
export function pathSegment(key: string): string | null {
  const unusable = key === '' || key === '.' || key === '..' || key === folderAnswerName || key.includes('/') || key.includes('\0') || !fitsFileName(key) || servedAsMarkup(key);
  return unusable ? null : key;
}

const both = (...segments: string[]) => apiVersions.map((version) => restFile(version, ...segments));

/**
 * Each dataset's answers live under the one key its version refers to it by (v1 its name, v2 its
 * UUID: what the version's registers, searches and relationships list), `rest/dataset/<ref>/…`.
 * The other keys are the request handler's (docs/decisions/ckan-static-api.md, "Lean layout").
 */
function underDataset(dataset: WriterDataset, version: ApiVersion, context: LegacyContext, ...rest: string[]): string[] {
  return [restFile(version, 'dataset', datasetRef(dataset, version, context), ...rest)];
}

/** `/rest/dataset`: names (v1, by name) or ids (v2, by id). */
export function* datasetRegister({ catalogue, ckan }: LegacyContext): Generator<Answer> {
  const folder = catalogue.datasets.length > 0;
  // Sorted in code-unit order (`byText`'s), by Array's own comparison.
  yield { paths: [restFile(1, 'dataset')], folder, body: catalogue.datasets.map((dataset) => dataset.name).sort() };
  yield { paths: [restFile(2, 'dataset')], folder, body: [...ckan.datasetUuids.values()].sort() };
}

/**
 * `/rest/dataset/<ref>`: written as no file; the request handler answers it from the index
 * (src/ckan-handler/model-api.ts, `handlerOnly` in legacy-api.ts). These are the bodies it is
 * tested against byte for byte, at the paths the build wrote them to until then.
 */
export function* datasetEntities(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    const dict = packageDict(dataset, context.ckan);
    for (const version of apiVersions) yield { paths: underDataset(dataset, version, context), folder: true, body: datasetEntity(dataset, version, context, dict) };
  }
}

/**
 * `/rest/dataset/<ref>/revisions`: the same body in both versions (revisions are ids). Written as no
 * file: the request handler answers it (and `[]` for a dataset without revisions, as CKAN did);
 * these are the bodies it is tested against.
 */
export function* datasetRevisionLists(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    const revisions = datasetRevisions(dataset, context);
    if (revisions.length > 0) yield { paths: apiVersions.flatMap((version) => underDataset(dataset, version, context, 'revisions')), folder: true, body: revisions };
  }
}

type SeenRelationship = ReturnType<typeof relationshipsOf>[number];
const relationshipAnswer = (paths: string[], folder: boolean, items: readonly SeenRelationship[]): Answer => ({ paths, folder, body: items.map((item) => item.relationship) });

/** `/rest/dataset/<ref>/relationships`: all of a dataset's relationships; not written when it has none (CKAN: `[]`). */
export function* relationshipRegisters(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    for (const version of apiVersions) {
      const seen = relationshipsOf(dataset, version, context);
      if (seen.length > 0) yield relationshipAnswer(underDataset(dataset, version, context, 'relationships'), true, seen);
    }
  }
}

/** `/rest/dataset/<ref>/relationships/<ref2>`: those with one other dataset (only datasets it is related to). */
export function* relationshipsWithDataset(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    for (const version of apiVersions) yield* withEachOther(dataset, version, context, relationshipsOf(dataset, version, context), 'relationships');
  }
}

/** `/rest/dataset/<ref>/<type>`: those of one type (only types it has: CKAN answers "Not found" for others). */
export function* relationshipsOfType(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    for (const version of apiVersions) {
      for (const [type, items] of byType(relationshipsOf(dataset, version, context))) yield relationshipAnswer(underDataset(dataset, version, context, type), true, items);
    }
  }
}

/** `/rest/dataset/<ref>/<type>/<ref2>`: the relationship entity. CKAN's code answers a list here too. */
export function* relationshipEntities(context: LegacyContext): Generator<Answer> {
  for (const dataset of context.catalogue.datasets) {
    for (const version of apiVersions) {
      for (const [type, items] of byType(relationshipsOf(dataset, version, context))) yield* withEachOther(dataset, version, context, items, type);
    }
  }
}

function byType(items: readonly SeenRelationship[]): [string, SeenRelationship[]][] {
  const types = [...new Set(items.map((item) => item.relationship.type))].sort(byText);
  return types.map((type) => [type, items.filter((item) => item.relationship.type === type)]);
}

function* withEachOther(dataset: WriterDataset, version: ApiVersion, context: LegacyContext, items: readonly SeenRelationship[], segment: string): Generator<Answer> {
  for (const other of new Set(items.map((item) => item.other))) {
    const otherRef = datasetRef(context.datasetsById.get(other)!, version, context);
    const paths = underDataset(dataset, version, context, segment).map((folder) => `${folder}/${otherRef}`);
    yield relationshipAnswer(paths, false, items.filter((item) => item.other === other));
  }
}

/** `/rest/group`: topic names (v1) or ids (v2), in `group_list` order. */
export function* groupRegister({ catalogue }: LegacyContext): Generator<Answer> {
  const names = groupList(catalogue);
  yield { paths: [restFile(1, 'group')], folder: names.length > 0, body: names };
  yield { paths: [restFile(2, 'group')], folder: names.length > 0, body: names.map((name) => ckanIds.group(catalogue.site.url, name)) };
}

/** `/rest/group/<ref>`, by name or UUID. */
export function* groupEntities(context: LegacyContext): Generator<Answer> {
  for (const topic of context.catalogue.topics) {
    const keys = [topic.id, ckanIds.group(context.catalogue.site.url, topic.id)];
    for (const version of apiVersions) yield { paths: keys.map((key) => restFile(version, 'group', key)), folder: false, body: groupEntity(topic.id, version, context) };
  }
}

/** `/rest/tag`: tag names in both versions. */
export function* tagRegister(context: LegacyContext): Generator<Answer> {
  const names = tagList(context.ckan);
  yield { paths: both('tag'), folder: names.length > 0, body: names };
}

/** `/rest/tag/<name>`, by name (as the reference document has it) and by UUID (as CKAN's `tag_show` also accepts). */
export function* tagEntities(context: LegacyContext): Generator<Answer> {
  const unique = caseInsensitivelyUnique();
  for (const [name, members] of datasetsByTag(context)) {
    const keys = [pathSegment(name), ckanIds.tag(context.catalogue.site.url, name)].filter((key): key is string => key !== null && unique(key));
    for (const version of apiVersions) yield { paths: keys.map((key) => restFile(version, 'tag', key)), folder: false, body: tagEntity(members, version, context) };
  }
}

/** `/rest/revision`: the newest 50 revision ids, newest first (`revision_list`). */
export function* revisionRegister(context: LegacyContext): Generator<Answer> {
  const { revisions } = context.catalogue;
  yield { paths: both('revision'), folder: revisions.length > 0, body: revisions.slice(0, revisionPageSize).map((revision) => context.revisionUuids.get(revision.id)!) };
}

/** `/rest/revision/<id>`, by UUID or by commit hash. */
export function* revisionEntities(context: LegacyContext): Generator<Answer> {
  for (const revision of context.catalogue.revisions) {
    const keys = [context.revisionUuids.get(revision.id)!, revision.id];
    for (const version of apiVersions) yield { paths: keys.map((key) => restFile(version, 'revision', key)), folder: false, body: revisionEntity(revision, version, context) };
  }
}

/** `/rest/licenses`. */
export function* licenses({ catalogue }: LegacyContext): Generator<Answer> {
  yield { paths: both('licenses'), folder: false, body: licensesList(catalogue) };
}

/** The datasets carrying each CKAN tag name (`ckanTagName`), in search order; tags by name. */
export function datasetsByTag(context: LegacyContext): Map<string, WriterDataset[]> {
  const tagged = new Map<string, WriterDataset[]>([...context.ckan.tags.keys()].map((name) => [name, []]));
  // Each dataset's names as the context worked them out (a dataset without: a context made by hand).
  for (const dataset of context.searchOrder) for (const name of context.ckan.datasetTags.get(dataset.id) ?? ckanTagNames(dataset)) tagged.get(name)?.push(dataset);
  return tagged;
}
