// A local server for a finished build, behaving like the hosts we target: the CKAN API's requests
// answered by the CKAN request handler from the build's index (src/ckan-handler/), when the build
// has one; everything else by the host rules of the outputs the build holds, as its generated nginx,
// Apache and Netlify configurations apply them (src/preview/build-rules.ts, route.ts): directory
// index, exact Content-Type, CORS on the API and the outputs' CORS paths, 404 page, read-only.
// `datashelf serve` is the same server for production (src/serve/).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ckanRoute } from '../ckan-handler/routes.ts';
import { corsHeaders } from '../outputs/hosts/cors.ts';
import { contentTypeFor } from '../outputs/hosts/media-types.ts';
import { cacheControlFor, errorStatusIn, folderIndexFile, hasCors, isJsonPath, type SiteHostRules } from '../outputs/hosts/rules.ts';
import { siteRules } from '../outputs/hosts/table.ts';
import { servableFiles } from './build-files.ts';
import { buildRules } from './build-rules.ts';
import { routeRequest } from './route.ts';
import { identity, sendFile, type FileEncoding } from './send-file.ts';
import { handlerSource, type HandlerSource } from '../serve/handler-source.ts';
import { BodyTooLarge, sendWebResponse, webRequest } from '../serve/web-bridge.ts';

export interface PreviewOptions {
  root: string;
  port: number;
  host?: string;
  /** Told the cause of each answer that failed; the client only gets a generic 500 (no paths). */
  onError?: (error: unknown) => void;
  /** The path the build is served under (`/`, or the site's `/data/` behind a proxy); others are 404. */
  basePath?: string;
  /** Where the CKAN handler comes from (default: the build's index, read again when it changes). */
  handlers?: HandlerSource;
}

export async function startPreview(options: PreviewOptions): Promise<Server> {
  const rulesOf = buildRules();
  const handlers = options.handlers ?? handlerSource(options.root, options.onError ? { onError: options.onError, onHandlerError: options.onError } : {});
  const server = createServer((request, response) => {
    const target = requestTarget(request.url ?? '/', options.basePath ?? '/');
    answer(options.root, rulesOf, handlers, request, target, response).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return answerTooLarge(response);
      answerFailure(siteRules, request.method ?? 'GET', target.sitePath, response, error, options.onError);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

interface RequestTarget {
  /** The decoded request path, site-relative (`api/3/action/package_show`); `\0` when undecodable or outside the base path. */
  sitePath: string;
  /** The same, as sent (percent-encoded). */
  rawSitePath: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
}

function requestTarget(rawUrl: string, basePath: string): RequestTarget {
  const questionMark = rawUrl.indexOf('?');
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  try {
    const pathname = new URL(rawUrl, 'http://localhost').pathname;
    if (!pathname.startsWith(basePath)) return { sitePath: '\0', rawSitePath: '', rawQuery };
    const rawSitePath = pathname.slice(basePath.length);
    return { sitePath: decodeURIComponent(rawSitePath), rawSitePath, rawQuery };
  } catch {
    return { sitePath: '\0', rawSitePath: '', rawQuery };
  }
}

async function answer(root: string, rulesOf: ReturnType<typeof buildRules>, handlers: HandlerSource, request: IncomingMessage, target: RequestTarget, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const { sitePath, rawQuery } = target;
  const files = servableFiles(root);
  const table = await rulesOf(files);
  const handlerUrl = sitePath === '\0' ? null : await ckanHandlerUrl(handlers, target);
  // The site's own page wins at an API root it has one for (`/api/`: the API's reference page).
  if (handlerUrl && !(handlerUrl.root && (await files.isFile(folderIndexFile(table, sitePath))))) {
    const { handler, url } = handlerUrl;
    return sendWebResponse(response, await handler(await webRequest(request, url)), corsHeaders(table));
  }
  const route = await routeRequest(table, method, sitePath, rawQuery, files);
  const cors = hasCors(table, sitePath) || route.kind === 'error' ? corsHeaders(table) : {};

  const notFound = async () => {
    const page = await files.realFile(table.notFoundPage);
    if (page) return sendFile(response, method, 404, page, { 'Content-Type': contentTypeFor(table.mediaTypes, table.notFoundPage) });
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  };

  switch (route.kind) {
    case 'preflight':
      response.writeHead(204, { Allow: table.methods.join(', '), ...corsHeaders(table) });
      response.end();
      return;
    case 'file': {
      // Found while routing, but looked up again: a search's no-match answer is routed unchecked.
      const file = await files.realFile(route.path);
      if (!file) return notFound();
      const contentType = isJsonPath(table, route.path) ? 'application/json' : contentTypeFor(table.mediaTypes, route.path);
      const { encoding, copy } = await encodingFor(table, files, route.path, contentType, request.headers['accept-encoding']);
      return sendFile(response, method, 200, copy ?? file, { 'Content-Type': contentType, 'Cache-Control': cacheControlFor(table, sitePath), ...cors }, encoding);
    }
    case 'error': {
      const status = errorStatusIn(table, route.path);
      const headers = { 'Content-Type': 'application/json', ...(status === 405 ? { Allow: table.methods.join(', ') } : {}), ...cors };
      const file = await files.realFile(route.path);
      if (file) return sendFile(response, method, status, file, headers);
      // A build without the CKAN API's error files still answers in CKAN's error form.
      response.writeHead(status, headers);
      response.end(method === 'HEAD' ? undefined : ckanErrorBody(route.path));
      return;
    }
    case 'method-not-allowed': {
      const body = 'Method Not Allowed';
      response.writeHead(405, { Allow: table.methods.join(', '), 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...cors });
      response.end(method === 'HEAD' ? undefined : body);
      return;
    }
    case 'page-not-found':
      return notFound();
  }
}

/**
 * A compressible file goes gzipped to a client that accepts it, as the generated nginx block sends
 * it (`gzip_static`, else `gzip on`): the build's `.gz` copy when it wrote one, else gzipped on the
 * fly. So the preview's pages weigh what the deployed site's do (Lighthouse and the search
 * benchmark measure through it).
 */
async function encodingFor(table: Pick<SiteHostRules, 'compressibleTypes'>, files: ReturnType<typeof servableFiles>, sitePath: string, contentType: string, acceptEncoding: string | undefined): Promise<{ encoding: FileEncoding; copy: string | null }> {
  const mediaType = contentType.split(';')[0]!.trim();
  if (!table.compressibleTypes.includes(mediaType)) return { encoding: identity, copy: null };
  const gzipAccepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase().split(/\s*;\s*/))
    .some(([coding, quality]) => coding === 'gzip' && !/^q=0(\.0*)?$/.test(quality ?? ''));
  if (!gzipAccepted) return { encoding: { ...identity, vary: true }, copy: null };
  const copy = await files.realFile(`${sitePath}.gz`);
  return { encoding: copy ? { name: 'gzip', gzipOnTheFly: false, vary: true } : { name: null, gzipOnTheFly: true, vary: true }, copy };
}

/**
 * The request's URL on the site, when it is one of the CKAN handler's routes and the build has the
 * handler's index: the handler sees the site's own URL (its base path included, as CKAN's help links name it).
 */
async function ckanHandlerUrl(handlers: HandlerSource, target: RequestTarget): Promise<{ handler: (request: Request) => Promise<Response>; url: URL; root: boolean } | null> {
  const loaded = await handlers.current();
  if (!loaded) return null;
  const url = new URL(loaded.siteUrl);
  url.pathname = `${url.pathname}${target.rawSitePath}`;
  url.search = target.rawQuery;
  const route = ckanRoute(url.pathname, new URL(loaded.siteUrl).pathname);
  return route ? { handler: loaded.handler, url, root: route.kind === 'root' } : null;
}

/** A request body larger than any read action's parameters: refused before it fills the memory. */
function answerTooLarge(response: ServerResponse): void {
  if (response.headersSent) return void response.destroy();
  const body = ckanErrorBody('Request Entity Too Large');
  response.writeHead(413, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  response.end(body);
}

/**
 * A request that could not be answered: a 500 in the form of its part of the site (CKAN's error form
 * under the API, plain text elsewhere). Its message is generic: an error's own text names files on
 * the server, which are no business of the client.
 */
function answerFailure(table: Pick<SiteHostRules, 'corsPrefix' | 'methods' | 'corsRequestHeaders'>, method: string, sitePath: string, response: ServerResponse, error: unknown, onError: PreviewOptions['onError']): void {
  // The client went away mid-answer: nobody to answer, and no fault of the server to report.
  const clientGone = ['ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED'].includes((error as NodeJS.ErrnoException).code ?? '');
  if (!clientGone) onError?.(error);
  if (clientGone || response.headersSent) {
    // Too late for a status: cutting the connection shows the client an incomplete answer, not a 200.
    response.destroy();
    return;
  }
  const message = 'Internal Server Error';
  const [body, headers] = sitePath.startsWith(table.corsPrefix) ? [ckanErrorBody(message), { 'Content-Type': 'application/json', ...corsHeaders(table) }] : [message, { 'Content-Type': 'text/plain; charset=utf-8' }];
  // With its length, the answer leaves a kept-alive connection usable (no chunked framing to finish).
  response.writeHead(500, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  response.end(method === 'HEAD' ? undefined : body);
}

/** CKAN's error form, for answers the build has no file for. */
function ckanErrorBody(message: string): string {
  return JSON.stringify({ help: null, error: { __type: 'Error', message }, success: false });
}
