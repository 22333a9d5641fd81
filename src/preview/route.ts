// What a request to a build answers, by the build's host rules (the site's and its outputs',
// src/outputs/hosts/table.ts): the preview server's routing, and the reference the host
// configurations are tested against.
import { aliasedPath, atLeastRegex, isHidden, decodedValueRegex, fillTarget, firstMatch, folderIndexFile, rawKeyRegex, type ErrorFile, type QueryForm, type RewriteTable } from '../outputs/hosts/rules.ts';

export type Route =
  /** A file of the build, site-relative. */
  | { kind: 'file'; path: string }
  /** An error file of an output (`api/3/error/<name>`, `api/1/error/<name>`), sent with its status (`errorStatuses`). */
  | { kind: 'error'; path: ErrorFile }
  /** A method the site does not take, where no output has an error file for it: 405, no body of ours. */
  | { kind: 'method-not-allowed' }
  /** A CORS preflight (`OPTIONS`): no body. */
  | { kind: 'preflight' }
  /** Nothing here: the site's HTML 404 page. */
  | { kind: 'page-not-found' };

export interface BuildFiles {
  /** Whether a site-relative path is a file of the build. */
  isFile(path: string): Promise<boolean>;
  /** Whether a site-relative path is a folder of the build. */
  isFolder(path: string): Promise<boolean>;
}

/**
 * @param sitePath the decoded request path, site-relative (`api/3/action/package_show`)
 * @param rawQuery the query string as sent, without `?`
 */
export async function routeRequest(table: RewriteTable, method: string, sitePath: string, rawQuery: string, files: BuildFiles): Promise<Route> {
  const error = (path: ErrorFile): Route => ({ kind: 'error', path });
  if (!table.methods.includes(method)) {
    const readOnly = firstMatch(table.readOnly, sitePath);
    return readOnly ? error(readOnly.error) : { kind: 'method-not-allowed' };
  }
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (isHidden(table, sitePath)) return { kind: 'page-not-found' };
  return routeAliased(table, aliasedPath(table, sitePath), rawQuery, files);
}

/** A GET or HEAD, for the path it is answered as (`aliases`). */
async function routeAliased(table: RewriteTable, sitePath: string, rawQuery: string, files: BuildFiles): Promise<Route> {
  const error = (path: ErrorFile): Route => ({ kind: 'error', path });

  const params = rawParams(rawQuery);
  const form = table.forms.find((candidate) => candidate.paths.includes(sitePath) && (!candidate.requires || (params.get(candidate.requires) ?? '') !== ''));
  if (form) return answerForm(form, params, files);

  if (sitePath !== '' && !sitePath.endsWith('/') && (await files.isFile(sitePath))) return { kind: 'file', path: sitePath };
  // A folder's answer is its index (a page, or a v1/v2 answer that is also a folder of answers).
  const index = folderIndexFile(table, sitePath);
  if (await files.isFile(index)) return { kind: 'file', path: index };
  const fallback = firstMatch(table.fallbacks, sitePath);
  return fallback ? error(fallback.error) : { kind: 'page-not-found' };
}

/** A query form's answer: restrictions first, then each selector, then the file (or no match). */
async function answerForm(form: QueryForm, params: Map<string, string>, files: BuildFiles): Promise<Route> {
  const error = (path: ErrorFile): Route => ({ kind: 'error', path });
  for (const restriction of form.restrictions) {
    const value = decodeValue(params.get(restriction.param) ?? '');
    if (!restriction.harmless.some((pattern) => new RegExp(decodedValueRegex(pattern), 's').test(value))) return error(restriction.error);
  }
  const values: Record<string, string> = {};
  for (const selector of form.selectors) {
    const raw = params.get(selector.param) ?? '';
    switch (selector.kind) {
      case 'key':
        if (raw === '') return error(selector.whenMissing);
        if (!new RegExp(rawKeyRegex).test(raw)) return error(form.whenNoFile);
        values[selector.param] = raw;
        break;
      case 'size': {
        // CKAN's rows_max of the files: a larger value reads its pages.
        const value = selector.max && new RegExp(atLeastRegex(selector.max.value)).test(raw) ? String(selector.max.value) : raw;
        if (value !== '' && !selector.allowed.map(String).includes(value)) return error(selector.whenInvalid);
        values[selector.param] = value || String(selector.default);
        break;
      }
      case 'start':
        if (raw !== '' && !/^[0-9]+$/.test(raw)) return error(selector.whenInvalid);
        values[selector.param] = raw || String(selector.default);
        break;
    }
  }
  if (form.noMatch && !(await files.isFolder(fillTarget(form.noMatch.known, values)))) return { kind: 'file', path: form.noMatch.answer };
  const target = fillTarget(form.target, values);
  return (await files.isFile(target)) ? { kind: 'file', path: target } : error(form.whenNoFile);
}

/** Each parameter's first value, raw (as web servers read `$arg_x`). */
function rawParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    if (!params.has(name)) params.set(name, equals === -1 ? '' : pair.slice(equals + 1));
  }
  return params;
}

function decodeValue(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
