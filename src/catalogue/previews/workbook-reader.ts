// A local XLSX file's first worksheet, its rows read one at a time (nothing held whole), by
// exceljs's streaming reader driven part by part from the zip's directory: the relationships, the
// workbook, the shared strings and the styles first, whatever order the zip holds them in, then
// the first worksheet streamed. exceljs's own loop over the zip (unzipper's Parse) could stop
// before the zip's last entries and give no rows or cells without their text
// (docs/decisions/data-previews.md, "How an XLSX file is read"); this reads the same parts, with
// the same parsers, in an order that does not depend on timing. exceljs takes about half a second
// to import, so it is imported the first time a workbook is read, not at every build and check.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { ZipEntries, type ZipEntry } from './zip-entries.ts';

let exceljs: Promise<typeof ExcelJS> | null = null;

/** A worksheet's rows, one at a time, and its name in the workbook. */
export interface WorksheetRows extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

/**
 * The steps of exceljs 4.4.0's `stream.xlsx.WorkbookReader.parse` (lib/stream/xlsx/workbook-reader.js),
 * each of which reads one part into the reader (the shared strings as it is iterated), taken here
 * one at a time. Underscored, so not exceljs's public API: test/catalogue/workbook-reads.test.ts and
 * the previews tests fail if an upgrade changes them.
 */
interface WorkbookParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(text: AsyncIterable<string>, sheetNo: string): Iterator<{ eventType: string; value: WorksheetRows }>;
}

/** exceljs's test of a worksheet's path in the zip; the first entry that passes is the first sheet. */
const worksheetPath = /xl\/worksheets\/sheet(\d+)[.]xml/;

/**
 * Calls `use` with the workbook's first worksheet (null when it has none), and closes the file when
 * `use` is done, whether it read every row or stopped early. The first worksheet is the first in
 * the zip, as exceljs's reader emitted it.
 */
export async function readFirstWorksheet<T>(file: string, use: (worksheet: WorksheetRows | null) => Promise<T>): Promise<T> {
  exceljs ??= import('exceljs').then((module) => module.default);
  const { stream } = await exceljs;
  const zip = await ZipEntries.open(file);
  try {
    if (!zip.get('xl/workbook.xml')) throw new Error('it has no xl/workbook.xml, the part of an XLSX file that lists its sheets');
    const reader = new stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as WorkbookParts;
    const part = async (name: string): Promise<Readable | null> => {
      const entry = zip.get(name);
      return entry ? Readable.from(await text(zip, entry)) : null;
    };
    const relationships = await part('xl/_rels/workbook.xml.rels');
    if (relationships) await reader._parseRels(relationships);
    await reader._parseWorkbook((await part('xl/workbook.xml'))!);
    const sharedStrings = await part('xl/sharedStrings.xml');
    // With sharedStrings: 'cache' this yields nothing: reading it to its end fills the reader's list.
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
    const styles = await part('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);

    const first = zip.entries.find((entry) => worksheetPath.test(entry.name));
    if (!first) return await use(null);
    const sheetNo = worksheetPath.exec(first.name)![1]!;
    const emitted = reader._parseWorksheet(await text(zip, first), sheetNo).next();
    if (emitted.done) throw new Error('exceljs did not give the worksheet');
    return await use(emitted.value.value);
  } finally {
    await zip.close();
  }
}

/**
 * An entry's text, decoded across chunks (exceljs decodes each chunk on its own, so a character
 * whose bytes a chunk boundary split became two U+FFFD); a byte-order mark at the start is dropped.
 */
async function text(zip: ZipEntries, entry: ZipEntry): Promise<AsyncIterable<string>> {
  const bytes = await zip.stream(entry);
  return (async function* decode() {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      const decoded = decoder.decode(chunk, { stream: true });
      if (decoded) yield decoded;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  })();
}
