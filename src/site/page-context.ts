// How a page reaches what it shows. Pages are rendered from values, not from the catalogue: the
// build works out each page's view (src/site/page-views.ts) and hands it, with the site context
// shared by every page, to a renderer as the request's `Astro.locals` (src/build/render-worker.ts).
// A page never reads or validates content itself, and links only to outputs the build wrote.
import type { Site } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { ownFeeds, type ListFeeds } from './feed-links.ts';
import type { TagCount, TeamCount, TopicCount } from './listings.ts';

/** What every page of one build shares: sent once to each renderer. */
export interface SiteContext {
  site: Site;
  includesPrivate: boolean;
  /** The build's day, `YYYY-MM-DD`. */
  today: string;
  outputs: SiteOutputs;
  /** Every topic, team and tag with its number of datasets: the lists' sidebar, the topic and team pages. */
  browse: { topics: TopicCount[]; teams: TeamCount[]; tags: TagCount[] };
  feeds: ListFeeds;
}

/** What every page reads of the context (the layout's frame and the build's day): all but the counts and the feeds. */
export function pageContextFrame(context: SiteContext): Omit<SiteContext, 'browse' | 'feeds'> {
  const { site, includesPrivate, today, outputs } = context;
  return { site, includesPrivate, today, outputs };
}

/**
 * The context one page is given: the frame, its own feed link (the layout shows no other), and the
 * counts only when `browse` (the page's key covers them only then: src/site/page-views.ts). A page
 * reading the counts without that fails with a message saying so, instead of going stale.
 */
export function contextForPage(context: SiteContext, path: string, browse: boolean): SiteContext {
  const { browse: counts, feeds, ...frame } = context;
  const given = { ...frame, feeds: ownFeeds(feeds, path) } as SiteContext;
  if (browse) given.browse = counts;
  else {
    Object.defineProperty(given, 'browse', {
      get() {
        throw new Error(`the page /${path} reads the topic, team and tag counts, which its key does not cover: mark its job \`browse\` in src/site/page-views.ts`);
      },
    });
  }
  return given;
}

export interface PageLocals<View> {
  context: SiteContext;
  view: View;
}

/** `Astro.locals` of a page rendered from `View`. */
export function pageLocals<View>(locals: object): PageLocals<View> {
  return locals as PageLocals<View>;
}
