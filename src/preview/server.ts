// A local static server for a finished build, behaving like the static hosts we target: the same
// rewrite table as the generated nginx, Apache and Netlify configurations (src/preview/route.ts),
// directory index, exact Content-Type, CORS on the API, 404 page, read-only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { ckanRewrites, errorStatus, type RewriteTable } from '../outputs/ckan/rewrites.ts';
import { contentTypeFor } from '../outputs/hosts/media-types.ts';
import { corsHeaders } from '../outputs/hosts/cors.ts';
import { isJsonPath, routeRequest } from './route.ts';

export interface PreviewOptions {
  root: string;
  port: number;
  host?: string;
  /** The rewrite table to apply (the CKAN API's by default). */
  rewrites?: RewriteTable;
}

export async function startPreview(options: PreviewOptions): Promise<Server> {
  const root = path.resolve(options.root);
  const table = options.rewrites ?? ckanRewrites;
  const server = createServer((request, response) => {
    answer(root, table, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

async function answer(root: string, table: RewriteTable, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const rawUrl = request.url ?? '/';
  const questionMark = rawUrl.indexOf('?');
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  let sitePath: string;
  try {
    sitePath = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname).slice(1);
  } catch {
    sitePath = '\0';
  }
  const method = request.method ?? 'GET';
  const kind = async (relative: string) => {
    const file = insideRoot(root, relative);
    return file === null ? null : await stat(file).catch(() => null);
  };
  const files = { isFile: async (relative: string) => Boolean((await kind(relative))?.isFile()), isFolder: async (relative: string) => Boolean((await kind(relative))?.isDirectory()) };
  const route = await routeRequest(table, method, sitePath, rawQuery, files);
  const cors = sitePath.startsWith(table.corsPrefix) || route.kind === 'error' ? corsHeaders(table) : {};

  switch (route.kind) {
    case 'preflight':
      response.writeHead(204, { Allow: table.methods.join(', '), ...corsHeaders(table) });
      response.end();
      return;
    case 'file':
      return send(response, method, 200, path.join(root, route.path), { 'Content-Type': isJsonPath(table, route.path) ? 'application/json' : contentTypeFor(route.path), ...cors });
    case 'error': {
      const status = errorStatus(route.path);
      const headers = { 'Content-Type': 'application/json', ...(status === 405 ? { Allow: table.methods.join(', ') } : {}), ...cors };
      if (await files.isFile(route.path)) return send(response, method, status, path.join(root, route.path), headers);
      // A build without the CKAN API's error files still answers in CKAN's error form.
      response.writeHead(status, headers);
      response.end(method === 'HEAD' ? undefined : JSON.stringify({ help: null, error: { __type: 'Error', message: route.path }, success: false }));
      return;
    }
    case 'page-not-found': {
      const page = path.join(root, table.notFoundPage);
      if (await files.isFile(table.notFoundPage)) return send(response, method, 404, page, { 'Content-Type': contentTypeFor(page) });
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
  }
}

async function send(response: ServerResponse, method: string, status: number, file: string, headers: Record<string, string>): Promise<void> {
  const { size } = await stat(file);
  response.writeHead(status, { ...headers, 'Content-Length': size });
  if (method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
}

/** The absolute path of a site-relative path, or null when it would leave the build. */
function insideRoot(root: string, relative: string): string | null {
  if (relative.includes('\0')) return null;
  const candidate = path.join(root, relative);
  return candidate === root || candidate.startsWith(root + path.sep) ? candidate : null;
}
