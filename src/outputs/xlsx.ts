// The DataPress Excel export: one workbook with sheets `datasets`, `resources` and `links`, each a
// filterable table under a frozen header, with real dates, numbers and hyperlinks.
//
// Written by hand, not by a spreadsheet library: each dataset's rows are sheet XML made once and
// kept between builds (xlsx-rows.ts, through export-fragments.ts), so a build only puts the kept rows
// one after the other, numbers them, and zips them (zip-file.ts). exceljs, which the build used
// before, takes cell values only and makes every row again each time (see docs/decisions/).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/model.ts';
import { ExportFragments } from './export-fragments.ts';
import { sinkFor } from './output-sink.ts';
import { datasetTables, type ColumnFormat } from './tabular.ts';
import * as parts from './xlsx-parts.ts';
import { headerRow, rowMark, type XlsxRow, type XlsxRows } from './xlsx-rows.ts';
import { ZipFile } from './zip-file.ts';

export { excelCellLimit } from './xlsx-rows.ts';

export const exportXlsxPath = 'api/datasets/export.xlsx';

interface Sheet extends parts.SheetPart {
  name: keyof XlsxRows;
  columns: ColumnFormat[];
  /** The header and every data row. */
  rowCount: number;
}

/**
 * Memory: the kept rows are already in the export store (with a cache); the file is written a piece
 * at a time, one sheet's rows gathered at a time, and each sheet's hyperlinks are a second pass over
 * its rows rather than a list kept aside.
 */
export async function writeExportXlsx(catalogue: Catalogue, outDir: string, fragments = new ExportFragments(catalogue)): Promise<void> {
  const target = path.join(outDir, exportXlsxPath);
  await mkdir(path.dirname(target), { recursive: true });
  const tables = datasetTables(catalogue.site);
  // One row an item (tabular.ts): the counts the workbook's parts need before any sheet is made.
  const items = { datasets: catalogue.datasets.length, resources: 0, links: 0 };
  for (const dataset of catalogue.datasets) {
    items.resources += dataset.resources.length;
    items.links += dataset.links.length;
  }
  const sheets = (['datasets', 'resources', 'links'] as const).map((name): Sheet => ({ name, columns: tables[name].columns, rowCount: 1 + items[name] }));

  // Times in the file come from the catalogue, never the clock, so a rebuild gives the same bytes.
  const fixedTime = newestUpdate(catalogue);
  const zip = await ZipFile.create(target, fixedTime);
  try {
    await zip.add('[Content_Types].xml', [parts.contentTypes(sheets)]);
    await zip.add('_rels/.rels', [parts.packageRels()]);
    await zip.add('docProps/app.xml', [parts.appProperties(sheets)]);
    await zip.add('docProps/core.xml', [parts.coreProperties(catalogue.site.publisher.name, catalogue.site.title, fixedTime)]);
    await zip.add('xl/workbook.xml', [parts.workbook(sheets)]);
    await zip.add('xl/_rels/workbook.xml.rels', [parts.workbookRels(sheets)]);
    await zip.add('xl/styles.xml', [parts.styles()]);
    for (const [index, sheet] of sheets.entries()) {
      const kept = catalogue.datasets.map((dataset) => fragments.xlsxRows(dataset, sheet.name));
      const rows = () => rowsOf(kept);
      const hasLinks = kept.some((datasetRows) => datasetRows.some((row) => row.links.length > 0));
      await zip.add(parts.sheetPath(index), sheetXml(sheet, rows, hasLinks));
      if (hasLinks) await zip.add(parts.sheetRelationshipsPath(index), sheetRelationships(rows));
    }
    await zip.close();
  } catch (error) {
    await zip.abandon();
    throw error;
  }
  sinkFor(outDir).written(exportXlsxPath);
}

function* rowsOf(kept: XlsxRow[][]): Generator<XlsxRow> {
  for (const rows of kept) yield* rows;
}

function* sheetXml(sheet: Sheet, rows: () => Generator<XlsxRow>, hasLinks: boolean): Generator<string> {
  yield parts.sheetStart(sheet.columns, sheet.rowCount, headerRow(sheet.columns));
  let number = 1;
  for (const row of rows()) yield row.cells.replaceAll(rowMark, String(++number));
  yield parts.sheetRowsEnd(sheet.columns, sheet.rowCount);
  if (hasLinks) {
    yield parts.hyperlinksStart;
    let link = 0;
    number = 1;
    for (const row of rows()) {
      number++;
      for (let at = 0; at < row.links.length; at += 2) yield parts.hyperlink(`${row.links[at]}${number}`, ++link);
    }
    yield parts.hyperlinksEnd;
  }
  yield parts.sheetEnd;
}

/** The sheet's hyperlink addresses, numbered as `sheetXml` numbers its hyperlinks. */
function* sheetRelationships(rows: () => Generator<XlsxRow>): Generator<string> {
  yield parts.relationshipsStart;
  let link = 0;
  for (const row of rows()) {
    for (let at = 1; at < row.links.length; at += 2) yield parts.hyperlinkRelationship(++link, row.links[at]!);
  }
  yield parts.relationshipsEnd;
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
