// ckanapi 4.11 with -g (--get-request), replayed from its source (docs/ckan-reference-notes.md §B1):
// `dump datasets --all` and `search datasets`. The HTTP status is ignored; the body decides.
import { bounded, get, parseJson, pythonQuery, trimSlash } from './http.ts';

const headers = { 'Content-Type': 'application/json', 'User-Agent': 'ckanapi-cli/4.11 (+https://github.com/open-data/ckanapi)' };

/** What ckanapi raises: NotFound, ValidationError, … by the error's `__type`; CKANAPIError for anything else. */
export class CkanapiError extends Error {
  readonly kind: string;

  constructor(kind: string, message: string) {
    super(`${kind}: ${message}`);
    this.kind = kind;
  }
}

const errorKinds: Record<string, string> = {
  'Validation Error': 'ValidationError',
  'Not Found Error': 'NotFound',
  'Authorization Error': 'NotAuthorized',
  'Search Query Error': 'SearchQueryError',
  'Search Error': 'SearchError',
  'Search Index Error': 'SearchIndexError',
};

/** `RemoteCKAN(address, get_only=True).call_action(action, params)`: `<address>/api/action/<action>`. */
export async function ckanapiAction(base: string, action: string, params: [string, string][] = []): Promise<unknown> {
  const query = pythonQuery(params);
  const reply = await get(`${trimSlash(base)}/api/action/${action}${query ? `?${query}` : ''}`, headers);
  const body = parseJson(reply) as { success?: boolean; result?: unknown; error?: unknown } | null;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new CkanapiError('CKANAPIError', JSON.stringify([reply.url, reply.status, reply.text]));
  if (body.success) return body.result;
  if (typeof body.error !== 'object' || body.error === null) throw new CkanapiError('ServerIncompatibleError', JSON.stringify(body));
  const error = body.error as { __type?: string; message?: string };
  const kind = errorKinds[error.__type ?? ''];
  if (!kind) throw new CkanapiError('CKANAPIError', JSON.stringify([reply.url, reply.status, reply.text]));
  throw new CkanapiError(kind, error.message ?? JSON.stringify(error));
}

/** `ckanapi dump datasets --all -g`: package_list, then package_show for each name in list order. */
export async function ckanapiDumpDatasets(base: string): Promise<Record<string, unknown>[]> {
  const names = (await ckanapiAction(base, 'package_list', [
    ['include_private', 'False'],
    ['include_drafts', 'False'],
    ['include_deleted', 'False'],
  ])) as unknown[];
  const dumped: Record<string, unknown>[] = [];
  for (const item of names) {
    const name = typeof item === 'object' && item !== null ? String((item as { name?: string; id?: string }).name ?? (item as { id?: string }).id) : String(item);
    dumped.push(
      (await ckanapiAction(base, 'package_show', [
        ['id', name],
        ['include_datasets', 'False'],
        ['include_password_hash', 'True'],
        ['include_users', 'False'],
      ])) as Record<string, unknown>,
    );
  }
  return dumped;
}

/**
 * `ckanapi search datasets -g [KEY=VALUE…]`: start=0&rows=1000, then start += results received, until
 * a page is empty. `starts`, `received` and `counts`: each request's start, and its answer's number of results and count.
 */
export async function ckanapiSearchDatasets(base: string, userParams: [string, string][] = []): Promise<{ datasets: Record<string, unknown>[]; starts: number[]; received: number[]; counts: number[] }> {
  const datasets: Record<string, unknown>[] = [];
  const starts: number[] = [];
  const received: number[] = [];
  const counts: number[] = [];
  const step = bounded(50, 'ckanapi search datasets');
  let start = 0;
  for (;;) {
    step();
    starts.push(start);
    const result = (await ckanapiAction(base, 'package_search', [...userParams, ['start', String(start)], ['rows', '1000']])) as { count: number; results: Record<string, unknown>[] };
    received.push(result.results.length);
    counts.push(result.count);
    if (result.results.length === 0) return { datasets, starts, received, counts };
    datasets.push(...result.results);
    start += result.results.length;
  }
}
