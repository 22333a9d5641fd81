// `sort` as Solr reads it: `field asc|desc` pairs separated by commas, on `score`, the dates and
// single-valued exact fields (`name`, `title_string`, `id`, `organization`, …). Text and
// multi-valued fields cannot be sorted on in CKAN's index either: CKAN answers `Invalid "sort"
// parameter`, as here. A dataset without the value sorts last either way (`sortMissingLast`).
// Equal keys keep the index's order (newest `metadata_modified` first, then id), the static pages'
// one order, so paging through any sort neither skips nor repeats.
import { byText } from '../outputs/ckan/order.ts';
import { fieldDefinition, unsupportedFields } from './schema.ts';
import type { SearchIndex } from './search-index.ts';

export type SortKey = { field: 'score'; descending: boolean } | { field: string; type: 'string' | 'date'; descending: boolean };

export class InvalidSort extends Error {}

/** CKAN's default for an empty query and for `sort=rank` (`ckan.search.default_package_sort`). */
export const defaultSort = 'score desc, metadata_modified desc';

export function parseSort(text: string): SortKey[] {
  if (text.trim() === '') return [{ field: 'score', descending: true }];
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    if (words.length !== 2) throw new InvalidSort(part.trim());
    const [field, direction] = words as [string, string];
    const order = direction.toLowerCase();
    if (order !== 'asc' && order !== 'desc') throw new InvalidSort(part.trim());
    const descending = order === 'desc';
    if (field === 'score') return { field, descending };
    // Solr also sorts by functions (`sum(a,b) desc`); not here.
    if (!/^[A-Za-z_][\w.-]*$/.test(field)) throw new InvalidSort(part.trim());
    const definition = fieldDefinition(field);
    if (unsupportedFields.has(field) || definition.multiValued || (definition.type !== 'string' && definition.type !== 'date')) throw new InvalidSort(part.trim());
    return { field, type: definition.type, descending };
  });
}

export interface Scored {
  /** The dataset's place in the index. */
  place: number;
  score: number;
}

/** Orders matches by the keys, then by their place in the index. */
export function sortMatches(matches: Scored[], keys: readonly SortKey[], index: SearchIndex): Scored[] {
  const comparators = keys.map((key) => comparator(key, index));
  return matches.sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a.place - b.place;
  });
}

function comparator(key: SortKey, index: SearchIndex): (a: Scored, b: Scored) => number {
  const sign = key.descending ? -1 : 1;
  if (key.field === 'score') return (a, b) => sign * (a.score - b.score);
  const missingLast = <T>(x: T | undefined, y: T | undefined, compare: (x: T, y: T) => number) => (x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : sign * compare(x, y));
  if ('type' in key && key.type === 'date') {
    const dates = index.dates.get(key.field);
    const at = (place: number) => {
      const moment = dates?.[place];
      return moment === undefined || Number.isNaN(moment) ? undefined : moment;
    };
    return (a, b) => missingLast(at(a.place), at(b.place), (x, y) => x - y);
  }
  const column = index.columns.get(key.field);
  return (a, b) => missingLast(column?.[a.place]?.[0], column?.[b.place]?.[0], byText);
}
