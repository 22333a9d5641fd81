// The datasets' cards the list pages are put together from (list-pages.ts), as the build's thread
// holds them: each card by its dataset's digest, as a list naming the team shows it (its UTF-8
// bytes, one character each: list-pages.ts `asBytes`), sent with the
// jobs of the pages that list it, learnt from the renderers as they cut them from pages Astro
// rendered, and kept between builds in the build's cache (fragments.ts) under the compiled pages and
// the site context every card is rendered with, so that a dataset added or removed, which moves
// every page of its lists, renders one card again rather than every list page.
import { Fragments, type FragmentsConfig } from './fragments.ts';

export class CardStore {
  readonly #store: Fragments<string>;

  /** `context`: what every card is rendered with besides its dataset (the compiled pages, the site, the build's day). */
  constructor(context: string, store?: FragmentsConfig | null) {
    this.#store = store === undefined ? new Fragments<string>('list-cards', context) : new Fragments<string>('list-cards', context, store);
  }

  /** The cards known for `keys` (null for one not rendered yet); each is kept for the next build. */
  cards(keys: readonly string[]): (string | null)[] {
    return keys.map((key) => this.#store.find(key) ?? null);
  }

  /** Cards a renderer cut from a page it rendered. */
  learnt(cards: readonly [key: string, card: string][]): void {
    for (const [key, card] of cards) if (this.#store.peek(key) === undefined) this.#store.set(key, card);
  }

  /**
   * Keeps every card the previous build's store had, used this build or not: list pages kept without
   * their keys worked out (src/site/page-plan.ts) do not name theirs. Cards of datasets no list
   * shows any more stay until a build that names every list page's cards.
   */
  keepAll(): void {
    this.#store.keepPrevious();
  }

  /** Cards learnt this build, not found in the previous build's store. */
  get made(): number {
    return this.#store.made;
  }

  /** Keeps the cards this build used (or had, for pages kept as they were) for the next build. */
  save(): void {
    this.#store.save();
  }
}
