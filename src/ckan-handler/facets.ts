// Facet counts as Solr's `facet.field` gives them and CKAN reshapes them (`package_search`): the
// number of matching datasets per value of an exact-value field, most first (ties by value), or by
// value when `facet.limit` is negative (unlimited); values under `facet.mincount` left out (with 0,
// every value of the index counts, matched or not); at most `facet.limit`. `facets` keeps that order;
// `search_facets` names each value for display (a team's or topic's title, a licence's title) and
// lists them by display name, last first, as CKAN sorts them.
import { byText } from '../outputs/ckan/order.ts';
import { jsonArrayOf, jsonObjectOf, jsonText } from './json.ts';
import { UnsupportedQuery } from './parse-query.ts';
import { allPostings, type SearchIndex } from './search-index.ts';
import { fieldDefinition, unsupportedFields } from './schema.ts';

export interface FacetRequest {
  fields: readonly string[];
  /** Negative: every value. */
  limit: number;
  mincount: number;
}

export type FacetCounts = [field: string, counts: [value: string, count: number][]][];

/** Refuses a facet on a field that has no exact values (text, dates), which Solr would count by its analysed terms. */
export function checkFacetFields(fields: readonly string[]): void {
  for (const field of fields) {
    const { type } = fieldDefinition(field);
    if (unsupportedFields.has(field) || type !== 'string') throw new UnsupportedQuery(`facet.field ${field}: facets are counted on exact-value fields (tags, groups, organization, res_format, license_id, …)`);
  }
}

/**
 * Counts from the inverted index: for each value of the field, how many of its datasets matched.
 * Its lists hold each dataset once per value (a dataset with two CSV files counts once for CSV),
 * and every value of the index, so `facet.mincount=0` lists the values no match has.
 */
export function countFacets(matched: Uint8Array, index: SearchIndex, request: FacetRequest): FacetCounts {
  return [...new Set(request.fields)].map((field) => {
    const entries: [string, number][] = [];
    for (const [value, postings] of allPostings(index.exact.get(field))) {
      let count = 0;
      for (const place of postings.places) count += matched[place]!;
      if (count >= request.mincount) entries.push([value, count]);
    }
    entries.sort(request.limit < 0 ? ([a], [b]) => byText(a, b) : ([a, countA], [b, countB]) => countB - countA || byText(a, b));
    return [field, request.limit < 0 ? entries : entries.slice(0, request.limit)];
  });
}

/** `facets`: `{field: {value: count}}` in Solr's order. */
export function facetsJson(counts: FacetCounts): string {
  return jsonObjectOf(counts.map(([field, values]) => [field, jsonObjectOf(values.map(([value, count]) => [value, String(count)]))]));
}

/** `search_facets`: `{field: {title, items: [{name, display_name, count}]}}`, items by display name descending. */
export function searchFacetsJson(counts: FacetCounts, displayName: (field: string, value: string) => string): string {
  return jsonObjectOf(
    counts.map(([field, values]) => {
      const items = values.map(([name, count]) => ({ name, display_name: displayName(field, name), count }));
      // Python's sort is stable: equal names keep Solr's order.
      items.sort((a, b) => byText(b.display_name, a.display_name));
      return [field, jsonObjectOf([['title', jsonText(field)], ['items', jsonArrayOf(items.map((item) => jsonText(item)))]])];
    }),
  );
}
