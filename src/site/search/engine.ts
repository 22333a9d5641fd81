// Searching the static index (src/outputs/search/format.ts) a piece at a time: the manifest first,
// then only the shards of the query's words, the chosen tags' documents and the chunks of the page
// of results shown. Runs in the browser and, for the tests, in Node: files come through `load`.
import {
  comboFacets,
  decodeShard,
  documentChunkPath,
  documentCombosPath,
  filterNames,
  firstPagesPath,
  manifestPath,
  readDocumentList,
  readTermPostings,
  resultsPerPage,
  shardsFor,
  tagStore,
  termStore,
  type ComboFacet,
  type FacetValue,
  type FilterName,
  type FirstPages,
  type KeyedStore,
  type SearchDocument,
  type SearchManifest,
  type ShardEntry,
} from '../../outputs/search/format.ts';
import { ByteReader } from '../../outputs/search/bytes.ts';
import { matchesAsPrefix, searchWords } from '../../outputs/search/words.ts';

/** Reads one file of the index by its site-relative path, unzipped. */
export type LoadFile = (path: string) => Promise<Uint8Array>;

export type SortOrder = 'relevance' | 'updated';

export interface SearchQuery {
  text: string;
  filters: Record<FilterName, string[]>;
  sort: SortOrder;
  /** 1-based. */
  page: number;
}

export interface FacetCount extends FacetValue {
  /** Matching documents with this value, given the query and the other filters (ticking it adds these). */
  matches: number;
  selected: boolean;
}

export interface SearchOutcome {
  total: number;
  page: number;
  pageCount: number;
  documents: SearchDocument[];
  facets: { name: ComboFacet; label: string; values: FacetCount[] }[];
  /** Selected tags with their names (an unknown slug is dropped). */
  selectedTags: { slug: string; name: string }[];
}

/** A word of the query counts this much when it is the start of an indexed word, not the word itself. */
const prefixMatchWeight = 0.5;

export class SearchIndex {
  readonly manifest: SearchManifest;
  private readonly load: LoadFile;
  private readonly cache = new Map<string, Promise<unknown>>();

  private constructor(manifest: SearchManifest, load: LoadFile) {
    this.manifest = manifest;
    this.load = load;
  }

  static async open(load: LoadFile): Promise<SearchIndex> {
    const manifest = JSON.parse(new TextDecoder().decode(await load(manifestPath))) as SearchManifest;
    if (manifest.format !== 1) throw new Error(`search index format ${String(manifest.format)} is not one this page reads`);
    return new SearchIndex(manifest, load);
  }

  /** Every file once per page: moving between filters and pages reuses what was fetched. */
  private once<T>(path: string, decode: (bytes: Uint8Array) => T): Promise<T> {
    let pending = this.cache.get(path) as Promise<T> | undefined;
    if (!pending) {
      pending = this.load(path).then(decode);
      pending.catch(() => this.cache.delete(path));
      this.cache.set(path, pending);
    }
    return pending;
  }

  private shard(store: KeyedStore, shard: number): Promise<ShardEntry[]> {
    return this.once(store.shardPath(shard), decodeShard);
  }

  private async postings(store: KeyedStore, entry: ShardEntry): Promise<Uint8Array> {
    return entry.postings ?? this.once(store.postingsPath(entry.postingsFile!), (bytes) => bytes);
  }

  /** Entries for `key` (and, as a prefix, for keys starting with it), with their postings. */
  private async lookUp(store: KeyedStore, firstKeys: readonly string[], key: string, asPrefix: boolean, ownFile?: number): Promise<{ entry: ShardEntry; postings: Uint8Array }[]> {
    // A common word's own postings are fetched with its shard, not after it (one round trip less).
    if (ownFile !== undefined) void this.once(store.postingsPath(ownFile), (bytes) => bytes);
    const shards = await Promise.all(shardsFor(firstKeys, key, asPrefix).map((shard) => this.shard(store, shard)));
    const entries = shards.flat().filter((entry) => entry.key === key || (asPrefix && entry.key.startsWith(key)));
    return Promise.all(entries.map(async (entry) => ({ entry, postings: await this.postings(store, entry) })));
  }

  async search(query: SearchQuery): Promise<SearchOutcome> {
    // Fetched beside the word's postings, not after the matching: the round trip it saves is the point.
    const foreseen = this.firstPages(query);
    const matched = await this.match(query);
    const { results, scores } = matched;
    if (query.sort === 'relevance' && matched.ranked) results.sort((a, b) => scores[b]! - scores[a]! || a - b);
    const pageCount = Math.max(1, Math.ceil(results.length / resultsPerPage));
    const page = Math.min(Math.max(1, Math.floor(query.page) || 1), pageCount);
    const shown = results.slice((page - 1) * resultsPerPage, page * resultsPerPage);
    return {
      total: results.length,
      page,
      pageCount,
      documents: await this.documents(shown, foreseen),
      facets: this.facetCounts(matched.perCombo, matched.failures, matched.selected),
      selectedTags: matched.selectedTags,
    };
  }

  /**
   * The documents matching the words and tags (a score each, 0 for none), which filters each value
   * combination fails (a bit per facet), how many matches have each combination, and the results:
   * matches failing no filter, in document order (most recently updated first).
   */
  private async match(query: SearchQuery) {
    const { documents: size, combos } = this.manifest;
    const words = [...new Set(searchWords(query.text))];
    let scores: Float32Array;
    const comboOf = new Int32Array(size).fill(-1);
    if (words.length) {
      const perWord = await Promise.all(words.map((word) => this.wordScores(word, comboOf)));
      scores = perWord[0]!;
      // Every word must match (as people expect of a search box): a document missing one is out.
      for (const next of perWord.slice(1)) {
        for (let document = 0; document < size; document++) scores[document] = next[document]! > 0 && scores[document]! > 0 ? scores[document]! + next[document]! : 0;
      }
    } else {
      scores = new Float32Array(size).fill(1);
      const reader = new ByteReader(await this.once(documentCombosPath, (bytes) => bytes));
      for (let document = 0; document < size; document++) comboOf[document] = reader.uint();
    }
    const selectedTags = await this.applyTags(query.filters.tag, scores);
    const selected = comboFacets.map((name, facet) => new Set(query.filters[name].map((id) => this.valueIndex(facet, id)).filter((index) => index >= 0)));
    const failures = combos.map((combo) => combo.reduce((mask, values, facet) => (selected[facet]!.size && !values.some((value) => selected[facet]!.has(value)) ? mask | (1 << facet) : mask), 0));
    const perCombo = new Uint32Array(combos.length);
    const results: number[] = [];
    for (let document = 0; document < size; document++) {
      if (scores[document]! <= 0) continue;
      const combo = comboOf[document]!;
      perCombo[combo]! += 1;
      if (failures[combo] === 0) results.push(document);
    }
    return { ranked: words.length > 0, scores, results, perCombo, failures, selected, selectedTags };
  }

  /**
   * Counts per value as faceted search shows them: a value's count is what the results would be
   * with it ticked, i.e. the query and every filter but its own facet's (values of one facet add up).
   */
  private facetCounts(perCombo: Uint32Array, failures: number[], selected: Set<number>[]): SearchOutcome['facets'] {
    const counts = comboFacets.map(() => new Map<number, number>());
    this.manifest.combos.forEach((combo, index) => {
      const matches = perCombo[index]!;
      if (!matches) return;
      combo.forEach((values, facet) => {
        // Failing no filter, or only this facet's own.
        if ((failures[index]! & ~(1 << facet)) !== 0) return;
        for (const value of values) counts[facet]!.set(value, (counts[facet]!.get(value) ?? 0) + matches);
      });
    });
    return this.manifest.facets.map((facet, index) => ({
      name: facet.name,
      label: facet.label,
      values: facet.values.map((value, valueIndex) => ({ ...value, matches: counts[index]!.get(valueIndex) ?? 0, selected: selected[index]!.has(valueIndex) })),
    }));
  }

  private valueIndex(facet: number, id: string): number {
    return this.manifest.facets[facet]!.values.findIndex((value) => value.id === id);
  }

  /** BM25 over the word's postings: its weight in each document times its rarity; the best of the word and the words it starts. */
  private async wordScores(word: string, comboOf: Int32Array): Promise<Float32Array> {
    const { documents: size } = this.manifest;
    const scores = new Float32Array(size);
    const ownFile = Object.hasOwn(this.manifest.commonWords, word) ? this.manifest.commonWords[word] : undefined;
    for (const { entry, postings } of await this.lookUp(termStore, this.manifest.termShards, word, matchesAsPrefix(word), ownFile)) {
      const rarity = Math.log(1 + (size - entry.count + 0.5) / (entry.count + 0.5));
      const factor = rarity * (entry.key === word ? 1 : prefixMatchWeight);
      readTermPostings(postings, (document, weight, combo) => {
        const score = weight * factor;
        if (score > scores[document]!) scores[document] = score;
        comboOf[document] = combo;
      });
    }
    return scores;
  }

  /** Keeps (in `scores`) the documents with any of the chosen tags; returns the tags found. */
  private async applyTags(slugs: readonly string[], scores: Float32Array): Promise<{ slug: string; name: string }[]> {
    if (!slugs.length) return [];
    const tagged = new Uint8Array(this.manifest.documents);
    const found: { slug: string; name: string }[] = [];
    for (const slug of new Set(slugs)) {
      for (const { entry, postings } of await this.lookUp(tagStore, this.manifest.tagShards.first, slug, false)) {
        found.push({ slug, name: entry.label });
        readDocumentList(postings, (document) => (tagged[document] = 1));
      }
    }
    for (let document = 0; document < scores.length; document++) if (!tagged[document]) scores[document] = 0;
    return found;
  }

  /**
   * The tags of the query's results with every filter but the tags' (so, like the other counts, a
   * tag's count is what ticking it would show), most common first. It reads every tag shard: the
   * page asks for it when the manifest says that is cheap, or when the reader opens the tags.
   */
  async tagCounts(query: SearchQuery, limit = 30): Promise<{ slug: string; name: string; matches: number; selected: boolean }[]> {
    const { results } = await this.match({ ...query, filters: { ...query.filters, tag: [] } });
    const inResults = new Uint8Array(this.manifest.documents);
    for (const document of results) inResults[document] = 1;
    const shards = await Promise.all(this.manifest.tagShards.first.map((_, shard) => this.shard(tagStore, shard)));
    const counted = await Promise.all(
      shards.flat().map(async (entry) => {
        let matches = 0;
        readDocumentList(await this.postings(tagStore, entry), (document) => (matches += inResults[document]!));
        return { slug: entry.key, name: entry.label, matches, selected: query.filters.tag.includes(entry.key) };
      }),
    );
    return counted
      .filter((tag) => tag.matches > 0 || tag.selected)
      .sort((a, b) => Number(b.selected) - Number(a.selected) || b.matches - a.matches || a.name.localeCompare(b.name))
      .slice(0, Math.max(limit, query.filters.tag.length));
  }

  /**
   * The first pages the build wrote for the query's word (format.ts, `FirstPages`): for the first page
   * of a one-word query by best match, the case they are written for. Null otherwise, or when they
   * cannot be had (the chunks then serve).
   */
  private firstPages(query: SearchQuery): Promise<Map<number, SearchDocument> | null> | null {
    const words = [...new Set(searchWords(query.text))];
    if (words.length !== 1 || query.sort !== 'relevance' || query.page > 1 || !Object.hasOwn(this.manifest.commonWords, words[0]!)) return null;
    const pages = this.once(firstPagesPath(this.manifest.commonWords[words[0]!]!), (bytes) => {
      const { numbers, documents } = JSON.parse(new TextDecoder().decode(bytes)) as FirstPages;
      return new Map(numbers.map((number, index) => [number, documents[index]!]));
    });
    return pages.catch(() => null);
  }

  /** What each result shows: from the first pages when they hold it, otherwise from its chunk. */
  private async documents(numbers: readonly number[], foreseen: Promise<Map<number, SearchDocument> | null> | null = null): Promise<SearchDocument[]> {
    const known = (await foreseen) ?? new Map<number, SearchDocument>();
    const perChunk = this.manifest.documentsPerChunk;
    return Promise.all(
      numbers.map(async (number) => known.get(number) ?? (await this.once(documentChunkPath(Math.floor(number / perChunk)), (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as SearchDocument[]))[number % perChunk]!),
    );
  }
}

/** A query with nothing chosen: what the address `?q=` alone means. */
export function emptyFilters(): Record<FilterName, string[]> {
  return Object.fromEntries(filterNames.map((name) => [name, []])) as unknown as Record<FilterName, string[]>;
}
