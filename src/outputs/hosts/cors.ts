// The CORS headers on every answer of the API (and on CORS preflights): a browser page on any
// site may read the catalogue, as CKAN's own `ckan.cors.origin_allow_all` allows.
import type { RewriteTable } from '../ckan/rewrites.ts';

export function corsHeaders(table: RewriteTable): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': table.methods.join(', '),
    // What CKAN clients send: ckanapi sends Content-Type on GET too, which makes a browser ask first.
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-CKAN-API-Key',
    'Access-Control-Max-Age': '86400',
  };
}
