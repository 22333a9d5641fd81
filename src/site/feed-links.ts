// Which Atom feed a page names in its head (`<link rel="alternate">`), so a feed reader given the
// page finds it: the site's feed on the home page and the list of datasets, a topic's or a team's
// feed on each page of its list. Only when the build wrote the feeds.
import type { Catalogue } from '../catalogue/model.ts';
import { catalogueFeeds, siteFeedPath } from '../outputs/feeds.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { datasetsPath, href } from './links.ts';

export interface FeedLink {
  title: string;
  /** Site-relative href. */
  href: string;
}

/** The feed of each list that has one, by the site-relative path of the list's first page. */
export type ListFeeds = Record<string, FeedLink>;

/** Worked out once a build (the site context of every page): none when the build wrote no feeds. */
export function listFeeds(catalogue: Catalogue, outputs: Pick<SiteOutputs, 'links'>): ListFeeds {
  // The feeds output offers the site's feed: without that link, the build wrote no feeds.
  if (!outputs.links.some((link) => link.path === siteFeedPath)) return {};
  return Object.fromEntries(catalogueFeeds(catalogue).map((feed) => [feed.pagePath, { title: feed.title, href: href(catalogue.site, feed.path) }]));
}

/** The first page of the list a page belongs to: `topic/roads/2/` → `topic/roads/`; the home page shows the latest datasets. */
function listPath(canonicalPath: string): string | null {
  if (canonicalPath === '') return datasetsPath;
  return /^((?:datasets\/)|(?:topic|team)\/[^/]+\/)(?:\d+\/)?$/.exec(canonicalPath)?.[1] ?? null;
}

export function feedLinks(feeds: ListFeeds, canonicalPath: string): FeedLink[] {
  const pagePath = listPath(canonicalPath);
  const feed = pagePath === null ? undefined : Object.hasOwn(feeds, pagePath) ? feeds[pagePath] : undefined;
  return feed ? [feed] : [];
}

/** The one entry of `feeds` a page at `canonicalPath` shows (none for most pages): what its key covers. */
export function ownFeeds(feeds: ListFeeds, canonicalPath: string): ListFeeds {
  const pagePath = listPath(canonicalPath);
  return pagePath !== null && Object.hasOwn(feeds, pagePath) ? { [pagePath]: feeds[pagePath]! } : {};
}
