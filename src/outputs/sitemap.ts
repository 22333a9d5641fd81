// sitemap.xml (sitemaps.org 0.9): every public page's canonical URL with when its content last
// changed. Over the protocol's 50,000 URLs a file, sitemap.xml becomes an index of numbered sitemaps.
import { xmlDeclaration, xmlText } from './xml-text.ts';

export const sitemapPath = 'sitemap.xml';

/** The n-th sitemap of a site with more URLs than one holds (sitemap.xml is then their index). */
export const sitemapPartPath = (n: number | string) => `sitemap-${n}.xml`;

/** The protocol's limit of URLs in one sitemap file. */
export const sitemapUrlLimit = 50_000;

export interface SitemapEntry {
  /** Absolute URL. */
  url: string;
  /** ISO 8601 (a W3C Datetime), or null when unknown: then the entry has no `<lastmod>`. */
  lastModified: string | null;
}

export interface TextFile {
  /** Site-relative path. */
  path: string;
  text: string;
}

const namespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * The sitemap files for `entries` (in their order) of the site at `siteUrl`: one urlset, or, with
 * more than `limit` entries, sitemap-1.xml, sitemap-2.xml, … and sitemap.xml indexing them.
 */
export function sitemapFiles(siteUrl: string, entries: readonly SitemapEntry[], limit = sitemapUrlLimit): TextFile[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a sitemap holds a positive whole number of URLs, not ${limit}`);
  if (entries.length <= limit) return [{ path: sitemapPath, text: urlset(entries) }];
  const parts: TextFile[] = [];
  const index: SitemapEntry[] = [];
  for (let start = 0; start < entries.length; start += limit) {
    const chunk = entries.slice(start, start + limit);
    const path = sitemapPartPath(parts.length + 1);
    parts.push({ path, text: urlset(chunk) });
    index.push({ url: `${siteUrl}${path}`, lastModified: newest(chunk) });
  }
  return [{ path: sitemapPath, text: sitemapIndex(index) }, ...parts];
}

function urlset(entries: readonly SitemapEntry[]): string {
  return document('urlset', 'url', entries);
}

function sitemapIndex(entries: readonly SitemapEntry[]): string {
  return document('sitemapindex', 'sitemap', entries);
}

function document(root: string, item: string, entries: readonly SitemapEntry[]): string {
  const lines = entries.map((entry) => `<${item}><loc>${xmlText(entry.url)}</loc>${entry.lastModified ? `<lastmod>${xmlText(entry.lastModified)}</lastmod>` : ''}</${item}>`);
  return `${xmlDeclaration}\n<${root} xmlns="${namespace}">\n${lines.map((line) => `${line}\n`).join('')}</${root}>\n`;
}

function newest(entries: readonly SitemapEntry[]): string | null {
  return entries.reduce<string | null>((latest, entry) => (entry.lastModified !== null && (latest === null || entry.lastModified > latest) ? entry.lastModified : latest), null);
}
