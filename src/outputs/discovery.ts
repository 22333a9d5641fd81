// The discovery files as one output: sitemap.xml and robots.txt for search engines, Atom feeds for
// feed readers. A public build writes all of them; an internal build (--include-private) writes a
// robots.txt that keeps crawlers out, no sitemap, and the feeds (for its internal readers).
import type { Catalogue } from '../catalogue/model.ts';
import { indexedPages } from '../site/page-index.ts';
import { topicPath, teamPath } from '../site/links.ts';
import { atomFeed, catalogueFeeds, feedEntryLimit, feedFileName, siteFeedPath } from './feeds.ts';
import type { Endpoint, Output } from './output.ts';
import { sinkFor } from './output-sink.ts';
import { robotsPath, robotsTxt } from './robots.ts';
import { sitemapFiles, sitemapPartPath, sitemapPath, type TextFile } from './sitemap.ts';

async function writeTextFiles(outDir: string, files: readonly TextFile[]): Promise<void> {
  const sink = sinkFor(outDir);
  for (const file of files) sink.write(file.path, file.text);
}

export async function writeSitemap(catalogue: Catalogue, outDir: string): Promise<void> {
  const files: TextFile[] = [{ path: robotsPath, text: robotsTxt(catalogue) }];
  if (!catalogue.includesPrivate) {
    const entries = indexedPages(catalogue).map((page) => ({ url: `${catalogue.site.url}${page.path}`, lastModified: page.lastModified }));
    files.push(...sitemapFiles(catalogue.site.url, entries));
  }
  await writeTextFiles(outDir, files);
}

export async function writeFeeds(catalogue: Catalogue, outDir: string): Promise<void> {
  await writeTextFiles(outDir, catalogueFeeds(catalogue).map((feed) => ({ path: feed.path, text: atomFeed(catalogue.site, feed) })));
}

export const discoveryOutput: Output = {
  id: 'discovery',
  thread: 'main',
  parts: [
    { name: 'sitemap', write: writeSitemap },
    { name: 'feeds', write: writeFeeds },
  ],
  mediaTypes: { xml: 'application/xml', atom: 'application/atom+xml', txt: 'text/plain' },
  // Feed readers and sitemap tools that run in a browser read them from other sites.
  hostRules: { corsPaths: [sitemapPath, sitemapPartPath('{n}'), siteFeedPath, `${topicPath('{id}')}${feedFileName}`, `${teamPath('{id}')}${feedFileName}`] },
  describe: (catalogue) => {
    const feeds = catalogueFeeds(catalogue);
    // One live example of a topic's and a team's feed, when the build has them.
    const topicFeed = feeds.find((feed) => feed.pagePath.startsWith('topic/'));
    const teamFeed = feeds.find((feed) => feed.pagePath.startsWith('team/'));
    const endpoints: Endpoint[] = [
      { name: siteFeedPath, summary: `The ${feedEntryLimit} most recently created or updated datasets, newest first, as an Atom feed.`, example: siteFeedPath },
      ...(topicFeed ? [{ name: 'topic/<id>/feed.atom', summary: 'The same for the datasets of one topic.', example: topicFeed.path }] : []),
      ...(teamFeed ? [{ name: 'team/<id>/feed.atom', summary: 'The same for the datasets of one team.', example: teamFeed.path }] : []),
      ...(catalogue.includesPrivate
        ? [{ name: robotsPath, summary: 'Keeps every crawler out of this internal build.', example: robotsPath }]
        : [
            { name: sitemapPath, summary: 'Every page of the site, with the date its content last changed.', example: sitemapPath },
            { name: robotsPath, summary: 'Lets crawlers in and names the sitemap.', example: robotsPath },
          ]),
    ];
    return {
      summary: 'Feed readers can follow new and updated datasets in Atom feeds, for the whole catalogue and for each topic and team.',
      links: [{ path: siteFeedPath, label: 'New and updated datasets (Atom feed)', footerLabel: 'New datasets (Atom feed)' }],
      datasetLinks: [],
      reference: [{ id: 'feeds', title: 'Feeds and sitemaps', intro: 'For feed readers and search engines. Each topic and team page names its own feed, so a feed reader given the page finds it.', endpoints }],
    };
  },
};
