// The DataPress full-site export (`/api/datasets/export.json`): every key of the documented shape,
// in the document's order, null where a value is absent.
import type { Catalogue, Dataset, Link, Resource } from '../catalogue/model.ts';
import { ExportFragments } from './export-fragments.ts';
import { datasetKeys, writeWithGzip } from './kept-gzip.ts';

export const exportJsonPath = 'api/datasets/export.json';

export function datapressResource(resource: Resource, dataset: Dataset) {
  return {
    id: resource.id,
    title: resource.title,
    url: resource.url,
    // One rule for a remote file: the last segment of its URL's path, decoded; null when the path
    // names none (`https://x.example/`, `…/data/`), as the document has null for every absent value.
    filename: resource.filename || null,
    description: resource.description,
    timeFrameFrom: resource.timeFrameFrom,
    timeFrameTo: resource.timeFrameTo,
    size: resource.size,
    hash: resource.hash,
    timestamp: resource.timestamp,
    dataset: dataset.id,
    webpage: dataset.webpage,
  };
}

export function datapressLink(link: Link, dataset: Dataset) {
  return {
    id: link.id,
    title: link.title,
    url: link.url,
    description: link.description,
    httpStatus: link.httpStatus,
    size: link.size,
    mimetype: link.mimetype,
    hash: link.hash,
    qaTimestamp: link.qaTimestamp,
    dataset: dataset.id,
    webpage: dataset.webpage,
  };
}

export function datapressDataset(dataset: Dataset) {
  return {
    webpage: dataset.webpage,
    id: dataset.id,
    title: dataset.title,
    description: dataset.descriptionHtml,
    masthead: dataset.masthead && { id: dataset.masthead.id, title: dataset.masthead.title },
    tags: dataset.tags.map((tag) => tag.name),
    topics: dataset.topics.map((topic) => ({ id: topic.id, title: topic.title })),
    nextReviewDate: dataset.nextReviewDate,
    licence: dataset.licence && { url: dataset.licence.url ?? null, title: dataset.licence.title },
    contact: dataset.contact && { email: dataset.contact.email ?? null, title: dataset.contact.title },
    custom: dataset.custom,
    resources: dataset.resources.map((resource) => datapressResource(resource, dataset)),
    links: dataset.links.map((link) => datapressLink(link, dataset)),
    sharing: dataset.sharing,
    team: { id: dataset.team.id, title: dataset.team.title },
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
  };
}

export type DatapressDataset = ReturnType<typeof datapressDataset>;

/**
 * Writes the export one dataset at a time, so memory does not grow with the catalogue; each record's
 * text is kept between builds (export-fragments.ts), and so are its gzip copy's pieces (kept-gzip.ts).
 */
export async function writeExportJson(catalogue: Catalogue, outDir: string, fragments = new ExportFragments(catalogue)): Promise<void> {
  const empty = catalogue.datasets.length === 0;
  const { datasets } = catalogue;
  const parts = { ...datasetKeys(datasets), text: (index: number) => `${index === 0 ? '\n' : ',\n'}${fragments.of(datasets[index]!).json}` };
  await writeWithGzip(outDir, exportJsonPath, '[', parts, empty ? ']\n' : '\n]\n', fragments.gzipPieces, fragments.layouts);
}
