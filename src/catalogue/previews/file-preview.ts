// A local file's bytes → its hash and, for the formats a page can show, its preview: one entry
// point for derivation. A CSV is hashed and previewed in one read; other formats are hashed as
// before and read again only as far as their preview needs.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { ColumnDescription, FilePreview } from '../model.ts';
import { md5File } from '../file-facts.ts';
import { readInto } from '../../util/read-into.ts';
import { csvTableOf, readCsvTable, wholeReadLimit } from './csv-table.ts';
import { summariseGeoJson } from './geojson-summary.ts';
import { readWorkbookTable } from './workbook-table.ts';

export interface LocalFile {
  path: string;
  size: number;
  format: string;
  describedColumns: readonly ColumnDescription[];
  /** Its path in the output (`download/…`), when it is published as it is. */
  published?: string;
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

/**
 * A local file read once for its facts and its published copy (a full build's loading,
 * load-thread.ts): a file read whole (up to 1 MiB, most of a catalogue's) is written at `target`
 * from the bytes read, as the sink's copySmallFile writes it (its permissions too), instead of
 * being read a second time by the `files` stage. `copied` false: a larger file, hashed and
 * previewed as `readLocalFile` does, which the `files` stage copies.
 */
export async function readLocalFileCopied(file: LocalFile, target: string, write: (target: string, bytes: Buffer, mode: number) => void): Promise<{ facts: FileFacts; copied: boolean }> {
  if (file.size > wholeReadLimit) return { facts: await readLocalFile(file), copied: false };
  const { bytes, mode } = readWhole(file.path);
  write(target, bytes, mode);
  return { facts: await factsOf(file, bytes), copied: true };
}

/** A file's bytes as they are now and its permissions: one open, fstat, read and close. */
function readWhole(file: string): { bytes: Buffer; mode: number } {
  const input = openSync(file, 'r');
  try {
    const stats = fstatSync(input);
    const bytes = Buffer.allocUnsafe(stats.size);
    return { bytes: bytes.subarray(0, readInto(input, bytes, bytes.length, 0)), mode: stats.mode & 0o7777 };
  } finally {
    closeSync(input);
  }
}

/** `readLocalFile`'s facts, from the file's bytes read already. */
async function factsOf(file: LocalFile, bytes: Buffer): Promise<FileFacts> {
  switch (file.format) {
    case 'CSV':
    case 'TSV':
      return csvTableOf(bytes, { delimiter: file.format === 'TSV' ? '\t' : ',', described: file.describedColumns, size: file.size });
    case 'XLSX':
      return { hash: md5Of(bytes), preview: await readWorkbookTable(file.path, file.describedColumns) };
    case 'GEOJSON':
      return { hash: md5Of(bytes), preview: await summariseGeoJson(file.path, file.size) };
    default:
      return { hash: md5Of(bytes), preview: null };
  }
}

function md5Of(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
