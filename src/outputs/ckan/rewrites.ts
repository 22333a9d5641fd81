// The CKAN API's part of the hosts' rules: which request of a CKAN client is answered by which
// file of the build, and which error file answers when none can. Merged with the site's own rules
// (src/outputs/hosts/table.ts) when the build holds the API, for the nginx, Apache and Netlify
// configurations and `datashelf preview` (src/outputs/hosts/, src/preview/route.ts).
// See docs/decisions/ckan-static-api.md ("One rewrite table"; "Decisions", "Hosts") and docs/hosting.md.
import type { Catalogue } from '../../catalogue/model.ts';
import { anyText, tableErrors, type ErrorFile, type Fallback, type KeyMaps, type OutputHostRules, type PathAlias, type QueryForm, type Restriction, type Selector, type SizeMax, type ValuePattern } from '../hosts/rules.ts';
import { servedAnswers } from './actions.ts';
import { datasetUuid } from './ids.ts';
import { legacyErrorStatus } from './legacy-api.ts';
import {
  actionFile,
  errorFile,
  folderAnswerName,
  legacyErrorFile,
  pageFile,
  pageSizes,
  resourcePagesVersion,
  restFile,
  revisionsSinceFile,
  searchApiDatasetLimits,
  searchApiFile,
  searchApiPageFile,
  searchApiResourceLimits,
  showFile,
  staticRowsMax,
  tagCountsFile,
  type ErrorName,
  type LegacyErrorName,
} from './paths.ts';

/** The HTTP status of each error file, from the registries that write them. */
export function errorStatus(file: ErrorFile): number {
  for (const answer of servedAnswers) if (answer.form === 'error' && errorFile(answer.name) === file) return answer.status;
  for (const [name, status] of Object.entries(legacyErrorStatus)) if (legacyErrorFile(name as LegacyErrorName) === file) return status;
  throw new Error(`${file} is no error file of the CKAN registries`);
}

/** A page file's path as a template: written for size -1 and start -2, those become `{size}/{start}` (or are cut off). */
function pageTemplate(path: string, size: string | null, start: string | null): string {
  if (!path.endsWith('/-1/-2')) throw new Error(`${path} does not end with its size and start`);
  return size && start ? path.replace(/\/-1\/-2$/, `/{${size}}/{${start}}`) : path.slice(0, -'/-1/-2'.length);
}

const v3 = (name: ErrorName) => errorFile(name);
const legacy = (name: LegacyErrorName) => legacyErrorFile(name);
const bothVersions = (action: string) => [`api/action/${action}`, `api/3/action/${action}`];

/** Filters on modification time: ckanext-harvest's and piveau's incremental runs. A superset is harmless there (both compare dates themselves). */
const modifiedSince: ValuePattern = ['metadata_modified:[', anyText, 'TO', anyText, '*]'];
/** `q` values that mean "every dataset" (every dataset of ours has type dataset). */
const everyDataset: ValuePattern[] = [[''], ['*:*'], ['type:dataset']];
/** `all_fields` off, as ckanapi ≤ 4.9 sends it. */
const allFieldsOff: ValuePattern[] = [[''], ['false'], ['False'], ['0']];

const query = (param: string, harmless: ValuePattern[], whereOnlyLiterals: Restriction['whereOnlyLiterals'] = 'reject'): Restriction => ({ param, harmless, error: v3('unsupported-query'), whereOnlyLiterals });
const paging = (param: string, harmless: ValuePattern[]): Restriction => ({ param, harmless, error: v3('unsupported-paging'), whereOnlyLiterals: 'reject' });
const size = (param: string, allowed: readonly number[], error = v3('unsupported-paging'), max?: SizeMax): Selector => ({ param, kind: 'size', default: allowed[0]!, allowed, ...(max ? { max } : {}), whenInvalid: error });
/**
 * `package_search` as a CKAN with `ckan.search.rows_max = 100` answers it (`staticRowsMax`): a
 * larger `rows` reads the pages of 100. On Netlify, the values real clients send: ckanapi's and
 * udata's 1000 (docs/decisions/lean-layout.md, session 7).
 */
const staticRows: SizeMax = { value: staticRowsMax, plainValues: [1000] };
const start = (param: string, error = v3('unsupported-paging')): Selector => ({ param, kind: 'start', default: 0, whenInvalid: error });

/** `package_search`'s filters: q for every dataset, fq only as a modification-time filter, no projection. */
const searchRestrictions = [query('q', [...everyDataset, modifiedSince]), query('fq', [[''], modifiedSince], 'ignore'), query('fl', [['']])];
const searchIgnored = ['sort', 'include_private', 'include_drafts', 'include_deleted', 'facet', 'facet.field', 'facet.limit', 'facet.mincount', 'defType'];

/** The lists are written whole: asking for a part of one cannot be answered. */
const wholeList = [paging('limit', [['']]), paging('offset', [[''], ['0']])];
const listIgnored = ['include_private', 'include_drafts', 'include_deleted', 'include_dataset_count', 'include_extras', 'include_tags', 'include_groups', 'include_users', 'sort'];

/** `package_show`'s file is by name: a host holding this map answers `?id=<UUID>` from it too. */
export const packageUuidMap = 'package-uuid';

/**
 * The build's maps for `Selector.otherKeys`: each dataset's UUID to its name, in UUID order. The
 * UUIDs are the CKAN context's (the one place a dataset's CKAN id is decided), so a host's map and
 * the package dicts agree.
 */
export function ckanKeyMaps(catalogue: Catalogue): KeyMaps {
  // `datasetUuid` alone, as the context decides it: the whole context (dates, tags, counts) cost
  // ten times as much, every build (docs/performance.md, "inc-outputs").
  const pairs = catalogue.datasets.map((dataset) => [datasetUuid(catalogue.site.url, dataset), dataset.name] as const);
  return { [packageUuidMap]: pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

const showForms: QueryForm[] = servedAnswers.flatMap((answer) =>
  answer.form === 'show'
    ? [
        {
          name: answer.name,
          paths: bothVersions(answer.name),
          selectors: [{ param: 'id', kind: 'key', whenMissing: v3('missing-id'), ...(answer.name === 'package_show' ? { otherKeys: packageUuidMap } : {}) }],
          restrictions: [],
          ignored: ['include_datasets', 'include_password_hash', 'include_users', 'include_tracking', 'include_extras', 'include_groups', 'include_tags', 'include_followers', 'include_dataset_count', 'include_member_count', 'use_default_schema'],
          target: showFile(answer.name, '{id}'),
          whenNoFile: v3('not-found'),
        } satisfies QueryForm,
      ]
    : [],
);

/** The Search API (v1/v2, CKAN ≤ 2.7); `/api/search/…` is version 1's (`aliases`). */
const searchApiVersions = [
  { prefix: 'api/1/search/', version: 1 },
  { prefix: 'api/2/search/', version: 2 },
] as const;
const unsupportedSearch = legacy('unsupported-search');
/**
 * Legacy search options the files cannot answer (each becomes part of a Solr query in CKAN). The
 * filters `tags`, `groups`, `organization` among them: the request handler answers them; as files
 * they were most of the API's (docs/decisions/ckan-static-api.md, "Lean layout").
 */
const legacySearchOptions = ['tags', 'groups', 'organization', 'q', 'fl', 'qjson', 'all_fields', 'order_by', 'sort', 'rows', 'start', 'filter_by_openness', 'filter_by_downloadable'];
const legacyOnly = (params: readonly string[]): Restriction[] => params.map((param) => ({ param, harmless: [['']], error: unsupportedSearch, whereOnlyLiterals: 'reject' }));

const searchApiForms: QueryForm[] = searchApiVersions.flatMap(({ prefix, version }): QueryForm[] => [
  {
    name: `${prefix}dataset`,
    paths: [`${prefix}dataset`],
    selectors: [size('limit', searchApiDatasetLimits, unsupportedSearch), start('offset', unsupportedSearch)],
    restrictions: legacyOnly(legacySearchOptions),
    ignored: [],
    target: pageTemplate(searchApiPageFile(version, 'dataset', -1, -2), 'limit', 'offset'),
    whenNoFile: unsupportedSearch,
  },
  {
    name: `${prefix}resource`,
    paths: [`${prefix}resource`],
    selectors: [size('limit', searchApiResourceLimits, unsupportedSearch), start('offset', unsupportedSearch)],
    restrictions: legacyOnly([...legacySearchOptions, 'url', 'format', 'name', 'description', 'hash']),
    ignored: [],
    // Both versions' queries read version 1's pages: the answers are the same ids.
    target: pageTemplate(searchApiPageFile(resourcePagesVersion, 'resource', -1, -2), 'limit', 'offset'),
    whenNoFile: unsupportedSearch,
  },
  {
    name: `${prefix}revision?since_id=`,
    paths: [`${prefix}revision`],
    requires: 'since_id',
    selectors: [{ param: 'since_id', kind: 'key', whenMissing: unsupportedSearch }],
    restrictions: legacyOnly(['since_time']),
    ignored: [],
    target: revisionsSinceFile(version, '{since_id}'),
    whenNoFile: legacy('not-found'),
  },
  {
    name: `${prefix}revision`,
    paths: [`${prefix}revision`],
    selectors: [],
    restrictions: legacyOnly(['since_time']),
    ignored: [],
    target: searchApiFile(version, 'revision'),
    whenNoFile: legacy('not-found'),
  },
]);

/** Paths of API v1 and v2, whose errors are CKAN 2.7's bare strings. */
const legacyPrefixes = ['api/1/', 'api/2/', 'api/rest/', 'api/search/', 'api/tag_counts'];

/**
 * Where API v1/v2 answers are also folders (rest.ts): the registers with entities, a dataset's
 * relationships and each relationship type. Not the dataset itself: its entity is the handler's.
 */
const folderAnswerPaths = ['dataset', 'group', 'tag', 'revision', 'dataset/{key}/{answer}'].flatMap((path) => [restFile(1, path), restFile(2, path)]);

/**
 * API v1/v2's dataset entity and revisions: the request handler's alone, written as no file
 * (`handlerOnly` in legacy-api.ts; src/ckan-handler/routes.ts). Without the handler, `"Not found"`.
 */
export const handlerPaths = ['dataset/{key}', 'dataset/{key}/revisions'].flatMap((path) => [restFile(1, path), restFile(2, path)]);

/**
 * API v1's version-less paths: rewritten by every host, not files (they were a third of the API's
 * files; docs/decisions/ckan-static-api.md, "Lean layout").
 */
export const legacyAliases: PathAlias[] = [
  { from: 'api/rest/', to: restFile(1, '') },
  { from: 'api/search/', to: searchApiFile(1, '') },
  { from: 'api/tag_counts', to: tagCountsFile(1) },
];

/** The API has every kind of rule, folder answers among them (API v1/v2); no CORS paths: it is all under the CORS prefix. */
type CkanHostRules = Required<Omit<OutputHostRules, 'corsPaths' | 'hidden'>>;

const rules: Omit<CkanHostRules, 'errorStatuses'> = {
  aliases: legacyAliases,
  forms: [
    ...showForms,
    {
      name: 'package_search',
      paths: bothVersions('package_search'),
      selectors: [size('rows', pageSizes('package_search'), v3('unsupported-paging'), staticRows), start('start')],
      restrictions: searchRestrictions,
      ignored: searchIgnored,
      target: pageTemplate(pageFile('package_search', -1, -2), 'rows', 'start'),
      whenNoFile: v3('unsupported-paging'),
    },
    {
      name: 'current_package_list_with_resources',
      paths: bothVersions('current_package_list_with_resources'),
      selectors: [size('limit', pageSizes('current_package_list_with_resources')), start('offset')],
      restrictions: [paging('page', [['']])],
      ignored: [],
      target: pageTemplate(pageFile('current_package_list_with_resources', -1, -2), 'limit', 'offset'),
      whenNoFile: v3('unsupported-paging'),
    },
    {
      // data.gov.uk: /api/3/search/dataset?q=type:dataset&rows=1000&fl=id,metadata_modified,organization&start=N
      name: 'search_dataset',
      paths: ['api/3/search/dataset'],
      selectors: [size('rows', pageSizes('search_dataset')), start('start')],
      restrictions: [query('q', [...everyDataset, modifiedSince]), query('fq', [[''], modifiedSince], 'ignore'), query('fl', [['id,metadata_modified,organization']])],
      ignored: ['sort'],
      target: pageTemplate(pageFile('search_dataset', -1, -2), 'rows', 'start'),
      whenNoFile: v3('unsupported-paging'),
    },
    { name: 'package_list', paths: bothVersions('package_list'), selectors: [], restrictions: [...wholeList, query('all_fields', allFieldsOff)], ignored: listIgnored, target: actionFile('package_list'), whenNoFile: v3('unknown-action') },
    ...(['organization_list', 'group_list'] as const).map(
      (action): QueryForm => ({
        name: action,
        paths: bothVersions(action),
        selectors: [],
        restrictions: [...wholeList, query('all_fields', allFieldsOff), query('q', [['']]), query(action === 'group_list' ? 'groups' : 'organizations', [['']])],
        ignored: listIgnored,
        target: actionFile(action),
        whenNoFile: v3('unknown-action'),
      }),
    ),
    {
      name: 'tag_list',
      paths: bothVersions('tag_list'),
      selectors: [],
      restrictions: [query('q', [['']]), query('query', [['']]), query('vocabulary_id', [['']]), query('all_fields', allFieldsOff)],
      ignored: [],
      target: actionFile('tag_list'),
      whenNoFile: v3('unknown-action'),
    },
    ...searchApiForms,
  ],
  fallbacks: [
    { glob: 'api/3/page/*', error: v3('unsupported-paging') },
    ...showForms.map((form): Fallback => ({ glob: `${form.target.replace('{id}', '')}*`, error: v3('not-found') })),
    { glob: 'api/action/*', error: v3('unknown-action') },
    { glob: 'api/3/action/*', error: v3('unknown-action') },
    // A page of the Search API not written (a filter value with no such page, an offset past the end).
    ...([1, 2] as const).flatMap((version): Fallback[] => [
      { glob: `${revisionsSinceFile(version, '')}*`, error: legacy('not-found') },
      { glob: `api/${version}/page/*`, error: unsupportedSearch },
    ]),
    ...legacyPrefixes.map((prefix): Fallback => ({ glob: `${prefix}*`, error: legacy('not-found') })),
    { glob: 'api/*', error: v3('not-found') },
  ],
  jsonPrefixes: ['api/3/', 'api/action/', ...legacyPrefixes, 'api/util/'],
  // CKAN answers every method it does not take with its read-only error, pages included.
  readOnly: [...legacyPrefixes.map((prefix): Fallback => ({ glob: `${prefix}*`, error: legacy('read-only') })), { glob: '*', error: v3('read-only') }],
  folderAnswers: { file: folderAnswerName, paths: folderAnswerPaths },
  handlerPaths,
  // What CKAN clients send besides Content-Type: their API key, in CKAN's header and the standard one.
  corsRequestHeaders: ['Authorization', 'X-CKAN-API-Key'],
};

export const ckanRewrites: CkanHostRules = {
  ...rules,
  errorStatuses: Object.fromEntries(tableErrors(rules).map((file) => [file, errorStatus(file)])),
};

/** Read here by test/rest/registry.test.ts, with `ckanRewrites.folderAnswers`. */
export { escapeRegex } from '../hosts/rules.ts';
