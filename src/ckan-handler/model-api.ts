// API v1/v2's Model API for one dataset (`/api/{1,2}/rest/dataset/<ref>` and its `/revisions`), as
// CKAN 2.7 answered it, made from the index: the package dict reshaped as `package_to_api` did, and
// the revisions the build put beside it (index-files.ts, `legacy`). The static writer's
// `datasetEntity` (src/outputs/ckan/rest.ts) is the same reshaping from the catalogue; the two
// agree byte for byte (test/ckan-handler/model-api.test.ts), so the build writes no file for these.
// v1 refers to datasets and groups by name, v2 by id; either takes both keys, as CKAN's did.
import type { PackageDict } from '../outputs/ckan/package.ts';
import { jsonText } from './json.ts';
import type { PreparedIndex } from './prepared-index.ts';

export interface ModelAnswer {
  status: number;
  json: string;
}

/** CKAN 2.7's v1/v2 answer when nothing has the key: a bare JSON string. */
const notFound: ModelAnswer = { status: 404, json: jsonText('Not found') };

/** A relationship seen from its object: the type as the object names it (CKAN's `reverse_type`). */
const reverseOf: Record<string, string> = {
  depends_on: 'dependency_of',
  derives_from: 'has_derivation',
  links_to: 'linked_from',
  child_of: 'parent_of',
};

type Relationship = PackageDict['relationships_as_subject'][number];

/** `/rest/dataset/<ref>` (`part` 'entity') or `/rest/dataset/<ref>/revisions`, by name or id, in either version. */
export function datasetAnswer(version: 1 | 2, ref: string, part: 'entity' | 'revisions', index: PreparedIndex): ModelAnswer {
  const place = index.packageByKey.get(ref);
  if (place === undefined) return notFound;
  const [notesRendered, revisionPlaces] = index.catalogue.legacy.datasets[place]!;
  const revisions = revisionPlaces.map((at) => index.catalogue.legacy.revisions[at]!);
  if (part === 'revisions') return { status: 200, json: jsonText(revisions.map((revision) => ({ ...revision, approved_timestamp: null }))) };
  const dict = JSON.parse(index.packages[place]!.json) as PackageDict;
  return { status: 200, json: jsonText(datasetEntity(dict, version, notesRendered, revisions[0]?.id ?? null, index)) };
}

/** `package_to_api`: keys in the order src/outputs/ckan/rest.ts `datasetEntity` writes them. */
function datasetEntity(packageDict: PackageDict, version: 1 | 2, notesRendered: string, revisionId: string | null, index: PreparedIndex) {
  const { relationships_as_subject: asSubject, relationships_as_object: asObject, ...dict } = packageDict;
  // v1 names the other dataset, v2 gives its id; one not in the index (never: the index is the public view) keeps its id.
  const ref = (id: string) => {
    if (version === 2) return id;
    const place = index.packageByKey.get(id);
    return place === undefined ? id : index.packages[place]!.name;
  };
  const own = ref(dict.id);
  const seen = (row: Relationship, type: string, other: string) => ({ subject: own, type, object: ref(other), comment: 'comment' in row ? row.comment : null });
  return {
    ...dict,
    revision_id: revisionId,
    resources: dict.resources.map(({ state: _state, ...resource }) => resource),
    tags: dict.tags.map((tag) => tag.name),
    extras: Object.fromEntries(dict.extras.map((extra) => [extra.key, extra.value])),
    groups: dict.groups.map((group) => (version === 1 ? group.name : group.id)),
    license: dict.license_title,
    ratings_average: null,
    ratings_count: 0,
    notes_rendered: notesRendered,
    ckan_url: dict.url,
    relationships: [
      ...asObject.map((row) => seen(row, reverseOf[row.type] ?? row.type, row.__extras.subject_package_id)),
      ...asSubject.map((row) => seen(row, row.type, row.__extras.object_package_id)),
    ],
    ...(version === 1 && dict.resources.length > 0 ? { download_url: dict.resources[0]!.url } : {}),
  };
}
