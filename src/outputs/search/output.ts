// The site search's index as one output: static files under /search/ that the dataset list's
// script reads in pieces (src/site/search/), so search works on any static host at any size.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Catalogue, Dataset } from '../../catalogue/model.ts';
import { Fragments } from '../../build/fragments.ts';
import type { Output } from '../output.ts';
import { sinkFor, type OutputSink } from '../output-sink.ts';
import { buildWholeIndex, indexLayout, keepVocabulary, keptRecord, numbered, useVocabulary, type KeptVocabulary } from './build-index.ts';
import { patchSearchIndex, type KeptIndex, type PatchSource } from './patch-index.ts';
import { manifestPath } from './format.ts';
import { searchInput, searchRecord, type KeptRecord } from './records.ts';
import { valueDigest } from '../value-digest.ts';

/**
 * Writes the index; returns how many files and bytes it holds (for the benchmark). Kept between
 * builds (src/build/fragments.ts): each dataset's record with its words counted (records.ts `KeptRecord`), by the dataset's
 * digest (a record reads the site's custom fields besides the dataset), with the vocabulary that numbers
 * its words (build-index.ts `Vocabulary`); each file's gzipped bytes, by its content digest, so
 * a build gzips only the files whose content changed; each common word's first pages, by its
 * postings; and the index's shape with each file's digests (patch-index.ts `KeptIndex`), so that
 * an edit patches the last build's index (the files holding the changed datasets' words, their
 * chunks, the first pages showing them, the manifest) and keeps every other file where the output
 * still holds it, instead of working the index out whole.
 */
export async function writeSearchIndex(catalogue: Pick<Catalogue, 'site' | 'datasets'>, outDir: string): Promise<{ files: number; bytes: number }> {
  const vocabularies = new Fragments<KeptVocabulary>('search-vocabulary', 'vocabulary');
  const vocabulary = useVocabulary(vocabularies.peek(vocabularyKey));
  const records = new Fragments<KeptRecord>('search-records', valueDigest(catalogue.site.customFields));
  const firstPages = new Fragments<number[]>('search-first-pages', 'first pages');
  const indexes = new Fragments<KeptIndex>('search-index', 'index');
  const gzipped = new Fragments<Uint8Array>('search-gzipped', 'gzip level 9');
  const sink = sinkFor(outDir);
  // Each document's record key, in document order (`searchInput` makes the records in that order).
  const keys: string[] = [];
  const record = (dataset: Dataset): KeptRecord => {
    const digest = datasetDigest(dataset);
    keys.push(digest);
    const kept = records.find(digest);
    if (kept && numbered(kept.terms) === kept.terms) return kept;
    // New or changed, or counted by another vocabulary (numbered again once, then kept so).
    const made = kept ? { ...kept, terms: numbered(kept.terms) } : keptRecord(searchRecord(catalogue.site, dataset));
    records.set(digest, made);
    return made;
  };
  const input = searchInput(catalogue, record);
  // A kept file that cannot be read as the format says (a cache altered by hand) fails the patch, not the build.
  const patchFrom = (source: PatchSource) => {
    try {
      return patchSearchIndex(input, keys, source, indexLayout, keptFirstPages);
    } catch {
      return null;
    }
  };
  const keptFirstPages = (key: string, make: () => number[]) => firstPages.get(key, make);
  const previous = indexes.peek(indexKey);
  const contents = new Map(previous?.files.map(([file, content]) => [file, content]));
  const source: PatchSource | null = previous && outputHolds(sink, previous) ? { kept: previous, keptRecord: (key) => records.peek(key), keptFile: (file) => keptFile(file, contents, gzipped, sink) } : null;
  const built = (source && patchFrom(source)) ?? buildWholeIndex(input, indexLayout, keptFirstPages);
  // The vocabulary before the records counted by it: a record is never kept without the words its numbers name.
  vocabularies.set(vocabularyKey, keepVocabulary(vocabulary));
  if (vocabularies.save()) records.save();
  firstPages.save();
  const previousFiles = new Map(previous?.files.map(([file, , written]) => [file, written]));
  const files: KeptIndex['files'] = [];
  let bytes = 0;
  for (const [file, content] of built.hashes) {
    const made = built.files.get(file);
    if (made === undefined) {
      // Kept from the last build, which the output holds (`outputHolds`): its gzip kept for the next build too.
      sink.keep(file);
      gzipped.find(content);
      bytes += sink.previousEntry(file)!.size;
      files.push([file, content, previousFiles.get(file)!]);
      continue;
    }
    // gzip's header holds no time here (Node writes none), so builds stay byte-identical.
    const entry = sink.write(file, gzipped.get(content, () => gzipSync(made, { level: 9 })));
    bytes += entry.size;
    files.push([file, content, entry.hash]);
  }
  bytes += sink.write(manifestPath, built.files.get(manifestPath)!).size;
  gzipped.save();
  indexes.set(indexKey, { language: input.language, layout: JSON.stringify(indexLayout), keys: keys.join('\n'), shape: built.shape, files });
  indexes.save();
  return { files: built.hashes.size + 1, bytes };
}

/** Whether the output being patched holds every file of the kept index, as the build that kept it wrote them. */
function outputHolds(sink: OutputSink, kept: KeptIndex): boolean {
  return kept.files.every(([file, , written]) => sink.previousEntry(file)?.hash === written);
}

/** A file of the last build's index, unzipped: its gzip from the store, else from the output. */
function keptFile(file: string, contents: ReadonlyMap<string, string>, gzipped: Fragments<Uint8Array>, sink: OutputSink): Uint8Array | undefined {
  const content = contents.get(file);
  if (content === undefined) return undefined;
  try {
    const zipped = gzipped.peek(content) ?? readFileSync(sink.source(file));
    return gunzipSync(zipped);
  } catch {
    return undefined;
  }
}

const indexKey = 'index';
const vocabularyKey = 'words';

export const searchOutput: Output = {
  id: 'search',
  thread: 'main',
  parts: [{ name: 'search index', write: writeSearchIndex }],
  // Gzipped binary, unzipped by the page's script: never sent with a Content-Encoding a browser would undo first.
  mediaTypes: { bin: 'application/octet-stream', json: 'application/json' },
  describe: () => ({
    // For people, not programs: the pages offer it through the search boxes, not as a link.
    summary: '',
    links: [],
    datasetLinks: [],
    reference: [],
  }),
};
