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

function writerDataset(dataset: Dataset): WriterDataset {
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
