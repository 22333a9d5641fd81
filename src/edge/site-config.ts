// The edge site's configuration as text for a generated module, and back: plain JSON, except the
// rules' `anyText` wildcard (a symbol), written as a marker object.
import { anyText } from '../outputs/hosts/rules.ts';
import type { EdgeSite } from './api-answer.ts';

const marker = '$datashelfAnyText';

export function edgeSiteJson(site: EdgeSite): string {
  return JSON.stringify(site, (_key, value: unknown) => (value === anyText ? { [marker]: true } : value));
}

export function parseEdgeSite(json: string): EdgeSite {
  return JSON.parse(json, (_key, value: unknown) => (typeof value === 'object' && value !== null && marker in value ? anyText : value)) as EdgeSite;
}
