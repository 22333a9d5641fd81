// A stand-in for Netlify serving a build, for the generated `_redirects` and `_headers`: the rules
// are parsed and matched by Netlify's own engine (@netlify/redirects, netlify-redirector, as
// `netlify dev` uses them; @netlify/headers for the headers). What Netlify does with a match is
// written here from its documentation: a rule applies where no file exists at the path, or always
// when forced (`!`); a rewrite serves its target with the rule's status; no rule is applied twice.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { HeadersHandler } from '@netlify/headers';
import { RedirectsHandler } from '@netlify/redirects';

export async function startNetlifyEmulator(build: string): Promise<{ base: string; server: Server }> {
  const redirects = new RedirectsHandler({ configRedirects: [], jwtRoleClaim: 'app_metadata.authorization.roles', jwtSecret: 'not-used', projectDir: build, publicDir: build });
  const silent = { log: () => {}, warn: () => {}, error: () => {} };
  const headers = new HeadersHandler({ projectDir: build, publishDir: '.', logger: silent as never });
  const fileOf = async (pathname: string): Promise<string | null> => {
    const candidate = path.join(build, decodeURIComponent(pathname));
    if (!candidate.startsWith(build)) return null;
    for (const option of [candidate, path.join(candidate, 'index.html')]) if ((await stat(option).catch(() => null))?.isFile()) return option;
    return null;
  };

  const server = createServer((incoming, response) => {
    void (async () => {
      const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, { method: incoming.method });
      const url = new URL(request.url);
      let file = await fileOf(url.pathname);
      let status = 200;
      const match = await redirects.match(request);
      if (match && (match.force || !file)) {
        // Only 3xx redirect (`match.redirect` also counts 400, which Netlify's documentation does not).
        if (match.statusCode >= 300 && match.statusCode < 400) {
          response.writeHead(match.statusCode, { Location: match.target.href });
          response.end();
          return;
        }
        file = await fileOf(match.target.pathname);
        status = match.statusCode;
      }
      if (!file) {
        file = path.join(build, '404.html');
        status = 404;
      }
      const extra = await headers.apply(request);
      const type = extra['content-type'] ?? extra['Content-Type'] ?? (file.endsWith('.html') ? 'text/html; charset=UTF-8' : 'application/octet-stream');
      response.writeHead(status, { ...extra, 'Content-Type': type });
      response.end(incoming.method === 'HEAD' ? undefined : await readFile(file));
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('No address');
  return { base: `http://127.0.0.1:${address.port}/`, server };
}
