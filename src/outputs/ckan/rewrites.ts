// The one rewrite table: which request of a CKAN client is answered by which file of the build,
// and which error file answers when none can. The nginx, Apache and Netlify configurations and
// `datashelf preview` are all generated from it (src/outputs/hosts/, src/preview/route.ts).
// See docs/decisions/ckan-static-api.md ("One rewrite table"; "Decisions", "Hosts") and docs/hosting.md.
import { servedAnswers } from './actions.ts';
import { legacyErrorStatus } from './legacy-api.ts';
import {
  actionFile,
  errorFile,
  folderAnswerName,
  legacyErrorFile,
  pageFile,
  pageSizes,
  pathAliases,
  restFile,
  revisionsSinceFile,
  searchApiDatasetLimits,
  searchApiNoMatchFile,
  searchApiPageFile,
  searchApiResourceLimits,
  showFile,
  type ErrorName,
  type LegacyErrorName,
  type SearchApiFilter,
} from './paths.ts';

/**
 * A parameter value, as text with wildcards (`anyText`): `['metadata_modified:[', anyText, ' TO *]']`.
 * Values are compared decoded; generators for hosts that compare the raw query string derive a
 * pattern that accepts every usual spelling (`:` or `%3A`, space as `+` or `%20`).
 */
export type ValuePattern = readonly (string | typeof anyText)[];
export const anyText = Symbol('any text');

/**
 * An answer the files give when they hold no better one: a site-relative file (`api/3/error/not-found`,
 * `api/1/error/read-only`), sent with the HTTP status its writer gives it (`errorStatus`).
 */
export type ErrorFile = string;

/** A parameter that chooses the file: its value goes into the target path. */
export type Selector =
  /** Any key (an id or a name), as the client spelled it (the files are named by `keyVariants`). */
  | { param: string; kind: 'key'; whenMissing: ErrorFile }
  /** A page size: one of `allowed`, or the default when absent. */
  | { param: string; kind: 'size'; default: number; allowed: readonly number[]; whenInvalid: ErrorFile }
  /** A page start: a non-negative integer, or the default when absent. The page file may not exist. */
  | { param: string; kind: 'start'; default: number; whenInvalid: ErrorFile };

/**
 * A parameter the files answer only for some values. An absent parameter counts as the empty
 * value: harmless when `['']` is listed, otherwise the parameter is required (data.gov.uk's `fl`).
 */
export interface Restriction {
  param: string;
  harmless: readonly ValuePattern[];
  error: ErrorFile;
  /**
   * On a host that compares plain values only (Netlify), a harmless pattern with wildcards cannot be
   * told apart from other values: `reject` every value not matched literally, or `ignore` the parameter.
   */
  whereOnlyLiterals: 'reject' | 'ignore';
}

export interface QueryForm {
  /** The CKAN action, or the Search API's path and filter: for comments and tests. */
  name: string;
  /** Site-relative request paths. */
  paths: readonly string[];
  /** The form applies only when this parameter is present (Search API filters); otherwise the next form for the path does, or the path's own file. */
  requires?: string;
  selectors: readonly Selector[];
  restrictions: readonly Restriction[];
  /** Parameters clients send that change nothing in the answer (documentation; everything unlisted is ignored too). */
  ignored: readonly string[];
  /** The answering file, site-relative, with `{param}` for each selector's value. */
  target: string;
  /**
   * A key no answer has at all (as opposed to a page not written) gets an empty result, as CKAN's
   * Search API does: when the folder `known` (a template like `target`) does not exist, `answer`.
   */
  noMatch?: { known: string; answer: string };
  /** The answer when the target file does not exist. */
  whenNoFile: ErrorFile;
}

/** Where a glob matches (first match wins; `*` stands for any text), the answer. */
export interface Fallback {
  glob: string;
  error: ErrorFile;
}

export interface RewriteTable {
  forms: readonly QueryForm[];
  /** A path with no file: CKAN's error for it. */
  fallbacks: readonly Fallback[];
  /** Prefixes whose files are all JSON, whatever their names (`application/json`, no charset: udata compares it exactly). */
  jsonPrefixes: readonly string[];
  /** The prefix answered with `Access-Control-Allow-Origin: *` (and CORS preflights). */
  corsPrefix: string;
  /** Methods answered; any other gets the read-only error for the path. */
  methods: readonly string[];
  readOnly: readonly Fallback[];
  /**
   * A path that is both an answer and a folder of answers (API v1/v2: `api/1/rest/dataset/<key>` and
   * `…/<key>/revisions`) is answered by the folder's `file`, `index.json`: never an HTML name, which
   * a host typing files by extension would serve as a page (issue 7). nginx, Apache and the preview
   * look for it in any folder under `jsonPrefixes`; Netlify, which cannot test for a folder, rewrites
   * `paths` (templates, `{name}` for one path segment): where the registry writes such answers.
   */
  folderAnswers: { file: string; paths: readonly string[] };
  /** A folder's page elsewhere (`/dataset/foi/` is `dataset/foi/index.html`), as every static host serves it. */
  pageIndex: string;
  /** The HTML page for a missing page of the site. */
  notFoundPage: string;
  /** Files in the build that configure hosts and are never served. */
  hidden: readonly string[];
}

/** The HTTP status of each error file, from the registries that write them. */
export function errorStatus(file: ErrorFile): number {
  for (const answer of servedAnswers) if (answer.form === 'error' && errorFile(answer.name) === file) return answer.status;
  for (const [name, status] of Object.entries(legacyErrorStatus)) if (legacyErrorFile(name as LegacyErrorName) === file) return status;
  throw new Error(`${file} is no error file of the CKAN registries`);
}

/** The file that answers for a folder's path: its JSON answer under the JSON prefixes, its page elsewhere. */
export function folderIndexFile(table: RewriteTable, sitePath: string): string {
  const folder = sitePath === '' || sitePath.endsWith('/') ? sitePath : `${sitePath}/`;
  const json = table.jsonPrefixes.some((prefix) => folder.startsWith(prefix));
  return `${folder}${json ? table.folderAnswers.file : table.pageIndex}`;
}

/** The first fallback whose glob matches a site-relative path. */
export function firstMatch(fallbacks: readonly Fallback[], sitePath: string): Fallback | undefined {
  return fallbacks.find((fallback) => new RegExp(globRegex(fallback.glob), 's').test(sitePath));
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
const size = (param: string, allowed: readonly number[] = pageSizes, error = v3('unsupported-paging')): Selector => ({ param, kind: 'size', default: allowed[0]!, allowed, whenInvalid: error });
const start = (param: string, error = v3('unsupported-paging')): Selector => ({ param, kind: 'start', default: 0, whenInvalid: error });

/** `package_search`'s filters: q for every dataset, fq only as a modification-time filter, no projection. */
const searchRestrictions = [query('q', [...everyDataset, modifiedSince]), query('fq', [[''], modifiedSince], 'ignore'), query('fl', [['']])];
const searchIgnored = ['sort', 'include_private', 'include_drafts', 'include_deleted', 'facet', 'facet.field', 'facet.limit', 'facet.mincount', 'defType'];

/** The lists are written whole: asking for a part of one cannot be answered. */
const wholeList = [paging('limit', [['']]), paging('offset', [[''], ['0']])];
const listIgnored = ['include_private', 'include_drafts', 'include_deleted', 'include_dataset_count', 'include_extras', 'include_tags', 'include_groups', 'include_users', 'sort'];

const showForms: QueryForm[] = servedAnswers.flatMap((answer) =>
  answer.form === 'show'
    ? [
        {
          name: answer.name,
          paths: bothVersions(answer.name),
          selectors: [{ param: 'id', kind: 'key', whenMissing: v3('missing-id') }],
          restrictions: [],
          ignored: ['include_datasets', 'include_password_hash', 'include_users', 'include_tracking', 'include_extras', 'include_groups', 'include_tags', 'include_followers', 'include_dataset_count', 'include_member_count', 'use_default_schema'],
          target: showFile(answer.name, '{id}'),
          whenNoFile: v3('not-found'),
        } satisfies QueryForm,
      ]
    : [],
);

/** The Search API (v1/v2, CKAN ≤ 2.7): `/api/search/…` is version 1. */
const searchApiVersions = [
  { prefix: 'api/search/', version: 1 },
  { prefix: 'api/1/search/', version: 1 },
  { prefix: 'api/2/search/', version: 2 },
] as const;
const searchFilters: readonly SearchApiFilter[] = ['tags', 'groups', 'organization'];
const unsupportedSearch = legacy('unsupported-search');
/** Legacy search options the files cannot answer (each becomes part of a Solr query in CKAN). */
const legacySearchOptions = ['q', 'fl', 'qjson', 'all_fields', 'order_by', 'sort', 'rows', 'start', 'filter_by_openness', 'filter_by_downloadable'];
const legacyOnly = (params: readonly string[]): Restriction[] => params.map((param) => ({ param, harmless: [['']], error: unsupportedSearch, whereOnlyLiterals: 'reject' }));

const searchApiForms: QueryForm[] = searchApiVersions.flatMap(({ prefix, version }): QueryForm[] => [
  ...searchFilters.map(
    (field): QueryForm => ({
      name: `${prefix}dataset?${field}=`,
      paths: [`${prefix}dataset`],
      requires: field,
      selectors: [{ param: field, kind: 'key', whenMissing: unsupportedSearch }, size('limit', searchApiDatasetLimits, unsupportedSearch), start('offset', unsupportedSearch)],
      restrictions: legacyOnly([...searchFilters.filter((other) => other !== field), ...legacySearchOptions]),
      ignored: [],
      target: pageTemplate(searchApiPageFile(version, 'dataset', { field, key: `{${field}}` }, -1, -2), 'limit', 'offset'),
      noMatch: { known: pageTemplate(searchApiPageFile(version, 'dataset', { field, key: `{${field}}` }, -1, -2), null, null), answer: searchApiNoMatchFile(version) },
      whenNoFile: unsupportedSearch,
    }),
  ),
  {
    name: `${prefix}dataset`,
    paths: [`${prefix}dataset`],
    selectors: [size('limit', searchApiDatasetLimits, unsupportedSearch), start('offset', unsupportedSearch)],
    restrictions: legacyOnly(legacySearchOptions),
    ignored: [],
    target: pageTemplate(searchApiPageFile(version, 'dataset', null, -1, -2), 'limit', 'offset'),
    whenNoFile: unsupportedSearch,
  },
  {
    name: `${prefix}resource`,
    paths: [`${prefix}resource`],
    selectors: [size('limit', searchApiResourceLimits, unsupportedSearch), start('offset', unsupportedSearch)],
    restrictions: legacyOnly([...legacySearchOptions, 'url', 'format', 'name', 'description', 'hash']),
    ignored: [],
    target: pageTemplate(searchApiPageFile(version, 'resource', null, -1, -2), 'limit', 'offset'),
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
    target: `${prefix}revision`,
    whenNoFile: legacy('not-found'),
  },
]);

/** Paths of API v1 and v2, whose errors are CKAN 2.7's bare strings. */
const legacyPrefixes = ['api/1/', 'api/2/', 'api/rest/', 'api/search/', 'api/tag_counts'];

/** Where API v1/v2 answers are also folders (rest.ts): the registers with entities, a dataset, its relationships and each relationship type. */
const folderAnswerPaths = ['dataset', 'group', 'tag', 'revision', 'dataset/{key}', 'dataset/{key}/{answer}'].flatMap((path) => [restFile(1, path), ...pathAliases(restFile(1, path)), restFile(2, path)]);

export const ckanRewrites: RewriteTable = {
  forms: [
    ...showForms,
    {
      name: 'package_search',
      paths: bothVersions('package_search'),
      selectors: [size('rows'), start('start')],
      restrictions: searchRestrictions,
      ignored: searchIgnored,
      target: pageTemplate(pageFile('package_search', -1, -2), 'rows', 'start'),
      whenNoFile: v3('unsupported-paging'),
    },
    {
      name: 'current_package_list_with_resources',
      paths: bothVersions('current_package_list_with_resources'),
      selectors: [size('limit'), start('offset')],
      restrictions: [paging('page', [['']])],
      ignored: [],
      target: pageTemplate(pageFile('current_package_list_with_resources', -1, -2), 'limit', 'offset'),
      whenNoFile: v3('unsupported-paging'),
    },
    {
      // data.gov.uk: /api/3/search/dataset?q=type:dataset&rows=1000&fl=id,metadata_modified,organization&start=N
      name: 'search_dataset',
      paths: ['api/3/search/dataset'],
      selectors: [size('rows'), start('start')],
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
  corsPrefix: 'api/',
  methods: ['GET', 'HEAD', 'OPTIONS'],
  readOnly: [...legacyPrefixes.map((prefix): Fallback => ({ glob: `${prefix}*`, error: legacy('read-only') })), { glob: '*', error: v3('read-only') }],
  folderAnswers: { file: folderAnswerName, paths: folderAnswerPaths },
  pageIndex: 'index.html',
  notFoundPage: '404.html',
  hidden: ['datashelf.nginx.conf', '_redirects', '_headers', '.htaccess'],
};

// Reading the table: shared by every generator and the preview server.

/** Every error file the table can answer with, sorted. */
export function tableErrors(table: RewriteTable): ErrorFile[] {
  const names = new Set<ErrorFile>([...table.readOnly.map((fallback) => fallback.error), ...table.fallbacks.map((fallback) => fallback.error)]);
  for (const form of table.forms) {
    names.add(form.whenNoFile);
    for (const restriction of form.restrictions) names.add(restriction.error);
    for (const selector of form.selectors) names.add(selector.kind === 'key' ? selector.whenMissing : selector.whenInvalid);
  }
  return [...names].sort();
}

/** A JavaScript regular expression source matching a decoded value exactly. */
export function decodedValueRegex(pattern: ValuePattern): string {
  return `^${pattern.map((part) => (part === anyText ? '.*' : escapeRegex(part))).join('')}$`;
}

/**
 * A PCRE source (nginx, Apache) matching a raw, percent-encoded value exactly, in every usual
 * spelling: each character as itself or `%XX` (either case), a space also as `+`.
 */
export function rawValueRegex(pattern: ValuePattern): string {
  return `^${pattern.map((part) => (part === anyText ? '[^&]*' : [...part].map(rawCharacter).join(''))).join('')}$`;
}

/** The raw spellings of one or more patterns, as one alternation: `^(?:…|…)$`. */
export function rawValuesRegex(patterns: readonly ValuePattern[]): string {
  return `^(?:${patterns.map((pattern) => rawValueRegex(pattern).slice(1, -1)).join('|')})$`;
}

/** Whether a restricted parameter must be present (its harmless values do not include the empty one). */
export const isRequired = (restriction: Restriction) => !restriction.harmless.some((pattern) => literalOf(pattern) === '');

/** A pattern without wildcards, as its literal text; null when it has wildcards. */
export function literalOf(pattern: ValuePattern): string | null {
  return pattern.every((part) => typeof part === 'string') ? pattern.join('') : null;
}

/** The target path with each selector's value put in. */
export function fillTarget(target: string, values: Record<string, string>): string {
  return target.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${target}`);
    return value;
  });
}

/** A glob (`api/3/action/*`) as a regular expression source over a site-relative path. */
export function globRegex(glob: string): string {
  return `^${glob.split('*').map(escapeRegex).join('.*')}$`;
}

/**
 * The raw characters a key may have to be looked up: what percent-encoding leaves (letters,
 * digits, `-._~!'()*`), `%` and `+`. No `/`, and no leading dot, so no key reaches outside its folder.
 */
export const rawKeyRegex = "^[A-Za-z0-9_~%+!'()*-][A-Za-z0-9._~%+!'()*-]*$";

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rawCharacter(character: string): string {
  if (/[A-Za-z0-9_.~-]/.test(character)) return character;
  const encoded = [...Buffer.from(character, 'utf8')].map((byte) => `%${[...byte.toString(16).padStart(2, '0')].map(hexDigit).join('')}`);
  const spellings = [escapeRegex(character), encoded.join('')];
  if (character === ' ') spellings.push('\\+');
  return `(?:${spellings.join('|')})`;
}

/** A hex digit of a percent-encoding, in either case. */
function hexDigit(digit: string): string {
  return /[0-9]/.test(digit) ? digit : `[${digit.toUpperCase()}${digit}]`;
}
