// The CKAN package dict of a dataset, exactly as CKAN 2.11's `package_show` emits it (keys, order,
// types; docs/ckan-reference-notes.md §A1). `package_show`, `package_search` and
// `current_package_list_with_resources` all use this one function; so does the Solr-style `fl=`
// projection (solr-fields.ts).
import type { Site, Team, Topic } from '../../catalogue/model.ts';
import type { WriterDataset, WriterResource } from '../../build/writer-input.ts';
import { encodePath } from '../../site/links.ts';
import { tableOf, tableSchema } from '../table-schema.ts';
import { byText, ckanTagNames, metadataDates, type CkanContext, type RelationshipRow } from './context.ts';
import { ckanDateTimeOfTimestamp, unknownDate } from './dates.ts';
import { ckanIds, datasetUuid, resourceUuid } from './ids.ts';
import { ckanListOrder } from './order.ts';

export { ckanListOrder };
export { project, solrFields, type SolrField } from './solr-fields.ts';

export function packageDict(dataset: WriterDataset, context: CkanContext) {
  const { site } = context;
  const id = context.datasetUuids.get(dataset.id) ?? datasetUuid(site.url, dataset);
  const dates = context.datasetDates.get(dataset.id) ?? metadataDates(dataset);
  const licence = dataset.licence;
  const notes = dataset.descriptionMarkdown.trim();
  const tagNames = ckanTagNames(dataset);
  // Scalars and the organization first, alphabetically, as CKAN's validation rebuilds the dict.
  const scalars = {
    author: null,
    author_email: null,
    creator_user_id: null,
    id,
    isopen: licence?.open ?? false,
    license_id: licence?.id ?? null,
    license_title: licence?.title ?? null,
    // CKAN leaves the key out when the licence has no URL.
    ...(licence?.url ? { license_url: licence.url } : {}),
    maintainer: dataset.contact?.title ?? null,
    maintainer_email: dataset.contact?.email ?? null,
    metadata_created: dates.created,
    metadata_modified: dates.modified,
    name: dataset.name,
    notes: notes === '' ? null : notes,
    num_resources: dataset.resources.length,
    num_tags: tagNames.length,
    organization: embeddedOrganization(dataset.team, context),
    owner_org: ckanIds.organization(site.url, dataset.team.id),
    private: dataset.sharing === 'private',
    state: 'active',
    title: dataset.title,
    type: 'dataset',
    // CKAN's `url` is the dataset's "source" page: ours is the dataset's page on this site.
    url: dataset.webpage,
    version: null,
  };
  // The lists in the order CKAN's dictizer creates them (which decides where empty ones go).
  const lists = {
    resources: dataset.resources.map((resource) => resourceDict(resource, id, dates.created, dates.modified, site)),
    tags: tagNames.map((name) => ({ display_name: name, id: ckanIds.tag(site.url, name), name, state: 'active', vocabulary_id: null })),
    extras: Object.keys(dataset.custom)
      .sort(byText)
      .map((key) => ({ key, value: extraValue(dataset.custom[key]!) })),
    groups: [...dataset.topics].sort((a, b) => byText(a.title, b.title) || byText(a.id, b.id)).map((topic) => groupItem(topic, site)),
    relationships_as_subject: (context.relationshipsAsSubject.get(dataset.id) ?? []).map((row) => relationshipDict(row, context)),
    relationships_as_object: (context.relationshipsAsObject.get(dataset.id) ?? []).map((row) => relationshipDict(row, context)),
  };
  return { ...scalars, ...ckanListOrder(lists) };
}

export type PackageDict = ReturnType<typeof packageDict>;

/** A resource dict: CKAN's resource columns, alphabetically (§A1.3). */
function resourceDict(resource: WriterResource, packageId: string, created: string, modified: string, site: Site) {
  const table = tableOf(resource);
  return {
    cache_last_updated: null,
    cache_url: null,
    // The model knows when a file last changed, not when it was added: the dataset's creation stands in.
    created,
    // udata requires a string here.
    description: resource.description ?? '',
    // udata requires a string here, and CKAN's `clean_format` gives '' for an unknown one.
    format: resource.format,
    hash: resource.hash ?? '',
    id: resourceUuid(site.url, resource),
    last_modified: resource.timestamp ? ckanDateTimeOfTimestamp(resource.timestamp) : null,
    metadata_modified: modified,
    mimetype: resource.mediaType,
    mimetype_inner: null,
    name: resource.title,
    package_id: packageId,
    position: resource.position,
    resource_type: null,
    // ckanext-validation's key: a Frictionless Table Schema, for a local table only.
    ...(table ? { schema: tableSchema(table) } : {}),
    size: resource.size,
    state: 'active',
    url: resource.url,
    url_type: resource.kind === 'file' ? 'upload' : null,
  };
}

/** A custom field as a CKAN extra: text as it is, a list as JSON (CKAN extras are strings; JSON keeps every item whole). */
function extraValue(value: string | string[]): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A topic inside a package dict: the keys CKAN's show schema keeps for `groups`. */
function groupItem(topic: Topic, site: Site) {
  return {
    description: topic.description ?? '',
    display_name: topic.title,
    id: ckanIds.group(site.url, topic.id),
    image_display_url: '',
    name: topic.id,
    title: topic.title,
  };
}

/**
 * A team inside a package dict: the `group` row's columns in table order, not sorted (§A1.2).
 * `description` and `image_url` are strings, never null: udata type-checks them.
 */
export function embeddedOrganization(team: Team, context: CkanContext) {
  return {
    id: ckanIds.organization(context.site.url, team.id),
    name: team.id,
    title: team.title,
    type: 'organization',
    description: team.description ?? '',
    image_url: teamImageUrl(team, context.site),
    created: context.teamCreated.get(team.id) ?? unknownDate,
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  };
}

/** The team's image as an absolute URL, or '' (CKAN's value for "no image"). */
export function teamImageUrl(team: Team, site: Site): string {
  if (!team.image) return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(team.image.href)) return team.image.href;
  return `${site.url}${encodePath(team.image.href.replace(/^\/+/, ''))}`;
}

/**
 * A relationship row as CKAN 2.11 emits it: the show schema knows `id`, `type` and `comment` (left
 * out when null) and files the row's package ids under `__extras`.
 */
function relationshipDict(row: RelationshipRow, context: CkanContext) {
  const subject = context.datasetUuids.get(row.subject)!;
  const object = context.datasetUuids.get(row.object)!;
  return {
    __extras: { subject_package_id: subject, object_package_id: object },
    ...(row.comment === null ? {} : { comment: row.comment }),
    id: ckanIds.relationship(context.site.url, row.subject, row.type, row.object),
    type: row.type,
  };
}
