// One search over the index, as CKAN's `PackageSearchQuery.run` asks Solr for it: `q` (dismax
// without a `:`, Lucene's syntax with one, unless `defType` says), every filter (`fq`, `fq_list`)
// required, then sorted, paged and faceted. Errors come out as CKAN's: a syntax Solr refuses is a
// `Search Error`, what this handler does not implement a `Search Query Error`.
import { searchError, searchQueryError } from './errors.ts';
import { checkFacetFields, countFacets, type FacetCounts, type FacetRequest } from './facets.ts';
import { DateError, evaluate, noMatch, type MatchContext, type Scores } from './match.ts';
import { parseDismax, parseLucene, QuerySyntax, UnsupportedQuery } from './parse-query.ts';
import type { PreparedIndex } from './prepared-index.ts';
import { defaultField } from './schema.ts';
import { InvalidSort, parseSort, sortMatches, type Scored } from './sort.ts';

export interface SearchRequest {
  q: string;
  /** The query parser: CKAN's choice by the `:` (null), or `defType`'s. */
  parser: 'dismax' | 'lucene' | null;
  filters: readonly string[];
  sort: string;
  rows: number;
  start: number;
  facets: FacetRequest | null;
}

export interface SearchResult {
  count: number;
  /** Places in the index of the page's packages, in order. */
  page: number[];
  facets: FacetCounts | null;
}

export function runSearch(index: PreparedIndex, request: SearchRequest, now: number): SearchResult {
  return translatingErrors(() => {
    // CKAN refuses local parameters (`{!lucene}…`, `{!func}…`) before Solr sees them.
    const texts: [string, string][] = [['q', request.q], ...request.filters.map((filter): [string, string] => ['fq', filter])];
    for (const [param, text] of texts) if (text.trim().startsWith('{!')) throw searchError(`Local parameters are not supported in param '${param}'.`);
    const context: MatchContext = { index: index.search, now };
    const sortKeys = parseSort(request.sort);
    if (request.facets) checkFacetFields(request.facets.fields);
    const scores = mainQuery(request.q, request.parser, context);
    const filters = request.filters.filter((filter) => filter.trim() !== '').map((filter) => evaluate(parseLucene(filter, defaultField), context));
    const matches: Scored[] = [];
    for (let place = 0; place < scores.length; place++) {
      const score = scores[place]!;
      if (score !== noMatch && filters.every((filter) => filter[place]! !== noMatch)) matches.push({ place, score });
    }
    let facets: FacetCounts | null = null;
    if (request.facets) {
      const matched = new Uint8Array(index.search.size);
      for (const match of matches) matched[match.place] = 1;
      facets = countFacets(matched, index.search, request.facets);
    }
    const sorted = sortMatches(matches, sortKeys, index.search);
    return { count: matches.length, page: sorted.slice(request.start, request.start + request.rows).map((match) => match.place), facets };
  });
}

/** CKAN: an empty `q` (or `""`, `''`) is `*:*`; with a `:` in it Lucene's syntax, else dismax. */
function mainQuery(q: string, parser: SearchRequest['parser'], context: MatchContext): Scores {
  const text = q.trim() === '' || q === '""' || q === "''" ? '*:*' : q;
  const dismax = parser === 'dismax' || (parser === null && !text.includes(':'));
  return evaluate(dismax ? parseDismax(text) : parseLucene(text, defaultField), context);
}

function translatingErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof QuerySyntax || error instanceof DateError) throw searchError(error.message);
    if (error instanceof UnsupportedQuery) throw searchQueryError(error.message);
    if (error instanceof InvalidSort) throw searchQueryError('Invalid "sort" parameter');
    throw error;
  }
}
