// What the writer thread is handed when it writes the CKAN API (and DCAT-AP after it): the
// catalogue without what only the pages and the main thread's outputs read. A resource's preview
// rows (a fifth of the catalogue's bytes and most of its small objects at 10,000 datasets: only
// a table's columns are kept, for the CKAN resource's Table Schema), its source and published paths, a dataset's source file, edit link, masthead and
// review date. The thread's copy is a structured clone, made on the main thread and deserialised
// and collected on the writer's: every field left out is work neither thread does, on every build.
// The CKAN API's writers are typed on `WriterCatalogue`, so the compiler refuses one that reads a
// field left out; DCAT-AP reads its own narrower input (dcat/input.ts).
import type { Catalogue, Dataset, FilePreview, Resource } from '../catalogue/model.ts';
import type { TableColumns } from '../outputs/table-schema.ts';
import { withUnreadFields } from '../util/unread-fields.ts';
import type { RememberedDataset } from './load-memo.ts';
import { storedDataset } from './load-memo-file.ts';
import { dcatDatasetDigest, tellDcatDigest } from '../outputs/dcat/input.ts';
import { catalogPageSize } from '../outputs/dcat/paths.ts';

/** A resource's fields only pages, exports and publishing read. */
export type PageOnlyResourceField = 'preview' | 'sourcePath' | 'publishedPath' | 'filename' | 'httpStatus' | 'qaTimestamp';
/** A dataset's fields only pages and exports read. */
export type PageOnlyDatasetField = 'sourceFile' | 'editUrl' | 'masthead' | 'nextReviewDate';

export interface WriterResource extends Omit<Resource, PageOnlyResourceField> {
  /** Of a table, its columns only (the CKAN resource's Table Schema, outputs/table-schema.ts); null for any other file. The main thread's whole preview is one too: the writers take either. */
  preview: TableColumns | FilePreview | null;
}
export interface WriterDataset extends Omit<Dataset, PageOnlyDatasetField | 'resources'> {
  resources: WriterResource[];
}
export interface WriterCatalogue extends Omit<Catalogue, 'datasets'> {
  datasets: WriterDataset[];
}

/**
 * The catalogue as the writer thread reads it. New objects for the datasets and resources (the
 * fields left out are not copied); everything else (teams, topics, tags, relationships, strings)
 * is the model's own, so a structured clone copies a team once however many datasets it has.
 */
export function writerInput(catalogue: Catalogue): WriterCatalogue {
  return { ...catalogue, datasets: catalogue.datasets.map(writerDataset) };
}

export function writerDataset(dataset: Dataset): WriterDataset {
  const { sourceFile: _sourceFile, editUrl: _editUrl, masthead: _masthead, nextReviewDate: _nextReviewDate, resources, ...kept } = dataset;
  return { ...kept, resources: resources.map(writerResource) };
}

function writerResource(resource: Resource): WriterResource {
  const { preview: _preview, sourcePath: _sourcePath, publishedPath: _publishedPath, filename: _filename, httpStatus: _httpStatus, qaTimestamp: _qaTimestamp, ...kept } = resource;
  return { ...kept, preview: tableColumns(resource.preview) };
}

function tableColumns(preview: FilePreview | null): TableColumns | null {
  return preview?.kind === 'table' ? { kind: preview.kind, columns: preview.columns } : null;
}

// An edit (or an addition, a removal) publishes almost every dataset exactly as the build's cache
// holds it (load-memo.ts `storedBytes`). Of those the writer thread's outputs read a dozen small
// fields (the CKAN API: ids, names, team, topics, tags, dates, relationships, the description's
// HTML for its index; DCAT-AP: ids, pages, dates, topics) and take the rest by digest from their
// kept pieces. So the thread is handed those fields (the dataset's head), and the cache's shards
// as read (views of one SharedArrayBuffer, shared, not copied); the rest of a dataset is
// deserialised from its shard when first read (util/unread-fields.ts), which an edit never does.
// At 10,000 datasets the clone was 10,000 whole datasets serialised on the main thread and
// deserialised and collected on the writer's (docs/performance.md, "lazy-records").

/** A stored dataset's fields the writer thread is handed: what its outputs read of a dataset whose pieces they keep. */
const headFields = ['id', 'name', 'ckanId', 'title', 'webpage', 'descriptionHtml', 'team', 'tags', 'topics', 'licence', 'sharing', 'createdAt', 'updatedAt', 'relationships'] as const satisfies readonly (keyof WriterDataset)[];
export type WriterHead = Pick<WriterDataset, (typeof headFields)[number]>;

/** The cache's bytes that hold a dataset exactly as published (load-memo.ts `storedBytes`): its shard's, and its file. */
export type StoredBytes = (dataset: Dataset) => { bytes: Uint8Array; file: string } | undefined;

/**
 * What the build's cache holds: each dataset's bytes as published, and the ids of the datasets
 * published last time whose files are gone and of those published from files it did not hold
 * (load-memo.ts `gone`, `added`).
 */
export interface StoredDatasets {
  bytes: StoredBytes;
  gone: readonly string[];
  added: readonly string[];
}

/**
 * What the writer thread makes its stored datasets from: their places in `datasets`, shard (by
 * number in `shards`), file, keys (by number in `keys`) and, on a DCAT-AP page made again, their
 * DCAT-AP digest.
 */
export interface StoredWriterInput {
  places: [index: number, shard: number, file: string, keys: number, dcatDigest: string | null][];
  shards: Uint8Array[];
  keys: string[][];
}

/**
 * The writer's input with each dataset the cache holds as published (`cached.bytes`) as its head
 * only, and what the thread makes them whole from (`readStoredWriterInput`). Null `stored`: none.
 */
export function storedWriterInput(catalogue: Catalogue, cached: StoredDatasets, dcat = false): { input: WriterCatalogue; stored: StoredWriterInput | null } {
  const keyNumbers = new Map<string, number>();
  const shardNumbers = new Map<Uint8Array, number>();
  const stored: StoredWriterInput = { places: [], shards: [], keys: [] };
  const bytesOf = catalogue.datasets.map(cached.bytes);
  // None stored (a full build): no page to tell of.
  const dcatPages = dcat && bytesOf.some((bytes) => bytes !== undefined) ? dcatPagesMade(catalogue.datasets, bytesOf, cached) : new Set<number>();
  const datasets = catalogue.datasets.map((dataset, index): WriterDataset => {
    const place = bytesOf[index];
    if (!place) return writerDataset(dataset);
    let shard = shardNumbers.get(place.bytes);
    if (shard === undefined) shardNumbers.set(place.bytes, (shard = stored.shards.push(place.bytes) - 1));
    const keys = writerKeys(dataset);
    const joined = keys.join('\0');
    let keyNumber = keyNumbers.get(joined);
    if (keyNumber === undefined) keyNumbers.set(joined, (keyNumber = stored.keys.push(keys) - 1));
    stored.places.push([index, shard, place.file, keyNumber, dcatPages.has(Math.floor(index / catalogPageSize)) ? dcatDatasetDigest(dataset) : null]);
    return headOf(dataset) as WriterDataset;
  });
  return { input: { ...catalogue, datasets }, stored: stored.places.length > 0 ? stored : null };
}

/**
 * DCAT-AP's pages (paging.ts `catalogPages`: the datasets in this order) made again, from each of
 * their datasets' DCAT-AP digest: those that hold a dataset not stored (an edited one, an added
 * one), and, when datasets were added or are gone, every page from the first place that changed
 * (each holds other datasets than before). The stored datasets' digests on them are worked out
 * here, from the model (an edit: one page, a tenth of the datasets at 10,000), not on the thread
 * from the whole dataset, which it would read for it. Other pages are kept whole, or found by their
 * datasets' model digests.
 */
function dcatPagesMade(datasets: readonly Dataset[], bytesOf: readonly unknown[], { gone, added }: StoredDatasets): Set<number> {
  const pages = new Set<number>();
  bytesOf.forEach((bytes, index) => bytes || pages.add(Math.floor(index / catalogPageSize)));
  if (gone.length === 0 && added.length === 0) return pages;
  // Where each dataset added or gone stands or stood: before the first dataset of a greater id (the
  // catalogue is sorted by id). A hint only: a page left out is made all the same, reading its datasets.
  const least = [...gone, ...added].reduce((least, id) => (id < least ? id : least));
  const at = datasets.findIndex((dataset) => dataset.id >= least);
  const first = at < 0 ? datasets.length - 1 : at;
  for (let page = Math.floor(Math.max(0, first) / catalogPageSize); page * catalogPageSize < datasets.length; page++) pages.add(page);
  return pages;
}

/** A dataset's keys writerDataset leaves out or puts last. */
const notInOrder = new Set<string>(['sourceFile', 'editUrl', 'masthead', 'nextReviewDate', 'resources'] satisfies (PageOnlyDatasetField | 'resources')[]);

/** A dataset's keys as `writerDataset` gives them: its own but those left out, its resources last. */
function writerKeys(dataset: Dataset): string[] {
  return [...Object.keys(dataset).filter((key) => !notInOrder.has(key)), 'resources'];
}

function headOf(dataset: Dataset): WriterHead {
  const head = {} as Record<string, unknown>;
  for (const field of headFields) head[field] = dataset[field];
  return head as unknown as WriterHead;
}

/**
 * On the writer thread: its input with each head (as `storedWriterInput` made them) an object of
 * the whole writer dataset's keys, the head's fields given and the others read from the dataset's
 * shard when first asked. Throws, when asked, if the shard does not hold the dataset.
 */
export function readStoredWriterInput(input: WriterCatalogue, stored: StoredWriterInput | null): WriterCatalogue {
  if (!stored) return input;
  const shards = new Map<Uint8Array, Map<string, RememberedDataset>>();
  for (const [index, shard, file, keys, dcatDigest] of stored.places) {
    const head = input.datasets[index]!;
    const bytes = stored.shards[shard]!;
    const dataset = withUnreadFields<WriterDataset>(stored.keys[keys]!, head, () => {
      const whole = storedDataset(bytes, file, shards);
      if (!whole || whole.id !== head.id) throw new Error(`the build's cache does not hold the dataset ${head.id} as published`);
      return writerDataset(whole);
    });
    if (dcatDigest !== null) tellDcatDigest(dataset, dcatDigest);
    input.datasets[index] = dataset;
  }
  return input;
}
