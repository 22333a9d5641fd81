// What every page's head says to other machines: OpenGraph and Twitter card tags, and the Atom feed
// of the list a page belongs to (only when the build wrote feeds).
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { exampleOutputs, exampleSite, exampleSubPathSite, foiDataset, roadsDataset } from '../../src/site/components/examples.ts';
import { feedLinks, listFeeds } from '../../src/site/feed-links.ts';
import { openGraphLocale, pageDescription, socialMetaTags } from '../../src/site/social-meta.ts';

describe('socialMetaTags', () => {
  it('say what the page is to OpenGraph readers and as a Twitter summary card', () => {
    const tags = socialMetaTags(exampleSite, { title: 'Road Casualties', description: 'Casualties by severity.', canonicalPath: 'dataset/roads/' });
    expect(tags).toEqual([
      { property: 'og:type', content: 'website' },
      { property: 'og:site_name', content: 'Testshire Open Data' },
      { property: 'og:title', content: 'Road Casualties' },
      { property: 'og:description', content: 'Casualties by severity.' },
      { property: 'og:url', content: 'https://data.testshire.example/dataset/roads/' },
      { property: 'og:locale', content: 'en_GB' },
      // The card's title and description are OpenGraph's (X falls back to them): no second copy.
      { name: 'twitter:card', content: 'summary' },
    ]);
  });

  it('fall back to the catalogue’s description, and write a locale as language_TERRITORY', () => {
    expect(pageDescription(exampleSite, undefined)).toBe('Data published by Testshire County Council.');
    expect(pageDescription({ title: 'T', description: '' }, '')).toBe('T');
    expect(['en-GB', 'cy', 'zh-Hant-TW', 'es-419', 'EN-gb'].map(openGraphLocale)).toEqual(['en_GB', 'cy', 'zh_TW', 'es_419', 'en_GB']);
  });
});

describe('feedLinks', () => {
  const catalogue = { site: exampleSubPathSite, datasets: [foiDataset, roadsDataset], topics: [], teams: [] } as unknown as Catalogue;
  const withFeeds = { links: [...exampleOutputs.links, { path: 'datasets/feed.atom', label: 'New and updated datasets (Atom feed)' }] };

  it('name the site’s feed on the home page and the list of datasets, and a topic’s or team’s on each page of its list', () => {
    const hrefs = (path: string) => feedLinks(listFeeds(catalogue, withFeeds), path).map((link) => link.href);
    expect(hrefs('')).toEqual(['/data/datasets/feed.atom']);
    expect(hrefs('datasets/')).toEqual(['/data/datasets/feed.atom']);
    expect(hrefs('datasets/2/')).toEqual(['/data/datasets/feed.atom']);
    expect(hrefs('topic/transport/')).toEqual(['/data/topic/transport/feed.atom']);
    expect(hrefs('team/information/3/')).toEqual(['/data/team/information/feed.atom']);
    expect(feedLinks(listFeeds(catalogue, withFeeds), 'topic/transport/')[0]!.title).toBe('Transport: new and updated datasets – Testshire Open Data');
  });

  it('name none on other pages, for a topic with no page, or when the build wrote no feeds', () => {
    for (const path of ['dataset/foi/', 'tag/foi/', 'api/', '404.html', 'topic/unknown/']) expect(feedLinks(listFeeds(catalogue, withFeeds), path), path).toEqual([]);
    expect(feedLinks(listFeeds(catalogue, exampleOutputs), '')).toEqual([]);
  });
});
