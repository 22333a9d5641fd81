// The read actions about organizations (teams), groups (topics), tags, licences and the site, as
// CKAN 2.10/2.11 answer them (`ckan/logic/action/get.py`): `organization_list`/`group_list` with
// `all_fields`, `sort`, `q`, `limit`/`offset`; `organization_show`/`group_show` with
// `include_datasets` and the other `include_*`; `tag_list`, `tag_show`; `license_list`,
// `status_show`, `site_read`. Each returns its `result` as JSON text.
import { byText } from '../outputs/ckan/order.ts';
import type { ActionContext } from './actions.ts';
import { invalid, invalidFields, notFound } from './errors.ts';
import { groupDictJson, type GroupDictOptions } from './group-dicts.ts';
import { jsonArrayOf, jsonObjectOf, jsonText } from './json.ts';
import { asBool, commaList, InvalidValue, naturalNumber, textValue, validated, type Params } from './params.ts';
import type { GroupDict, PreparedIndex } from './prepared-index.ts';
import { postingsOf } from './search-index.ts';

/** `group_dictize`'s `packages` for `include_datasets`: the first page of `package_search` (10, CKAN's default rows), and the count. */
const groupDatasetRows = 10;
/** `tag_show`'s `include_datasets` asks for up to 1000. */
const tagDatasetRows = 1000;

function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === null) throw invalidFields({ [name]: ['Missing value'] });
  return validated(params, name, textValue);
}

/** A boolean `include_*` option; CKAN's `_group_or_org_show` refuses other words with one message. */
function include(params: Params, name: string, missing: boolean): boolean {
  try {
    return asBool(params[name], missing);
  } catch (error) {
    if (error instanceof InvalidValue) throw invalid('Parameter is not an bool');
    throw error;
  }
}

function flag(params: Params, name: string, missing = false): boolean {
  return validated(params, name, (value) => asBool(value, missing));
}

/** The places of the datasets of an organization (by id) or group (by name), in the index's order. */
function datasetsOf(index: PreparedIndex, group: GroupDict): number[] {
  return placesWith(index, group.is_organization ? 'owner_org' : 'groups', group.is_organization ? group.id : group.name);
}

/** The places of the datasets holding an exact value, in the index's order. */
function placesWith(index: PreparedIndex, field: string, value: string): number[] {
  return [...(postingsOf(index.search.exact.get(field), value)?.places ?? [])];
}

function groupOptions(params: Params, index: PreparedIndex, group: GroupDict, defaults: boolean): GroupDictOptions {
  const withDatasets = include(params, 'include_datasets', false);
  // Followers are always 0 here: `include_followers` is checked, and changes nothing.
  include(params, 'include_followers', true);
  const places = withDatasets ? datasetsOf(index, group) : [];
  return {
    datasets: withDatasets ? places.slice(0, groupDatasetRows).map((place) => index.packages[place]!.json) : null,
    packageCount: withDatasets ? places.length : include(params, 'include_dataset_count', true) ? group.package_count : null,
    extras: include(params, 'include_extras', defaults),
    tags: include(params, 'include_tags', defaults),
    groups: include(params, 'include_groups', defaults),
    users: include(params, 'include_users', defaults),
    memberCount: include(params, 'include_member_count', false),
  };
}

/** `organization_show` / `group_show`, by id or name. */
export function groupShow(params: Params, { index }: ActionContext, isOrganization: boolean): string {
  const key = required(params, 'id');
  const group = (isOrganization ? index.organizationByKey : index.groupByKey).get(key);
  if (!group) throw notFound();
  return groupDictJson(group, groupOptions(params, index, group, true));
}

/** `_unpick_search` for the lists: one `field [asc|desc]` of `name`, `title`, `package_count` (`packages`). */
function listSort(text: string): { field: string; descending: boolean } {
  const sort = ['packages', 'package_count'].includes(text.trim()) ? 'package_count desc' : text;
  const parts = sort.split(',');
  if (parts.length > 1) throw invalid('Too many sort criteria provided only 1 allowed');
  const [field = '', direction = 'asc'] = parts[0]!.trim().split(/\s+/);
  if (!['name', 'packages', 'package_count', 'title'].includes(field)) throw invalid(`Cannot sort by field \`${field}\``);
  const order = direction.toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw invalid(`Invalid sort direction \`${order}\``);
  return { field: field === 'packages' ? 'package_count' : field, descending: order === 'desc' };
}

/** `organization_list` / `group_list`: names, or with `all_fields` the dicts (at most 25 a page, as CKAN). */
export function groupList(params: Params, { index }: ActionContext, isOrganization: boolean): string {
  const { catalogue } = index;
  const limit = params.limit ? validated(params, 'limit', naturalNumber) : null;
  const offset = params.offset ? (validated(params, 'offset', naturalNumber) ?? 0) : 0;
  const sortText = (params.sort ? validated(params, 'sort', textValue) : '') || (params.order_by ? validated(params, 'order_by', textValue) : '') || 'title asc';
  const sort = listSort(sortText);
  const q = params.q ? validated(params, 'q', textValue).trim().toLowerCase() : '';
  const namesParam = isOrganization ? 'organizations' : 'groups';
  const names = params[namesParam] ? validated(params, namesParam, commaList) : null;
  const type = params.type === undefined ? (isOrganization ? 'organization' : 'group') : validated(params, 'type', textValue);
  const allFields = flag(params, 'all_fields');
  const maxLimit = allFields ? 25 : 1000;
  const pageSize = limit === null || limit > maxLimit ? maxLimit : limit;

  const byTitle = (a: GroupDict, b: GroupDict) => byText(a.title, b.title) || byText(a.name, b.name);
  const compare: Record<string, (a: GroupDict, b: GroupDict) => number> = {
    name: (a, b) => byText(a.name, b.name),
    title: byTitle,
    package_count: (a, b) => a.package_count - b.package_count || byTitle(a, b),
  };
  const chosen = (isOrganization ? catalogue.organizations : catalogue.groups)
    .filter((group) => group.type === type)
    .filter((group) => names === null || names.includes(group.name))
    .filter((group) => q === '' || [group.name, group.title, group.description].some((text) => text.toLowerCase().includes(q)))
    .sort((a, b) => (sort.descending ? -1 : 1) * compare[sort.field]!(a, b))
    .slice(offset, offset + pageSize);
  if (!allFields) return jsonText(chosen.map((group) => group.name));
  return jsonArrayOf(chosen.map((group) => groupDictJson(group, groupOptions(params, index, group, false))));
}

/**
 * `tag_list`: names, or with `all_fields` the tag dicts; `q`/`query` keeps tags containing each
 * term (ignoring case). `limit`/`offset` page the list (CKAN honours them only with a query).
 */
export function tagList(params: Params, { index }: ActionContext): string {
  const vocabulary = params.vocabulary_id ? validated(params, 'vocabulary_id', textValue) : '';
  const queryParam = params.query ? 'query' : 'q';
  const query = params[queryParam];
  const terms = (query === undefined || query === null || query === '' ? [] : Array.isArray(query) ? query : [query]).map((term) => textValue(term).trim().toLowerCase()).filter((term) => term !== '');
  // No tag belongs to a vocabulary here.
  if (vocabulary !== '') {
    if (terms.length > 0) return '[]';
    throw notFound(`could not find vocabulary '${vocabulary}'`);
  }
  const offset = validated(params, 'offset', naturalNumber) ?? 0;
  const limit = validated(params, 'limit', naturalNumber);
  const tags = index.catalogue.tags.filter((tag) => terms.every((term) => tag.name.toLowerCase().includes(term))).slice(offset, limit === null ? undefined : offset + limit);
  return flag(params, 'all_fields') ? jsonText(tags) : jsonText(tags.map((tag) => tag.name));
}

/** `tag_show`, by name or id; `include_datasets` adds the datasets carrying it (up to 1000). */
export function tagShow(params: Params, { index }: ActionContext): string {
  const key = required(params, 'id');
  if (params.vocabulary_id) throw notFound();
  const tag = index.tagByKey.get(key);
  if (!tag) throw notFound();
  const entries = Object.entries(tag).map(([name, value]) => [name, jsonText(value)] as [string, string]);
  if (flag(params, 'include_datasets')) {
    const packages = placesWith(index, 'tags', tag.name)
      .slice(0, tagDatasetRows)
      .map((place) => index.packages[place]!.json);
    entries.push(['packages', jsonArrayOf(packages)]);
  }
  return jsonObjectOf(entries);
}

export const licenseList = (_params: Params, { index }: ActionContext) => jsonText(index.catalogue.licences);
export const statusShow = (_params: Params, { index }: ActionContext) => jsonText(index.catalogue.status);
export const siteRead = () => 'true';
