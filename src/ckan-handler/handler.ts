// The CKAN request handler: one web-standard `Request → Response` function answering every read of
// CKAN's API (the action API v3, the dataset search of API v1/v2/v3, the API roots) with CKAN
// 2.10/2.11's semantics, and API v1/v2's dataset entity and revisions as CKAN 2.7 gave them, from
// the index the build writes. No Node.js API here, so the same function
// runs in `datashelf preview`, a Node.js server and a Cloudflare Worker; each hands it the index
// (read-index.ts reads it from a build in Node.js). Decisions: docs/decisions/ckan-handler.md.
import { failure, helpUrl, okJson } from '../outputs/ckan/envelope.ts';
import { isWriteAction, readActionByName } from './actions.ts';
import { accessDenied, badRequest, CkanError } from './errors.ts';
import type { CkanIndex } from './index-data.ts';
import { jsonText } from './json.ts';
import { legacySearch } from './legacy-search.ts';
import { datasetAnswer } from './model-api.ts';
import { searchApiJson } from './package-search.ts';
import { prepareIndex } from './prepared-index.ts';
import { actionParams, mixedParams } from './request-data.ts';
import { ckanRoute, type CkanRoute } from './routes.ts';

export type CkanHandler = (request: Request) => Promise<Response>;

export interface CkanHandlerOptions {
  /** The clock behind `NOW` in date filters, in milliseconds (the real one unless a test fixes it). */
  now?: () => number;
  /** Told of a fault of the handler itself (a bug), answered as CKAN's 500. */
  onError?: (error: unknown) => void;
}

const jsonType = 'application/json';
/** What CKAN sends a JSONP answer as. */
const javascriptType = 'application/javascript;charset=utf-8';
/** A JSONP callback: a JavaScript name or a dotted path of them (CKAN only escapes `<`, `>`, `&`; anything else is refused here). */
const callbackName = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function createCkanHandler(index: CkanIndex, options: CkanHandlerOptions = {}): CkanHandler {
  const prepared = prepareIndex(index);
  const site = { url: index.catalogue.siteUrl };
  const basePath = new URL(site.url).pathname;
  const now = options.now ?? (() => Date.now());
  const onError = options.onError ?? ((error: unknown) => console.error(error));

  return async (request) => {
    const url = new URL(request.url);
    const route = ckanRoute(url.pathname, basePath);
    if (!route) return respond(request, 404, jsonText(failure(site, null, 'Not Found Error', 'Not found: this CKAN API has no answer at this path')));
    const allowed = route.kind === 'action' ? ['GET', 'HEAD', 'POST', 'OPTIONS'] : ['GET', 'HEAD', 'OPTIONS'];
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allowed.join(', ') } });
    const action = route.kind === 'action' ? route.name : route.kind === 'search' && route.version === 3 ? 'package_search' : null;
    try {
      if (!allowed.includes(request.method)) {
        throw new CkanError('Bad Request', 405, `Method Not Allowed: ${request.method}. This CKAN API answers ${allowed.join(', ')}.`, { Allow: allowed.join(', ') });
      }
      const callback = request.method === 'GET' || request.method === 'HEAD' ? url.searchParams.get('callback') : null;
      if (callback !== null && !callbackName.test(callback)) throw badRequest('callback must be a JavaScript function name (letters, digits, _, $ and dots)');
      const answer = await answerRoute(route, request, url);
      // JSONP wraps a successful GET only, as CKAN's `_finish`.
      const jsonp = answer.status === 200 && callback !== null;
      return respond(request, answer.status, jsonp ? `${callback}(${answer.json});` : answer.json, jsonp ? javascriptType : jsonType);
    } catch (error) {
      if (error instanceof CkanError) {
        // API v1/v2 answer errors as bare JSON strings; the action API in its envelope, whose help
        // names the action unless it is not one.
        const helpAction = action !== null && (readActionByName.has(action) || isWriteAction(action)) ? action : null;
        const legacy = (route.kind === 'search' && route.version !== 3) || route.kind === 'dataset';
        const body = legacy ? jsonText(error.detail) : jsonText(failure(site, helpAction, error.type, error.detail));
        return respond(request, error.status, body, jsonType, error.headers);
      }
      onError(error);
      const body = jsonText({ help: helpUrl(site, action), error: { __type: 'Internal Server Error', message: 'Internal Server Error' }, success: false });
      return respond(request, 500, body);
    }
  };

  async function answerRoute(route: CkanRoute, request: Request, url: URL): Promise<{ status: number; json: string }> {
    switch (route.kind) {
      case 'root':
        return { status: 200, json: jsonText({ version: route.version }) };
      case 'search': {
        if (route.version !== 3) return legacySearch(route.version, url.searchParams, prepared, now());
        const { callback: _callback, ...params } = mixedParams(url.searchParams);
        return { status: 200, json: [...okJson(site, 'package_search', [searchApiJson(params, prepared, now())])].join('') };
      }
      case 'dataset':
        return datasetAnswer(route.version, route.ref, route.part, prepared);
      case 'action': {
        const action = readActionByName.get(route.name);
        if (!action) throw isWriteAction(route.name) ? accessDenied(`this CKAN API is read-only: ${route.name} is not available`) : badRequest(`Action name not known: ${route.name}`);
        const { callback: _callback, ...params } = await actionParams(request, url);
        return { status: 200, json: [...okJson(site, action.name, [action.result(params, { index: prepared, now: now() })])].join('') };
      }
    }
  }
}

function respond(request: Request, status: number, body: string, contentType = jsonType, headers: Record<string, string> = {}): Response {
  return new Response(request.method === 'HEAD' ? null : body, { status, headers: { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff', ...headers } });
}

export { ckanRoute };
