// The datasets' cards the list pages are put together from (list-pages.ts), as the build's thread
// holds them: each card by its dataset's digest, as a list naming the team shows it (its UTF-8
// bytes, one character each: list-pages.ts `asBytes`), sent with the
// jobs of the pages that list it, learnt from the renderers as they cut them from pages Astro
// rendered, and kept between builds in the build's cache (fragments.ts) under the compiled pages and
// the site context every card is rendered with, so that a dataset added or removed, which moves
// every page of its lists, renders one card again rather than every list page.
//
// An edit's build (a few list pages rendered, every other page kept: page-views.ts `editedPages`)
// does not read the store (10,000 cards at 10,000 datasets, for the hundred its pages list): its
// renderer renders the cards it lacks (list-pages.ts), and the cards of the changed datasets (new
// digests) are added to the store's shards that hold their keys, the others left as they are.
import path from 'node:path';
import { Fragments, fragmentsConfig, readShardFile, shardFiles, shardOf, storeFolder, writeShardFile, type FragmentsConfig } from './fragments.ts';

const storeName = 'list-cards';

/** An edit's build: the digests whose cards are kept (those of the changed datasets), and the cards learnt this build. */
interface FewCards {
  keys: ReadonlySet<string>;
  learnt: Map<string, string>;
}

export class CardStore {
  readonly #context: string;
  readonly #config: FragmentsConfig | null;
  /** Read when first needed, unless the build is an edit's (`fewPages`). */
  #store: Fragments<string> | null = null;
  #few: FewCards | null = null;

  /** `context`: what every card is rendered with besides its dataset (the compiled pages, the site, the build's day). */
  constructor(context: string, store?: FragmentsConfig | null) {
    this.#context = context;
    this.#config = store === undefined ? fragmentsConfig() : store;
  }

  get #fragments(): Fragments<string> {
    return (this.#store ??= new Fragments<string>(storeName, this.#context, this.#config));
  }

  /**
   * An edit's build: the store is not read, and the cards kept for the next build are the previous
   * store's and those learnt of `keys` (the changed datasets' digests). Before any other use.
   */
  fewPages(keys: ReadonlySet<string>): void {
    if (this.#store === null) this.#few = { keys, learnt: new Map() };
  }

  /** The cards known for `keys` (null for one not rendered yet); each is kept for the next build. */
  cards(keys: readonly string[]): (string | null)[] {
    if (this.#few) return keys.map((key) => this.#few!.learnt.get(key) ?? null);
    return keys.map((key) => this.#fragments.find(key) ?? null);
  }

  /** Cards a renderer cut from a page it rendered. */
  learnt(cards: readonly [key: string, card: string][]): void {
    if (this.#few) {
      for (const [key, card] of cards) this.#few.learnt.set(key, card);
      return;
    }
    for (const [key, card] of cards) if (this.#fragments.peek(key) === undefined) this.#fragments.set(key, card);
  }

  /**
   * Keeps every card the previous build's store had, used this build or not: list pages kept without
   * their keys worked out (src/site/page-plan.ts) do not name theirs. Cards of datasets no list
   * shows any more stay until a build that names every list page's cards.
   */
  keepAll(): void {
    if (!this.#few) this.#fragments.keepPrevious();
  }

  /** Cards learnt this build, not found in the previous build's store. */
  get made(): number {
    return this.#few ? this.#few.learnt.size : (this.#store?.made ?? 0);
  }

  /** Keeps the cards this build used (or had, for pages kept as they were) for the next build. */
  save(): void {
    if (this.#few) this.#saveFew(this.#few);
    else this.#fragments.save();
  }

  /**
   * An edit's cards: each learnt card of the changed datasets added to the shard holding its key,
   * when the store is whole (every shard of one layout, of this cache and context); else nothing is
   * written (a later build reads and lays out the store again).
   */
  #saveFew(few: FewCards): void {
    const store = this.#config;
    const kept = [...few.learnt].filter(([key]) => few.keys.has(key));
    if (!store || kept.length === 0) return;
    const folder = storeFolder(store, storeName);
    const shards = shardFiles(folder).length;
    if (shards === 0) return;
    const byShard = new Map<number, [string, string][]>();
    for (const entry of kept) {
      const shard = shardOf(entry[0], shards);
      byShard.set(shard, [...(byShard.get(shard) ?? []), entry]);
    }
    try {
      for (const [shard, entries] of byShard) {
        const file = path.join(folder, `${shard}.v8`);
        const stored = readShardFile(file);
        if (!stored || stored.key !== store.key || stored.context !== this.#context || stored.shards !== shards) return;
        const values = new Map(stored.entries as [string, string][]);
        let changed = false;
        for (const [key, card] of entries) {
          if (values.get(key) === card) continue;
          values.set(key, card);
          changed = true;
        }
        if (changed) writeShardFile(file, { ...stored, entries: [...values] });
      }
    } catch {
      // The cache's folder cannot be written: the build stands, and the next one renders these cards again.
    }
  }
}
