// The CORS headers on every answer under the site's API prefix and at the outputs' CORS paths (and
// on CORS preflights): a browser page on any site may read the catalogue, as CKAN's own
// `ckan.cors.origin_allow_all` allows.
import type { SiteHostRules } from './rules.ts';

export function corsHeaders(rules: Pick<SiteHostRules, 'methods' | 'corsRequestHeaders'>): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': rules.methods.join(', '),
    'Access-Control-Allow-Headers': rules.corsRequestHeaders.join(', '),
    'Access-Control-Max-Age': '86400',
  };
}
