// A local XLSX file's first sheet as a table: its rows come one at a time (workbook-reader.ts), so
// a large workbook is never held whole; the first sheet is read to its end to count its rows, and
// the other sheets are not read at all.
import type ExcelJS from 'exceljs';
import { readFirstWorksheet } from './workbook-reader.ts';
import type { ColumnDescription, TablePreview } from '../model.ts';
import { ColumnProfile, columnNames, previewCell, previewRows, profiledRowLimit } from './column-profile.ts';

export async function readWorkbookTable(file: string, described: readonly ColumnDescription[], profileLimit = profiledRowLimit): Promise<TablePreview> {
  let profile: ColumnProfile | null = null;
  const rows: string[][] = [];
  let dataRows = 0;
  let sheet: string | null = null;
  try {
    await readFirstWorksheet(file, async (worksheet) => {
      if (!worksheet) return;
      sheet = worksheet.name ?? null;
      for await (const row of worksheet) {
        const cells = rowCells(row);
        if (!profile) {
          profile = new ColumnProfile(columnNames(cells));
          continue;
        }
        dataRows += 1;
        if (profile.rows >= profileLimit) continue;
        profile.add(cells);
        if (rows.length < previewRows) rows.push(profile.names.map((_name, index) => previewCell(cells[index] ?? '')));
      }
    });
  } catch (error) {
    return table(sheet, profile, rows, null, described, `The workbook could not be read: ${(error as Error).message}`);
  }
  return table(sheet, profile, rows, dataRows, described, profile ? null : 'The first sheet is empty: it has no header row.');
}

function table(sheet: string | null, profile: ColumnProfile | null, rows: string[][], rowCount: number | null, described: readonly ColumnDescription[], problem: string | null): TablePreview {
  return { kind: 'table', sheet, columns: profile ? profile.columns(described) : [], rows, rowCount, profiledRows: profile?.rows ?? 0, problem };
}

/** A row's cells as text, from column A, a gap in the row kept as an empty cell. */
export function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as unknown[];
  const cells: string[] = [];
  for (let index = 1; index < values.length; index += 1) cells.push(cellText(values[index]));
  return cells;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    // Excel stores a date as a day number: midnight means the cell holds a date, not a moment.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.error) return cell.error;
    if (cell.text !== undefined) return cellText(cell.text);
  }
  return '';
}
