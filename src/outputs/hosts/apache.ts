// Apache's `.htaccess` for a build, generated from its host rules (the site's and the enabled
// outputs'): mod_rewrite reads the raw query string (RewriteCond on QUERY_STRING), answers what the
// files cannot with the outputs' error files (R=<status> and ErrorDocument), and rewrites the query
// forms to the files that answer them.
import { apacheAllowHeader, apacheServeRules, apacheTrailingSlash } from './apache-serve.ts';
import { corsHeaders } from './cors.ts';
import type { HostSite } from './host-site.ts';
import { utf8Types } from './media-types.ts';
import { alternation, atLeastRegex, cacheControlFor, cachePrefixes, errorStatusIn, escapeRegex, fillTarget, globRegex, pathPatternsRegex, rawKeyRegex, rawValuesRegex, tableErrors, type ErrorFile, type QueryForm, type RewriteTable } from './rules.ts';

export const apacheConfigFile = '.htaccess';

export function apacheConfig(table: RewriteTable, site: HostSite): string {
  const url = (sitePath: string) => `${site.basePath}${sitePath}`;
  const fail = (error: ErrorFile) => `R=${errorStatusIn(table, error)},E=CKAN_ERROR:${error},L`;
  const underApi = `%{REQUEST_URI} =~ m#^${escapeRegex(url(table.corsPrefix))}#`;
  const statuses = [...new Set(tableErrors(table).map((error) => errorStatusIn(table, error)))].sort();
  // Every rule that answers with an error names its file in CKAN_ERROR, and the error documents read it.
  const errorDocument = (status: number) => `ErrorDocument ${status} ${url('')}%{reqenv:CKAN_ERROR}`;
  const otherMethod = `RewriteCond %{REQUEST_METHOD} !^(?:${table.methods.join('|')})$`;
  const types = new Map<string, string[]>();
  for (const [extension, type] of Object.entries(table.mediaTypes)) types.set(type, [...(types.get(type) ?? []), extension]);

  const lines = [
    `# Apache configuration for ${site.title}, written by \`datashelf build\` from its host rules (see docs/hosting.md).`,
    '# Needs mod_rewrite, mod_headers, mod_mime and mod_dir, and "AllowOverride FileInfo Indexes" (or All) for this folder.',
    ...(table.forms.length > 0 ? ['# It answers the CKAN API\'s query forms (?id=, ?rows=&start=, …) from the files, as CKAN would.'] : []),
    `DirectoryIndex ${table.pageIndex}`,
    `ErrorDocument 404 ${url(table.notFoundPage)}`,
    // Without an output's read-only answer, other methods get Apache's own 405.
    ...(table.readOnly.length > 0 ? [errorDocument(405)] : []),
    ...apacheAllowHeader(table),
    '',
    '# Media types by extension, whatever the server\'s own list says; text as UTF-8.',
    ...[...types].map(([type, extensions]) => `AddType ${type} ${extensions.map((extension) => `.${extension}`).join(' ')}`),
    `AddCharset utf-8 ${[...types].filter(([type]) => utf8Types.includes(type)).flatMap(([, extensions]) => extensions.map((extension) => `.${extension}`)).join(' ')}`,
    '',
    `# The API: CORS${statuses.length > 0 ? ', and the API\'s errors for what the files cannot answer' : ''}.`,
    `<If "${underApi}">`,
    ...Object.entries(corsHeaders(table)).map(([name, value]) => `    Header always set ${name} "${value}"`),
    ...statuses.map((status) => `    ${errorDocument(status)}`),
    // A query form whose path is also a folder (package_show) is rewritten, not redirected to the folder.
    ...(table.forms.length > 0 ? ['    DirectorySlash Off'] : []),
    '</If>',
  ];
  if (table.corsPaths.length > 0) {
    lines.push(
      '# Files that pages on other sites read (harvesters, feed readers): CORS, as under the API.',
      `<If "%{REQUEST_URI} =~ m#^${escapeRegex(site.basePath)}${pathPatternsRegex(table.corsPaths)}$#">`,
      ...Object.entries(corsHeaders(table)).map(([name, value]) => `    Header always set ${name} "${value}"`),
      '</If>',
    );
  }
  // Cache-Control: the longest prefix first, each an <ElseIf>, the rest the default.
  const cacheRules = cachePrefixes(table);
  lines.push(
    '# Cache-Control: assets named by their content for long, everything else briefly.',
    ...cacheRules.flatMap((rule, index) => [
      `<${index === 0 ? 'If' : 'ElseIf'} "%{REQUEST_URI} =~ m#^${escapeRegex(url(rule.prefix))}#">`,
      `    Header set Cache-Control "${rule.value}"`,
      `</${index === 0 ? 'If' : 'ElseIf'}>`,
    ]),
    ...(cacheRules.length > 0 ? ['<Else>', `    Header set Cache-Control "${cacheControlFor(table, '')}"`, '</Else>'] : [`Header set Cache-Control "${cacheControlFor(table, '')}"`]),
    '# Text compressed on the fly, where the modules are loaded (Brotli first for clients that take it).',
    '<IfModule mod_brotli.c>',
    `    AddOutputFilterByType BROTLI_COMPRESS ${table.compressibleTypes.join(' ')}`,
    '</IfModule>',
    '<IfModule mod_deflate.c>',
    `    AddOutputFilterByType DEFLATE ${table.compressibleTypes.join(' ')}`,
    '</IfModule>',
  );
  // Never an empty alternation: `(?:)` would match every path and type the whole site as JSON.
  if (table.jsonPrefixes.length > 0) {
    lines.push(
      '# JSON whatever the file\'s name.',
      `<If "%{REQUEST_URI} =~ m#^${escapeRegex(site.basePath)}${alternation(table.jsonPrefixes)}#">`,
      '    ForceType application/json',
      '</If>',
    );
  }
  lines.push(
    '',
    'RewriteEngine On',
    `RewriteBase ${site.basePath}`,
    '',
    '# The hosts\' configuration files are not part of the site.',
    `RewriteRule ^${hiddenRegex(table.hidden)} - [R=404,L]`,
    ...apacheTrailingSlash(table),
    ...apacheServeRules(table),
    '',
    '# Read-only: any other method gets 405 (with the API\'s error for the path, where it has one).',
    ...table.readOnly.flatMap((fallback) => [otherMethod, `RewriteRule ${globRegex(fallback.glob)} - [${fail(fallback.error)}]`]),
    otherMethod,
    'RewriteRule ^ - [R=405,L]',
    'RewriteCond %{REQUEST_METHOD} =OPTIONS',
    'RewriteRule ^ - [R=204,L]',
  );
  // The rewritten path goes through these rules again (a per-folder rewrite is a new request inside Apache).
  if (table.aliases.length > 0) lines.push('', '# Second spellings of paths: answered as the path each stands for.', ...table.aliases.map((alias) => `RewriteRule ^${escapeRegex(alias.from)}(.*)$ ${alias.to}$1 [L]`));
  for (const form of table.forms) lines.push('', `# ${form.name}${form.ignored.length > 0 ? ` (ignored: ${form.ignored.join(', ')})` : ''}`, ...formRules(form, fail));

  if (table.jsonPrefixes.length > 0) {
    lines.push(
      '',
      `# A v1/v2 answer that is also a folder of answers is the folder's ${table.folderAnswers.file} (never an HTML name).`,
      'RewriteCond %{REQUEST_FILENAME} -d',
      `RewriteCond %{REQUEST_FILENAME}/${table.folderAnswers.file} -f`,
      `RewriteRule ^(${alternation(table.jsonPrefixes)}.*?)/?$ $1/${table.folderAnswers.file} [L]`,
    );
  }
  if (table.fallbacks.length > 0) lines.push('', '# No file: the API\'s error for the path (the first that matches).');
  for (const fallback of table.fallbacks) lines.push('RewriteCond %{REQUEST_FILENAME} !-f', `RewriteRule ${globRegex(fallback.glob)} - [${fail(fallback.error)}]`);
  lines.push('');
  return lines.join('\n');
}

/** The rules of one query form: restrictions, selectors, then the rewrite to its file. `fail` answers with an error file. */
function formRules(form: QueryForm, fail: (error: ErrorFile) => string): string[] {
  const paths = (formPaths: readonly string[]) => `^(?:${formPaths.map(escapeRegex).join('|')})$`;
  const pattern = paths(form.paths);
  // A form that needs a parameter: every rule of it checks that it is there.
  const applies = form.requires ? [`RewriteCond %{QUERY_STRING} (?:^|&)${escapeRegex(form.requires)}=[^&]`] : [];
  // `&x=` appended: an absent parameter reads as empty, as nginx's `$arg_x` does.
  const valueOf = (param: string) => `RewriteCond %{QUERY_STRING}&${param}= (?:^|&)${escapeRegex(param)}=([^&]*)`;
  const rule = (conditions: string[], substitution: string, flags: string) => [...applies, ...conditions, `RewriteRule ${pattern} ${substitution} [${flags}]`];
  const rules: string[] = [];
  for (const restriction of form.restrictions) rules.push(...rule([valueOf(restriction.param), `RewriteCond %1 !${rawValuesRegex(restriction.harmless)}`], '-', fail(restriction.error)));

  const values: Record<string, string> = {};
  let key: string | null = null;
  for (const selector of form.selectors) {
    const variable = `CKAN_${selector.param.toUpperCase()}`;
    switch (selector.kind) {
      case 'key':
        if (key) throw new Error(`${form.name} has two keys: Apache rewrites with one`);
        key = selector.param;
        values[selector.param] = '%1';
        rules.push(...rule([valueOf(selector.param), 'RewriteCond %1 ^$'], '-', fail(selector.whenMissing)));
        rules.push(...rule([valueOf(selector.param), `RewriteCond %1 !${rawKeyRegex}`], '-', fail(form.whenNoFile)));
        break;
      case 'size':
      case 'start': {
        const allowed = selector.kind === 'size' ? `^(?:|${selector.allowed.join('|')})$` : '^[0-9]*$';
        values[selector.param] = `%{ENV:${variable}}`;
        // CKAN's rows_max of the files: a larger value reads its pages.
        const max = selector.kind === 'size' ? selector.max : undefined;
        if (max) rules.push(...rule([valueOf(selector.param), `RewriteCond %1 ${atLeastRegex(max.value)}`], '-', `E=${variable}:${max.value}`));
        rules.push(...rule([valueOf(selector.param), ...(max ? [`RewriteCond %1 !${atLeastRegex(max.value)}`] : []), `RewriteCond %1 !${allowed}`], '-', fail(selector.whenInvalid)));
        if (max) rules.push(...rule([`RewriteCond %{ENV:${variable}} ^$`, valueOf(selector.param)], '-', `E=${variable}:%1`));
        else rules.push(...rule([valueOf(selector.param)], '-', `E=${variable}:%1`));
        rules.push(...rule([`RewriteCond %{ENV:${variable}} ^$`], '-', `E=${variable}:${selector.default}`));
        break;
      }
    }
  }
  if (form.noMatch) {
    if (!key) throw new Error(`${form.name}: a no-match answer needs a key`);
    // The build's folder is where the form's own file is: REQUEST_FILENAME without the form's path.
    const known = fillTarget(form.noMatch.known, { ...values, [key]: '%2' });
    const rootAndKey = `RewriteCond %{REQUEST_FILENAME}|%{QUERY_STRING}&${key}= ^(.*/)(?:${form.paths.map(escapeRegex).join('|')})\\|(?:[^|]*?&)??${escapeRegex(key)}=([^&]*)`;
    rules.push(...rule([rootAndKey, `RewriteCond %1${known} !-d`], `${form.noMatch.answer}?`, 'L'));
  }
  const target = fillTarget(form.target, values);
  // B: the key's raw spelling (`Air%20Quality`) is the file's name, so its `%` must reach the file system as is.
  if (key) rules.push(...rule([valueOf(key)], `${target}?`, 'B,L'));
  else {
    // A form without selectors answers with one file, maybe its own: rewrite the other paths only.
    const others = form.paths.filter((formPath) => formPath !== target);
    if (others.length > 0) rules.push(...applies, `RewriteRule ${paths(others)} ${target}? [L]`);
  }
  return rules;
}

/** The hidden files (whole path) and folders (any path under them, and the folder itself) as one pattern. */
function hiddenRegex(hidden: readonly string[]): string {
  const files = hidden.filter((entry) => !entry.endsWith('/'));
  // A folder in any spelling of the path Apache maps to it (`api//.datashelf/`): each slash may be doubled.
  const folders = hidden.filter((entry) => entry.endsWith('/')).map((entry) => escapeRegex(entry.slice(0, -1)).replace(/\//g, '/+'));
  const parts = [...(files.length > 0 ? [`${alternation(files)}$`] : []), ...(folders.length > 0 ? [`/*(?:${folders.join('|')})(?:/|$)`] : [])];
  return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
}
