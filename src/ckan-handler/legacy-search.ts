// The Search API of API v1 and v2 (`/api/search/dataset`, `/api/1/search/dataset`,
// `/api/2/search/dataset`), as CKAN 2.7 answered it (`controllers/api.py search`,
// `lib/search/query.py convert_legacy_parameters_to_solr`): `{count, results}` without an envelope,
// results names (v1) or ids (v2) unless `fl` or `all_fields` ask for more; `limit`/`offset` are
// `rows`/`start` (not capped, as there), `order_by` sorts ascending, and every other parameter is a
// field to match (`tags=Road Safety`, `organization=highways`, `res_format=CSV`). Errors are bare
// JSON strings (`"Bad search option: …"`).
//
// One difference, on purpose: CKAN 2.7 dropped `fq` here; this handler applies it, as it never
// answers 200 while ignoring a parameter.
import { CkanError } from './errors.ts';
import { jsonArrayOf, jsonObjectOf, jsonText } from './json.ts';
import { asBool, InvalidValue } from './params.ts';
import { UnsupportedQuery } from './parse-query.ts';
import type { PreparedIndex } from './prepared-index.ts';
import { parseFieldList, projectionJson } from './projection.ts';
import { runSearch } from './search.ts';

/** An answer of this API: bare JSON, error or not. */
export interface LegacyAnswer {
  status: number;
  json: string;
}

/** CKAN's `VALID_SOLR_PARAMETERS`: passed through; any other parameter is a legacy option or a field. */
const solrParameters = new Set(['q', 'fl', 'fq', 'rows', 'sort', 'start', 'wt', 'qf', 'bf', 'boost', 'facet', 'facet.mincount', 'facet.limit', 'facet.field', 'extras', 'fq_list', 'tie', 'defType', 'mm', 'df']);

class BadSearchOption extends Error {}

export function legacySearch(version: 1 | 2, query: URLSearchParams, index: PreparedIndex, now: number): LegacyAnswer {
  let params: Record<string, unknown>;
  try {
    params = searchParams(query);
  } catch (error) {
    return { status: 400, json: jsonText(`Could not read parameters: ${(error as Error).message}`) };
  }
  try {
    return { status: 200, json: answer(version, params, index, now) };
  } catch (error) {
    if (error instanceof BadSearchOption) return { status: 400, json: jsonText(`Bad search option: ${error.message}`) };
    if (error instanceof CkanError) return { status: 400, json: jsonText(`Bad search option: ${typeof error.detail === 'string' ? error.detail : JSON.stringify(error.detail)}`) };
    throw error;
  }
}

/**
 * CKAN 2.7's `_get_search_params`: a `qjson` parameter holding them all, or a lone parameter whose
 * name is the JSON; else the query string, a repeated parameter read by its last value (WebOb's).
 */
function searchParams(query: URLSearchParams): Record<string, unknown> {
  const parseJson = (text: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`Malformed qjson value: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('Request params must be in form of a json encoded dictionary.');
    return value as Record<string, unknown>;
  };
  const qjson = query.get('qjson');
  if (qjson !== null) return parseJson(qjson.replace(/\\\\u/g, '\\u'));
  const entries = [...query];
  if (entries.length === 1 && entries[0]![0].startsWith('{') && entries[0]![1].length < 2) return parseJson(entries[0]![0]);
  const params: Record<string, unknown> = {};
  for (const [key, value] of entries) params[key] = value;
  return params;
}

/** Solr's special characters in a value, escaped (`escape_legacy_argument`). */
const escapeValue = (value: string) => value.replace(/([\\+\-&|!(){}[\]^"~*?:])/g, '\\$1');

function answer(version: 1 | 2, params: Record<string, unknown>, index: PreparedIndex, now: number): string {
  delete params.callback;
  const text = (name: string) => {
    const value = params[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new BadSearchOption(`Value for search option '${name}' must be text but received ${JSON.stringify(value)}`);
  };
  const integer = (name: string) => {
    const value = text(name).trim();
    if (!/^[+-]?\d+$/.test(value)) throw new BadSearchOption(`Value for search option '${name}' must be an integer but received '${value}'`);
    return Number(value);
  };
  for (const name of ['filter_by_openness', 'filter_by_downloadable']) if (name in params) throw new BadSearchOption(`Search option '${name}' is not supported`);
  for (const name of ['facet', 'facet.field', 'facet.limit', 'facet.mincount']) if (name in params) throw new BadSearchOption(`${name}: this search answers {count, results} without facets; ask package_search`);
  for (const name of ['qf', 'bf', 'boost', 'tie', 'mm', 'fq_list', 'extras']) if (name in params) throw new BadSearchOption(`${name} is not supported by this catalogue's search`);
  if ('wt' in params && params.wt !== 'json') throw new BadSearchOption('wt: answers are JSON');
  if ('df' in params && params.df !== 'text') throw new BadSearchOption('df: the default field is text');
  const defType = params.defType;
  if (defType !== undefined && defType !== 'dismax' && defType !== 'lucene') throw new BadSearchOption('defType: dismax and lucene are answered');

  // The legacy options and fields, into Solr's parameters (in name order: the same query every time).
  const clauses: string[] = [];
  if (params.q) clauses.push(text('q').replace(/\+/g, ' '));
  let allFields = false;
  let rows = 'rows' in params ? integer('rows') : 10;
  let start = 'start' in params ? integer('start') : 0;
  let sort = 'sort' in params ? text('sort') : '';
  for (const name of Object.keys(params).filter((key) => !solrParameters.has(key)).sort()) {
    if (name === 'all_fields') {
      try {
        allFields = asBool(params[name]);
      } catch (error) {
        if (error instanceof InvalidValue) throw new BadSearchOption(`Value for search option 'all_fields' must be True or False (1 or 0) but received ${JSON.stringify(params[name])}`);
        throw error;
      }
    } else if (name === 'offset') start = integer(name);
    else if (name === 'limit') rows = integer(name);
    else if (name === 'order_by') sort = `${text(name).replace(/\+/g, ' ')} asc`;
    else if (name === 'tags') {
      const value = params[name];
      const tags = Array.isArray(value) ? value.map(String) : [text(name).replace(/\+/g, ' ')];
      clauses.push(...tags.map((tag) => `tags:"${escapeValue(tag)}"`));
    } else {
      const value = text(name).replace(/\+/g, ' ');
      if (value.trim() === '') continue;
      const escaped = escapeValue(value);
      clauses.push(`${name}:${escaped.includes(' ') ? `"${escaped}"` : escaped}`);
    }
  }
  if (rows < 0 || start < 0) throw new BadSearchOption('rows (limit) and start (offset) must not be negative');

  let fields: string[];
  try {
    fields = allFields ? ['*'] : params.fl ? parseFieldList([text('fl')]) : [version === 2 ? 'id' : 'name'];
  } catch (error) {
    if (error instanceof UnsupportedQuery) throw new BadSearchOption(error.message);
    throw error;
  }
  const result = runSearch(
    index,
    {
      q: clauses.join(' '),
      parser: (defType as 'dismax' | 'lucene' | undefined) ?? null,
      filters: params.fq === undefined ? [] : [text('fq')],
      // No sort: Solr's own, by relevance.
      sort: sort === '' ? 'score desc' : sort,
      rows,
      start,
      facets: null,
    },
    now,
  );
  const single = fields.length === 1 && (fields[0] === 'id' || fields[0] === 'name') ? fields[0] : null;
  const results = result.page.map((place) => {
    const item = index.packages[place]!;
    return single ? jsonText(single === 'id' ? item.id : item.name) : projectionJson(index, item, fields, 'nested');
  });
  return jsonObjectOf([
    ['count', String(result.count)],
    ['results', jsonArrayOf(results)],
  ]);
}
