// Netlify's `_redirects` and `_headers` for a build, generated from its host rules (the site's and
// the enabled outputs'). Netlify matches query parameters by presence, by a placeholder (`id=:id`) or by a plain value
// (`q=*:*`), and the first matching rule wins: each query form becomes the rules for every
// combination of the parameters it looks at, most specific first. A rewrite whose file is missing
// gets Netlify's 404 page, not a CKAN error (Netlify does not chain rules), and so does a Search
// API filter value no dataset has (no `noMatch`); methods are not Netlify's to choose. See docs/hosting.md.
import { corsHeaders } from './cors.ts';
import type { HostSite } from './host-site.ts';
import { withCharset } from './media-types.ts';
import { cacheControlFor, cachePrefixes, errorStatusIn, fillTarget, firstMatch, isRequired, literalOf, type ErrorFile, type PathPattern, type QueryForm, type Restriction, type RewriteTable } from './rules.ts';

export const netlifyRedirectsFile = '_redirects';
export const netlifyHeadersFile = '_headers';

/** One `_redirects` rule: from, query conditions, to, status (forced: applies even where a file exists). */
interface Rule {
  from: string;
  query: [string, string][];
  to: string;
  status: number;
  force: boolean;
}

export function netlifyRedirects(table: RewriteTable, site: HostSite): string {
  const url = (sitePath: string) => `${site.basePath}${sitePath}`;
  const status = (error: ErrorFile) => errorStatusIn(table, error);
  const rules: Rule[] = [];
  // Netlify reserves `/.netlify/` for itself (its rules engine refuses a rule there) and does not
  // serve the publish folder's `.netlify/` (the generated Edge Function).
  // A hidden folder: its path and everything under it.
  const hiddenPaths = table.hidden.filter((file) => !file.startsWith('.netlify/')).flatMap((file) => (file.endsWith('/') ? [file.slice(0, -1), `${file}*`] : [file]));
  for (const file of hiddenPaths) rules.push({ from: url(file), query: [], to: url(table.notFoundPage), status: 404, force: true });
  // Netlify applies one rule per request: a path's second spelling (`aliases`) repeats its forms and folder answers.
  const spellings = (sitePath: string) => [sitePath, ...table.aliases.filter((alias) => sitePath.startsWith(alias.to)).map((alias) => `${alias.from}${sitePath.slice(alias.to.length)}`)];
  for (const form of table.forms) for (const formPath of form.paths.flatMap(spellings)) rules.push(...formRules(form, url(formPath), url, status));
  // Paths only the request handler answers (no file): the fallback's error, before the folder
  // answers' rules would send them to a missing index.json (Netlify's HTML 404 page). With the Edge
  // Function, the handler answers them instead (src/edge/api-answer.ts).
  for (const template of table.handlerPaths) {
    for (const spelling of spellings(template)) {
      const fallback = firstMatch(table.fallbacks, template);
      if (!fallback) throw new Error(`${template}: a path only the handler answers needs a fallback error`);
      rules.push({ from: url(spelling.replace(/\{(\w+)\}/g, ':$1')), query: [], to: url(fallback.error), status: status(fallback.error), force: true });
    }
  }
  // A v1/v2 answer that is also a folder is the folder's index.json (not forced: a file at the path
  // wins, `…/<key>/revisions`). Netlify cannot tell a folder: an unknown key here gets the 404 page.
  for (const template of table.folderAnswers.paths) {
    const target = url(template.replace(/\{(\w+)\}/g, ':$1'));
    for (const spelling of spellings(template)) rules.push({ from: url(spelling.replace(/\{(\w+)\}/g, ':$1')), query: [], to: `${target}/${table.folderAnswers.file}`, status: 200, force: false });
  }
  // Any other path of a second spelling: the file it stands for (a missing one gets the 404 page, as Netlify does not chain rules).
  for (const alias of table.aliases) rules.push({ from: url(alias.from.endsWith('/') ? `${alias.from}*` : alias.from), query: [], to: url(alias.from.endsWith('/') ? `${alias.to}:splat` : alias.to), status: 200, force: false });
  // Where no file exists (these rules are not forced): the API's error instead of the HTML 404 page.
  for (const fallback of table.fallbacks) rules.push({ from: url(fallback.glob), query: [], to: url(fallback.error), status: status(fallback.error), force: false });

  const width = Math.max(0, ...rules.map((rule) => rule.from.length));
  return [
    `# Netlify redirects for ${site.title}, written by \`datashelf build\` from its host rules (see docs/hosting.md).`,
    ...(table.forms.length > 0 ? ['# The CKAN API\'s query forms (?id=, ?rows=&start=, …) are rewritten to the files that answer them.'] : []),
    ...rules.map((rule) => [rule.from.padEnd(width), ...rule.query.map(([name, value]) => `${name}=${value}`), rule.to, `${rule.status}${rule.force ? '!' : ''}`].join(' ')),
    '',
  ].join('\n');
}

export function netlifyHeaders(table: RewriteTable, site: HostSite): string {
  const url = (sitePath: string) => `${site.basePath}${sitePath}`;
  const glob = (prefix: string) => url(prefix.endsWith('/') ? `${prefix}*` : prefix);
  return [
    `# Netlify headers for ${site.title}, written by \`datashelf build\` (see docs/hosting.md).`,
    // Cache-Control: every answer briefly, assets named by their content for long (the later rule's
    // value is the one sent where both match, as for Content-Type below).
    ...cacheRulesFor(table, url),
    glob(table.corsPrefix),
    ...Object.entries(corsHeaders(table)).map(([name, value]) => `  ${name}: ${value}`),
    // Files that pages on other sites read (harvesters, feed readers), as under the API.
    ...table.corsPaths.flatMap((pattern) => [url(netlifyPath(pattern)), ...Object.entries(corsHeaders(table)).map(([name, value]) => `  ${name}: ${value}`)]),
    // The files the outputs write, typed as they say (Netlify types pages, assets and datasets' files itself).
    ...table.outputExtensions.flatMap((extension) => [url(`*.${extension}`), `  Content-Type: ${withCharset(table.mediaTypes[extension]!)}`]),
    // Netlify would type extension-less files by sniffing; CKAN clients want exactly application/json.
    // Last: where an extension's rule matches too, the later rule's value is the one sent.
    ...table.jsonPrefixes.flatMap((prefix) => [glob(prefix), '  Content-Type: application/json']),
    '',
  ].join('\n');
}

/** `Cache-Control` rules: each prefix's glob, and the default on every path outside them. */
function cacheRulesFor(table: RewriteTable, url: (sitePath: string) => string): string[] {
  const prefixes = cachePrefixes(table);
  return [
    url('*'),
    `  Cache-Control: ${cacheControlFor(table, '')}`,
    ...prefixes.flatMap((rule) => [url(`${rule.prefix}*`), `  Cache-Control: ${rule.value}`]),
  ];
}

/**
 * A path pattern as Netlify matches paths: `{name}` as a whole segment is a placeholder (`:name`,
 * one segment), within one a `*` (which Netlify lets match across `/` too: only a wider match).
 */
function netlifyPath(pattern: PathPattern): string {
  return pattern
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? `:${placeholder(segment.slice(1, -1))}` : segment.replace(/\{[^}]+\}/g, '*')))
    .join('/');
}

/** The rules of one query form at one path. */
function formRules(form: QueryForm, from: string, url: (sitePath: string) => string, statusOf: (error: ErrorFile) => number): Rule[] {
  const rules: Rule[] = [];
  const rule = (query: [string, string][], to: string, status: number): void => {
    rules.push({ from, query, to, status, force: true });
  };
  const fail = (query: [string, string][], error: ErrorFile) => rule(query, url(error), statusOf(error));

  // Restrictions, one after the other: each plain harmless value, then any other value (rejected),
  // then absent. A restriction whose harmless values need wildcards is rejected or ignored as the
  // table says. One whose only harmless value is the empty one is a single rule (`p=` counts as a
  // value there), and those come first: branching on them would multiply the rules for nothing.
  const plainValues = (restriction: Restriction) => restriction.harmless.map(literalOf).filter((value): value is string => value !== null);
  const branches = (restriction: Restriction) => plainValues(restriction).some((value) => value !== '');
  const restrictions = [...form.restrictions.filter((restriction) => !branches(restriction)), ...form.restrictions.filter(branches)];
  const restrict = (index: number, query: [string, string][]) => {
    const restriction = restrictions[index];
    if (!restriction) return select(0, query, {});
    if (restriction.whereOnlyLiterals === 'ignore') return restrict(index + 1, query);
    if (branches(restriction)) for (const value of plainValues(restriction)) restrict(index + 1, [...query, [restriction.param, value]]);
    fail([...query, [restriction.param, `:${placeholder(restriction.param)}`]], restriction.error);
    if (isRequired(restriction)) fail(query, restriction.error);
    else restrict(index + 1, query);
  };

  // Selectors: each allowed value (or any, for keys and starts), then absent (the default).
  const select = (index: number, query: [string, string][], values: Record<string, string>): void => {
    const selector = form.selectors[index];
    if (!selector) return rule(query, url(fillTarget(form.target, values)), 200);
    const name = selector.param;
    const any: [string, string] = [name, `:${placeholder(name)}`];
    switch (selector.kind) {
      case 'key':
        // A form that needs this parameter has it in every rule already, and leaves its absence to the next form.
        if (name === form.requires) return select(index + 1, query, { ...values, [name]: any[1] });
        select(index + 1, [...query, any], { ...values, [name]: any[1] });
        return fail(query, selector.whenMissing);
      case 'size':
        for (const size of selector.allowed) select(index + 1, [...query, [name, String(size)]], { ...values, [name]: String(size) });
        // CKAN's rows_max of the files: the larger values real clients send read its pages (Netlify compares plain values only).
        for (const size of selector.max?.plainValues ?? []) select(index + 1, [...query, [name, String(size)]], { ...values, [name]: String(selector.max!.value) });
        fail([...query, any], selector.whenInvalid);
        return select(index + 1, query, { ...values, [name]: String(selector.default) });
      case 'start':
        select(index + 1, [...query, any], { ...values, [name]: any[1] });
        return select(index + 1, query, { ...values, [name]: String(selector.default) });
    }
  };

  restrict(0, form.requires ? [[form.requires, `:${placeholder(form.requires)}`]] : []);
  return rules;
}

/** A placeholder name for a parameter (letters and digits). */
function placeholder(param: string): string {
  return param.replace(/[^A-Za-z0-9]/g, '');
}
