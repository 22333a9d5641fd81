// The later pages of a dataset list (`datasets/2/` on, a topic's, a team's) put together from parts
// rather than rendered by Astro: the list's frame, cut from one of its later pages Astro rendered,
// the page's own values (title, address, position, page links) and its datasets' cards, each cut
// once from a page Astro rendered and kept by its dataset's digest (render-pages.ts keeps them
// between builds). A later page differs from another of its list only in those values and cards
// (src/site/layouts/Listing.astro, Base.astro): the frame is cut where the page Astro rendered
// holds exactly the values worked out for it here, and not used when it does not, so a page is
// either put together from what Astro rendered or rendered by Astro. The first page of a list
// (which may hold more: the search on `datasets/`) is always Astro's.
//
// It works on the pages' final markup (src/build/tight-html.ts done), as bytes: the parts are cut
// from it and put together as they are. The markup is read as a string of its UTF-8 bytes, one
// character each (latin1), so that cutting and joining costs no decoding or encoding, and offsets in
// the string are offsets in the bytes; what a page's own values are compared with is turned into the
// same form (`asBytes`).
import type { Site } from '../catalogue/model.ts';
import { datasetsPath } from '../site/links.ts';
import { pagePath, pagePositionText, pageTitleSuffix, paginationView, type ListedDataset, type ListingPage } from '../site/listings.ts';
import type { ListView } from '../site/page-views.ts';
import { escapeHtml, paginationMarkup } from '../site/pagination-markup.ts';

/** What a list page's job says of its list and cards (render-pages.ts). */
export interface ListPageCards {
  /** Site-relative path of the list's first page. */
  basePath: string;
  /** Each listed dataset's digest: its card's key. */
  keys: string[];
  /** The cards the build already has (as a list naming the team shows them; UTF-8 bytes, one character each), null for one not rendered yet. */
  cards: (string | null)[];
  /** Whether the list names each dataset's team (not on the team's own list). */
  showTeam: boolean;
}

type Page = Omit<ListingPage<ListedDataset>, 'param'>;

/** Listing.astro's and DatasetList.astro's markup around the cards, as the final page holds it. */
const positionOpen = '<p class="list-position">';
const listOpen = '</p><ul class="dataset-list">';
const cardOpen = '<li>';
const cardClose = '</li>';
const listClose = '</ul>';
/** A card's first fact, which a team's own list leaves out (DatasetList.astro's `showTeam`). */
const teamFact = (title: string) => `<dl><div><dt>Published by</dt><dd>${escapeHtml(title)}</dd></div>`;
/** Base.astro's head: where the page's title and address are. */
const titleOpen = '<title>';
const ogTitleOpen = '<meta property="og:title" content="';
const canonicalOpen = '<link rel="canonical" href="';
const ogUrlOpen = '<meta property="og:url" content="';

type Slot = 'title' | 'url' | 'list';

/** A later page of one list with its own values cut out: `pieces[0] + value(slots[0]) + pieces[1] + …`, as UTF-8. */
interface Frame {
  pieces: Uint8Array[];
  slots: Slot[];
}

const encoder = new TextEncoder();

/** Markup as its UTF-8 bytes, one character each: what the page's markup is read as. */
export function asBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A page's final markup (UTF-8) as a string of its bytes, one character each. */
export function markupBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A renderer thread's frames and cards for one build. */
export class ListPages {
  readonly #site: Site;
  /** By the list's first page; null: the list's pages are Astro's (its frame could not be cut). */
  readonly #frames = new Map<string, Frame | null>();
  /** Cards cut on this thread (as a list naming the team shows them; bytes, one character each), by key: a job may be sent before the build heard of a card. */
  readonly #cards = new Map<string, string>();
  /** Cards as UTF-8, as each list shows them (a team's without the team: `-` before the key). */
  readonly #cardBytes = new Map<string, Uint8Array>();
  /** Lists whose frame could not be cut, not yet told to the build (`unframed`). */
  #unframed: string[] = [];

  constructor(site: Site) {
    this.#site = site;
  }

  /**
   * The page's markup (UTF-8) put together from its parts, in the order they are written, or null:
   * then Astro renders it, and `learn` is given what it rendered. The frames and cards are kept
   * encoded, so a page costs no string of its own.
   */
  assemble(list: ListPageCards, page: Page): Uint8Array[] | null {
    if (page.number === 1) return null;
    const frame = this.#frames.get(list.basePath);
    if (!frame) return null;
    const cards: Uint8Array[] = [];
    for (let index = 0; index < list.keys.length; index++) {
      const card = this.#cardAsShown(list, index, page.items[index]!);
      if (!card) return null;
      cards.push(card);
    }
    const chunks: Uint8Array[] = [frame.pieces[0]!];
    frame.slots.forEach((slot, index) => {
      if (slot === 'title') chunks.push(encoder.encode(pageTitleSuffix(page)));
      else if (slot === 'url') chunks.push(encoder.encode(this.#url(page)));
      else chunks.push(encoder.encode(this.#listOpening(page)), ...cards, encoder.encode(this.#listClosing(list.basePath, page)));
      chunks.push(frame.pieces[index + 1]!);
    });
    return chunks;
  }

  /** The card of the list's `index`th dataset as the list shows it, or null when the thread has not got it (nor the card it is made from). */
  #cardAsShown(list: ListPageCards, index: number, dataset: ListedDataset): Uint8Array | null {
    const key = list.showTeam ? list.keys[index]! : `-${list.keys[index]!}`;
    let bytes = this.#cardBytes.get(key);
    if (bytes) return bytes;
    let card = list.cards[index] ?? this.#cards.get(list.keys[index]!);
    if (card === undefined) return null;
    if (!list.showTeam) {
      // A team's list shows its cards without the team: made from those that name it.
      const fact = asBytes(teamFact(dataset.team.title));
      const at = card.indexOf(fact);
      if (at < 0) return null;
      card = `${card.slice(0, at)}<dl>${card.slice(at + fact.length)}`;
    }
    bytes = Buffer.from(card, 'latin1');
    this.#cardBytes.set(key, bytes);
    return bytes;
  }

  /**
   * The cards the later pages of `jobs` (a batch) need that this thread has not: rendered together
   * as the second page of the list of all datasets holding just those (`sheet`), whose cards `learnSheet`
   * cuts. A card costs Astro far less than a page: most of a list page's rendering was its frame.
   */
  sheet(jobs: readonly { list?: ListPageCards | undefined; view: unknown }[]): { keys: string[]; path: string; view: ListView<null> } | null {
    const wanted = new Map<string, ListedDataset>();
    for (const { list, view } of jobs) {
      const page = (view as ListView<unknown>).page;
      if (!list || page.number === 1 || this.#frames.get(list.basePath) === null) continue;
      list.keys.forEach((key, index) => {
        if (list.cards[index] == null && !this.#cards.has(key)) wanted.set(key, page.items[index]!);
      });
    }
    if (wanted.size === 0) return null;
    const items = [...wanted.values()];
    const path = pagePath(datasetsPath, 2);
    const page: ListingPage<ListedDataset> = { number: 2, pageCount: 2, items, total: items.length + 1, firstPosition: 2, lastPosition: items.length + 1, path, param: '2' };
    return { keys: [...wanted.keys()], path, view: { of: null, page } };
  }

  /** The cards of the sheet's markup (`html`: final, `markupBytes`), kept by `keys`; learnt by the build too. */
  learnSheet(keys: readonly string[], html: string): [key: string, card: string][] {
    const found = cutCards(html, keys.length);
    if (!found) return [];
    return found.cards.map((card, index) => {
      this.#cards.set(keys[index]!, card);
      return [keys[index]!, card];
    });
  }

  /** The cards of a page Astro rendered (`html`: its final markup, `markupBytes`), the ones new to this thread; and its list's frame, when it is a later page and the list has none yet. */
  learn(list: ListPageCards, page: Page, html: string): [key: string, card: string][] {
    const found = cutCards(html, list.keys.length);
    if (!found) return [];
    if (page.number > 1 && !this.#frames.has(list.basePath)) {
      const frame = this.#cutFrame(list.basePath, page, html, found);
      this.#frames.set(list.basePath, frame);
      if (frame === null) this.#unframed.push(list.basePath);
    }
    // A team's list shows its cards without the team: the others are made from those that name it.
    if (!list.showTeam) return [];
    const learnt: [string, string][] = [];
    found.cards.forEach((card, index) => {
      const key = list.keys[index]!;
      if (this.#cards.has(key)) return;
      this.#cards.set(key, card);
      if (list.cards[index] == null) learnt.push([key, card]);
    });
    return learnt;
  }

  /** The lists (their first page's path) whose frame could not be cut since last asked: their pages are Astro's, and need their whole views. */
  unframed(): string[] {
    const lists = this.#unframed;
    this.#unframed = [];
    return lists;
  }

  #url(page: Page): string {
    return escapeHtml(`${this.#site.url}${page.path}`);
  }

  /** The page's list of datasets: its position, then its cards… */
  #listOpening(page: Page): string {
    return `${positionOpen}${escapeHtml(pagePositionText(page))}${listOpen}`;
  }

  /** …then its page links. */
  #listClosing(basePath: string, page: Page): string {
    const pagination = paginationView(page.number, page.pageCount, basePath);
    return `${listClose}${pagination ? paginationMarkup(this.#site, pagination) : ''}`;
  }

  /** The frame of `page`'s list from its markup, or null when the markup is not what the frame is cut at. */
  #cutFrame(basePath: string, page: Page, html: string, found: { start: number; cards: string[] }): Frame | null {
    const suffix = pageTitleSuffix(page);
    const url = asBytes(this.#url(page));
    const cuts: { at: number; length: number; slot: Slot }[] = [];
    // The og:title is the page's title alone: the heading is what comes before the suffix.
    const ogTitle = valueAfter(html, ogTitleOpen);
    if (!ogTitle || !ogTitle.value.endsWith(suffix)) return null;
    const heading = ogTitle.value.slice(0, -suffix.length);
    cuts.push({ at: ogTitle.at + heading.length, length: suffix.length, slot: 'title' });
    const title = html.indexOf(titleOpen);
    if (title < 0 || !html.startsWith(heading + suffix, title + titleOpen.length)) return null;
    cuts.push({ at: title + titleOpen.length + heading.length, length: suffix.length, slot: 'title' });
    for (const open of [canonicalOpen, ogUrlOpen]) {
      const address = valueAfter(html, open);
      if (!address || address.value !== url) return null;
      cuts.push({ at: address.at, length: url.length, slot: 'url' });
    }
    const list = `${asBytes(this.#listOpening(page))}${found.cards.join('')}${asBytes(this.#listClosing(basePath, page))}`;
    if (!html.startsWith(list, found.start)) return null;
    cuts.push({ at: found.start, length: list.length, slot: 'list' });
    cuts.sort((a, b) => a.at - b.at);
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const cut of cuts) {
      if (cut.at < from) return null;
      pieces.push(Buffer.from(html.slice(from, cut.at), 'latin1'));
      from = cut.at + cut.length;
    }
    pieces.push(Buffer.from(html.slice(from), 'latin1'));
    return { pieces, slots: cuts.map((cut) => cut.slot) };
  }
}

/** The double-quoted attribute value after the first `open`, and where it starts. */
function valueAfter(html: string, open: string): { at: number; value: string } | null {
  const start = html.indexOf(open);
  if (start < 0) return null;
  const at = start + open.length;
  const end = html.indexOf('"', at);
  return end < 0 ? null : { at, value: html.slice(at, end) };
}

/**
 * A list page's `count` cards and where its list's markup starts (its position line), or null when
 * the page holds no such list. A card is one `<li>` of the list: what it shows of a dataset is text,
 * escaped, so no `<li>` or `</li>` in it is the list's but its own.
 */
function cutCards(html: string, count: number): { start: number; cards: string[] } | null {
  if (count === 0) return null;
  const start = html.indexOf(positionOpen, html.indexOf('<main'));
  if (start < 0) return null;
  let at = html.indexOf(listOpen, start);
  if (at < 0) return null;
  at += listOpen.length;
  const cards: string[] = [];
  for (let index = 0; index < count; index++) {
    if (!html.startsWith(cardOpen, at)) return null;
    const end = html.indexOf(cardClose, at);
    if (end < 0) return null;
    cards.push(html.slice(at, end + cardClose.length));
    at = end + cardClose.length;
  }
  return html.startsWith(listClose, at) ? { start, cards } : null;
}
