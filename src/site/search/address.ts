// A search in the page's address, so a search can be shared, bookmarked and reloaded:
// `?q=road&topic=transport&tag=road-safety&sort=updated&page=2`. Defaults are left out.
import { filterNames } from '../../outputs/search/format.ts';
import { emptyFilters, type SearchQuery, type SortOrder } from './engine.ts';

/** The parameter of the query text: also what the search boxes on every page send. */
export const textParameter = 'q';

export function readAddress(search: string): SearchQuery {
  const parameters = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const name of filterNames) filters[name] = [...new Set(parameters.getAll(name).map((value) => value.trim()).filter(Boolean))];
  const sort: SortOrder = parameters.get('sort') === 'updated' ? 'updated' : 'relevance';
  const page = Number.parseInt(parameters.get('page') ?? '', 10);
  return { text: (parameters.get(textParameter) ?? '').trim(), filters, sort, page: Number.isInteger(page) && page > 1 ? page : 1 };
}

/** The query string for `query` (`?…`), or `''` when nothing is searched. */
export function writeAddress(query: SearchQuery): string {
  const parameters = new URLSearchParams();
  if (query.text.trim()) parameters.set(textParameter, query.text.trim());
  for (const name of filterNames) for (const value of query.filters[name]) parameters.append(name, value);
  if (isSearching(query)) {
    if (query.sort !== 'relevance') parameters.set('sort', query.sort);
    if (query.page > 1) parameters.set('page', String(query.page));
  }
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** Whether the page shows search results; otherwise it shows the built list of every dataset. */
export function isSearching(query: SearchQuery): boolean {
  return query.text.trim() !== '' || filterNames.some((name) => query.filters[name].length > 0);
}
