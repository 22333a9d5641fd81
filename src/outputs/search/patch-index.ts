// The search index of an edit, patched from the last build's instead of worked out whole: only the
// files that hold the changed documents' words, their chunks, the first pages that show them, and
// the manifest are made again; every other file is the last build's. The result is byte for byte
// what `buildWholeIndex` gives for the same records (test/search/patch-index.test.ts), or null when
// this edit cannot be patched (then the index is built whole).
//
// What a posting holds depends on other documents in one way only: its weight reads the average
// document length. An edit moves that average a little; a weight (31 steps) changes only where it
// sits on the edge of a step, for a given count and document length. So the counts and lengths
// whose weight changes are found first (a few hundred lengths, each count up to where the weight is
// 31 whatever the average), then the documents of those lengths, and only their postings with those
// counts are weighed again: a handful of words.
import {
  averageLength,
  byCodeUnits,
  comboTable,
  contentDigest,
  cutIntoShards,
  documentChunkFile,
  documentCombosFile,
  firstPages,
  firstPagesFile,
  firstPagesKeys,
  lengthNorm,
  manifestFile,
  postingWeight,
  PostingsWriter,
  saturatingCount,
  shardEntryBytes,
  tableJson,
  tagEntries,
  type BuiltIndex,
  type FirstPagesKept,
  type IndexLayout,
  type IndexShape,
} from './build-index.ts';
import { decodeShard, documentChunkPath, documentCombosPath, encodeShard, firstPagesPath, manifestPath, readTermPostings, shardsFor, tagStore, termStore, type ShardEntry, type TermPosting } from './format.ts';
import { readCounts, type KeptRecord, type SearchInput } from './records.ts';

/** What a build keeps of its index for the next one to patch. */
export interface KeptIndex {
  language: string;
  /** The layout it was cut by, as JSON. */
  layout: string;
  /** Each document's record key (its dataset's digest), in document order, joined by line breaks. */
  keys: string;
  shape: IndexShape;
  /** Every file but the manifest: its path, its content digest (`contentDigest`), and the hash of the bytes the build wrote (the output's manifest entry). */
  files: [path: string, content: string, written: string][];
}

/** More changed documents than this: built whole (a patch's work grows with them, a whole build's does not). */
const maxChanged = 64;

export interface PatchSource {
  /** The last build's kept index; the caller has checked that the output still holds its files. */
  kept: KeptIndex;
  /** A record the last build used, by key (the changed documents' old records). */
  keptRecord: (key: string) => KeptRecord | undefined;
  /** A file of the last build's index, unzipped, or undefined. */
  keptFile: (path: string) => Uint8Array | undefined;
}

/** One document's new posting for a word, or null: the word is no longer in it. `reweigh`: only a new weight for a posting the word has. */
type Change = { weight: number; combo: number; reweigh: boolean } | null;

/**
 * The index for `input` (records in document order, `keys` their keys) patched from `source`: the
 * files made again (and the manifest), every file's content digest, the shape; null when it cannot
 * be patched: another number of documents, more than `maxChanged` changed, other facets or
 * combinations, a change in which words have a file of their own, a file not found.
 */
export function patchSearchIndex(input: SearchInput<KeptRecord>, keys: readonly string[], source: PatchSource, layout: IndexLayout, kept: FirstPagesKept): BuiltIndex | null {
  const previous = source.kept;
  const { records } = input;
  if (previous.language !== input.language || previous.layout !== JSON.stringify(layout)) return null;
  const oldKeys = previous.keys === '' ? [] : previous.keys.split('\n');
  if (oldKeys.length !== records.length || records.length === 0 || previous.shape.termShards.length === 0) return null;
  const changed: number[] = [];
  for (let document = 0; document < keys.length; document++) {
    if (keys[document] !== oldKeys[document]) {
      changed.push(document);
      if (changed.length > maxChanged) return null;
    }
  }
  const oldRecords = new Map<number, KeptRecord>();
  for (const document of changed) {
    const old = source.keptRecord(oldKeys[document]!);
    if (!old) return null;
    oldRecords.set(document, old);
  }
  const { facets, combos, documentCombos } = comboTable(input);
  const table = tableJson(facets, combos);
  if (table !== previous.shape.table) return null;

  const files = new Map<string, Uint8Array>();
  const hashes = new Map(previous.files.map(([path, content]) => [path, content]));
  const make = (path: string, bytes: Uint8Array) => {
    files.set(path, bytes);
    hashes.set(path, contentDigest(bytes));
  };

  // What changes in which word's postings, by document.
  const changes = new Map<string, Map<number, Change>>();
  const change = (word: string, document: number, to: Change) => {
    let byDocument = changes.get(word);
    if (!byDocument) changes.set(word, (byDocument = new Map()));
    byDocument.set(document, to);
  };
  let totalLength = 0;
  for (const record of records) totalLength += record.terms.length;
  const average = averageLength(totalLength, records.length);
  const previousAverage = averageLength(previous.shape.totalLength, previous.shape.documents);
  for (const document of changed) {
    // A word whose posting comes out as the last build wrote it (same weight, same combination) is left alone.
    const oldRecord = oldRecords.get(document)!;
    const record = records[document]!;
    const oldWeights = new Map<string, number>();
    if (oldRecord.terms.words !== '') {
      const counts = readCounts(oldRecord.terms.counts);
      const norm = lengthNorm(oldRecord.terms.length, previousAverage);
      oldRecord.terms.words.split('\n').forEach((word, index) => oldWeights.set(word, postingWeight(counts[index]!, norm)));
    }
    const sameCombo = oldRecord.facets === record.facets;
    if (record.terms.words !== '') {
      const counts = readCounts(record.terms.counts);
      const norm = lengthNorm(record.terms.length, average);
      record.terms.words.split('\n').forEach((word, index) => {
        const weight = postingWeight(counts[index]!, norm);
        const unchanged = sameCombo && oldWeights.get(word) === weight;
        oldWeights.delete(word);
        if (!unchanged) change(word, document, { weight, combo: documentCombos[document]!, reweigh: false });
      });
    }
    for (const word of oldWeights.keys()) change(word, document, null);
  }
  if (average !== previousAverage) reweigh(records, new Set(changed), previousAverage, average, documentCombos, change);

  // The term shards holding those words, patched; then cut again from the first of them.
  const shardsOf = new Map<number, string[]>();
  for (const word of [...changes.keys()].sort(byCodeUnits)) {
    const shard = shardOf(previous.shape.termShards, word);
    let words = shardsOf.get(shard);
    if (!words) shardsOf.set(shard, (words = []));
    words.push(word);
  }
  const patchedShards = new Map<number, ShardEntry[]>();
  const changedOwnFiles = new Map<number, { postings: TermPosting[]; bytes: Uint8Array }>();
  for (const [shard, words] of shardsOf) {
    const entries = decodedShard(source, termStore.shardPath(shard));
    if (!entries) return null;
    const patched = patchShard(entries, words, changes, source, layout, changedOwnFiles);
    if (!patched) return null;
    // A shard whose words' postings come out as they were (the edited document weighs them as before) stays.
    if (patched !== entries) patchedShards.set(shard, patched);
  }
  for (const [file, { bytes }] of changedOwnFiles) make(termStore.postingsPath(file), bytes);
  const termShards = recut(previous.shape.termShards, patchedShards, source, layout, make, hashes);
  if (!termShards) return null;

  // Common words: their postings and first pages when those changed; first pages that show a changed document.
  const changedSet = new Set(changed);
  const firstPagesNumbers = [...previous.shape.firstPages];
  const firstPagesKey = firstPagesKeys(combos, layout);
  for (const file of Object.values(previous.shape.commonWords)) {
    const path = termStore.postingsPath(file);
    const postings = changedOwnFiles.get(file)?.postings;
    if (postings) {
      firstPagesNumbers[file] = kept(firstPagesKey(hashes.get(path)!), () => firstPages(postings, combos, layout));
    } else {
      // Unchanged: kept again by its key (the store keeps what a build used).
      firstPagesNumbers[file] = kept(firstPagesKey(hashes.get(path)!), () => previous.shape.firstPages[file]!);
      if (!firstPagesNumbers[file]!.some((document) => changedSet.has(document))) continue;
    }
    make(firstPagesPath(file), firstPagesFile(firstPagesNumbers[file]!, records));
  }

  // Tags: kept unless a changed document's tags changed; then made whole (they are few and small).
  let tagShards = previous.shape.tagShards;
  if (changed.some((document) => oldRecords.get(document)!.tags !== records[document]!.tags)) {
    for (const path of [...hashes.keys()]) if (path.startsWith('search/tags/')) hashes.delete(path);
    const tagFiles = new Map<string, Uint8Array>();
    const tagList = tagEntries(records);
    const first = cutIntoShards(tagList, layout, tagStore, tagFiles).firstKeys;
    let bytes = 0;
    for (const [path, content] of tagFiles) {
      bytes += content.length;
      make(path, content);
    }
    tagShards = { first, tags: tagList.length, bytes };
  }

  make(documentCombosPath, documentCombosFile(documentCombos));
  for (const chunk of new Set(changed.map((document) => Math.floor(document / layout.documentsPerChunk)))) make(documentChunkPath(chunk), documentChunkFile(chunk, records, layout));

  const shape: IndexShape = { documents: records.length, totalLength, table, termShards, commonWords: previous.shape.commonWords, firstPages: firstPagesNumbers, tagShards };
  files.set(manifestPath, manifestFile(input.language, layout, shape, hashes));
  return { files, hashes, shape };
}

/**
 * The postings the average's move weighs again: per document length, the counts whose weight is not
 * the same under the two averages; then each unchanged document of such a length, its words with
 * such a count.
 */
function reweigh(records: readonly KeptRecord[], changed: ReadonlySet<number>, before: number, after: number, documentCombos: readonly number[], change: (word: string, document: number, to: Change) => void): void {
  const byLength = new Map<number, number[]>();
  records.forEach((record, document) => {
    if (changed.has(document)) return;
    const { length } = record.terms;
    let documents = byLength.get(length);
    if (!documents) byLength.set(length, (documents = []));
    documents.push(document);
  });
  for (const [length, documents] of byLength) {
    const normBefore = lengthNorm(length, before);
    const normAfter = lengthNorm(length, after);
    const moved = new Set<number>();
    const last = saturatingCount(Math.max(normBefore, normAfter));
    for (let count = 1; count <= last; count++) if (postingWeight(count, normBefore) !== postingWeight(count, normAfter)) moved.add(count);
    if (moved.size === 0) continue;
    for (const document of documents) {
      const { terms } = records[document]!;
      if (terms.words === '') continue;
      const counts = readCounts(terms.counts);
      let words: string[] | null = null;
      counts.forEach((count, index) => {
        if (!moved.has(count)) return;
        words ??= terms.words.split('\n');
        change(words[index]!, document, { weight: postingWeight(count, normAfter), combo: documentCombos[document]!, reweigh: true });
      });
    }
  }
}

/** The shard whose keys' range holds `key`: the last whose first key is at or before it, else the first (the reader's search, format.ts). */
function shardOf(firstKeys: readonly string[], key: string): number {
  return shardsFor(firstKeys, key, false)[0] ?? 0;
}

function decodedShard(source: PatchSource, path: string): ShardEntry[] | null {
  const bytes = source.keptFile(path);
  return bytes ? decodeShard(bytes) : null;
}

/**
 * A shard's entries with `words`' postings changed (an entry let go when no document holds the word
 * any more, one added for a new word, in key order); a common word's new postings go in
 * `ownFiles`; `entries` itself when every word's postings come out as they were. Null when a word
 * would move into or out of a file of its own (those are numbered in key order: the numbers after
 * it would all change).
 */
function patchShard(
  entries: ShardEntry[],
  words: readonly string[],
  changes: ReadonlyMap<string, Map<number, Change>>,
  source: PatchSource,
  layout: IndexLayout,
  ownFiles: Map<number, { postings: TermPosting[]; bytes: Uint8Array }>,
): ShardEntry[] | null {
  const byKey = new Map(entries.map((entry, index) => [entry.key, index]));
  const result: (ShardEntry | null)[] = [...entries];
  const added: ShardEntry[] = [];
  const writer = new PostingsWriter();
  let changed = false;
  for (const word of words) {
    const index = byKey.get(word);
    const entry = index === undefined ? null : entries[index]!;
    let bytes: Uint8Array | undefined | null = null;
    if (entry) bytes = entry.postings ?? source.keptFile(termStore.postingsPath(entry.postingsFile!));
    if (bytes === undefined) return null;
    const count = writePatchedPostings(bytes, changes.get(word)!, entry?.count ?? 0, writer);
    if (count === 0) {
      if (entry && entry.postingsFile !== null) return null;
      if (index !== undefined) {
        result[index] = null;
        changed = true;
      }
      continue;
    }
    const encoded = writer.bytes();
    if (bytes && sameBytes(bytes, encoded)) continue;
    changed = true;
    const ownFile = encoded.length > layout.ownFileBytes;
    if (ownFile !== (entry !== null && entry.postingsFile !== null)) return null;
    if (ownFile) {
      const postings: TermPosting[] = [];
      readTermPostings(encoded, (document, weight, combo) => postings.push({ document, weight, combo }));
      ownFiles.set(entry!.postingsFile!, { postings, bytes: encoded });
      result[index!] = { ...entry!, count, postings: null };
    } else if (entry) {
      result[index!] = { ...entry, count, postings: encoded };
    } else {
      added.push({ key: word, label: '', count, postings: encoded, postingsFile: null });
    }
  }
  if (!changed) return entries;
  const kept = result.filter((entry): entry is ShardEntry => entry !== null);
  if (!added.length) return kept;
  return [...kept, ...added].sort((x, y) => byCodeUnits(x.key, y.key));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Writes `bytes`' postings (`count` of them) with `changes` applied into `writer`, in document order,
 * as numbers read and written (no object per posting: a common word has thousands); returns how
 * many postings it wrote.
 */
function writePatchedPostings(bytes: Uint8Array | null, changes: ReadonlyMap<number, Change>, count: number, writer: PostingsWriter): number {
  // Documents the word may be new in, merged in order as the old postings are read.
  const inserts: number[] = [];
  for (const [document, to] of changes) if (to !== null && !to.reweigh) inserts.push(document);
  inserts.sort((x, y) => x - y);
  writer.start(count + inserts.length);
  let next = 0;
  let previous = 0;
  let written = 0;
  const put = (document: number, weight: number, combo: number) => {
    writer.uint(document - previous);
    writer.uint(weight);
    writer.uint(combo);
    previous = document;
    written++;
  };
  const insertBefore = (limit: number) => {
    while (next < inserts.length && inserts[next]! < limit) {
      const to = changes.get(inserts[next++]!)!;
      put(inserts[next - 1]!, to!.weight, to!.combo);
    }
  };
  if (bytes) {
    readTermPostings(bytes, (document, weight, combo) => {
      insertBefore(document);
      if (next < inserts.length && inserts[next] === document) next++;
      const to = changes.get(document);
      if (to === undefined) put(document, weight, combo);
      else if (to !== null) put(document, to.weight, to.combo);
    });
  }
  insertBefore(Infinity);
  return written;
}

/**
 * The term shards cut again as a whole build cuts them (greedily, by `shardEntryBytes`), from each
 * patched shard on until a cut falls where the last build's did at the same shard number: the
 * shards from there to the next patched one are the last build's. Makes the shards cut; the
 * new first keys, or null when a shard cannot be read.
 */
function recut(firstKeys: readonly string[], patched: ReadonlyMap<number, ShardEntry[]>, source: PatchSource, layout: IndexLayout, make: (path: string, bytes: Uint8Array) => void, hashes: Map<string, string>): string[] | null {
  if (patched.size === 0) return [...firstKeys];
  const shards = [...patched.keys()].sort((x, y) => x - y);
  const newFirstKeys = firstKeys.slice(0, shards[0]!);
  let shard: ShardEntry[] = [];
  let shardBytes = 0;
  const flush = () => {
    if (!shard.length) return;
    make(termStore.shardPath(newFirstKeys.length), encodeShard(shard));
    newFirstKeys.push(shard[0]!.key);
    shard = [];
    shardBytes = 0;
  };
  let old = shards[0]!;
  while (old < firstKeys.length) {
    const entries = patched.get(old) ?? decodedShard(source, termStore.shardPath(old));
    if (!entries) return null;
    for (const entry of entries) {
      shard.push(entry);
      shardBytes += shardEntryBytes(entry);
      if (shardBytes >= layout.shardBytes) flush();
    }
    // In step again with the last build's cut: the shards up to the next patched one are its.
    if (shard.length === 0 && newFirstKeys.length === old + 1) {
      const next = shards.find((patchedShard) => patchedShard > old);
      if (next === undefined) return [...newFirstKeys, ...firstKeys.slice(old + 1)];
      newFirstKeys.push(...firstKeys.slice(old + 1, next));
      old = next;
    } else {
      old++;
    }
  }
  flush();
  for (let old = newFirstKeys.length; old < firstKeys.length; old++) hashes.delete(termStore.shardPath(old));
  return newFirstKeys;
}
