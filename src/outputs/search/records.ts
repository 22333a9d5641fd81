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
 * What the index reads of a document: a record, or a record as kept between builds (output.ts),
 * with its words counted (build-index.ts `documentTerms`) in place of its text, so an edit splits
 * only the edited dataset's text into words again.
 */
export type IndexRecord = (SearchRecord & { terms?: undefined }) | (Omit<SearchRecord, 'text'> & { text?: undefined; terms: DocumentTerms });

/**
 * A document's words, each once (in the order first met) with its count weighted by the fields it
 * is in, and how many words it has in all. The words are one string (joined by line breaks, which
 * no word holds) and the counts one array of small integers: kept for thousands of datasets, a
 * string per word cost more to read back from the cache than splitting the text into words again.
 * (Not a typed array: 10,000 array buffers, read back and let go, cost the collector more.)
 */
export interface DocumentTerms {
  words: string;
  counts: number[];
  length: number;
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
  published.forEach((dataset, index) => {
    for (const topic of dataset.topics) labels.topic.set(topic.id, topic.title);
    labels.team.set(dataset.team.id, dataset.team.title);
    // The record's formats: worked out again for every dataset, they were a third of this function.
    for (const format of records[index]!.facets.format) labels.format.set(format, format);
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
