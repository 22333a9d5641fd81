// exceljs's streaming reader for a local XLSX file. exceljs takes about half a second to import, so
// it is imported the first time a workbook is read, not at the start of every build and check.
import type ExcelJS from 'exceljs';

let exceljs: Promise<typeof ExcelJS> | null = null;

/** A reader that emits each worksheet, whose rows it reads one at a time (nothing held whole). */
export async function openWorkbookReader(file: string): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  exceljs ??= import('exceljs').then((module) => module.default);
  const { stream } = await exceljs;
  return new stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
}
