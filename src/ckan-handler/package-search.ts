// `package_search` (and `/api/3/search/dataset`, its older door): CKAN's parameter schema
// (`default_package_search_schema`), the parameters CKAN passes on to Solr, and the answer's shape
// (`ckan/logic/action/get.py package_search`). A parameter is honoured, or refused with CKAN's
// error; none is dropped: unknown ones are CKAN's "Invalid search parameters", and the Solr
// parameters this handler does not implement are named in a `Search Query Error`.
import { invalidFields, searchQueryError } from './errors.ts';
import { facetsJson, searchFacetsJson } from './facets.ts';
import { jsonArrayOf, jsonObjectOf, jsonText } from './json.ts';
import { asBool, intValue, InvalidValue, jsonListOfStrings, listOfText, naturalNumber, textValue, type Params } from './params.ts';
import { UnsupportedQuery } from './parse-query.ts';
import type { PreparedIndex } from './prepared-index.ts';
import { parseFieldList, projectionJson } from './projection.ts';
import { runSearch, type SearchRequest } from './search.ts';
import { defaultSort } from './sort.ts';

/** `ckan.search.rows_max`: more rows are cut to this, not refused. */
export const rowsMax = 1000;
/** `search.facets.limit`. */
const defaultFacetLimit = 50;

/** The schema's parameters, in its order (a Validation Error lists the fields so). */
const schema: [name: string, validator: (value: unknown) => unknown][] = [
  ['q', textValue],
  ['fl', listOfText],
  ['fq', textValue],
  ['rows', (value) => Math.min(naturalNumber(value === '' ? null : value) ?? 10, rowsMax)],
  ['sort', textValue],
  ['start', naturalNumber],
  ['qf', textValue],
  ['facet', textValue],
  ['facet.mincount', naturalNumber],
  ['facet.limit', intValue],
  ['facet.field', jsonListOfStrings],
];

/** Read by `package_search` itself, not passed to Solr. */
const flags = ['include_private', 'include_drafts', 'include_deleted', 'use_default_schema'];

/** The other parameters CKAN lets through to Solr (`VALID_SOLR_PARAMETERS`). */
const solrParameters = ['fq_list', 'wt', 'bf', 'boost', 'tie', 'defType', 'mm', 'df', 'extras'];

export interface ValidatedSearch {
  search: SearchRequest;
  /** `sort` as the answer echoes it. */
  sort: string;
  /** The `fl` names, or null for whole package dicts. */
  fields: string[] | null;
}

/** The parameters checked as CKAN checks them, into one search. */
export function validatedSearch(params: Params): ValidatedSearch {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const [name, validator] of [...schema, ...flags.map((name) => [name, (value: unknown) => asBool(value)] as const)]) {
    const value = params[name];
    if ((value === undefined || value === null) && name !== 'rows') continue;
    try {
      values[name] = validator(value);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      errors[name] = [error.message];
    }
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);

  const known = new Set([...schema.map(([name]) => name), ...flags, ...solrParameters]);
  // `ext_*` parameters are for extensions (CKAN moves them aside); none here reads them.
  const invalid = Object.keys(params).filter((name) => !known.has(name) && !name.startsWith('ext_'));
  if (invalid.length > 0) throw searchQueryError(`Invalid search parameters: [${invalid.sort().map((name) => `'${name}'`).join(', ')}]`);
  const unsupported = (name: string, why: string) => searchQueryError(`${name} is not supported by this catalogue's search: ${why}`);
  for (const name of ['qf', 'bf', 'boost', 'tie', 'mm']) if (params[name] !== undefined) throw unsupported(name, 'its relevance is a fixed approximation of CKAN\'s defaults');
  if (params.df !== undefined && params.df !== 'text') throw unsupported('df', 'the default field is text');
  if (params.wt !== undefined && params.wt !== 'json') throw unsupported('wt', 'answers are JSON');
  const defType = params.defType;
  if (defType !== undefined && defType !== 'dismax' && defType !== 'lucene') throw unsupported('defType', 'dismax and lucene are answered');
  const facetSwitch = values.facet === undefined ? 'true' : String(values.facet).toLowerCase();
  if (!['true', 'on', 'yes', 'false', 'off', 'no'].includes(facetSwitch)) throw unsupported('facet', 'true or false');

  const filters = [...(values.fq === undefined ? [] : [values.fq as string]), ...fqList(params.fq_list)];
  const facetFields = (values['facet.field'] as string[] | undefined) ?? [];
  const facetsOn = ['true', 'on', 'yes'].includes(facetSwitch) && facetFields.length > 0;
  const sort = values.sort === undefined || values.sort === 'rank' ? defaultSort : (values.sort as string);
  const fl = (values.fl as string[] | undefined) ?? [];
  let fields: string[] | null;
  try {
    fields = fl.length > 0 ? parseFieldList(fl) : null;
  } catch (error) {
    if (error instanceof UnsupportedQuery) throw searchQueryError(error.message);
    throw error;
  }
  return {
    search: {
      q: (values.q as string | undefined) ?? '',
      parser: (defType as 'dismax' | 'lucene' | undefined) ?? null,
      filters,
      sort,
      rows: values.rows as number,
      start: (values.start as number | null | undefined) ?? 0,
      facets: facetsOn ? { fields: facetFields, limit: (values['facet.limit'] as number | null | undefined) ?? defaultFacetLimit, mincount: (values['facet.mincount'] as number | null | undefined) ?? 1 } : null,
    },
    sort,
    fields,
  };
}

function fqList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  try {
    return listOfText(value);
  } catch (error) {
    if (error instanceof InvalidValue) throw invalidFields({ fq_list: [error.message] });
    throw error;
  }
}

/** `package_search`'s result: `{count, facets, results, sort, search_facets}`, the package dicts spliced in as the index holds them. */
export function packageSearchJson(params: Params, index: PreparedIndex, now: number): string {
  const { search, sort, fields } = validatedSearch(params);
  const result = runSearch(index, search, now);
  const results = result.page.map((place) => {
    const item = index.packages[place]!;
    return fields ? projectionJson(index, item, fields, 'merged') : item.json;
  });
  const counts = result.facets ?? [];
  const displayName = (field: string, value: string) => {
    const titles = index.titles[field as keyof PreparedIndex['titles']];
    const title = titles?.get(value);
    return title && title.trim() !== '' ? title : value;
  };
  return jsonObjectOf([
    ['count', String(result.count)],
    ['facets', facetsJson(counts)],
    ['results', jsonArrayOf(results)],
    ['sort', jsonText(sort)],
    ['search_facets', searchFacetsJson(counts, displayName)],
  ]);
}

/**
 * `/api/3/search/dataset`: the same search, answered `{count, results}` as CKAN's search API did,
 * `fl` defaulting to `name`; `fl=id` or `fl=name` alone gives a list of strings.
 */
export function searchApiJson(params: Params, index: PreparedIndex, now: number): string {
  const { search, fields } = validatedSearch(params);
  const names = fields ?? ['name'];
  const result = runSearch(index, search, now);
  const single = names.length === 1 && (names[0] === 'id' || names[0] === 'name') ? names[0] : null;
  const results = result.page.map((place) => {
    const item = index.packages[place]!;
    return single ? jsonText(single === 'id' ? item.id : item.name) : projectionJson(index, item, names, 'nested');
  });
  return jsonObjectOf([
    ['count', String(result.count)],
    ['results', jsonArrayOf(results)],
  ]);
}
