// The DataPress CSV exports: one row per dataset, one row per resource, RFC 4180 with a header row.
// Each dataset's rows are made once and kept between builds (export-fragments.ts).
import type { Catalogue } from '../catalogue/model.ts';
import { csvHeader, ExportFragments, type ExportFragment } from './export-fragments.ts';
import { datasetKeys, writeWithGzip } from './kept-gzip.ts';
import { datasetTables } from './tabular.ts';

export const exportDatasetsCsvPath = 'api/datasets/export.datasets.csv';
export const exportResourcesCsvPath = 'api/datasets/export.resources.csv';

/**
 * UTF-8 with a byte order mark (see docs/decisions/csv-bom.md), CRLF line ends; written piece by
 * piece, so memory does not grow with the catalogue, with its gzip copy's pieces kept (kept-gzip.ts).
 */
export async function writeExportCsvs(catalogue: Catalogue, outDir: string, fragments = new ExportFragments(catalogue)): Promise<void> {
  const tables = datasetTables(catalogue.site);
  const { datasets } = catalogue;
  const parts = (rows: (fragment: ExportFragment) => string) => ({ ...datasetKeys(datasets), text: (index: number) => rows(fragments.of(datasets[index]!)) });
  const file = (relativePath: string, header: string, rows: (fragment: ExportFragment) => string) => writeWithGzip(outDir, relativePath, header, parts(rows), '', fragments.gzipPieces, fragments.layouts);
  await file(exportDatasetsCsvPath, csvHeader(tables.datasets), (fragment) => fragment.datasetsCsv);
  await file(exportResourcesCsvPath, csvHeader(tables.resources), (fragment) => fragment.resourcesCsv);
}
