// What the search index holds of each dataset: built from the model (not by reading the pages back),
// public datasets only, whatever the build includes.
import type { Catalogue, Dataset } from '../../catalogue/model.ts';
import { firstParagraphText } from '../../site/dataset-view.ts';
import { summarise } from '../../site/format.ts';
import { datasetPath } from '../../site/links.ts';
import { compareText, datasetFormats, sortByRecentUpdate } from '../../site/listings.ts';
import type { ComboFacet, SearchDocument } from './format.ts';

/** Where a word was found: a word in the title counts more than one in the description. */
export type SearchField = 'title' | 'tags' | 'topics' | 'team' | 'description' | 'custom' | 'files';

export interface SearchRecord {
  document: SearchDocument;
  /** The dataset's text by field. */
  text: Record<SearchField, string>;
  /** The ids of its values in each filter that every document has (topic ids, team id, formats, licence id). */
  facets: Record<ComboFacet, string[]>;
  tags: { slug: string; name: string }[];
}

/**
 * A record as kept between builds (output.ts), which an edit reads back for every dataset it did not
 * change: its words counted (build-index.ts `documentTerms`) in place of its text, so an edit splits
 * only the edited dataset's text into words again, and every other part one string. Read back, a
 * string is a copy of its bytes, while each object and array is built again and then marked by every
 * collection: at 10,000 datasets the kept records as objects took 62 ms to read back, as strings
 * 6.5 ms (docs/performance.md, edit-search). The index writes the document as this very JSON text.
 */
export interface KeptRecord {
  /** `SearchRecord['document']` as JSON text. */
  document: string;
  /** `SearchRecord['facets']` as JSON text: read once per distinct value (most datasets share theirs). */
  facets: string;
  /** `SearchRecord['tags']` as JSON text. */
  tags: string;
  terms: DocumentTerms;
}

/** What the index reads of a document: a record, or a record as kept between builds. */
export type IndexRecord = SearchRecord | KeptRecord;

export function isKept(record: IndexRecord): record is KeptRecord {
  return typeof record.document === 'string';
}

/** A record's document as JSON text. */
export function documentJson(record: IndexRecord): string {
  return isKept(record) ? record.document : JSON.stringify(record.document);
}

/** A record's tags. */
export function recordTags(record: IndexRecord): SearchRecord['tags'] {
  return isKept(record) ? (JSON.parse(record.tags) as SearchRecord['tags']) : record.tags;
}

/** A record's facets; `read` keeps what kept records' texts were read into, so each distinct text is read once. */
export function recordFacets(record: IndexRecord, read: Map<string, SearchRecord['facets']>): SearchRecord['facets'] {
  if (!isKept(record)) return record.facets;
  let facets = read.get(record.facets);
  if (facets === undefined) read.set(record.facets, (facets = JSON.parse(record.facets) as SearchRecord['facets']));
  return facets;
}

/**
 * A document's words, each once (in the order first met) with its count weighted by the fields it
 * is in, and how many words it has in all. The words are one string (joined by line breaks, which
 * no word holds), and so are the counts (`countsText`): kept for thousands of datasets, a string per
 * word, or an array of counts, cost more to read back from the cache than the rest of the record.
 */
export interface DocumentTerms {
  words: string;
  /** One UTF-16 code unit per count (`countsText`). */
  counts: string;
  length: number;
  /** The words' numbers in the vocabulary `vocabulary` names (build-index.ts `Vocabulary`), as text like the counts. */
  vocabulary: string;
  numbers: string;
}

/** The largest count (or word number) a single code unit holds; a larger one is this unit, then its high and low 16 bits. */
export const longCount = 0xffff;

/** Counts (whole numbers) as text, a code unit each (`readCounts` reads them back). */
export function countsText(counts: readonly number[]): string {
  const units: number[] = [];
  for (const count of counts) {
    if (count < longCount) units.push(count);
    else units.push(longCount, Math.floor(count / 0x10000), count % 0x10000);
  }
  let text = '';
  // In pieces: String.fromCharCode takes its units as arguments, and arguments are limited.
  for (let start = 0; start < units.length; start += 8192) text += String.fromCharCode(...units.slice(start, start + 8192));
  return text;
}

/** The counts `countsText` wrote. */
export function readCounts(text: string): number[] {
  const counts: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < longCount) counts.push(unit);
    else {
      counts.push(text.charCodeAt(index + 1) * 0x10000 + text.charCodeAt(index + 2));
      index += 2;
    }
  }
  return counts;
}

export interface SearchInput<R extends IndexRecord = SearchRecord> {
  language: string;
  /** In document order: most recently updated first, as the dataset list shows them. */
  records: R[];
  /** What readers see for each filter value id. */
  labels: Record<ComboFacet, Map<string, string>>;
}

/**
 * The records of every public dataset. An internal build (`--include-private`) holds private
 * datasets too; they are left out here, so the index is the same as a public build's.
 */
export function searchInput(catalogue: Pick<Catalogue, 'site' | 'datasets'>): SearchInput;
export function searchInput<R extends IndexRecord>(catalogue: Pick<Catalogue, 'site' | 'datasets'>, record: (dataset: Dataset) => R): SearchInput<R>;
export function searchInput(catalogue: Pick<Catalogue, 'site' | 'datasets'>, record: (dataset: Dataset) => IndexRecord = (dataset) => searchRecord(catalogue.site, dataset)): SearchInput<IndexRecord> {
  const published = sortByRecentUpdate(catalogue.datasets.filter((dataset) => dataset.sharing === 'public'));
  const records = published.map(record);
  const labels: SearchInput<IndexRecord>['labels'] = { topic: new Map(), team: new Map(), format: new Map(), licence: new Map() };
  const facets = new Map<string, SearchRecord['facets']>();
  published.forEach((dataset, index) => {
    for (const topic of dataset.topics) labels.topic.set(topic.id, topic.title);
    labels.team.set(dataset.team.id, dataset.team.title);
    // The record's formats: worked out again for every dataset, they were a third of this function.
    for (const format of recordFacets(records[index]!, facets).format) labels.format.set(format, format);
    if (dataset.licence) labels.licence.set(dataset.licence.id, dataset.licence.title);
  });
  return { language: catalogue.site.language, records, labels };
}

export function searchRecord(site: Pick<Catalogue['site'], 'customFields'>, dataset: Dataset): SearchRecord {
  const formats = datasetFormats(dataset);
  const tags = [...new Map(dataset.tags.map((tag) => [tag.slug, tag])).values()].sort((a, b) => compareText(a.slug, b.slug));
  const text: SearchRecord['text'] = {
    title: dataset.title,
    tags: dataset.tags.map((tag) => tag.name).join('\n'),
    topics: dataset.topics.map((topic) => topic.title).join('\n'),
    team: dataset.team.title,
    description: dataset.descriptionText,
    // In the catalogue's order of fields; only values, as field titles are the same for every dataset.
    custom: site.customFields.flatMap((field) => dataset.custom[field.id] ?? []).join('\n'),
    files: dataset.resources.map((resource) => `${resource.title}\n${resource.format}`).join('\n'),
  };
  return {
    document: {
      path: datasetPath(dataset.id),
      title: dataset.title,
      summary: summarise(firstParagraphText(dataset)),
      team: dataset.team.title,
      updated: dataset.updatedAt,
      formats,
    },
    text,
    facets: {
      topic: [...new Set(dataset.topics.map((topic) => topic.id))],
      team: [dataset.team.id],
      format: formats,
      licence: dataset.licence ? [dataset.licence.id] : [],
    },
    tags: tags.map((tag) => ({ slug: tag.slug, name: tag.name })),
  };
}
