// An action's parameters from a request, as CKAN's `_get_request_data` (`views/api.py`) reads them:
// a POST's form fields (or the one JSON-encoded field an old client sends), else the query string,
// else a JSON body. ckanapi's `RemoteCKAN` POSTs a JSON body by default; with `-g` it sends a query
// string. Web-standard `Request` only, so it runs in a Worker as in Node.js.
import { badRequest } from './errors.ts';
import type { Params } from './params.ts';

/** CKAN's `mixed()`: a parameter given once is its value, given more often the list of them. */
export function mixedParams(entries: Iterable<[string, string]>): Params {
  const lists = new Map<string, string[]>();
  for (const [key, value] of entries) {
    const list = lists.get(key);
    if (list) list.push(value);
    else lists.set(key, [value]);
  }
  const params: Params = {};
  for (const [key, values] of lists) params[key] = values.length === 1 ? values[0] : values;
  return params;
}

/** The parameters of an action call (all read actions are side-effect free: the query string counts). */
export async function actionParams(request: Request, url: URL): Promise<Params> {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const isPost = request.method === 'POST' || request.method === 'PUT';
  const body = isPost ? await request.text() : '';
  if (isPost && body !== '') {
    const form = await formFields(body, contentType, request);
    if (form.length > 0) {
      // An old client's form of one field whose name is the JSON and whose value is '1' or ''.
      if (new Set(form.map(([key]) => key)).size === 1 && form.length === 1 && ['1', ''].includes(form[0]![1])) return jsonObject(form[0]![0]);
      return mixedParams(form);
    }
  }
  if (url.searchParams.size > 0) return mixedParams(url.searchParams);
  if (body.trim() !== '' && contentType !== 'multipart/form-data') return jsonObject(body);
  return {};
}

async function formFields(body: string, contentType: string, request: Request): Promise<[string, string][]> {
  if (contentType === 'application/x-www-form-urlencoded') return [...new URLSearchParams(body)];
  if (contentType === 'multipart/form-data') {
    // Uploaded files mean nothing to a read action: only text fields count.
    const form = await new Request(request.url, { method: 'POST', headers: request.headers, body }).formData();
    return [...form].flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as [string, string]] : []));
  }
  return [];
}

/**
 * A JSON body. CKAN reads it only when the Content-Type says JSON (Flask's `get_json`); any body is
 * read here, as clients that POST JSON do not all say so.
 */
function jsonObject(text: string): Params {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`JSON Error: Error decoding JSON data. Error: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`JSON Error: Request data JSON decoded to ${JSON.stringify(value)} but it needs to be a dictionary.`);
  return value as Params;
}
