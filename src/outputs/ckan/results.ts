// The `result` of every CKAN action we answer other than the package dict itself: lists,
// organization/group/tag dicts, licences, status, and the shape of a search page. Plain data in
// CKAN 2.11's key order (docs/ckan-reference-notes.md §A2, §A3); the envelope is added elsewhere.
import type { Licence, Site, Team, Topic } from '../../catalogue/model.ts';
import type { WriterCatalogue } from '../../build/writer-input.ts';
import { jsonText } from '../json-text.ts';
import { byText, type CkanContext } from './context.ts';
import { unknownDate } from './dates.ts';
import { ckanIds } from './ids.ts';
import { ckanListOrder, teamImageUrl } from './package.ts';

/** The `ckan_version` we report: 2.10 still has `site_read`, which some clients call first; the shapes are 2.10's and 2.11's alike. */
export const reportedCkanVersion = '2.10.0';

/** CKAN's default sort for an empty query, echoed on every search page (our one order: newest first, then id). */
export const defaultSearchSort = 'score desc, metadata_modified desc';

const byTitleThenName = <T extends { title: string; id: string }>(a: T, b: T) => byText(a.title, b.title) || byText(a.id, b.id);

/** `package_list`: the names of the datasets, by name. */
export function packageList(catalogue: WriterCatalogue): string[] {
  return catalogue.datasets.map((dataset) => dataset.name).sort(byText);
}

/** `organization_list`: team names, by title (CKAN's default `sort=title asc`). */
export function organizationList(catalogue: WriterCatalogue): string[] {
  return [...catalogue.teams].sort(byTitleThenName).map((team) => team.id);
}

/** `group_list`: topic names, by title. */
export function groupList(catalogue: WriterCatalogue): string[] {
  return [...catalogue.topics].sort(byTitleThenName).map((topic) => topic.id);
}

/** `organization_show` with CKAN's defaults: the dataset count, no datasets; keys as its show schema leaves them. */
export function organizationShow(team: Team, context: CkanContext) {
  const imageUrl = teamImageUrl(team, context.site);
  return groupDict({
    created: context.teamCreated.get(team.id) ?? unknownDate,
    description: team.description ?? '',
    id: ckanIds.organization(context.site.url, team.id),
    imageUrl,
    isOrganization: true,
    name: team.id,
    packageCount: context.datasetCountByTeam.get(team.id) ?? 0,
    title: team.title,
  });
}

/** `group_show` of a topic, likewise. */
export function groupShow(topic: Topic, context: CkanContext) {
  return groupDict({
    created: context.topicCreated.get(topic.id) ?? unknownDate,
    description: topic.description ?? '',
    id: ckanIds.group(context.site.url, topic.id),
    imageUrl: '',
    isOrganization: false,
    name: topic.id,
    packageCount: context.datasetCountByTopic.get(topic.id) ?? 0,
    title: topic.title,
  });
}

interface GroupFacts {
  created: string;
  description: string;
  id: string;
  imageUrl: string;
  isOrganization: boolean;
  name: string;
  packageCount: number;
  title: string;
}

function groupDict(group: GroupFacts) {
  return {
    approval_status: 'approved',
    created: group.created,
    description: group.description,
    display_name: group.title,
    id: group.id,
    image_display_url: group.imageUrl,
    image_url: group.imageUrl,
    is_organization: group.isOrganization,
    name: group.name,
    num_followers: 0,
    package_count: group.packageCount,
    state: 'active',
    title: group.title,
    type: group.isOrganization ? 'organization' : 'group',
    // No extras, tags, sub-groups or members: empty, in the order CKAN's dictizer adds them.
    ...ckanListOrder({ extras: [] as never[], tags: [] as never[], groups: [] as never[], users: [] as never[] }),
  };
}

/** `tag_list`: the names of the tags on the datasets of this build, sorted. */
export function tagList(context: CkanContext): string[] {
  return [...context.tags.keys()];
}

/** `tag_show` (without datasets, CKAN's default): not validated by CKAN, so in its own order. */
export function tagShow(name: string, context: CkanContext) {
  return { id: ckanIds.tag(context.site.url, name), name, vocabulary_id: null, display_name: name };
}

/**
 * `license_list`: CKAN's licence dict (`DefaultLicense.copy()`), where every value is a string.
 * Our licences say only whether they are open, so the rest is CKAN's defaults, with `domain_data`
 * "True": every licence here licenses data.
 */
export function licenseList(catalogue: WriterCatalogue) {
  return catalogue.licences.map((licence: Licence) => ({
    domain_content: 'False',
    id: licence.id,
    domain_data: 'True',
    domain_software: 'False',
    family: '',
    is_generic: 'False',
    od_conformance: licence.open ? 'approved' : 'not reviewed',
    osd_conformance: 'not reviewed',
    maintainer: '',
    status: 'active',
    url: licence.url ?? '',
    title: licence.title,
  }));
}

/** `status_show`. CKAN's `site_url` has no trailing slash; its locales are written `en_GB`. */
export function statusShow(site: Site) {
  return {
    site_title: site.title,
    site_description: site.description,
    site_url: site.url.replace(/\/$/, ''),
    error_emails_to: null,
    locale_default: site.language.replace(/-/g, '_'),
    extensions: [] as string[],
    ckan_version: reportedCkanVersion,
  };
}

/** `site_read` (CKAN ≤ 2.10): the site may be read. */
export function siteRead(): true {
  return true;
}

/** A `package_search` result: no facet fields asked, so both facet keys are empty (§A2). */
export function packageSearchResult<T>(count: number, results: T[]) {
  return { count, facets: {}, results, sort: defaultSearchSort, search_facets: {} };
}

/** The same, around results that are already JSON text (the cached package dicts), in pieces. */
export function packageSearchJson(count: number, resultJsons: readonly string[]): Generator<string> {
  return spliceList(jsonText(packageSearchResult(count, [])), '"results":[]', resultJsons);
}

/** data.gov.uk's `/api/3/search/dataset`: `fl` projections with the count. */
export function searchDatasetResult<T>(count: number, results: T[]) {
  return { count, results };
}

export function searchDatasetJson(count: number, resultJsons: readonly string[]): Generator<string> {
  return spliceList(jsonText(searchDatasetResult(count, [])), '"results":[]', resultJsons);
}

/** `current_package_list_with_resources`: a bare list of package dicts. */
export function packageListJson(resultJsons: readonly string[]): Generator<string> {
  return spliceList('[]', '[]', resultJsons);
}

/** Puts serialised items into the one empty list `marker` of `json`, piece by piece. */
function* spliceList(json: string, marker: string, itemJsons: readonly string[]): Generator<string> {
  const at = json.indexOf(marker);
  if (at < 0 || json.indexOf(marker, at + 1) >= 0) throw new Error(`expected exactly one ${marker} in ${json}`);
  yield json.slice(0, at + marker.length - 1);
  for (let index = 0; index < itemJsons.length; index++) yield index === 0 ? itemJsons[index]! : `,${itemJsons[index]}`;
  yield json.slice(at + marker.length - 1);
}
