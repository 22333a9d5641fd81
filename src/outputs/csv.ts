// The DataPress CSV exports: one row per dataset, one row per resource, RFC 4180 with a header row.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify';
import type { Catalogue } from '../catalogue/model.ts';
import { sinkFor } from './output-sink.ts';
import { exportTables, type Table } from './tabular.ts';

export const exportDatasetsCsvPath = 'api/datasets/export.datasets.csv';
export const exportResourcesCsvPath = 'api/datasets/export.resources.csv';

export async function writeExportCsvs(catalogue: Catalogue, outDir: string): Promise<void> {
  const tables = exportTables(catalogue);
  await writeCsv(outDir, exportDatasetsCsvPath, tables.datasets);
  await writeCsv(outDir, exportResourcesCsvPath, tables.resources);
}

/** UTF-8 with a byte order mark (see docs/decisions/csv-bom.md), CRLF line ends. */
function csvOptions(table: Table): Options {
  return {
    bom: true,
    header: true,
    columns: table.columns.map((column) => column.header),
    record_delimiter: 'windows',
    // csv-stringify quotes a bare LF only when told to once the record delimiter is CRLF; a
    // multi-line description must stay one quoted field.
    quote_record_delimiter: true,
  };
}

/** Streams rows from the model to the file, so memory does not grow with the catalogue. */
async function writeCsv(outDir: string, relativePath: string, table: Table): Promise<void> {
  const target = path.join(outDir, relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await pipeline(Readable.from(table.rows()), stringify(csvOptions(table)), createWriteStream(target));
  sinkFor(outDir).written(relativePath);
}
