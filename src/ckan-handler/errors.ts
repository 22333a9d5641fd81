// The errors an answer can be, as CKAN's API sends them (`views/api.py`): each action and each
// step of a search throws one of these, and the handler turns it into CKAN's error envelope with
// CKAN's HTTP status, in one place. Anything else thrown is a bug and surfaces as one.
import type { CkanErrorType, FieldErrors } from '../outputs/ckan/envelope.ts';

export class CkanError extends Error {
  readonly type: CkanErrorType;
  readonly status: number;
  /** A message, or (a `Validation Error`) the fields with their messages. */
  readonly detail: string | FieldErrors;
  /** Headers the answer needs (`Allow` with a 405). */
  readonly headers: Record<string, string>;

  constructor(type: CkanErrorType, status: number, detail: string | FieldErrors, headers: Record<string, string> = {}) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
    this.type = type;
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

/** `NotFound`: 404. CKAN's message is "Not found", with the exception's text after a colon when it has one. */
export const notFound = (why?: string) => new CkanError('Not Found Error', 404, why ? `Not found: ${why}` : 'Not found');

/** `ValidationError` of named fields: 409. */
export const invalidFields = (fields: FieldErrors) => new CkanError('Validation Error', 409, fields);

/** `ValidationError` with one message rather than fields (CKAN's `{'message': …}`): 409. */
export const invalid = (message: string) => new CkanError('Validation Error', 409, message);

/** `SearchQueryError`: 400. Also what this handler answers for a query it cannot honour. */
export const searchQueryError = (message: string) => new CkanError('Search Query Error', 400, `Search Query is invalid: ${message}`);

/** `SearchError` (Solr refused the query: a syntax error, a bad date): 409. */
export const searchError = (message: string) => new CkanError('Search Error', 409, `Search error: ${message}`);

/** CKAN's `_finish_bad_request`: 400. */
export const badRequest = (message: string) => new CkanError('Bad Request', 400, `Bad request - ${message}`);

/** `NotAuthorized`: 403, what an anonymous write gets from CKAN. */
export const accessDenied = (message: string) => new CkanError('Authorization Error', 403, `Access denied: ${message}`);

/** A parameter this catalogue's API cannot honour: never ignored, always said. */
export const unsupportedParameter = (name: string, why: string) => invalidFields({ [name]: [`Not supported by this read-only CKAN API: ${why}`] });
