// The search index as files: records in, { path → bytes } out (format.ts says what each holds).
// A pure function of the records, so the same catalogue gives byte-identical files.
import { createHash, randomUUID } from 'node:crypto';
import {
  comboFacets,
  documentChunkPath,
  documentCombosPath,
  encodeDocumentList,
  encodeShard,
  firstPagesPath,
  manifestPath,
  resultsPerPage,
  tagStore,
  termStore,
  type ComboFacet,
  type FirstPages,
  type KeyedStore,
  type SearchManifest,
  type ShardEntry,
  type TermPosting,
} from './format.ts';
import { ByteWriter } from './bytes.ts';
import { countsText, documentJson, longCount, readCounts, isKept, recordFacets, recordTags, type DocumentTerms, type IndexRecord, type KeptRecord, type SearchField, type SearchInput, type SearchRecord } from './records.ts';
import { searchWords } from './words.ts';
import { compareText } from '../../site/listings.ts';

/** How much a word counts where it is found. */
const fieldWeights: Record<SearchField, number> = { title: 3, tags: 2, topics: 2, team: 1, description: 1, custom: 1, files: 1 };

/**
 * Sizes (before gzip) that decide how the index is cut: a rare word costs one small shard; a
 * common word's postings are a file of their own, fetched only by a query for it; results show
 * documents fetched in small chunks, since the best matches are scattered through the catalogue.
 */
export interface IndexLayout {
  shardBytes: number;
  ownFileBytes: number;
  documentsPerChunk: number;
  /** A common word's first pages (format.ts, `FirstPages`): documents per page, and at most this many documents in all. */
  firstPageDocuments: number;
  firstPagesBudget: number;
}
export const indexLayout: IndexLayout = { shardBytes: 24 * 1024, ownFileBytes: 4 * 1024, documentsPerChunk: 16, firstPageDocuments: resultsPerPage, firstPagesBudget: 320 };

const facetLabels: Record<ComboFacet, string> = { topic: 'Topic', team: 'Team', format: 'Format', licence: 'Licence' };

/**
 * A common word's first pages' document numbers kept between builds (src/build/fragments.ts): `key`
 * names everything they are worked out from (the word's postings, the value combinations, the
 * layout), so a word whose postings did not change is not ranked again.
 */
export type FirstPagesKept = (key: string, make: () => number[]) => number[];

/** Every file of the index, by site-relative path: the manifest as JSON text, the others as bytes to gzip. */
export function buildSearchIndex(input: SearchInput<IndexRecord>, layout = indexLayout, kept: FirstPagesKept = (_, make) => make()): Map<string, Uint8Array> {
  return buildWholeIndex(input, layout, kept).files;
}

/**
 * What an index is made of beyond its files, kept between builds so that the next build can patch
 * it (patch-index.ts) instead of working it out whole: everything in the manifest but its version,
 * the documents' total length (the average the weights read), and each common word's first pages.
 */
export interface IndexShape {
  documents: number;
  totalLength: number;
  /** The manifest's `facets` and `combos`, as JSON text `{"facets":…,"combos":…}`. */
  table: string;
  termShards: string[];
  commonWords: Record<string, number>;
  /** By a common word's file number: the documents its first pages hold. */
  firstPages: number[][];
  tagShards: SearchManifest['tagShards'];
}

/** An index as built: its files, each file's content hash (`contentDigest`) but the manifest's, and its shape. */
export interface BuiltIndex {
  files: Map<string, Uint8Array>;
  hashes: Map<string, string>;
  shape: IndexShape;
}

/** SHA-256 of a file's content, base64url: the gzip store's key (output.ts), and what the version digests. */
export function contentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/**
 * The keys common words' first pages are kept by: what they are worked out from (the combinations
 * and the layout, digested once for every word; the word's postings, by their digest).
 */
export function firstPagesKeys(combos: readonly number[][][], layout: IndexLayout): (postingsDigest: string) => string {
  const unchanging = createHash('sha256').update(JSON.stringify({ combos, layout })).digest('base64url');
  return (postingsDigest) => createHash('sha256').update(unchanging).update(postingsDigest).digest('base64url');
}

/** A common word's first pages file: `FirstPages` as JSON, the documents' text as kept (the same text JSON.stringify would give). */
export function firstPagesFile(numbers: readonly number[], records: readonly IndexRecord[]): Uint8Array {
  return new TextEncoder().encode(`{"numbers":${JSON.stringify(numbers)},"documents":[${numbers.map((document) => documentJson(records[document]!)).join(',')}]}`);
}

/** The documents of chunk `chunk`, as JSON text. */
export function documentChunkFile(chunk: number, records: readonly IndexRecord[], layout: IndexLayout): Uint8Array {
  const documents = records.slice(chunk * layout.documentsPerChunk, (chunk + 1) * layout.documentsPerChunk).map(documentJson);
  return new TextEncoder().encode(`[${documents.join(',')}]`);
}

/** Every document's value combination, in document order. */
export function documentCombosFile(documentCombos: readonly number[]): Uint8Array {
  const combosFile = new ByteWriter();
  for (const combo of documentCombos) combosFile.uint(combo);
  return combosFile.toBytes();
}

/** The index whole, from every record. */
export function buildWholeIndex(input: SearchInput<IndexRecord>, layout = indexLayout, kept: FirstPagesKept = (_, make) => make()): BuiltIndex {
  const files = new Map<string, Uint8Array>();
  const hashes = new Map<string, string>();
  const { facets, combos, documentCombos } = comboTable(input);
  const { entries, postings, totalLength } = termEntries(input.records, documentCombos);
  const terms = cutIntoShards(entries, layout, termStore, files);
  const firstPagesNumbers: number[][] = [];
  const firstPagesKey = firstPagesKeys(combos, layout);
  for (const [word, file] of Object.entries(terms.ownFiles)) {
    const postingsPath = termStore.postingsPath(file);
    const postingsDigest = contentDigest(files.get(postingsPath)!);
    hashes.set(postingsPath, postingsDigest);
    const numbers = kept(firstPagesKey(postingsDigest), () => firstPages(postings(word), combos, layout));
    firstPagesNumbers[file] = numbers;
    files.set(firstPagesPath(file), firstPagesFile(numbers, input.records));
  }
  const tagList = tagEntries(input.records);
  const tags = cutIntoShards(tagList, layout, tagStore, files).firstKeys;
  files.set(documentCombosPath, documentCombosFile(documentCombos));
  for (let chunk = 0; chunk * layout.documentsPerChunk < input.records.length; chunk++) files.set(documentChunkPath(chunk), documentChunkFile(chunk, input.records, layout));
  const tagBytes = [...files].filter(([path]) => path.startsWith('search/tags/')).reduce((sum, [, bytes]) => sum + bytes.length, 0);
  for (const [path, bytes] of files) if (!hashes.has(path)) hashes.set(path, contentDigest(bytes));
  const shape: IndexShape = {
    documents: input.records.length,
    totalLength,
    table: tableJson(facets, combos),
    termShards: terms.firstKeys,
    commonWords: terms.ownFiles,
    firstPages: firstPagesNumbers,
    // Raw bytes: the reader weighs them against its budget before gzip, which is on the safe side.
    tagShards: { first: tags, tags: tagList.length, bytes: tagBytes },
  };
  files.set(manifestPath, manifestFile(input.language, layout, shape, hashes));
  return { files, hashes, shape };
}

/** The manifest's facets and combinations as one text (a patch compares it with the last build's). */
export function tableJson(facets: SearchManifest['facets'], combos: SearchManifest['combos']): string {
  return JSON.stringify({ facets, combos });
}

/** The manifest, its version a digest of every other file's path and content digest. */
export function manifestFile(language: string, layout: IndexLayout, shape: IndexShape, hashes: ReadonlyMap<string, string>): Uint8Array {
  const { facets, combos } = JSON.parse(shape.table) as Pick<SearchManifest, 'facets' | 'combos'>;
  const manifest: SearchManifest = {
    format: 1,
    version: version(hashes),
    language,
    documents: shape.documents,
    documentsPerChunk: layout.documentsPerChunk,
    facets,
    combos,
    termShards: shape.termShards,
    commonWords: shape.commonWords,
    tagShards: shape.tagShards,
  };
  return new TextEncoder().encode(`${JSON.stringify(manifest)}\n`);
}

/**
 * Topic, team, format and licence: each document's values are one of few combinations, numbered
 * once. A posting carries its document's combination, so counts per filter value come from the
 * query's own postings instead of a list of every document per value.
 */
export function comboTable(input: SearchInput<IndexRecord>) {
  const read = new Map<string, SearchRecord['facets']>();
  const recordsFacets = input.records.map((record) => recordFacets(record, read));
  const facets = comboFacets.map((name) => {
    const counts = new Map<string, number>();
    for (const recordFacets of recordsFacets) for (const id of recordFacets[name]) counts.set(id, (counts.get(id) ?? 0) + 1);
    const values = [...input.labels[name]]
      .filter(([id]) => counts.has(id))
      .map(([id, label]) => ({ id, label, count: counts.get(id)! }))
      .sort((a, b) => compareText(a.label, b.label) || compareText(a.id, b.id));
    return { name, label: facetLabels[name], values };
  });
  const valueIndexes = facets.map((facet) => new Map(facet.values.map((value, index) => [value.id, index])));
  const numbers = new Map<string, number>();
  const combos: number[][][] = [];
  // Kept records with the same facets' text share one object (`recordFacets`): its number is found once.
  const numbered = new Map<SearchRecord['facets'], number>();
  const documentCombos = recordsFacets.map((recordFacets) => {
    let number = numbered.get(recordFacets);
    if (number !== undefined) return number;
    const combo = comboFacets.map((name, facet) => recordFacets[name].map((id) => valueIndexes[facet]!.get(id)!).sort((a, b) => a - b));
    const key = JSON.stringify(combo);
    if (!numbers.has(key)) {
      numbers.set(key, combos.length);
      combos.push(combo);
    }
    number = numbers.get(key)!;
    numbered.set(recordFacets, number);
    return number;
  });
  return { facets, combos, documentCombos };
}

/**
 * Words numbered as first met, shared by every document counted in this process: a document's words
 * are counted by number (an array, not a map per document), and the index's postings are gathered
 * by the same numbers, so a word is looked up once in all. Started again once the index's postings
 * are gathered, and when it grows past `maxWords` (many documents counted for no index).
 *
 * Kept between builds (output.ts, `keepVocabulary`) with the records counted by it: a kept record's
 * words carry their numbers (`DocumentTerms.numbers`) and the vocabulary's `id`, so an edit gathers
 * the postings of the unchanged datasets without splitting their words and looking each up again
 * (at 10,000 datasets, half a million words). A vocabulary only grows, so a number stays the word it
 * was, and a record counted by an earlier state of the same vocabulary reads the same.
 */
export class Vocabulary {
  readonly numbers = new Map<string, number>();
  readonly words: string[];
  readonly id: string;
  /** How many words it had when first kept (0: not kept yet). */
  readonly base: number;

  constructor(kept?: KeptVocabulary) {
    this.id = kept?.id ?? randomUUID();
    this.words = kept?.words ? kept.words.split('\n') : [];
    this.base = kept?.base ?? 0;
    this.words.forEach((word, number) => this.numbers.set(word, number));
  }

  number(word: string): number {
    let number = this.numbers.get(word);
    if (number === undefined) {
      number = this.words.length;
      this.numbers.set(word, number);
      this.words.push(word);
    }
    return number;
  }
}

const maxWords = 1 << 20;
let vocabulary = new Vocabulary();
/** Per word number, its weighted count in the document being counted (0 elsewhere). */
let weighted = new Float64Array(1024);

function forgetWords(): void {
  vocabulary = new Vocabulary();
  weighted = new Float64Array(1024);
}

/** A vocabulary as kept between builds: its words joined by line breaks (no word holds one). */
export interface KeptVocabulary {
  id: string;
  words: string;
  base: number;
}

/** Counts the next documents by `kept` (the last build's vocabulary), or by a new one; returns it, to keep (`keepVocabulary`) once the index is built. */
export function useVocabulary(kept: KeptVocabulary | undefined): Vocabulary {
  vocabulary = new Vocabulary(kept);
  weighted = new Float64Array(Math.max(1024, vocabulary.words.length));
  return vocabulary;
}

/**
 * What to keep of `used` for the next build. Words an edit let go stay in it (a number is never
 * given to another word); once it holds twice the words it was first kept with, the next build
 * starts a new one, and numbers each kept record's words again, once (`numbered`).
 */
export function keepVocabulary(used: Vocabulary): KeptVocabulary {
  if (used.base > 0 && used.words.length > 2 * used.base + 4096) return { id: randomUUID(), words: '', base: 0 };
  return { id: used.id, words: used.words.join('\n'), base: used.base || used.words.length };
}

/** `terms` (a kept record's) numbered by the vocabulary in use: as they are when counted by it, else numbered again from their words. */
export function numbered(terms: DocumentTerms): DocumentTerms {
  return terms.vocabulary === vocabulary.id ? terms : { ...terms, vocabulary: vocabulary.id, numbers: countsText(wordNumbers(terms, vocabulary)) };
}

/** The numbers of `terms`' words in `by`: those it carries when counted by it, else each word looked up. */
function wordNumbers(terms: DocumentTerms, by: Vocabulary): number[] {
  if (terms.vocabulary === by.id) {
    const numbers = readCounts(terms.numbers);
    // A number past its words: a record kept without the vocabulary it was counted by (output.ts saves
    // the vocabulary first, so only a store altered by hand): looked up.
    if (numbers.every((number) => number < by.words.length)) return numbers;
  }
  return terms.words === '' ? [] : terms.words.split('\n').map((word) => by.number(word));
}

/** A record as kept between builds (records.ts `KeptRecord`): its words counted, every other part as JSON text. */
export function keptRecord(record: SearchRecord): KeptRecord {
  return { document: JSON.stringify(record.document), facets: JSON.stringify(record.facets), tags: JSON.stringify(record.tags), terms: documentTerms(record.text) };
}

/**
 * A document's words, each once with its field-weighted count (a word in the title counts three
 * times), and how many words it has in all: all the postings need of its text. The counts are sums
 * of whole numbers, so they are the same in whatever order the words are met.
 */
export function documentTerms(text: Record<SearchField, string>): DocumentTerms {
  if (vocabulary.words.length > maxWords) forgetWords();
  const numbers: number[] = [];
  let length = 0;
  for (const field of Object.keys(fieldWeights) as SearchField[]) {
    const fieldWeight = fieldWeights[field];
    for (const word of searchWords(text[field])) {
      const number = vocabulary.number(word);
      if (number >= weighted.length) {
        const grown = new Float64Array(Math.max(weighted.length * 2, number + 1));
        grown.set(weighted);
        weighted = grown;
      }
      if (weighted[number] === 0) numbers.push(number);
      weighted[number]! += fieldWeight;
      length += 1;
    }
  }
  const counts = numbers.map((number) => {
    const count = weighted[number]!;
    weighted[number] = 0;
    return count;
  });
  return { words: numbers.map((number) => vocabulary.words[number]!).join('\n'), counts: countsText(counts), length, vocabulary: vocabulary.id, numbers: countsText(numbers) };
}

const k1 = 1.2;
const b = 0.75;
const maxWeight = 31;

/** A document's length norm under BM25, for `averageLength` (the same expression wherever it is worked out, so the same value). */
export function lengthNorm(length: number, averageLength: number): number {
  return k1 * (1 - b + (b * length) / averageLength);
}

/** A posting's weight (1–31): BM25's term-frequency part for a field-weighted count in a document of length norm `norm`. */
export function postingWeight(frequency: number, norm: number): number {
  const score = (frequency * (k1 + 1)) / (frequency + norm);
  return Math.max(1, Math.min(maxWeight, Math.round((score / (k1 + 1)) * maxWeight)));
}

/** At this count or above a posting weighs `maxWeight` whatever the average (f / (f + norm) ≥ 61/62); one more for rounding. */
export function saturatingCount(norm: number): number {
  return Math.ceil(61 * norm) + 1;
}

/** The documents' average length, as the weights read it. */
export function averageLength(totalLength: number, documents: number): number {
  return totalLength / Math.max(1, documents);
}

/**
 * Each word's postings with a weight per document: BM25's term-frequency part (repeats help less
 * and less; long descriptions count each word less), from field-weighted counts, in 31 steps.
 * The reader multiplies it by the word's rarity, which it knows from the postings' length.
 * Kept as numbers per word (document, count) while the documents are read, and made into postings
 * one word at a time: a map of counts per document and an object per posting, all alive at once,
 * took about 150 MiB at 10,000 datasets.
 */
function termEntries(records: readonly IndexRecord[], documentCombos: readonly number[]): { entries: ShardEntry[]; postings: (word: string) => TermPosting[]; totalLength: number } {
  // Per word number: its documents and field-weighted counts, in document order, side by side. A
  // document's words come counted (`documentTerms`, kept with its record) and numbered by the
  // vocabulary in use (made this build, or kept with it); a record counted by another is numbered here.
  const words = vocabulary;
  const lists: number[][] = [];
  const used: number[] = [];
  const lengths = new Float64Array(records.length);
  // Read straight from the kept texts (`countsText`), not made into two arrays a document first:
  // 20,000 arrays of some 50 numbers each, made and let go on every edit.
  const known = words.words.length;
  records.forEach((record, document) => {
    const terms = isKept(record) ? record.terms : documentTerms(record.text);
    const numbers = terms.vocabulary === words.id ? terms.numbers : null;
    if (numbers === null || !countsBelow(numbers, known)) {
      // Counted by another vocabulary (or a number past its words: a store altered by hand): looked up.
      const looked = wordNumbers(terms, words);
      const counts = readCounts(terms.counts);
      for (let index = 0; index < looked.length; index++) add(looked[index]!, document, counts[index]!);
    } else {
      const { counts } = terms;
      let at = 0;
      for (let index = 0; index < numbers.length; index++) {
        let number = numbers.charCodeAt(index);
        if (number === longCount) {
          number = numbers.charCodeAt(index + 1) * 0x10000 + numbers.charCodeAt(index + 2);
          index += 2;
        }
        let count = counts.charCodeAt(at++);
        if (count === longCount) {
          count = counts.charCodeAt(at) * 0x10000 + counts.charCodeAt(at + 1);
          at += 2;
        }
        add(number, document, count);
      }
    }
    lengths[document] = terms.length;
  });
  function add(number: number, document: number, count: number): void {
    let list = lists[number];
    if (list === undefined) {
      lists[number] = list = [];
      used.push(number);
    }
    list.push(document, count);
  }
  // Sorted by word as numbers (the words stay in `words` for as long as these lists are used).
  used.sort((x, y) => byCodeUnits(words.words[x]!, words.words[y]!));
  // The numbers have served: let the words go (output.ts keeps the vocabulary for the next build),
  // rather than keep tens of thousands of strings alive, and marked by every collection, for the rest of the build.
  if (vocabulary === words) forgetWords();
  let total = 0;
  for (let document = 0; document < lengths.length; document++) total += lengths[document]!;
  const average = averageLength(total, lengths.length);
  // Each document's length norm, worked out once rather than once a posting.
  const norms = new Float64Array(lengths.length);
  for (let document = 0; document < lengths.length; document++) norms[document] = lengthNorm(lengths[document]!, average);
  const weight = (document: number, frequency: number): number => postingWeight(frequency, norms[document]!);
  const postings = (word: string): TermPosting[] => {
    const list = lists[words.numbers.get(word)!]!;
    const made: TermPosting[] = [];
    for (let index = 0; index < list.length; index += 2) made.push({ document: list[index]!, weight: weight(list[index]!, list[index + 1]!), combo: documentCombos[list[index]!]! });
    return made;
  };
  // Encoded straight from the lists, as `encodeTermPostings` encodes the postings `postings` makes
  // (test/search/index.test.ts holds them to the same bytes): an object per posting, half a million
  // at 10,000 datasets, made and let go on every build, was most of this function's time.
  const writer = new PostingsWriter();
  const entries = used.map((number) => {
    const list = lists[number]!;
    writer.start(list.length / 2);
    let previous = 0;
    for (let index = 0; index < list.length; index += 2) {
      const document = list[index]!;
      writer.uint(document - previous);
      writer.uint(weight(document, list[index + 1]!));
      writer.uint(documentCombos[document]!);
      previous = document;
    }
    return { key: words.words[number]!, label: '', count: list.length / 2, postings: writer.bytes(), postingsFile: null };
  });
  return { entries, postings, totalLength: total };
}

/** Whether every number `countsText` wrote in `text` is below `limit`. */
function countsBelow(text: string, limit: number): boolean {
  for (let index = 0; index < text.length; index++) {
    let number = text.charCodeAt(index);
    if (number === longCount) {
      number = text.charCodeAt(index + 1) * 0x10000 + text.charCodeAt(index + 2);
      index += 2;
    }
    if (number >= limit) return false;
  }
  return true;
}

/** Unsigned integers as `ByteWriter` writes them, into one buffer reused for every word's postings. */
export class PostingsWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  /** Begins a word's postings, with room for `postings` of them. */
  start(postings: number): void {
    this.length = 0;
    // Three numbers a posting, each under 2^35: at most five bytes.
    if (postings * 15 > this.buffer.length) this.buffer = new Uint8Array(postings * 30);
  }

  uint(value: number): void {
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/**
 * The document numbers of a common word's likeliest first pages, ranked as the reader ranks a query of that
 * word alone (weight, then most recently updated): its first page, then its first page with each
 * filter value, values with more of its matches first, while the budget lasts.
 */
export function firstPages(postings: readonly TermPosting[], combos: readonly number[][][], layout: IndexLayout): number[] {
  const ranked = [...postings].sort((a, b) => b.weight - a.weight || a.document - b.document);
  const chosen = new Set(ranked.slice(0, layout.firstPageDocuments).map((posting) => posting.document));
  const pages: { matches: number; first: number[] }[] = [];
  comboFacets.forEach((_, facet) => {
    const byValue = new Map<number, { matches: number; first: number[] }>();
    for (const posting of ranked) {
      for (const value of combos[posting.combo]![facet]!) {
        let page = byValue.get(value);
        if (!page) byValue.set(value, (page = { matches: 0, first: [] }));
        page.matches += 1;
        if (page.first.length < layout.firstPageDocuments) page.first.push(posting.document);
      }
    }
    pages.push(...byValue.values());
  });
  // A stable sort: values with as many matches keep the order of facets and values.
  for (const page of pages.sort((a, b) => b.matches - a.matches)) {
    if (chosen.size + page.first.filter((document) => !chosen.has(document)).length > layout.firstPagesBudget) continue;
    for (const document of page.first) chosen.add(document);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Each tag slug with the name most of its datasets give it, and its documents. */
export function tagEntries(records: readonly IndexRecord[]): ShardEntry[] {
  const tags = new Map<string, { names: Map<string, number>; documents: number[] }>();
  records.forEach((record, document) => {
    for (const tag of recordTags(record)) {
      let entry = tags.get(tag.slug);
      if (!entry) tags.set(tag.slug, (entry = { names: new Map(), documents: [] }));
      entry.names.set(tag.name, (entry.names.get(tag.name) ?? 0) + 1);
      entry.documents.push(document);
    }
  });
  return [...tags.keys()].sort(byCodeUnits).map((slug) => {
    const { names, documents } = tags.get(slug)!;
    const name = [...names].sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))[0]![0];
    return { key: slug, label: name, count: documents.length, postings: encodeDocumentList(documents), postingsFile: null };
  });
}

/**
 * Cuts sorted entries into shards of about `shardBytes`, moving postings over `ownFileBytes` into
 * files of their own; returns each shard's first key, and the keys with a file of their own. Keys
 * compare by UTF-16 code units, as the reader's `<` does.
 */
export function cutIntoShards(entries: ShardEntry[], layout: IndexLayout, store: KeyedStore, files: Map<string, Uint8Array>): { firstKeys: string[]; ownFiles: Record<string, number> } {
  const firstKeys: string[] = [];
  const ownFiles: Record<string, number> = {};
  let ownFileCount = 0;
  let shard: ShardEntry[] = [];
  let shardBytes = 0;
  const flush = () => {
    if (!shard.length) return;
    files.set(store.shardPath(firstKeys.length), encodeShard(shard));
    firstKeys.push(shard[0]!.key);
    shard = [];
    shardBytes = 0;
  };
  for (const entry of entries) {
    let placed = entry;
    if (entry.postings!.length > layout.ownFileBytes) {
      const file = ownFileCount++;
      files.set(store.postingsPath(file), entry.postings!);
      placed = { ...entry, postings: null, postingsFile: file };
      ownFiles[entry.key] = file;
    }
    shard.push(placed);
    shardBytes += shardEntryBytes(placed);
    if (shardBytes >= layout.shardBytes) flush();
  }
  flush();
  return { firstKeys, ownFiles };
}

/** What an entry counts towards its shard's size when the keys are cut into shards (a patch cuts again by the same measure). */
export function shardEntryBytes(entry: ShardEntry): number {
  return entry.postings === null ? entry.key.length + 8 : entry.key.length + entry.label.length + entry.postings.length + 8;
}

export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The index's version: a digest of every file but the manifest, by path and content digest (each
 * file's digest is worked out once, for its gzip too, and a patched index digests only the files it
 * made again).
 */
function version(hashes: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const path of [...hashes.keys()].sort(byCodeUnits)) hash.update(`${path}\n${hashes.get(path)!}\n`);
  return hash.digest('hex').slice(0, 16);
}
