// The DataPress Excel export: one workbook with sheets `datasets`, `resources` and `links`, each a
// filterable table under a frozen header, with real dates, numbers and hyperlinks.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once, type EventEmitter } from 'node:events';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Catalogue } from '../catalogue/model.ts';
import { exportTables, type CellValue, type ColumnFormat, type Table } from './tabular.ts';
import { sinkFor } from './output-sink.ts';
import { setZipEntryTimes } from './zip-timestamps.ts';

export const exportXlsxPath = 'api/datasets/export.xlsx';

/** Excel refuses a file with a longer cell (a CSV has no such limit). */
export const excelCellLimit = 32_767;

const headerStyle: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } },
};
const hyperlinkFont: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };
const numberFormats: Partial<Record<ColumnFormat['kind'], string>> = {
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
};

/**
 * Rows go to the file as they are made. One thing still grows with the catalogue: exceljs keeps a
 * sheet's hyperlink relationships until the sheet ends (about 0.3 KB per link, so a few MB for
 * ten thousand resources).
 */
export async function writeExportXlsx(catalogue: Catalogue, outDir: string): Promise<void> {
  const target = path.join(outDir, exportXlsxPath);
  await mkdir(path.dirname(target), { recursive: true });
  const output = createWriteStream(target);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  // Times in the file come from the catalogue, never the clock, so a rebuild gives the same bytes.
  const fixedTime = newestUpdate(catalogue);
  workbook.created = fixedTime;
  workbook.modified = fixedTime;
  workbook.creator = catalogue.site.publisher.name;
  workbook.lastModifiedBy = catalogue.site.publisher.name;
  workbook.title = catalogue.site.title;

  try {
    const tables = exportTables(catalogue);
    for (const table of [tables.datasets, tables.resources, tables.links]) await writeSheet(workbook, table);
    await workbook.commit();
    await finished(output);
  } catch (error) {
    output.destroy();
    throw error;
  }
  await setZipEntryTimes(target, fixedTime);
  sinkFor(outDir).written(exportXlsxPath);
}

/** The newest `updatedAt` in the catalogue, or 2000-01-01 when none is known. */
function newestUpdate(catalogue: Catalogue): Date {
  let newest = Date.UTC(2000, 0, 1);
  for (const dataset of catalogue.datasets) {
    const updated = dataset.updatedAt ? Date.parse(dataset.updatedAt) : Number.NaN;
    if (updated > newest) newest = updated;
  }
  return new Date(newest);
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: Table): Promise<void> {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  // Room for the header and the filter button beside it.
  sheet.columns = table.columns.map((column) => ({ width: Math.max(column.width, column.header.length + 4) }));

  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.eachCell((cell) => {
    cell.style = headerStyle;
  });
  header.commit();

  let rowCount = 1;
  for (const values of table.rows()) {
    const row = sheet.addRow(values.map((value, index) => workbookValue(value, table.columns[index]!)));
    table.columns.forEach((column, index) => {
      if (values[index] === null) return;
      const cell = row.getCell(index + 1);
      const numberFormat = numberFormats[column.kind];
      if (numberFormat) cell.numFmt = numberFormat;
      if (column.kind === 'url') cell.font = hyperlinkFont;
    });
    row.commit();
    rowCount++;
    await zipCaughtUp(sheet);
  }

  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rowCount, column: table.columns.length } };
  sheet.commit();
}

/**
 * exceljs's sheet stream pushes its XML into the zip without back-pressure, so a loop that only
 * adds rows would hold the whole sheet in memory until the end. After each row, let the zip work:
 * wait for its input to drain when full (a slow disk), else yield one turn of the event loop.
 * The input is exceljs's and archiver's own stream (a readable-stream 2 PassThrough, hence
 * `_writableState`); if that changes, only the wait is lost, never a row.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const targets = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  const input = Array.isArray(targets) ? (targets[0] as ZipInput | undefined) : undefined;
  if (input && (input.writableNeedDrain ?? input._writableState?.needDrain)) await once(input, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

type ZipInput = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };

function workbookValue(value: CellValue, column: ColumnFormat): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  switch (column.kind) {
    case 'date':
    case 'dateTime':
      return utcDate(value);
    case 'url':
      return /^https?:\/\//i.test(value) ? { text: value, hyperlink: value } : excelText(value);
    default:
      return excelText(value);
  }
}

/** A model date (`2025-01-15`, `2025-01-21T16:10:02` meaning UTC, or with its zone) as a Date. */
function utcDate(text: string): Date {
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) || /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
  const time = Date.parse(withZone);
  if (Number.isNaN(time)) throw new Error(`not a date: ${JSON.stringify(text)}`);
  return new Date(time);
}

function excelText(text: string): string {
  if (text.length <= excelCellLimit) return text;
  // Cut before a whole character, never between the halves of a surrogate pair (an emoji).
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(excelCellLimit - 2)) ? excelCellLimit - 2 : excelCellLimit - 1;
  return `${text.slice(0, cut)}…`;
}
