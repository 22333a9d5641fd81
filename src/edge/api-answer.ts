// What an edge runtime (a Cloudflare Worker, a Netlify Edge Function) answers for a request under
// the site's API prefix: the build's files where they answer it, the CKAN request handler where
// they cannot (a query the files have no answer for, a POST, an action without a file), and never
// the handler's index. Web-standard Request → Response only: this module is bundled into the
// generated Worker and Edge Function (bundle.ts). Decisions: docs/decisions/edge-functions.md.
import { ckanRoute } from '../ckan-handler/routes.ts';
import type { CkanHandler } from '../ckan-handler/handler.ts';
import { corsHeaders } from '../outputs/hosts/cors.ts';
import type { RewriteTable } from '../outputs/hosts/rules.ts';

export interface EdgeSite {
  /** The site's path on its host, `/` or `/data/`. */
  basePath: string;
  /** The host rules of the build's outputs (src/outputs/hosts/table.ts). */
  table: RewriteTable;
  /** The folder of the handler's index, site-relative (`api/.datashelf/`): never answered. */
  privateFolder: string;
}

/**
 * Answers one request under the API prefix. `files` answers it from the build's files as the
 * host's static rules do; `handler` gives the CKAN handler (its index read once per isolate).
 */
export async function answerApiRequest(site: EdgeSite, request: Request, handler: () => Promise<CkanHandler>, files: (request: Request) => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const cors = corsHeaders(site.table);
  const handled = async (forwarded: Request) => withHeaders(await handlerAnswer(handler, forwarded), cors);
  // The index is the public API's data but not an answer: the handler's CKAN 404, as for any
  // other path under /api/ that nothing answers. Matched as a decoded segment, so no spelling of
  // the path (`%2Edatashelf`, `//.datashelf`) reaches the files.
  if (isPrivate(site, url.pathname)) return handled(new Request(new URL(site.basePath + site.privateFolder, url), { method: request.method === 'HEAD' ? 'HEAD' : 'GET' }));
  const route = ckanRoute(url.pathname, site.basePath);
  if (!route) return withHeaders(await files(request), cors);
  // A plain GET of a handler's path may be a file (`/api/3/action/package_list`): the files answer
  // it as every static host does (byte-identical to the handler's answer where both answer).
  if ((request.method === 'GET' || request.method === 'HEAD') && url.search === '') {
    const answer = await files(request);
    if (answer.status === 200) return withHeaders(answer, cors);
  }
  return handled(request);
}

function isPrivate(site: EdgeSite, pathname: string): boolean {
  const folder = site.privateFolder.split('/').filter((segment) => segment !== '').at(-1)!;
  return pathname.split('/').some((segment) => {
    try {
      return decodeURIComponent(segment) === folder;
    } catch {
      return false;
    }
  });
}

async function handlerAnswer(handler: () => Promise<CkanHandler>, request: Request): Promise<Response> {
  try {
    return await (await handler())(request);
  } catch (error) {
    // The index could not be read (a deployment without it): CKAN's 500, not the runtime's page.
    console.error(error);
    const body = JSON.stringify({ success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error: the CKAN API index could not be read' } });
    return new Response(request.method === 'HEAD' ? null : body, { status: 500, headers: { 'Content-Type': 'application/json' } });
  }
}

/** `response` with `headers` set (a fresh Response: those a runtime hands over may be immutable). */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  const result = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) result.headers.set(name, value);
  return result;
}

/** Reads the handler once per isolate; a failed read is tried again on the next request. */
export function once(load: () => Promise<CkanHandler>): () => Promise<CkanHandler> {
  let loading: Promise<CkanHandler> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
