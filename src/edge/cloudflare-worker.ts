// The Cloudflare Worker a build with the CKAN API deploys beside its files (Workers static assets):
// Cloudflare serves the files itself and runs this Worker first for every request under the API
// prefix (`run_worker_first`) and for any request no file answers. Under the prefix it answers as
// nginx does with the build's rules (src/preview/route.ts over the assets binding), and with the
// CKAN handler what the files cannot answer; its index is read from the assets once per isolate.
// Bundled into `_worker.js` by bundle.ts; see docs/decisions/edge-functions.md.
import { createCkanHandler } from '../ckan-handler/handler.ts';
import { gunzipText } from '../ckan-handler/gunzip.ts';
import { ckanIndexFrom, parseIndexCatalogue } from '../ckan-handler/index-data.ts';
import { contentTypeFor } from '../outputs/hosts/media-types.ts';
import { errorStatusIn, isJsonPath } from '../outputs/hosts/rules.ts';
import { routeRequest } from '../preview/route.ts';
import { answerApiRequest, once, withHeaders, type EdgeSite } from './api-answer.ts';
import { parseEdgeSite } from './site-config.ts';

/** The static assets binding (`env.ASSETS`). */
interface Fetcher {
  fetch(request: Request): Promise<Response>;
}

export interface WorkerEnv {
  ASSETS: Fetcher;
}

/** `indexFile`: the index's `catalogue.json`, which names the gzipped files of package dicts the Worker fetches with it. */
export function cloudflareWorker(siteJson: string, indexFile: string): { fetch: (request: Request, env: WorkerEnv) => Promise<Response> } {
  const site = parseEdgeSite(siteJson);
  let handler: (() => ReturnType<typeof loadHandler>) | null = null;
  return {
    async fetch(request, env) {
      const url = new URL(request.url);
      // Outside the API, the Worker runs only for paths no file answers: the assets' 404 page.
      if (!url.pathname.startsWith(`${site.basePath}${site.table.corsPrefix}`)) return env.ASSETS.fetch(request);
      handler ??= once(() => loadHandler(env.ASSETS, url.origin, site, indexFile));
      return answerApiRequest(site, request, handler, (forwarded) => answerFromFiles(site, env.ASSETS, forwarded));
    },
  };
}

async function loadHandler(assets: Fetcher, origin: string, site: EdgeSite, indexFile: string) {
  const read = async (file: string) => {
    const response = await assets.fetch(new Request(`${origin}${site.basePath}${file}`));
    if (response.status !== 200) throw new Error(`The CKAN index ${file} is not among the Worker's assets (status ${response.status}): deploy the whole build folder`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const catalogue = parseIndexCatalogue(new TextDecoder().decode(await read(indexFile)));
  // A few files (one per `indexChunkSize` dicts), fetched together, each gunzipped as it comes.
  const texts = await Promise.all(catalogue.packageFiles.map(async (file) => gunzipText(await read(file), file)));
  return createCkanHandler(ckanIndexFrom(catalogue, texts));
}

/** What nginx answers with the build's rules: `routeRequest` over the assets. */
async function answerFromFiles(site: EdgeSite, assets: Fetcher, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const asset = (sitePath: string, method = request.method === 'HEAD' ? 'HEAD' : 'GET') =>
    assets.fetch(new Request(`${url.origin}${site.basePath}${assetPath(sitePath).split('/').map(encodeURIComponent).join('/')}`, { method }));
  const sitePath = decodePath(url.pathname.slice(site.basePath.length));
  if (sitePath === null) return asset('404.html').then((page) => typed(site, page, 404, null));
  const route = await routeRequest(site.table, request.method, sitePath, url.search.slice(1), {
    isFile: async (path) => (await asset(path, 'HEAD')).status === 200,
    // Only the dataset search's filters ask for a folder, and those are the handler's.
    isFolder: async () => false,
  });
  switch (route.kind) {
    case 'file':
      return typed(site, await asset(route.path), 200, route.path);
    case 'error':
      return typed(site, await asset(route.path), errorStatusIn(site.table, route.path), route.path, route.path.endsWith('/read-only') ? { Allow: site.table.methods.join(', ') } : {});
    case 'preflight':
      return new Response(null, { status: 204 });
    case 'method-not-allowed':
      return new Response(null, { status: 405, headers: { Allow: site.table.methods.join(', ') } });
    case 'page-not-found':
      return typed(site, await asset(site.table.notFoundPage), 404, null);
  }
}

/** A file's answer with the build's status and media type (the assets' own type is by extension only). */
function typed(site: EdgeSite, response: Response, status: number, sitePath: string | null, headers: Record<string, string> = {}): Response {
  const type = sitePath === null ? 'text/html; charset=utf-8' : isJsonPath(site.table, sitePath) ? 'application/json' : contentTypeFor(site.table.mediaTypes, sitePath);
  const answer = new Response(response.body, { status, headers: response.headers });
  return withHeaders(answer, { 'Content-Type': type, ...headers });
}

/**
 * The path Cloudflare serves a file at: pages without `index.html` or `.html` (its default
 * `html_handling` redirects those spellings to these).
 */
function assetPath(sitePath: string): string {
  if (sitePath === 'index.html' || sitePath.endsWith('/index.html')) return sitePath.slice(0, -'index.html'.length);
  return sitePath.endsWith('.html') ? sitePath.slice(0, -'.html'.length) : sitePath;
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
