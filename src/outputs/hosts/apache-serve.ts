// The parts of the `.htaccess` for Apache with `datashelf serve` beside it, and two fixes every
// Apache needs. With serve: the server's configuration says where serve listens
// (`Define DATASHELF_SERVE 127.0.0.1:4322`) and the `<IfDefine>` block sends the CKAN handler's
// routes to it (mod_proxy_http); without the Define, the block is skipped and the files answer as
// before. Unlike nginx, an `.htaccess` cannot hand on a request its rules have already refused
// without changing every rule, so with serve every request on the handler's routes goes to serve
// (its answers are byte-identical to the files' where both answer: test/ckan-handler/static-parity.test.ts).
import type { RewriteTable } from './rules.ts';

/** The name an operator defines (in the server's configuration, not here) to turn serve on. */
export const apacheServeDefine = 'DATASHELF_SERVE';

/**
 * The handler's routes (src/ckan-handler/routes.ts) as a RewriteRule pattern, site-relative. Not the
 * dataset register's `index.json`, which the folder answers' rewrite of `/rest/dataset` reaches.
 */
const handlerRoutes = '^api(?:/[123])?/?$|^api(?:/3)?/action(?:/[^/]+)?/?$|^api(?:/[123])?/search/(?:dataset|package)/?$|^api(?:/[12])?/rest/dataset/(?!index\\.json$)[^/]+(?:/revisions)?/?$';

/** Before the query forms (after the hidden files): the proxy rule, when serve is defined. */
export function apacheServeRules(table: Pick<RewriteTable, 'forms'>): string[] {
  if (table.forms.length === 0) return [];
  return [
    '',
    `# With \`datashelf serve\` (Define ${apacheServeDefine} <host:port> in the server's configuration, and mod_proxy_http):`,
    '# the CKAN API\'s actions, roots and searches, and API v1/v2\'s dataset entities and revisions, are answered by it, every query and POST included.',
    `<IfDefine ${apacheServeDefine}>`,
    `    RewriteRule ${handlerRoutes} http://\${${apacheServeDefine}}%{REQUEST_URI} [P,L]`,
    '</IfDefine>',
  ];
}

/** An action path with a trailing slash answers as the path without it (CKAN's routes take both). */
export function apacheTrailingSlash(table: Pick<RewriteTable, 'forms'>): string[] {
  if (table.forms.length === 0) return [];
  return ['', '# An action with a trailing slash is the action.', `RewriteRule ^(api(?:/3)?/action/[^/]+)/$ $1 [DPI]`];
}

/** `Allow` on every 405 (RFC 9110 requires it), unless the answer has its own (serve's). */
export function apacheAllowHeader(table: Pick<RewriteTable, 'methods'>): string[] {
  return [`Header always set Allow "${table.methods.join(', ')}" "expr=%{REQUEST_STATUS} == 405 && -z resp('Allow')"`];
}

