// sitemap.xml and robots.txt: one sitemap up to the protocol's 50,000 URLs, an index of numbered
// sitemaps beyond (tested with a small limit), each file XML a conforming parser reads; robots.txt
// names the sitemap in a public build and keeps crawlers out of an internal one.
import { describe, expect, it } from 'vitest';
import { robotsTxt } from '../../src/outputs/robots.ts';
import { sitemapFiles, sitemapUrlLimit, type SitemapEntry } from '../../src/outputs/sitemap.ts';
import { exampleSite, exampleSubPathSite } from '../../src/site/components/examples.ts';
import { childText, childrenNamed, parseXml } from '../helpers/xml.ts';

const siteUrl = 'https://data.testshire.example/';
const namespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function entries(count: number): SitemapEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    url: `${siteUrl}dataset/d${String(index + 1).padStart(2, '0')}/`,
    // Every third page has no known date.
    lastModified: index % 3 === 2 ? null : `2024-01-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`,
  }));
}

function urlsOf(text: string): { loc: string | undefined; lastmod: string | undefined }[] {
  const root = parseXml(text);
  expect(root).toMatchObject({ name: 'urlset', namespace });
  return childrenNamed(root, 'url').map((url) => ({ loc: childText(url, 'loc'), lastmod: childText(url, 'lastmod') }));
}

describe('the sitemap writer', () => {
  it('writes one urlset while the URLs fit, with a lastmod where the date is known', () => {
    const files = sitemapFiles(siteUrl, entries(5), 5);
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml']);
    expect(urlsOf(files[0]!.text)).toEqual(entries(5).map((entry) => ({ loc: entry.url, lastmod: entry.lastModified ?? undefined })));
  });

  it('over the limit, writes numbered sitemaps and makes sitemap.xml their index, with each part’s newest date', () => {
    const all = entries(12);
    const files = sitemapFiles(siteUrl, all, 5);
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
    const index = parseXml(files[0]!.text);
    expect(index).toMatchObject({ name: 'sitemapindex', namespace });
    expect(childrenNamed(index, 'sitemap').map((sitemap) => ({ loc: childText(sitemap, 'loc'), lastmod: childText(sitemap, 'lastmod') }))).toEqual([
      { loc: `${siteUrl}sitemap-1.xml`, lastmod: '2024-01-05T10:00:00.000Z' },
      { loc: `${siteUrl}sitemap-2.xml`, lastmod: '2024-01-10T10:00:00.000Z' },
      { loc: `${siteUrl}sitemap-3.xml`, lastmod: '2024-01-11T10:00:00.000Z' },
    ]);
    const parts = files.slice(1).map((file) => urlsOf(file.text));
    expect(parts.map((urls) => urls.length)).toEqual([5, 5, 2]);
    expect(parts.flat().map((url) => url.loc)).toEqual(all.map((entry) => entry.url));
  });

  it('keeps to the protocol’s 50,000 URLs a file by default, and refuses a limit that is no count', () => {
    expect(sitemapUrlLimit).toBe(50_000);
    expect(() => sitemapFiles(siteUrl, entries(2), 0)).toThrow(RangeError);
  });

  it('escapes a URL’s ampersand, so the file stays XML and the URL reads back whole', () => {
    const url = `${siteUrl}tag/caf%C3%A9/?a=1&b=2`;
    const [file] = sitemapFiles(siteUrl, [{ url, lastModified: null }]);
    expect(file!.text).toContain('?a=1&amp;b=2');
    expect(urlsOf(file!.text)).toEqual([{ loc: url, lastmod: undefined }]);
  });
});

describe('robots.txt', () => {
  it('in a public build lets every crawler in and names the sitemap by its absolute URL', () => {
    expect(robotsTxt({ site: exampleSubPathSite, includesPrivate: false })).toBe('User-agent: *\nDisallow:\n\nSitemap: https://www.testshire.example/data/sitemap.xml\n');
  });

  it('in an internal build keeps every crawler out and names no sitemap', () => {
    const text = robotsTxt({ site: exampleSite, includesPrivate: true });
    expect(text).toContain('User-agent: *\nDisallow: /\n');
    expect(text).not.toMatch(/sitemap/i);
  });
});
