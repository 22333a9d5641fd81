// What the preview page says of a file's preview, in words: counts and notes for people.
import type { Column, ColumnType, TablePreview } from '../catalogue/model.ts';
import { formatCount, pluralise } from './format.ts';

export const columnTypeLabels: Record<ColumnType, string> = {
  integer: 'Whole number',
  decimal: 'Number',
  date: 'Date',
  datetime: 'Date and time',
  boolean: 'True or false',
  text: 'Text',
};

/** Numbers line up on the right, as in a spreadsheet. */
export function isNumeric(column: Pick<Column, 'type'>): boolean {
  return column.type === 'integer' || column.type === 'decimal';
}

/** `the first 10 of 2,476,000 rows` — or what is known when the file could not be read to its end. */
export function rowsSummary(table: Pick<TablePreview, 'rows' | 'rowCount'>): string {
  const shown = table.rows.length;
  if (table.rowCount === null) return `the first ${pluralise(shown, 'row')} that could be read`;
  if (shown === table.rowCount) return table.rowCount === 1 ? 'its only row' : `all ${pluralise(table.rowCount, 'row')}`;
  return `the first ${formatCount(shown)} of ${pluralise(table.rowCount, 'row')}`;
}

/** Whether the column facts cover every row, and if not, how many. */
export function profileNote(table: Pick<TablePreview, 'profiledRows' | 'rowCount'>): string | null {
  if (table.rowCount !== null && table.profiledRows >= table.rowCount) return null;
  return `Types and empty cells are taken from the first ${pluralise(table.profiledRows, 'row')}${table.rowCount !== null ? ` of ${formatCount(table.rowCount)}` : ''}.`;
}

/** `51.2867° N` — a bounding box's edge, rounded to about 10 m. */
export function coordinate(value: number, positive: string, negative: string): string {
  const rounded = Math.round(Math.abs(value) * 10_000) / 10_000;
  return `${rounded}° ${value < 0 ? negative : positive}`;
}
