// The CKAN action API envelope around every answer: the only place that writes `success`, for a
// result (`{help, success: true, result}`) and for an error (`{help, error, success: false}`), in
// the key order of CKAN's `views/api.py`.
import type { Site } from '../../catalogue/model.ts';
import { jsonText } from '../json-text.ts';

type SiteUrl = Pick<Site, 'url'>;

/**
 * CKAN's `help` link, always under `/api/3/`. An answer file shared by several actions (the fixed
 * error files) has no one action to name, so its link names none.
 */
export function helpUrl(site: SiteUrl, action: string | null): string {
  return action === null ? `${site.url}api/3/action/help_show` : `${site.url}api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

export function ok<T>(site: SiteUrl, action: string, result: T): { help: string; success: true; result: T } {
  return { help: helpUrl(site, action), success: true, result };
}

/**
 * The same envelope around a result that is already JSON text, given in pieces: the paged answers
 * are joined from each dataset's cached JSON instead of serialising the dicts again, and written
 * piece by piece. The shape still comes from `ok`.
 */
export function* okJson(site: SiteUrl, action: string, resultPieces: Iterable<string>): Generator<string> {
  const withPlaceholder = jsonText(ok(site, action, 0));
  // `…,"result":0}` → `…,"result":<result>}`
  yield withPlaceholder.slice(0, -2);
  yield* resultPieces;
  yield '}';
}

/** The `__type`s CKAN's API sends, as real clients (ckanapi) map them to exceptions. */
export type CkanErrorType = 'Not Found Error' | 'Validation Error' | 'Search Query Error' | 'Search Error' | 'Authorization Error' | 'Bad Request';

/** A validation error names each field with its messages, e.g. `{ id: ['Missing value'] }`. */
export type FieldErrors = Record<string, string[]>;

/**
 * CKAN's error body. A message gives `{__type, message}`; field errors give the fields with
 * `__type` last, as CKAN writes a `Validation Error`.
 */
export function failure(site: SiteUrl, action: string | null, type: CkanErrorType, detail: string | FieldErrors) {
  const error = typeof detail === 'string' ? { __type: type, message: detail } : { ...detail, __type: type };
  return { help: helpUrl(site, action), error, success: false as const };
}
