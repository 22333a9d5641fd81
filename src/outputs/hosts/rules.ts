// The language of host rules: what an output adds to every host's configuration (query forms,
// fallbacks, read-only errors, JSON prefixes, folder answers) and the merged table the nginx,
// Apache and Netlify generators and `datashelf preview` read (src/outputs/hosts/table.ts merges
// it). No output format lives here: the CKAN API's rules are in src/outputs/ckan/rewrites.ts.

/**
 * A parameter value, as text with wildcards (`anyText`): `['metadata_modified:[', anyText, ' TO *]']`.
 * Values are compared decoded; generators for hosts that compare the raw query string derive a
 * pattern that accepts every usual spelling (`:` or `%3A`, space as `+` or `%20`).
 */
export type ValuePattern = readonly (string | typeof anyText)[];
export const anyText = Symbol('any text');

/**
 * An answer the files give when they hold no better one: a site-relative file (`api/3/error/not-found`,
 * `api/1/error/read-only`), sent with the HTTP status its output gives it (`errorStatuses`).
 */
export type ErrorFile = string;

/** A parameter that chooses the file: its value goes into the target path. */
export type Selector =
  /** Any key (an id or a name), as the client spelled it (the files are named by `keyVariants`). */
  | {
      param: string;
      kind: 'key';
      whenMissing: ErrorFile;
      /**
       * A build's map from another key to the file's (`package_show`: a dataset's UUID to its name,
       * the one file written), by name in `KeyMaps`. Hosts that can hold such a map (nginx) use it;
       * the others answer the file's key only, and the request handler every key.
       */
      otherKeys?: string;
    }
  /** A page size: one of `allowed`, or the default when absent; with `max`, also any larger whole number, read as `max.value`. */
  | { param: string; kind: 'size'; default: number; allowed: readonly number[]; max?: SizeMax; whenInvalid: ErrorFile }
  /** A page start: a non-negative integer, or the default when absent. The page file may not exist. */
  | { param: string; kind: 'start'; default: number; whenInvalid: ErrorFile };

/**
 * The files' largest page (CKAN's `rows_max`): a value from `value` up (a whole number in digits,
 * as CKAN's `int()` reads it, leading zeros allowed) reads the pages of `value`, as CKAN cuts a
 * larger `rows` without a word. Hosts that compare numbers by pattern (nginx, Apache, the preview's
 * routing) take any such value; Netlify, which compares plain values only, the ones in `plainValues`
 * (those real clients send). Not where the request handler answers the rest (nginx with `datashelf
 * serve`): a larger value is the handler's, which keeps CKAN's default maximum.
 */
export interface SizeMax {
  value: number;
  plainValues: readonly number[];
}

/**
 * A regular expression source (JavaScript and PCRE alike) matching the whole numbers from `least`
 * up, written in digits with any leading zeros: for 100, `^0*(?:[1-9][0-9]{3,}|[2-9][0-9]{2}|1[1-9][0-9]|10[1-9]|100)$`.
 */
export function atLeastRegex(least: number): string {
  if (!Number.isInteger(least) || least < 1) throw new Error(`${least}: a size's maximum is a whole number from 1`);
  const digits = String(least);
  // More digits than `least`, then the same number of digits and larger at the first digit that differs, then `least` itself.
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let at = 0; at < digits.length; at++) {
    const low = Number(digits[at]) + 1;
    if (low > 9) continue;
    const rest = digits.length - at - 1;
    alternatives.push(`${digits.slice(0, at)}[${low}-9]${rest === 0 ? '' : rest === 1 ? '[0-9]' : `[0-9]{${rest}}`}`);
  }
  alternatives.push(digits);
  return `^0*(?:${alternatives.join('|')})$`;
}

/** The build's maps from other keys to the files' keys (`Selector.otherKeys`), each as [other key, file key] pairs. */
export type KeyMaps = Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>;

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

/**
 * A path that is both an answer and a folder of answers (API v1/v2: `api/1/rest/dataset/<key>` and
 * `…/<key>/revisions`) is answered by the folder's `file`, `index.json`: never an HTML name, which
 * a host typing files by extension would serve as a page (issue 7). nginx, Apache and the preview
 * look for it in any folder under the JSON prefixes; Netlify, which cannot test for a folder, rewrites
 * `paths` (templates, `{name}` for one path segment): where the output writes such answers.
 */
export interface FolderAnswers {
  file: string;
  paths: readonly string[];
}

/**
 * A site-relative path in which `{name}` stands for text within one path segment (no `/`):
 * `dataset/{id}.ttl`, `topic/{id}/feed.atom`, `sitemap-{n}.xml`.
 */
export type PathPattern = string;

/**
 * A second spelling of a part of the URL space (`api/rest/` for `api/1/rest/`): a request whose path
 * starts with `from` is answered as if it started with `to`, query forms, files and errors alike.
 * Hosts rewrite it (one pattern rule each), so the build holds no file for it.
 */
export interface PathAlias {
  from: string;
  to: string;
}

/** What one output adds to the hosts' rules (`Output.hostRules`): each kind of rule only when it has some. */
export interface OutputHostRules {
  /** Applied first, before the method checks' paths are looked at again and before any form or file. */
  aliases?: readonly PathAlias[];
  forms?: readonly QueryForm[];
  /** A path with no file: the output's error for it. */
  fallbacks?: readonly Fallback[];
  /** A method other than the site's: the output's error for the path (else the host's own 405). */
  readOnly?: readonly Fallback[];
  /** Prefixes whose files are all JSON, whatever their names (`application/json`, no charset: udata compares it exactly). */
  jsonPrefixes?: readonly string[];
  folderAnswers?: FolderAnswers;
  /** The HTTP status of every error file the rules above name (from the registries that write them). */
  errorStatuses?: Readonly<Record<ErrorFile, number>>;
  /** Request headers its clients send, which browsers must be told they may (CORS preflights). */
  corsRequestHeaders?: readonly string[];
  /**
   * Its files outside `corsPrefix` that pages on other sites read (harvesters and tools in a
   * browser: data.json, the DCAT-AP files, sitemaps, feeds): answered with CORS as the API is.
   */
  corsPaths?: readonly PathPattern[];
  /**
   * Its files and folders (ending in `/`) that are data for a program of ours, not answers (the
   * CKAN handler's index): never served, any file under a hidden folder included.
   */
  hidden?: readonly string[];
  /**
   * Paths (`{name}` a segment) that only the CKAN request handler answers: no file is written there.
   * A host without the handler answers them with the fallback's error, never a page (Netlify needs a
   * rule for it: its folder answers would give the HTML 404 page); the hosts with it send them there.
   */
  handlerPaths?: readonly PathPattern[];
}

/** What the site itself asks of every host, whatever outputs a build holds. */
export interface SiteHostRules {
  /** The prefix answered with `Access-Control-Allow-Origin: *` (and CORS preflights). */
  corsPrefix: string;
  /** Methods answered; any other gets 405 (with an output's read-only error where it has one). */
  methods: readonly string[];
  /** Request headers browsers may send under `corsPrefix`; outputs add their clients' (`corsRequestHeaders`). */
  corsRequestHeaders: readonly string[];
  /** A folder's page (`/dataset/foi/` is `dataset/foi/index.html`), as every static host serves it. */
  pageIndex: string;
  /** A folder's answer under the JSON prefixes (`FolderAnswers.file`): JSON, never a page. */
  jsonIndex: string;
  /** The HTML page for a missing page of the site. */
  notFoundPage: string;
  /** Files in the build that configure hosts and are never served. */
  hidden: readonly string[];
  /** Extension → media type of the files pages use and of datasets' downloadable files. */
  mediaTypes: Readonly<Record<string, string>>;
  /**
   * `Cache-Control` by path prefix, the longest matching prefix winning; `''` is every other answer.
   * Prefixes are sent as headers the way `corsPrefix` is (nginx `location ^~`, Apache `<If>`, Netlify globs).
   */
  cacheControl: readonly CacheRule[];
  /** Types hosts compress on the fly (text; images and archives are compressed already). */
  compressibleTypes: readonly string[];
}

/** The `Cache-Control` for answers under a site-relative prefix. */
export interface CacheRule {
  prefix: string;
  value: string;
}

/** The site's rules with the enabled outputs' contributions merged in: what every generator reads. */
export interface RewriteTable extends Omit<SiteHostRules, 'jsonIndex'>, Required<Omit<OutputHostRules, 'folderAnswers' | 'hidden'>> {
  folderAnswers: FolderAnswers;
  /** Extensions of the files the enabled outputs write (Netlify types the rest itself). */
  outputExtensions: readonly string[];
}

// Reading the table: shared by every generator and the preview server.

/** Whether a site-relative path is hidden: one of the hidden files, or under a hidden folder (`api/.datashelf/`). */
export function isHidden(table: Pick<RewriteTable, 'hidden'>, sitePath: string): boolean {
  return table.hidden.some((entry) => (entry.endsWith('/') ? sitePath.startsWith(entry) || sitePath === entry.slice(0, -1) : sitePath === entry));
}

/** The path a request is answered as: its alias's target, or itself. */
export function aliasedPath(table: Pick<RewriteTable, 'aliases'>, sitePath: string): string {
  const alias = table.aliases.find(({ from }) => sitePath.startsWith(from));
  return alias ? `${alias.to}${sitePath.slice(alias.from.length)}` : sitePath;
}

/** The HTTP status of an error file the table names. */
export function errorStatusIn(table: Pick<RewriteTable, 'errorStatuses'>, file: ErrorFile): number {
  if (!Object.hasOwn(table.errorStatuses, file)) throw new Error(`${file} is no error file of the enabled outputs`);
  return table.errorStatuses[file]!;
}

/** The file that answers for a folder's path: its JSON answer under the JSON prefixes, its page elsewhere. */
export function folderIndexFile(table: RewriteTable, sitePath: string): string {
  const folder = sitePath === '' || sitePath.endsWith('/') ? sitePath : `${sitePath}/`;
  return `${folder}${isJsonPath(table, folder) ? table.folderAnswers.file : table.pageIndex}`;
}

/** Whether hosts answer a site-relative path with CORS: under the CORS prefix, or at one of the outputs' CORS paths. */
export function hasCors(table: Pick<RewriteTable, 'corsPrefix' | 'corsPaths'>, sitePath: string): boolean {
  return sitePath.startsWith(table.corsPrefix) || table.corsPaths.some((pattern) => new RegExp(pathPatternRegex(pattern)).test(sitePath));
}

/** A path pattern as a regular expression source (JavaScript and PCRE alike) over a site-relative path: `{name}` is `[^/]+`. */
export function pathPatternRegex(pattern: PathPattern): string {
  return `^${pattern.split(/\{[^}/]+\}/).map(escapeRegex).join('[^/]+')}$`;
}

/** Several path patterns as one group, `(?:…|…)`, unanchored; refuses none (an empty group matches everything). */
export function pathPatternsRegex(patterns: readonly PathPattern[]): string {
  if (patterns.length === 0) throw new Error('No path pattern: an empty alternation would match every path');
  return `(?:${patterns.map((pattern) => pathPatternRegex(pattern).slice(1, -1)).join('|')})`;
}

/** The `Cache-Control` of a site-relative path: its longest matching prefix's. */
export function cacheControlFor(table: Pick<SiteHostRules, 'cacheControl'>, sitePath: string): string {
  const rule = table.cacheControl.filter((candidate) => sitePath.startsWith(candidate.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!rule) throw new Error(`No Cache-Control rule covers ${sitePath}: the rules need one for the prefix ''`);
  return rule.value;
}

/** The cache rules other than the default one (prefix `''`), longest prefix first. */
export function cachePrefixes(table: Pick<SiteHostRules, 'cacheControl'>): CacheRule[] {
  return table.cacheControl.filter((rule) => rule.prefix !== '').sort((a, b) => b.prefix.length - a.prefix.length || (a.prefix < b.prefix ? -1 : 1));
}

/** Whether a site-relative path is always JSON, whatever its file name. */
export function isJsonPath(table: Pick<RewriteTable, 'jsonPrefixes'>, sitePath: string): boolean {
  return table.jsonPrefixes.some((prefix) => sitePath.startsWith(prefix));
}

/** The first fallback whose glob matches a site-relative path. */
export function firstMatch(fallbacks: readonly Fallback[], sitePath: string): Fallback | undefined {
  return fallbacks.find((fallback) => new RegExp(globRegex(fallback.glob), 's').test(sitePath));
}

/** Every error file the rules can answer with, sorted. */
export function tableErrors(rules: Pick<RewriteTable, 'forms' | 'fallbacks' | 'readOnly'>): ErrorFile[] {
  const names = new Set<ErrorFile>([...rules.readOnly.map((fallback) => fallback.error), ...rules.fallbacks.map((fallback) => fallback.error)]);
  for (const form of rules.forms) {
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
  if (patterns.length === 0) throw new Error('No harmless value: an empty alternation would match the empty value only');
  return `^(?:${patterns.map((pattern) => rawValueRegex(pattern).slice(1, -1)).join('|')})$`;
}

/**
 * `^(?:a|b)$` for literal texts. Refuses an empty list: `(?:)` matches the empty text (and, unanchored,
 * everything), so a rule generated from nothing would apply everywhere.
 */
export function alternation(texts: readonly string[]): string {
  if (texts.length === 0) throw new Error('An alternation of nothing would match everything');
  return `(?:${texts.map(escapeRegex).join('|')})`;
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
