// Where each CKAN API response lives in the build. One file per response; every other path that
// gives the same answer is either a hard link to it (a path form a host without rewrites must
// serve) or a rewrite in the host configuration (a query form). See docs/decisions/ckan-static-api.md.

/** Answers without a query: `api/3/action/package_list`. */
export const actionFile = (action: string) => `api/3/action/${action}`;

/**
 * A `*_show` answer for one key (an id, a UUID or a name): `api/3/action/package_show/<key>`.
 * Keys are written percent-encoded as a client sends them (`Air%20Quality`); see `keyVariants`.
 */
export const showFile = (action: 'package_show' | 'organization_show' | 'group_show' | 'tag_show', key: string) => `api/3/action/${action}/${key}`;

/** The paged answers: package_search (rows, start), current_package_list_with_resources (limit, offset), search_dataset (rows, start). */
export type PagedAction = 'package_search' | 'current_package_list_with_resources' | 'search_dataset';
export const pageFile = (action: PagedAction, size: number, start: number) => `api/3/page/${action}/${size}/${start}`;

/** The page sizes written: CKAN's default (10) and what real clients ask for (100, 1000). */
export const pageSizes = [10, 100, 1000] as const;

/** Fixed error answers the host configurations serve, e.g. `api/3/error/not-found`. */
export type ErrorName = 'not-found' | 'missing-id' | 'unsupported-query' | 'unsupported-paging' | 'read-only' | 'unknown-action';
export const errorFile = (name: ErrorName) => `api/3/error/${name}`;

/** API v1/v2 (Model and Search API): `api/1/rest/dataset/<key>`, `api/2/search/dataset`, … */
export const restFile = (version: 1 | 2, ...segments: string[]) => `api/${version}/rest/${segments.join('/')}`;
export const searchApiFile = (version: 1 | 2, register: string) => `api/${version}/search/${register}`;

/**
 * Path forms that answer the same as a canonical file, for hosts that cannot rewrite: each is a
 * hard link (no second copy of the bytes). `/api/action/x` = `/api/3/action/x`; `/api/rest/…` =
 * `/api/1/rest/…`; `/api/search/…` = `/api/1/search/…`.
 */
export function pathAliases(canonical: string): string[] {
  if (canonical.startsWith('api/3/action/') && canonical.split('/').length === 4) return [canonical.replace('api/3/action/', 'api/action/')];
  if (canonical.startsWith('api/1/rest/')) return [canonical.replace('api/1/rest/', 'api/rest/')];
  if (canonical.startsWith('api/1/search/')) return [canonical.replace('api/1/search/', 'api/search/')];
  return [];
}

/**
 * The spellings a client may send for a lookup key, as file names: each percent-encoded the way
 * clients encode it (`%20` by browsers and most libraries, `+` by Python's requests and forms).
 * Web servers match the raw query text, so each spelling is its own file name (hard links).
 */
export function keyVariants(key: string): string[] {
  const encoded = encodeURIComponent(key);
  const variants = new Set([encoded, encoded.replace(/%20/g, '+')]);
  // A key needing no escapes also reaches the server as itself.
  if (/^[A-Za-z0-9._~-]+$/.test(key)) variants.add(key);
  return [...variants];
}
