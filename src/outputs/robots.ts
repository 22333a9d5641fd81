// robots.txt: a public build welcomes crawlers and names its sitemap; an internal build
// (--include-private) keeps every crawler out and names nothing, should it ever be served.
import type { Catalogue } from '../catalogue/model.ts';
import { sitemapPath } from './sitemap.ts';

export const robotsPath = 'robots.txt';

export function robotsTxt(catalogue: Pick<Catalogue, 'site' | 'includesPrivate'>): string {
  if (catalogue.includesPrivate) return ['# An internal build of the catalogue, with private datasets: not for crawlers.', 'User-agent: *', 'Disallow: /', ''].join('\n');
  // An empty Disallow allows everything (the original robots.txt standard; every crawler reads it).
  return ['User-agent: *', 'Disallow:', '', `Sitemap: ${catalogue.site.url}${sitemapPath}`, ''].join('\n');
}
