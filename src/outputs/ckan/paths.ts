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

/** CKAN's default page size (`rows`, `limit`): the first page at it is written for every paged action, so the query-less call answers. */
export const defaultPageSize = 10;

/**
 * The page sizes written in full, per action: what real clients page by (docs/ckan-reference-notes.md
 * §B). Each size costs a copy of every package dict (about 35 MB at 10,000 datasets), so only these;
 * the request handler answers any other (docs/decisions/lean-layout.md, sessions 6 and 7).
 */
export const fullPageSizes: Record<PagedAction, readonly number[]> = {
  // ckanext-harvest's and piveau's 100. A larger `rows` reads these pages (`staticRowsMax`): ckanapi's 1000 among them.
  package_search: [100],
  // Its first pages only (`firstPageSizes`): the same dicts as package_search's pages, without the envelope.
  current_package_list_with_resources: [],
  // data.gov.uk: rows=1000 (projections of three fields: small).
  search_dataset: [1000],
};

/**
 * The sizes of which only the first page is written, per action: CKAN's default 10 (a query-less
 * call), and `current_package_list_with_resources`'s 100 (piveau's DKAN dialect, limit=100): its
 * later pages are the request handler's, and a CKAN error elsewhere (docs/decisions/lean-layout.md, session 7).
 */
export const firstPageSizes: Record<PagedAction, readonly number[]> = {
  package_search: [defaultPageSize],
  current_package_list_with_resources: [defaultPageSize, 100],
  search_dataset: [defaultPageSize],
};

/**
 * What the files answer `package_search` as: a CKAN with `ckan.search.rows_max = 100`, which cuts a
 * larger `rows` to 100 without a word (CKAN's `limit_to_configured_maximum`): any `rows` from 100 up
 * reads the pages of 100 at the same `start`. The request handler keeps CKAN's default 1000 (`rowsMax`
 * in src/ckan-handler/package-search.ts). A client paging by what it received (ckanapi) still gets
 * every dataset; one paging by the `rows` it asked for skips datasets, as against such a CKAN.
 */
export const staticRowsMax = 100;
if (!fullPageSizes.package_search.includes(staticRowsMax)) throw new Error('The static rows_max must be a full page size of package_search');

/** The sizes an action's pages are written at: its full sizes, and its first pages'. */
export const pageSizes = (action: PagedAction): number[] => [...new Set([...firstPageSizes[action], ...fullPageSizes[action]])].sort((a, b) => a - b);

/** The starts written for one action and size: every page of a full size (`pageStarts`), the first page only otherwise. */
export const writtenPageStarts = (action: PagedAction, count: number, size: number): number[] => (fullPageSizes[action].includes(size) ? pageStarts(count, size) : [0]);

/**
 * The starts written for one page size: every multiple of it up to the first at or past `count`
 * (an empty page unless the catalogue is empty), and `count` itself (empty), so a client that
 * pages by size and one that pages by the number received both end on an empty page.
 */
export function pageStarts(count: number, size: number): number[] {
  const starts: number[] = [];
  for (let start = 0; ; start += size) {
    starts.push(start);
    if (start >= count) break;
  }
  if (!starts.includes(count)) starts.push(count);
  return starts;
}

/** Fixed error answers the host configurations serve, e.g. `api/3/error/not-found`. */
export type ErrorName = 'not-found' | 'missing-id' | 'unsupported-query' | 'unsupported-paging' | 'read-only' | 'unknown-action';
export const errorFile = (name: ErrorName) => `api/3/error/${name}`;

/** API v1/v2 (Model and Search API): `api/1/rest/dataset/<key>`, `api/2/search/dataset`, … */
export const restFile = (version: 1 | 2, ...segments: string[]) => `api/${version}/rest/${segments.join('/')}`;
export const searchApiFile = (version: 1 | 2, register: string) => `api/${version}/search/${register}`;

/**
 * A v1/v2 path can be both an answer and a folder of answers (`/api/1/rest/dataset` lists the
 * datasets, `/api/1/rest/dataset/<key>` shows one). Such an answer is the folder's `index.json`,
 * which the host configurations serve for the folder's path (`folderAnswers` in rewrites.ts). Never
 * `index.html`, though every static host would serve that unasked: a host that types files by
 * extension sent the JSON, a dataset's title and notes included, as a page (issue 7).
 */
export const folderAnswerName = 'index.json';
export const folderAnswerFile = (path: string) => `${path}/${folderAnswerName}`;

/** `/api/1/tag_counts`, `/api/2/tag_counts` (`/api/tag_counts` is a host rewrite to v1's). */
export const tagCountsFile = (version: 1 | 2) => `api/${version}/tag_counts`;

/**
 * A page of `/api/<v>/search/dataset` or `/search/resource` (`?limit=&offset=`):
 * `api/1/page/search_dataset/10/0`. Filters (`?tags=`, …) are the request handler's.
 */
export const searchApiPageFile = (version: 1 | 2, register: 'dataset' | 'resource', limit: number, offset: number) => `api/${version}/page/search_${register}/${limit}/${offset}`;

/**
 * Page sizes written for the dataset search (API v1/v2, whose answers are ids or names only, small):
 * CKAN's default `rows` 10, and 100, 1000. The reference document's default of 20 is not CKAN's.
 */
export const searchApiDatasetLimits = [defaultPageSize, 100, 1000];
/** The resource search answers the same in both versions: its pages are written once, under version 1 (search-api.ts). */
export const resourcePagesVersion = 1;

/** `/search/resource` defaults to 20 (CKAN's legacy `limit`). */
export const searchApiResourceLimits = [20, 100, 1000] as const;

/**
 * Folders of pages that exist only for the host rewrites of queries (`?rows=&start=`,
 * `?limit=&offset=`) which the request handler answers in full, byte for byte the same: a host
 * that hands every query under the API to the handler (the Cloudflare Worker) never reads them, so
 * it does not upload them (src/edge/write.ts; 339 files at 10,000 datasets). Not the resource
 * search's pages: the handler does not answer that search.
 */
export const queryOnlyFolders: readonly string[] = [
  ...pageSizes('package_search').map((size) => pageFile('package_search', size, 0).replace(/\/0$/, '')),
  ...[...(['current_package_list_with_resources', 'search_dataset'] as const).map((action) => pageFile(action, 0, 0)), ...([1, 2] as const).map((version) => searchApiPageFile(version, 'dataset', 0, 0))].map((firstPage) =>
    firstPage.replace(/\/0\/0$/, ''),
  ),
];

/**
 * API v1/v2 errors are bare JSON strings (`"Not found"`), unlike v3's envelopes: the host
 * configurations answer v1/v2 requests without a file with these (`api/1/error/not-found`).
 */
export type LegacyErrorName = 'not-found' | 'unsupported-search' | 'read-only';
export const legacyErrorFile = (name: LegacyErrorName) => `api/1/error/${name}`;

/** `/api/<v>/search/revision?since_id=<key>`: the next 50 revisions, oldest first. */
export const revisionsSinceFile = (version: 1 | 2, key: string) => `api/${version}/page/search_revision/since_id/${key}`;

/**
 * Path forms that answer the same as a canonical file, for hosts that cannot rewrite: each is a
 * hard link (no second copy of the bytes). `/api/action/x` = `/api/3/action/x` for the query-less
 * actions (a dozen files). API v1's version-less paths (`/api/rest/…`, `/api/search/…`,
 * `/api/tag_counts`) are host rewrites instead (`legacyAliases` in rewrites.ts): as links they
 * were a third of the API's files.
 */
export function pathAliases(canonical: string): string[] {
  if (canonical.startsWith('api/3/action/') && canonical.split('/').length === 4) return [canonical.replace('api/3/action/', 'api/action/')];
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

/**
 * The compact index the CKAN request handler (src/ckan-handler/) answers from: one JSON file of
 * the small kinds (site, status, licences, organizations, groups, tags, what API v1/v2 needs) that
 * lists the files holding the package dicts: the handler's own store of them, gzipped lists of at
 * most `indexChunkSize` public dicts in the index's order (`ckanIndexPackagesFile`), read by no
 * host's rules. Under `api/` (JSON, like every file there) in a dot-folder no answer's path can
 * reach: hosts hide the whole folder (`ckanIndexFolder`; docs/decisions/ckan-handler.md).
 */
export const ckanIndexFolder = 'api/.datashelf/';
export const ckanIndexFiles = {
  catalogue: 'api/.datashelf/ckan-index/catalogue.json',
} as const;

/**
 * Package dicts a file of the store holds: few files for a Worker to fetch (20 at 100,000 datasets),
 * each far under Cloudflare's 25 MiB a file (about 2 MB gzipped, 18 MB of JSON, at the synthetic
 * catalogues' 3.6 KB a dict; src/edge/write.ts checks each).
 */
export const indexChunkSize = 5000;

/** A file of the store: a gzipped JSON list of the public package dicts from `start` (at most `indexChunkSize`). */
export const ckanIndexPackagesFile = (start: number) => `api/.datashelf/ckan-index/packages/${start}.json.gz`;

/** The index's layout version, bumped when it changes: a handler refuses an index it does not know. */
export const ckanIndexFormat = 4;
