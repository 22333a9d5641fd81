// The parts of the nginx server block that differ when `datashelf serve` runs beside it
// (`datashelf.serve.nginx.conf`): an upstream naming serve's address, and under the API every
// answer the files would give as an error (a query they hold no page for: q, fq, sort, facets,
// other page sizes; a POST; an action they do not write; an id spelled another way) sent to serve
// instead, the request unchanged (method, body, the URI as the client sent it). The answers the
// files hold are still the files'. Without serve, the plain block (nginx.ts) keeps the static answers.
import { literalOf, type RewriteTable, type ValuePattern } from './rules.ts';

export const nginxServeConfigFile = 'datashelf.serve.nginx.conf';

/** The line an operator changes to point at serve (the tests replace exactly it). */
export const nginxUpstreamLine = /^ {4}server .*;.*$/m;

const upstream = 'datashelf_serve';
export const defaultServeAddress = '127.0.0.1:4322';

/** Before the server block, in nginx's http context. */
export function serveUpstream(): string[] {
  return [
    `upstream ${upstream} {`,
    `    server ${defaultServeAddress};  # change: where \`datashelf serve\` listens (its --host and --port)`,
    '}',
    '',
  ];
}

/** In the server block: the named location every API error goes to. */
export function serveLocation(): string[] {
  return [
    '# What the files cannot answer under the API: `datashelf serve` answers it, as CKAN would.',
    `location @${upstream} {`,
    // $request_uri: the path and query as the client sent them, before any rewrite to a file.
    `    proxy_pass http://${upstream}$request_uri;`,
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    // serve sends its own Allow; an add_header here (empty: never sent) stops the server's from being inherited.
    '    add_header Allow "";',
    '}',
    '',
  ];
}

/** Errors with these statuses go to serve, which answers with its own status. */
export function serveErrorPage(statuses: readonly number[]): string {
  return `error_page ${statuses.join(' ')} = @${upstream};`;
}

/**
 * `Allow` on a 405 (RFC 9110 requires it). nginx sends no header whose value is empty, and an error
 * page is fetched as a GET, so the variable is set where the method is refused (`setAllow`) and
 * survives the internal redirect to the error file.
 */
export function allowOn405(): string[] {
  return ['add_header Allow $datashelf_allow always;'];
}

export function setAllow(table: Pick<RewriteTable, 'methods'>): string {
  return `set $datashelf_allow "${table.methods.join(', ')}";`;
}

/**
 * With serve, the harmless values the files answer exactly (`*:*`, the empty value): a pattern with
 * wildcards (`metadata_modified:[… TO *]`) is answered by the files with every dataset, a superset;
 * serve answers it exactly, so such a value goes to serve.
 */
export function exactHarmless(harmless: readonly ValuePattern[]): readonly ValuePattern[] {
  const exact = harmless.filter((pattern) => literalOf(pattern) !== null);
  return exact.length > 0 ? exact : [['']];
}
