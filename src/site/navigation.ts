// The main navigation of the site's header (src/site/components/SiteHeader.astro), and the key the
// header is rendered once per (src/site/rendered-once.ts): what it reads besides the site.
import { apiPath, datasetsPath, teamsPath, topicsPath } from './links.ts';

export type Section = 'home' | 'datasets' | 'topics' | 'teams' | 'api';

export const navigation = [
  { label: 'Datasets', path: datasetsPath, section: 'datasets' },
  { label: 'Topics', path: topicsPath, section: 'topics' },
  { label: 'Publishers', path: teamsPath, section: 'teams' },
  { label: 'API', path: apiPath, section: 'api' },
] as const;

/** Each navigation item's `aria-current` on the page at `canonicalPath` in `section`. */
export function currentItems(canonicalPath: string, section: Section | undefined): ('page' | 'true' | undefined)[] {
  return navigation.map((item) => (canonicalPath === item.path ? 'page' : section === item.section ? 'true' : undefined));
}

/** The header's key: whether the internal-build warning shows, and which items are current. */
export function headerKey(includesPrivate: boolean, canonicalPath: string, section: Section | undefined): string {
  return `${includesPrivate ? 'internal' : 'public'}:${currentItems(canonicalPath, section).map((current) => current ?? '').join(',')}`;
}
