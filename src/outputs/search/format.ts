// The search index's files and what is in them: the one description the build writes by and the
// browser reads by (src/site/search/). Everything but the manifest is gzipped by the build and
// unzipped by the reader, so a host that compresses nothing still sends few bytes.
import { ByteReader, ByteWriter } from './bytes.ts';

/** Facets every document has a fixed set of values in: filtered and counted through value combinations. */
export const comboFacets = ['topic', 'team', 'format', 'licence'] as const;
export type ComboFacet = (typeof comboFacets)[number];
/** Every filter a reader can set, in the order the form shows them and the address lists them. */
export const filterNames = ['topic', 'team', 'tag', 'format', 'licence'] as const;
export type FilterName = (typeof filterNames)[number];

export const resultsPerPage = 20;

export const searchFolder = 'search/';
/** The entry point, fetched first; the only file not gzipped (it is small, and hosts compress JSON). */
export const manifestPath = 'search/index.json';

/** Keys (words, tag slugs) sorted and cut into shards; postings too long to share a shard get a file of their own. */
export interface KeyedStore {
  shardPath: (shard: number) => string;
  postingsPath: (file: number) => string;
}
export const termStore: KeyedStore = { shardPath: (shard) => `search/terms/${shard}.bin`, postingsPath: (file) => `search/postings/${file}.bin` };
export const tagStore: KeyedStore = { shardPath: (shard) => `search/tags/${shard}.bin`, postingsPath: (file) => `search/tags/postings-${file}.bin` };
export const documentChunkPath = (chunk: number) => `search/docs/${chunk}.bin`;
/**
 * Beside a common word's postings file (same number): what its most likely first pages of results
 * show, so a one-word query draws its results from one file fetched with the postings, instead of a
 * chunk per result after them. See `FirstPages`.
 */
export const firstPagesPath = (file: number) => `search/first/${file}.bin`;
/** Every document's value combination, in document order: for filtering without a query. */
export const documentCombosPath = 'search/combos.bin';

export interface FacetValue {
  id: string;
  label: string;
  /** Documents with this value in the whole index. */
  count: number;
}

export interface SearchManifest {
  format: 1;
  /** A digest of every other file: asked for with `?v=`, so a browser never mixes two builds' files. */
  version: string;
  language: string;
  /** Documents are numbered 0… in order of most recent update: that order is the "recently updated" sort. */
  documents: number;
  documentsPerChunk: number;
  facets: { name: ComboFacet; label: string; values: FacetValue[] }[];
  /** Each combination of values documents have: per facet (in `facets` order), indexes into its values. */
  combos: number[][][];
  /** The first word of each term shard, in order; shard i holds the words from its first up to the next shard's. */
  termShards: string[];
  /**
   * The words whose postings are a file of their own (the common ones): the page fetches that file
   * together with the word's shard instead of after it.
   */
  commonWords: Record<string, number>;
  /** Likewise by tag slug; `bytes` is what fetching every tag shard costs (the reader decides when tag counts are worth it). */
  tagShards: { first: string[]; tags: number; bytes: number };
}

/** What a result shows, as the list pages show a dataset. */
export interface SearchDocument {
  /** Site-relative path of the dataset's page. */
  path: string;
  title: string;
  summary: string;
  team: string;
  /** ISO 8601, or null when unknown. */
  updated: string | null;
  formats: string[];
}

/**
 * A common word's first pages, ranked by that word alone: its best matches, and its best matches
 * with each filter value (as many values as a budget allows, those the word's matches have most
 * first), as document numbers (ascending) with what each shows. The page takes what it finds here
 * and fetches only the rest from the chunks, so a first page the build did not foresee (two words,
 * a tag, another sort) is still right, only slower.
 */
export interface FirstPages {
  numbers: number[];
  documents: SearchDocument[];
}

/** One key of a shard: a word with its postings (terms) or a tag slug with its name and documents (tags). */
export interface ShardEntry {
  key: string;
  /** The tag's name; empty for terms. */
  label: string;
  /** How many documents the postings hold. */
  count: number;
  /** The postings, or null when they are in a file of their own (`postingsFile`). */
  postings: Uint8Array | null;
  postingsFile: number | null;
}

/** A shard: its entries sorted by key. */
export function encodeShard(entries: readonly ShardEntry[]): Uint8Array {
  const writer = new ByteWriter();
  writer.uint(entries.length);
  for (const entry of entries) {
    writer.text(entry.key);
    writer.text(entry.label);
    writer.uint(entry.count);
    if (entry.postings) {
      writer.uint(0);
      writer.uint(entry.postings.length);
      writer.bytes(entry.postings);
    } else {
      writer.uint(entry.postingsFile! + 1);
    }
  }
  return writer.toBytes();
}

export function decodeShard(bytes: Uint8Array): ShardEntry[] {
  const reader = new ByteReader(bytes);
  const entries: ShardEntry[] = [];
  for (let count = reader.uint(); count > 0; count--) {
    const key = reader.text();
    const label = reader.text();
    const documents = reader.uint();
    const location = reader.uint();
    if (location === 0) entries.push({ key, label, count: documents, postings: reader.slice(reader.uint()), postingsFile: null });
    else entries.push({ key, label, count: documents, postings: null, postingsFile: location - 1 });
  }
  return entries;
}

/** A term's postings: per document (ascending), its number as a gap from the last, its weight for the term (1–31), its value combination. */
export interface TermPosting {
  document: number;
  weight: number;
  combo: number;
}

export function encodeTermPostings(postings: readonly TermPosting[]): Uint8Array {
  const writer = new ByteWriter();
  let previous = 0;
  for (const posting of postings) {
    writer.uint(posting.document - previous);
    writer.uint(posting.weight);
    writer.uint(posting.combo);
    previous = posting.document;
  }
  return writer.toBytes();
}

/** Calls `visit` for each posting: no objects per posting, as a common word has one in most documents. */
export function readTermPostings(bytes: Uint8Array, visit: (document: number, weight: number, combo: number) => void): void {
  const reader = new ByteReader(bytes);
  let document = 0;
  while (!reader.done) {
    document += reader.uint();
    visit(document, reader.uint(), reader.uint());
  }
}

/** A tag's postings: its documents, ascending, as gaps. */
export function encodeDocumentList(documents: readonly number[]): Uint8Array {
  const writer = new ByteWriter();
  let previous = 0;
  for (const document of documents) {
    writer.uint(document - previous);
    previous = document;
  }
  return writer.toBytes();
}

export function readDocumentList(bytes: Uint8Array, visit: (document: number) => void): void {
  const reader = new ByteReader(bytes);
  let document = 0;
  while (!reader.done) {
    document += reader.uint();
    visit(document);
  }
}

/**
 * The shards whose key range may hold `key`, or any key starting with it when `asPrefix`.
 * Self-contained (the list page's head script carries its source: src/site/search/early.ts).
 */
export function shardsFor(firstKeys: readonly string[], key: string, asPrefix: boolean): number[] {
  // The last shard whose first key is at or before `key` (binary search; -1 when none is).
  let low = 0;
  let high = firstKeys.length - 1;
  let first = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (firstKeys[middle]! <= key) {
      first = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const last = asPrefix ? `${key}\uffff` : key;
  const shards: number[] = [];
  for (let shard = Math.max(0, first); shard < firstKeys.length && firstKeys[shard]! <= last; shard++) shards.push(shard);
  return shards;
}
