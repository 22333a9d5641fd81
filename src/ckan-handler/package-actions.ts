// The read actions about datasets other than the search itself, as CKAN 2.10/2.11 answer them:
// `package_list` and `current_package_list_with_resources` (paged with `limit`/`offset`),
// `package_show` (by id or name, and our id), `resource_show` (by resource id), and
// `package_autocomplete`. The package dicts are the index's JSON text, as `package_show` is
// written in the static files.
import type { PackageDict } from '../outputs/ckan/package.ts';
import { byText } from '../outputs/ckan/order.ts';
import type { ActionContext } from './actions.ts';
import { invalidFields, notFound, unsupportedParameter } from './errors.ts';
import { jsonArrayOf, jsonText } from './json.ts';
import { asBool, naturalNumber, positiveInteger, textValue, validated, type Params } from './params.ts';
import { rowsMax } from './package-search.ts';

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** 2.10's `include_tracking` adds page-view counts, which a static catalogue does not have. */
function refuseTracking(params: Params): void {
  if (validated(params, 'include_tracking', (value) => asBool(value))) throw unsupportedParameter('include_tracking', 'this catalogue does not count page views');
}

/** `package_list`: the names, sorted; `limit`/`offset` page it (a `limit` of 0 means all, as in CKAN). */
export function packageList(params: Params, { index }: ActionContext): string {
  const limit = validated(params, 'limit', naturalNumber);
  const offset = validated(params, 'offset', naturalNumber);
  const names = index.packages.map((item) => item.name).sort(byText);
  const from = offset || 0;
  return jsonText(names.slice(from, limit ? from + limit : undefined));
}

/** `current_package_list_with_resources`: `package_search`'s first page for `limit` (10 by default, at most 1000) from `offset`. */
export function currentPackageList(params: Params, { index }: ActionContext): string {
  const limit = validated(params, 'limit', naturalNumber);
  let offset = validated(params, 'offset', naturalNumber);
  const page = validated(params, 'page', positiveInteger);
  // `page` is CKAN's deprecated form of `offset`.
  if (!present(params.offset) && page !== null) offset = limit ? (page - 1) * limit : 0;
  const rows = Math.min(limit ?? 10, rowsMax);
  const from = offset ?? 0;
  return jsonArrayOf(index.packages.slice(from, from + rows).map((item) => item.json));
}

/** `package_show?id=` (or `name_or_id=`): by CKAN id, name or our id. */
export function packageShow(params: Params, { index }: ActionContext): string {
  const key = params.id ? validated(params, 'id', textValue) : present(params.name_or_id) ? validated(params, 'name_or_id', textValue) : null;
  if (key === null) throw invalidFields({ name_or_id: ['Missing value'] });
  // No custom schema and no plugin data here: the default schema is the one answer either way.
  validated(params, 'use_default_schema', (value) => asBool(value));
  validated(params, 'include_plugin_data', (value) => asBool(value));
  refuseTracking(params);
  const place = index.packageByKey.get(key);
  if (place === undefined) throw notFound();
  return index.packages[place]!.json;
}

/** `resource_show?id=`: the resource dict as it is in its package dict. */
export function resourceShow(params: Params, { index }: ActionContext): string {
  if (!present(params.id)) throw invalidFields({ id: ['Missing value'] });
  const id = validated(params, 'id', textValue);
  refuseTracking(params);
  const place = index.packageByResource.get(id);
  if (place === undefined) throw notFound();
  const dict = JSON.parse(index.packages[place]!.json) as PackageDict;
  return jsonText(dict.resources.find((resource) => resource.id === id)!);
}

/**
 * `package_autocomplete?q=`: datasets whose name or title contains `q` (ignoring case), at most
 * `limit` (10). CKAN asks Solr's n-gram fields; here a substring stands in, names matching first,
 * then in the index's order.
 */
export function packageAutocomplete(params: Params, { index }: ActionContext): string {
  if (!present(params.q)) throw invalidFields({ q: ['Missing value'] });
  const q = validated(params, 'q', textValue);
  const limit = validated(params, 'limit', naturalNumber) ?? 10;
  const wanted = q.toLowerCase();
  const byName = index.packages.filter((item) => item.name.toLowerCase().includes(wanted));
  const byTitle = index.packages.filter((item) => !item.name.toLowerCase().includes(wanted) && item.title.toLowerCase().includes(wanted));
  return jsonText(
    [...byName, ...byTitle].slice(0, limit).map((item) => {
      const inName = item.name.includes(wanted);
      return { name: item.name, title: item.title, match_field: inName ? 'name' : 'title', match_displayed: inName ? item.name : `${item.title} (${item.name})` };
    }),
  );
}
