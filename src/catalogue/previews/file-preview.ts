// A local file's bytes → its hash and, for the formats a page can show, its preview: one entry
// point for derivation. A CSV is hashed and previewed in one read; other formats are hashed as
// before and read again only as far as their preview needs.
import type { ColumnDescription, FilePreview } from '../model.ts';
import { md5File } from '../file-facts.ts';
import { readCsvTable } from './csv-table.ts';
import { summariseGeoJson } from './geojson-summary.ts';
import { readWorkbookTable } from './workbook-table.ts';

export interface LocalFile {
  path: string;
  size: number;
  format: string;
  describedColumns: readonly ColumnDescription[];
}

export interface FileFacts {
  hash: string;
  preview: FilePreview | null;
}

/** The formats whose columns a publisher may describe. */
export const tabularFormats: ReadonlySet<string> = new Set(['CSV', 'TSV', 'XLSX']);

export async function readLocalFile(file: LocalFile): Promise<FileFacts> {
  switch (file.format) {
    case 'CSV':
    case 'TSV':
      return readCsvTable(file.path, { delimiter: file.format === 'TSV' ? '\t' : ',', described: file.describedColumns, size: file.size });
    case 'XLSX':
      return { hash: await md5File(file.path, file.size), preview: await readWorkbookTable(file.path, file.describedColumns) };
    case 'GEOJSON':
      return { hash: await md5File(file.path, file.size), preview: await summariseGeoJson(file.path, file.size) };
    default:
      return { hash: await md5File(file.path, file.size), preview: null };
  }
}
