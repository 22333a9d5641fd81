// A table's header row alone, for `check`: the columns a publisher describes must be in the file,
// and this is the one thing validation reads of a data file's bytes. It stops at the first row.
import { createReadStream } from 'node:fs';
import { readFirstWorksheet } from './workbook-reader.ts';
import { parse } from 'csv-parse';
import { columnNames } from './column-profile.ts';
import { rowCells } from './workbook-table.ts';

/** The column names of a local CSV, TSV or XLSX file; null when its first row cannot be read. */
export async function readHeaderRow(file: string, format: string): Promise<string[] | null> {
  try {
    const cells = format === 'XLSX' ? await workbookHeader(file) : await csvHeader(file, format === 'TSV' ? '\t' : ',');
    return cells ? columnNames(cells) : null;
  } catch {
    // A file that cannot be read is noted on its page by the build; it is not a content error.
    return null;
  }
}

async function csvHeader(file: string, delimiter: string): Promise<string[] | null> {
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  const parser = stream.pipe(parse({ delimiter, bom: true, skip_empty_lines: true, to_line: 1_000 }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record;
    return null;
  } finally {
    stream.destroy();
  }
}

async function workbookHeader(file: string): Promise<string[] | null> {
  return readFirstWorksheet(file, async (worksheet) => {
    if (worksheet) for await (const row of worksheet) return rowCells(row);
    return null;
  });
}
