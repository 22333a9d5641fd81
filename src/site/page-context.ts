// How a page reaches what it shows. Pages are rendered from values, not from the catalogue: the
// build works out each page's view (src/site/page-views.ts) and hands it, with the site context
// shared by every page, to a renderer as the request's `Astro.locals` (src/build/render-worker.ts).
// A page never reads or validates content itself, and links only to outputs the build wrote.
import type { Site } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import type { ListFeeds } from './feed-links.ts';
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

export interface PageLocals<View> {
  context: SiteContext;
  view: View;
}

/** `Astro.locals` of a page rendered from `View`. */
export function pageLocals<View>(locals: object): PageLocals<View> {
  return locals as PageLocals<View>;
}
