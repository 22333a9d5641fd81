// The site search's index as one output: static files under /search/ that the dataset list's
// script reads in pieces (src/site/search/), so search works on any static host at any size.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Catalogue, Dataset } from '../../catalogue/model.ts';
import { Fragments } from '../../build/fragments.ts';
import type { Output } from '../output.ts';
import { sinkFor } from '../output-sink.ts';
import { buildSearchIndex, indexLayout, keepVocabulary, keptRecord, numbered, useVocabulary, type KeptVocabulary } from './build-index.ts';
import { manifestPath } from './format.ts';
import { searchInput, searchRecord, type KeptRecord } from './records.ts';
import { valueDigest } from '../value-digest.ts';

/**
 * Writes the index; returns how many files and bytes it holds (for the benchmark). Kept between
 * builds (src/build/fragments.ts): each dataset's record with its words counted (records.ts `KeptRecord`), by the dataset's
 * digest (a record reads the site's custom fields besides the dataset), with the vocabulary that numbers
 * its words (build-index.ts `Vocabulary`); each file's gzipped bytes, by the hash of what
 * was gzipped, so an edit gzips only the files whose content changed; and each common word's first
 * pages, by its postings. The index itself is worked out whole (its postings number every document,
 * and their weights read the average document length).
 */
export async function writeSearchIndex(catalogue: Pick<Catalogue, 'site' | 'datasets'>, outDir: string): Promise<{ files: number; bytes: number }> {
  const vocabularies = new Fragments<KeptVocabulary>('search-vocabulary', 'vocabulary');
  const vocabulary = useVocabulary(vocabularies.peek(vocabularyKey));
  const records = new Fragments<KeptRecord>('search-records', valueDigest(catalogue.site.customFields));
  const firstPages = new Fragments<number[]>('search-first-pages', 'first pages');
  const record = (dataset: Dataset): KeptRecord => {
    const digest = datasetDigest(dataset);
    const kept = records.find(digest);
    if (kept && numbered(kept.terms) === kept.terms) return kept;
    // New or changed, or counted by another vocabulary (numbered again once, then kept so).
    const made = kept ? { ...kept, terms: numbered(kept.terms) } : keptRecord(searchRecord(catalogue.site, dataset));
    records.set(digest, made);
    return made;
  };
  const files = buildSearchIndex(searchInput(catalogue, record), indexLayout, (key, make) => firstPages.get(key, make));
  // The vocabulary before the records counted by it: a record is never kept without the words its numbers name.
  vocabularies.set(vocabularyKey, keepVocabulary(vocabulary));
  if (vocabularies.save()) records.save();
  firstPages.save();
  const gzipped = new Fragments<Uint8Array>('search-gzipped', 'gzip level 9');
  const sink = sinkFor(outDir);
  let bytes = 0;
  // gzip's header holds no time here (Node writes none), so builds stay byte-identical.
  for (const [file, content] of files) {
    const written = file === manifestPath ? content : gzipped.get(createHash('sha256').update(content).digest('base64url'), () => gzipSync(content, { level: 9 }));
    bytes += written.length;
    sink.write(file, written);
  }
  gzipped.save();
  return { files: files.size, bytes };
}

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
