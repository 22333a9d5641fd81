// Atom feeds (RFC 4287) of recently created or updated datasets: one for the whole catalogue beside
// the list of datasets, and one per topic and per team beside their pages. Newest first, at most 50.
import type { Catalogue, Dataset, Site } from '../catalogue/model.ts';
import { firstParagraphText } from '../site/dataset-view.ts';
import { summarise } from '../site/format.ts';
import { datasetsPath, teamPath, topicPath } from '../site/links.ts';
import { compareText, oncePerCatalogue, teamListings, topicListings } from '../site/listings.ts';
import { lastChanged } from './dataset-dates.ts';
import { xmlDeclaration, xmlText } from './xml-text.ts';

export const feedFileName = 'feed.atom';
export const siteFeedPath = `${datasetsPath}${feedFileName}`;
export const feedEntryLimit = 50;

/**
 * Atom requires every feed to say when it last changed. A feed with no dated dataset says the Unix
 * epoch: a fixed date keeps builds byte-identical, where the build's clock would not.
 */
const unknownUpdated = '1970-01-01T00:00:00.000Z';

export interface Feed {
  /** Site-relative path of the feed file. */
  path: string;
  /** Site-relative path of the page it follows (its first page). */
  pagePath: string;
  title: string;
  /** Every dataset of the page's list; the feed takes the newest of them. */
  datasets: readonly Dataset[];
}

/** The site's feed, then one per topic and per team that has a page (at least one dataset in the build). */
export const catalogueFeeds = oncePerCatalogue(function catalogueFeeds(catalogue: Pick<Catalogue, 'site' | 'datasets' | 'topics' | 'teams'>): Feed[] {
  const site = catalogue.site.title;
  return [
    { path: siteFeedPath, pagePath: datasetsPath, title: `New and updated datasets – ${site}`, datasets: catalogue.datasets },
    ...topicListings(catalogue).map(({ topic, datasets }) => ({ path: `${topicPath(topic.id)}${feedFileName}`, pagePath: topicPath(topic.id), title: `${topic.title}: new and updated datasets – ${site}`, datasets })),
    ...teamListings(catalogue).map(({ team, datasets }) => ({ path: `${teamPath(team.id)}${feedFileName}`, pagePath: teamPath(team.id), title: `${team.title}: new and updated datasets – ${site}`, datasets })),
  ];
});

const newestFirst = (a: Dataset, b: Dataset) => compareText(lastChanged(b)!, lastChanged(a)!) || compareText(a.id, b.id);

/**
 * The datasets a feed holds: those with a known date, most recently changed first, then by id; at
 * most `limit`. Chosen in one pass, not by sorting the list: the site's feed sorted every dataset
 * (a collator's comparison each step) for 50 of them, each build.
 */
export function feedDatasets(datasets: readonly Dataset[], limit = feedEntryLimit): Dataset[] {
  const newest: Dataset[] = [];
  if (limit < 1) return newest;
  // The date of the oldest chosen so far once `limit` are, when of the usual shape (`isoMoment`).
  let oldest: string | null = null;
  for (const dataset of datasets) {
    const changed = lastChanged(dataset);
    if (changed === null) continue;
    if (newest.length === limit) {
      // Most datasets are older than the oldest chosen: told by comparing code units where that
      // orders as collating does, not by a collator's comparison each (10,000 a feed, every build).
      if (oldest !== null && changed !== oldest && changed.length === oldest.length && isoMoment.test(changed)) {
        if (changed < oldest) continue;
      } else if (newestFirst(dataset, newest[limit - 1]!) >= 0) continue;
    }
    // Its place among the newest so far (ids are unique: no two compare equal).
    let low = 0;
    let high = newest.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newestFirst(newest[middle]!, dataset) < 0) low = middle + 1;
      else high = middle;
    }
    newest.splice(low, 0, dataset);
    if (newest.length > limit) newest.pop();
    if (newest.length === limit) {
      const date = lastChanged(newest[limit - 1]!)!;
      oldest = isoMoment.test(date) ? date : null;
    }
  }
  return newest;
}

/**
 * A moment as loading writes every date (`Date#toISOString`: catalogue/file-facts.ts `isoMoment`).
 * Two of this shape and length have their digits in the same places and the same characters
 * between them, so `compareText` (a collator comparing runs of digits by their value) orders them
 * as their code units do: runs of as many digits compare by value as by code units.
 */
const isoMoment = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The feed document. */
export function atomFeed(site: Site, feed: Feed): string {
  const entries = feedDatasets(feed.datasets);
  const feedUrl = `${site.url}${feed.path}`;
  const lines = [
    xmlDeclaration,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(site.language)}">`,
    `  <id>${xmlText(feedUrl)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <subtitle>The ${feedEntryLimit} most recently created or updated datasets, newest first.</subtitle>`,
    `  <updated>${entries[0] ? lastChanged(entries[0]) : unknownUpdated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${site.url}${feed.pagePath}`)}"/>`,
    `  <author>${person(site.publisher.name, site.publisher.url)}</author>`,
    ...entries.flatMap((dataset) => entry(site, dataset)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

/**
 * One dataset. Its id is its page's URL: the same entry, updated, whenever the dataset changes
 * (RFC 4287 §4.2.6: an entry keeps its id when it is revised).
 */
function entry(site: Site, dataset: Dataset): string[] {
  const summary = summarise(firstParagraphText(dataset), 300) || dataset.title;
  return [
    '  <entry>',
    `    <id>${xmlText(dataset.webpage)}</id>`,
    `    <title type="text">${xmlText(dataset.title)}</title>`,
    `    <updated>${lastChanged(dataset)}</updated>`,
    ...(dataset.createdAt ? [`    <published>${dataset.createdAt}</published>`] : []),
    `    <link rel="alternate" type="text/html" href="${xmlText(dataset.webpage)}"/>`,
    `    <author>${person(dataset.team.title, dataset.team.url)}</author>`,
    ...dataset.topics.map((topic) => `    <category term="${xmlText(topic.id)}" label="${xmlText(topic.title)}" scheme="${xmlText(`${site.url}topic/`)}"/>`),
    `    <summary type="text">${xmlText(summary)}</summary>`,
    '  </entry>',
  ];
}

function person(name: string, url: string | null): string {
  return `<name>${xmlText(name)}</name>${url ? `<uri>${xmlText(url)}</uri>` : ''}`;
}
