// The nginx server block for a build, generated from its host rules (the site's and the enabled
// outputs'): an operator changes its `listen` and `root` lines and nothing else. Every `if` in it
// only sets a variable, returns, or rewrites with `last` (the uses nginx documents as safe), so no
// other directive is lost to it.
import { corsHeaders } from './cors.ts';
import type { HostSite } from './host-site.ts';
import { defaultMediaType, utf8Types } from './media-types.ts';
import { allowOn405, exactHarmless, setAllow, serveErrorPage, serveLocation, serveUpstream } from './nginx-serve.ts';
import { atLeastRegex, cacheControlFor, cachePrefixes, errorStatusIn, escapeRegex, fillTarget, firstMatch, isJsonPath, pathPatternsRegex, rawKeyRegex, rawValuesRegex, tableErrors, type ErrorFile, type Fallback, type KeyMaps, type QueryForm, type RewriteTable } from './rules.ts';

/** The file's name in the build. The block denies it, with the other hosts' files. */
export const nginxConfigFile = 'datashelf.nginx.conf';

/** The two lines an operator changes (the tests replace exactly these). */
export const nginxListenLine = /^ {4}listen .*;.*$/m;
export const nginxRootLine = /^ {4}root .*;.*$/m;

/**
 * The server block; with `serve`, the variant that sends what the files cannot answer under the API
 * to `datashelf serve` (nginx-serve.ts): every error answer there becomes serve's answer.
 */
export function nginxConfig(table: RewriteTable, site: HostSite, serve = false, keyMaps: KeyMaps = {}): string {
  const url = (sitePath: string) => `${site.basePath}${sitePath}`;
  const status = (error: ErrorFile) => errorStatusIn(table, error);
  const fail = (error: ErrorFile) => `set $ckan_error ${error}; return ${status(error)};`;
  const errorPage = (code: number, error: ErrorFile) => (serve ? serveErrorPage([code]) : `error_page ${code} ${status(error) === code ? '' : `=${status(error)} `}${url(error)};`);
  const out = new Lines();
  // Each refusal of a method names the allowed ones for the 405's `Allow` (nginx-serve.ts: allowOn405).
  const methodCheck = `if ($request_method !~ ${quote(`^(?:${table.methods.join('|')})$`)}) { ${setAllow(table)}`;
  const json = ['types { }', 'default_type application/json;'];
  // A location with an add_header of its own inherits none of the server's: each names its Cache-Control.
  const cacheHeader = (sitePath: string) => `add_header Cache-Control ${quote(cacheControlFor(table, sitePath))};`;

  /**
   * The opening lines of a location answering from files: JSON or not, its error pages, method checks.
   * Without an output's error for the folder it names no error page, and so keeps the server's (404.html).
   */
  const filesLocation = (prefix: string) => {
    const missing = coveringGlob(table.fallbacks, prefix);
    const readOnly = coveringGlob(table.readOnly, prefix);
    return [
      ...(isJsonPath(table, prefix) ? json : []),
      ...(missing ? [errorPage(404, missing.error)] : []),
      ...(readOnly ? [errorPage(405, readOnly.error)] : []),
      `${methodCheck} return 405; }`,
      'if ($request_method = OPTIONS) { return 204; }',
      // A folder's answer: under the JSON prefixes its index.json (never an HTML name), elsewhere its page.
      ...(isJsonPath(table, prefix) ? [`index ${table.folderAnswers.file};`] : []),
      `try_files $uri $uri/${isJsonPath(table, prefix) ? table.folderAnswers.file : table.pageIndex} =404;`,
    ];
  };
  /** The opening lines of a query form's location: every error through `$ckan_error`, which each `return` sets first. */
  const formLocation = (formPath: string) => {
    const readOnly = coveringGlob(table.readOnly, formPath);
    const statuses = [...new Set(tableErrors(table).map(status))].sort();
    return [
      ...json,
      serve ? serveErrorPage(statuses) : `error_page ${statuses.join(' ')} ${url('')}$ckan_error;`,
      `${methodCheck} ${readOnly ? fail(readOnly.error) : 'return 405;'} }`,
      'if ($request_method = OPTIONS) { return 204; }',
    ];
  };

  const types = new Map<string, string[]>();
  for (const [extension, type] of Object.entries(table.mediaTypes)) types.set(type, [...(types.get(type) ?? []), extension]);
  const sitePageReadOnly = coveringGlob(table.readOnly, table.notFoundPage);

  // One line a dataset in the key maps: an array, not arguments (100,000 arguments overflow the stack).
  out.addAll(0, [
    `# nginx server block for ${site.title} (https://${site.serverName}${site.basePath}), written by \`datashelf build\`.`,
    '# Put it in nginx\'s http context (e.g. /etc/nginx/conf.d/datashelf.conf) and change the',
    `# ${serve ? 'three' : 'two'} lines marked "change" and no other: every other line follows the build (see docs/hosting.md).`,
    ...(serve ? ['# What its files cannot answer under the API goes to `datashelf serve` (the upstream below).'] : []),
    ...(table.forms.length > 0 ? ['# It answers the CKAN API\'s query forms (?id=, ?rows=&start=, …) from the files, as CKAN would.'] : []),
    ...(serve ? serveUpstream() : []),
    ...keyMapBlocks(table, keyMaps),
    'server {',
  ]);
  out.add(1,
    'listen 80;  # change: the address and port to listen on (for HTTPS add `ssl` and your certificate lines)',
    `root /var/www/datashelf;  # change: the folder holding this build${site.basePath === '/' ? '' : `, as its sub-folder ${site.basePath.slice(1, -1)}/`}`,
    `server_name ${site.serverName};`,
    '',
    `index ${table.pageIndex};`,
    'absolute_redirect off;',
    // $datashelf_allow is set only when a method is refused: elsewhere it is empty, and says so.
    'uninitialized_variable_warn off;',
    'charset utf-8;',
    // nginx's charset module always includes text/html (naming it again is warned about).
    `charset_types ${utf8Types.filter((type) => type !== 'text/html').join(' ')};`,
    'types {',
    ...[...types].map(([type, extensions]) => `    ${type} ${extensions.join(' ')};`),
    '}',
    `default_type ${defaultMediaType};`,
    `error_page 404 ${url(table.notFoundPage)};`,
    cacheHeader(''),
    '',
    '# Text compressed: the build\'s own .gz beside its assets and largest files, the rest on the fly.',
    'gzip on;',
    'gzip_vary on;',
    'gzip_static on;',
    `gzip_types ${table.compressibleTypes.filter((type) => type !== 'text/html').join(' ')};`,
    '# With the ngx_brotli module, uncomment to serve the build\'s .br files too:',
    '# brotli_static on;',
    // Other methods: an output's read-only answer where one covers the pages, else nginx's own 405.
    ...(sitePageReadOnly && !serve ? [errorPage(405, sitePageReadOnly.error)] : []),
    ...allowOn405(),
    '',
    // Before any location is chosen: the path it stands for answers, in that path's location.
    ...(table.aliases.length > 0 ? ['# Second spellings of paths: answered as the path each stands for.', ...table.aliases.map((alias) => `rewrite ${quote(`^${escapeRegex(url(alias.from))}(.*)$`)} ${url(alias.to)}$1 last;`), ''] : []),
    ...(serve ? serveLocation() : []),
    '# The hosts\' configuration files are not part of the site.',
    ...table.hidden.map((file) => (file.endsWith('/') ? `location ^~ ${url(file)} { return 404; }` : `location = ${url(file)} { return 404; }`)),
    '',
    `location ${site.basePath} {`,
    `    ${methodCheck} return 405; }`,
    `    if ($request_method = OPTIONS) { add_header Allow ${quote(table.methods.join(', '))} always; return 204; }`,
    '}',
    '',
    ...cachePrefixes(table).flatMap((rule) => {
      if (rule.prefix.startsWith(table.corsPrefix)) throw new Error(`Cache prefix ${rule.prefix} is under ${table.corsPrefix}: the nginx block has no location for it`);
      return [
        `# Named by their content (a change is a new name): cached for long.`,
        `location ^~ ${url(rule.prefix)} {`,
        `    ${cacheHeader(rule.prefix)}`,
        `    ${methodCheck} return 405; }`,
        '    try_files $uri =404;',
        '}',
        '',
      ];
    }),
    // A regular-expression location wins over `location /` (not over the API's `^~` one), so it repeats the method checks.
    ...(table.corsPaths.length > 0
      ? [
          '# Files that pages on other sites read (harvesters, feed readers): CORS, as under the API.',
          `location ~ ${quote(`^${escapeRegex(site.basePath)}${pathPatternsRegex(table.corsPaths)}$`)} {`,
          ...Object.entries(corsHeaders(table)).map(([name, value]) => `    add_header ${name} ${quote(value)} always;`),
          `    ${cacheHeader('')}`,
          `    ${methodCheck} return 405; }`,
          '    if ($request_method = OPTIONS) { return 204; }',
          '    try_files $uri =404;',
          '}',
          '',
        ]
      : []),
    `# The API: CORS${table.jsonPrefixes.length > 0 ? ', JSON (extension-less files), and the API\'s errors for what the files cannot answer' : ''}.`,
    `location ^~ ${url(table.corsPrefix)} {`,
  );
  out.add(2, ...Object.entries(corsHeaders(table)).map(([name, value]) => `add_header ${name} ${quote(value)} always;`), cacheHeader(table.corsPrefix), ...allowOn405(), ...filesLocation(table.corsPrefix));

  // Prefix locations, one per folder where the answer for a missing file, the JSON type or the
  // read-only error changes. nginx picks the longest prefix, the table the first glob: coveringGlob checks they agree.
  const prefixes = new Set([...table.jsonPrefixes, ...[...table.fallbacks, ...table.readOnly].map((fallback) => globPrefix(fallback.glob))]);
  for (const prefix of [...prefixes].filter((prefix) => prefix.startsWith(table.corsPrefix) && prefix !== table.corsPrefix).sort()) {
    out.add(2, '', `location ${url(prefix)} {`);
    out.add(3, ...filesLocation(prefix));
    out.add(2, '}');
  }
  if (table.jsonPrefixes.some((prefix) => !prefix.startsWith(table.corsPrefix))) throw new Error('A JSON prefix is outside the API: the nginx block has no location for it');

  // Query forms: one regular-expression location per path (they win over the prefixes), the forms
  // that need a parameter (Search API filters) in internal locations of their own.
  const internal = (index: number) => url(`${table.corsPrefix}.datashelf-form-${index}`);
  const formsByPaths = new Map<string, QueryForm[]>();
  for (const form of table.forms) for (const formPath of form.paths) formsByPaths.set(formPath, [...(formsByPaths.get(formPath) ?? []), form]);
  const locations = new Map<string, string[]>();
  for (const [formPath, forms] of formsByPaths) {
    const key = forms.map((form) => table.forms.indexOf(form)).join(',');
    locations.set(key, [...(locations.get(key) ?? []), formPath]);
  }
  for (const [key, formPaths] of locations) {
    const forms = key.split(',').map((index) => table.forms[Number(index)]!);
    if (!formPaths.every((formPath) => formPath.startsWith(table.corsPrefix) && isJsonPath(table, formPath))) throw new Error(`${formPaths.join(', ')}: query forms must answer JSON under ${table.corsPrefix}`);
    const last = forms.at(-1)!;
    out.add(2, '', `# ${forms.map(describe).join('; ')}`, `location ~ ${quote(`^(?:${formPaths.map((formPath) => escapeRegex(url(formPath))).join('|')})$`)} {`);
    out.add(3, ...formLocation(formPaths[0]!));
    for (const form of forms.filter((candidate) => candidate.requires)) out.add(3, `if ($arg_${variableName(form.requires!)} != "") { rewrite ^ ${internal(table.forms.indexOf(form))} last; }`);
    // The form that needs no parameter answers here; without one, the path's own file does.
    if (!last.requires) out.add(3, ...formRules(last, url, fail, status, serve));
    else {
      const missing = coveringGlob(table.fallbacks, formPaths[0]!);
      if (!missing) throw new Error(`${formPaths[0]}: a form needing a parameter needs a fallback for the path without it`);
      out.add(3, `set $ckan_error ${missing.error};`, `try_files $uri $uri/${table.folderAnswers.file} =${status(missing.error)};`);
    }
    out.add(2, '}');
    for (const form of forms.filter((candidate) => candidate.requires)) {
      out.add(2, `location = ${internal(table.forms.indexOf(form))} {`);
      out.add(3, 'internal;', ...formLocation(formPaths[0]!), ...formRules(form, url, fail, status, serve));
      out.add(2, '}');
    }
  }
  out.add(1, '}');
  out.add(0, '}', '');
  return out.text();
}

/**
 * The `if`s and the rewrite of one query form: restrictions, then each selector, then the file.
 * `fail` returns with an error's status, naming its file first (the location's error pages read `$ckan_error`).
 */
function formRules(form: QueryForm, url: (sitePath: string) => string, fail: (error: ErrorFile) => string, status: (error: ErrorFile) => number, serve = false): string[] {
  const rules: string[] = [];
  for (const restriction of form.restrictions) {
    // `$arg_x` is empty when x is absent, so an absent parameter is harmless exactly when the empty value is.
    rules.push(`if ($arg_${variableName(restriction.param)} !~ ${quote(rawValuesRegex(serve ? exactHarmless(restriction.harmless) : restriction.harmless))}) { ${fail(restriction.error)} }`);
  }
  const values: Record<string, string> = {};
  for (const selector of form.selectors) {
    const variable = `$ckan_${variableName(selector.param)}`;
    values[selector.param] = variable;
    rules.push(`set ${variable} ${selector.kind === 'key' && selector.otherKeys ? mapVariable(selector.otherKeys) : `$arg_${variableName(selector.param)}`};`);
    switch (selector.kind) {
      case 'key':
        rules.push(`if (${variable} = "") { ${fail(selector.whenMissing)} }`, `if (${variable} !~ ${quote(rawKeyRegex)}) { ${fail(form.whenNoFile)} }`);
        break;
      case 'size':
        rules.push(`if (${variable} = "") { set ${variable} ${selector.default}; }`);
        // CKAN's rows_max of the files; with serve, a larger value is the handler's (its own maximum).
        if (selector.max && !serve) rules.push(`if (${variable} ~ ${quote(atLeastRegex(selector.max.value))}) { set ${variable} ${selector.max.value}; }`);
        rules.push(`if (${variable} !~ ${quote(`^(?:${selector.allowed.join('|')})$`)}) { ${fail(selector.whenInvalid)} }`);
        break;
      case 'start':
        rules.push(`if (${variable} = "") { set ${variable} ${selector.default}; }`, `if (${variable} !~ "^[0-9]+$") { ${fail(selector.whenInvalid)} }`);
        break;
    }
  }
  if (form.noMatch) rules.push(`if (!-d ${quote(`$document_root${url(fillTarget(form.noMatch.known, values))}`)}) { rewrite ^ ${url(form.noMatch.answer)}? last; }`);
  const target = url(fillTarget(form.target, values));
  // A form without selectors answers with one file, maybe its own path: served here, not rewritten
  // (a rewrite would come back to this location).
  if (form.selectors.length === 0) rules.push(`set $ckan_error ${form.whenNoFile};`, `try_files ${target} =${status(form.whenNoFile)};`);
  else rules.push(`rewrite ^ ${target}? last;`);
  return rules;
}

/** The variable a key map sets: the file's key for another key, else the parameter as sent. */
function mapVariable(name: string): string {
  return `$datashelf_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * A `map` (http context, before the server block) for each key map a form uses: `?id=<UUID>` finds
 * the file named by the dataset's name. nginx looks a map up in a hash: with thousands of datasets it
 * may warn that the hash is not optimal (raise `map_hash_max_size` in nginx.conf to silence it).
 */
function keyMapBlocks(table: RewriteTable, keyMaps: KeyMaps): string[] {
  const lines: string[] = [];
  const used = new Map<string, string>();
  for (const form of table.forms) for (const selector of form.selectors) if (selector.kind === 'key' && selector.otherKeys) used.set(selector.otherKeys, selector.param);
  for (const [name, param] of used) {
    const pairs = keyMaps[name] ?? [];
    lines.push(`# ${name}: ?${param}= by the other key (${pairs.length}), answered by the file of its own key.`, `map $arg_${variableName(param)} ${mapVariable(name)} {`, `    default $arg_${variableName(param)};`);
    for (const [other, key] of pairs) lines.push(`    ${quote(other)} ${quote(key)};`);
    lines.push('}', '');
  }
  return lines;
}

/**
 * The first glob of `fallbacks` covering everything under `prefix` (nginx's longest prefix must be
 * the table's first match); undefined when none does (no output answers there: the host's own answer).
 */
function coveringGlob(fallbacks: readonly Fallback[], prefix: string): Fallback | undefined {
  const covering = fallbacks.filter((fallback) => prefix.startsWith(globPrefix(fallback.glob)));
  const first = firstMatch(fallbacks, prefix);
  const longest = covering.reduce<Fallback | undefined>((best, fallback) => (!best || globPrefix(fallback.glob).length > globPrefix(best.glob).length ? fallback : best), undefined);
  if (longest !== first) throw new Error(`${longest?.glob ?? 'No glob'} covers ${prefix}, but ${first?.glob} is its first match`);
  return first;
}

/** The folder of a glob: nginx locations are prefixes, so each glob is `<prefix>*`. */
function globPrefix(glob: string): string {
  if (glob.indexOf('*') !== glob.length - 1) throw new Error(`Glob ${glob} is not <prefix>*: nginx cannot express it`);
  return glob.slice(0, -1);
}

function describe(form: QueryForm): string {
  return `${form.name}${form.ignored.length > 0 ? ` (ignored: ${form.ignored.join(', ')})` : ''}`;
}

/** `$arg_<name>` reads a parameter whose name is letters, digits and `_` only. */
function variableName(param: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(param)) throw new Error(`Parameter ${param} cannot be read as an nginx variable`);
  return param;
}

const needsEscape = /[\\"]/;

/** A double-quoted nginx string: its parser turns `\\` into `\` and `\"` into `"`. */
function quote(text: string): string {
  // Most texts (every UUID and name of the key maps, thousands of them) hold neither.
  if (!needsEscape.test(text)) return `"${text}"`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

class Lines {
  private readonly lines: string[] = [];
  add(indent: number, ...texts: string[]): void {
    this.addAll(indent, texts);
  }
  addAll(indent: number, texts: readonly string[]): void {
    const prefix = '    '.repeat(indent);
    for (const text of texts) this.lines.push(text === '' ? '' : `${prefix}${text}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}
