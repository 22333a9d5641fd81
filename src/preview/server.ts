// A local static server for a finished build, behaving like the static hosts we target:
// directory index, exact Content-Type, 404 page, read-only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.geojson': 'application/geo+json',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

export interface PreviewOptions {
  root: string;
  port: number;
  host?: string;
}

export async function startPreview(options: PreviewOptions): Promise<Server> {
  const root = path.resolve(options.root);
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ success: false, error: { __type: 'Method Not Allowed', message: 'This site is read-only: only GET and HEAD are answered.' } }));
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '\0';
    }
    const file = await findFile(root, pathname);
    if (!file) {
      const notFound = path.join(root, '404.html');
      const exists = await stat(notFound).catch(() => null);
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      if (exists && request.method === 'GET') createReadStream(notFound).pipe(response);
      else response.end('Not found');
      return;
    }
    const headers: Record<string, string | number> = {
      'Content-Type': contentTypes[path.extname(file.path).toLowerCase()] ?? (pathname.startsWith('/api/') ? 'application/json' : 'application/octet-stream'),
      'Content-Length': file.size,
    };
    if (pathname.startsWith('/api/')) headers['Access-Control-Allow-Origin'] = '*';
    response.writeHead(200, headers);
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

async function findFile(root: string, pathname: string): Promise<{ path: string; size: number } | null> {
  if (pathname.includes('\0')) return null;
  const candidate = path.join(root, pathname);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  for (const option of pathname.endsWith('/') ? [path.join(candidate, 'index.html')] : [candidate, path.join(candidate, 'index.html')]) {
    const info = await stat(option).catch(() => null);
    if (info?.isFile()) return { path: option, size: info.size };
  }
  return null;
}
