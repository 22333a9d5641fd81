// The dataset as CKAN's Solr index stores it, for `fl=` projections: a pure function of the package
// dict, without dependencies, so the build's writers and the request handler (src/ckan-handler/,
// which runs where Node.js does not) project alike.
import { solrDateTime } from './dates.ts';
import type { PackageDict } from './package.ts';

/**
 * The dataset as CKAN's Solr index holds it, for `fl=` projections: dates in Solr's `Z` form,
 * `organization` the team's name, `groups` and `tags` lists of names.
 */
export function solrFields(dict: PackageDict) {
  return {
    id: dict.id,
    name: dict.name,
    title: dict.title,
    notes: dict.notes,
    url: dict.url,
    version: dict.version,
    author: dict.author,
    author_email: dict.author_email,
    maintainer: dict.maintainer,
    maintainer_email: dict.maintainer_email,
    owner_org: dict.owner_org,
    organization: dict.organization.name,
    groups: dict.groups.map((group) => group.name),
    tags: dict.tags.map((tag) => tag.name),
    license_id: dict.license_id,
    res_name: dict.resources.map((resource) => resource.name),
    res_description: dict.resources.map((resource) => resource.description),
    res_format: dict.resources.map((resource) => resource.format),
    res_url: dict.resources.map((resource) => resource.url),
    capacity: dict.private ? 'private' : 'public',
    state: dict.state,
    type: dict.type,
    dataset_type: dict.type,
    metadata_created: solrDateTime(dict.metadata_created),
    metadata_modified: solrDateTime(dict.metadata_modified),
  };
}

export type SolrField = keyof ReturnType<typeof solrFields>;

/** The fields asked for by `fl`, in that order (Solr leaves out a field the document lacks). */
export function project(fields: ReturnType<typeof solrFields>, fl: readonly SolrField[]): Partial<ReturnType<typeof solrFields>> {
  return Object.fromEntries(fl.filter((name) => fields[name] !== null).map((name) => [name, fields[name]]));
}
