// Which Atom feed a page names in its head (`<link rel="alternate">`), so a feed reader given the
// page finds it: the site's feed on the home page and the list of datasets, a topic's or a team's
// feed on each page of its list. Only when the build wrote the feeds.
import type { Catalogue } from '../catalogue/model.ts';
import { catalogueFeeds, siteFeedPath } from '../outputs/feeds.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { datasetsPath, href } from './links.ts';
import { oncePerCatalogue } from './listings.ts';

export interface FeedLink {
  title: string;
  /** Site-relative href. */
  href: string;
}

const feedsByPage = oncePerCatalogue((catalogue: Catalogue) => new Map(catalogueFeeds(catalogue).map((feed) => [feed.pagePath, feed])));

/** The first page of the list a page belongs to: `topic/roads/2/` → `topic/roads/`; the home page shows the latest datasets. */
function listPath(canonicalPath: string): string | null {
  if (canonicalPath === '') return datasetsPath;
  return /^((?:datasets\/)|(?:topic|team)\/[^/]+\/)(?:\d+\/)?$/.exec(canonicalPath)?.[1] ?? null;
}

export function feedLinks(catalogue: Catalogue, outputs: Pick<SiteOutputs, 'links'>, canonicalPath: string): FeedLink[] {
  // The feeds output offers the site's feed: without that link, the build wrote no feeds.
  if (!outputs.links.some((link) => link.path === siteFeedPath)) return [];
  const pagePath = listPath(canonicalPath);
  const feed = pagePath === null ? undefined : feedsByPage(catalogue).get(pagePath);
  return feed ? [{ title: feed.title, href: href(catalogue.site, feed.path) }] : [];
}
