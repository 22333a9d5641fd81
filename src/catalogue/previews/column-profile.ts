// A table's columns as its values show them: the narrowest type every non-empty value fits, the
// empty cells, an example. Values are the file's text; a workbook's cells are written as text first
// (workbook-table.ts), so one set of rules types both.
import type { Column, ColumnDescription, ColumnType } from '../model.ts';

const integerPattern = /^[+-]?(?:0|[1-9]\d*)$/;
const decimalPattern = /^[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?$/;
const booleanPattern = /^(?:true|false)$/i;
// ISO 8601 dates and date-times only: 01/02/2024 is a different day in London and in New York.
const datePattern = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Each type a value could be, as bits, so that a column's type is what all its values share. */
const bits = { integer: 1, decimal: 2, date: 4, boolean: 8, datetime: 16 } as const;

function fits(value: string): number {
  // A code such as 007 or E05000001 is an identifier: as a number it would lose what makes it one.
  if (integerPattern.test(value)) return bits.integer | bits.decimal;
  if (decimalPattern.test(value) && !/^[+-]?0\d/.test(value)) return bits.decimal;
  if (booleanPattern.test(value)) return bits.boolean;
  const date = datePattern.exec(value);
  if (date && isRealDate(Number(date[1]), Number(date[2]), Number(date[3]))) return date[4] ? bits.datetime : bits.date;
  return 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const moment = new Date(Date.UTC(year, month - 1, day));
  return moment.getUTCFullYear() === year && moment.getUTCMonth() === month - 1 && moment.getUTCDate() === day;
}

function typeOf(mask: number, seen: boolean): ColumnType {
  if (!seen) return 'text';
  if (mask & bits.integer) return 'integer';
  if (mask & bits.decimal) return 'decimal';
  if (mask & bits.date) return 'date';
  if (mask & bits.datetime) return 'datetime';
  if (mask & bits.boolean) return 'boolean';
  return 'text';
}

/** Accumulates the columns' facts row by row: memory is one entry per column, whatever the length. */
export class ColumnProfile {
  readonly names: string[];
  private readonly masks: number[];
  private readonly empty: number[];
  private readonly examples: (string | null)[];
  rows = 0;

  constructor(names: string[]) {
    this.names = names;
    this.masks = names.map(() => bits.integer | bits.decimal | bits.date | bits.datetime | bits.boolean);
    this.empty = names.map(() => 0);
    this.examples = names.map(() => null);
  }

  add(row: readonly string[]): void {
    this.rows += 1;
    for (let index = 0; index < this.names.length; index += 1) {
      const value = (row[index] ?? '').trim();
      if (value === '') {
        this.empty[index]! += 1;
        continue;
      }
      if (this.examples[index] === null) this.examples[index] = value;
      if (this.masks[index] !== 0) this.masks[index]! &= fits(value);
    }
  }

  columns(described: readonly ColumnDescription[]): Column[] {
    const byName = new Map(described.map((column) => [column.name, column]));
    return this.names.map((name, index) => ({
      name,
      type: typeOf(this.masks[index]!, this.examples[index] !== null),
      emptyCells: this.empty[index]!,
      example: this.examples[index]!,
      description: byName.get(name)?.description ?? null,
      unit: byName.get(name)?.unit ?? null,
    }));
  }
}

/** Header cells as column names: a blank one is named by its position, so that every column has a name. */
export function columnNames(header: readonly string[]): string[] {
  return header.map((cell, index) => cell.trim() || `Column ${index + 1}`);
}

export const previewRows = 10;
/** Column facts come from at most this many rows: enough to type a column, bounded for a huge file. */
export const profiledRowLimit = 50_000;
/** A cell longer than this is cut in the preview table (the download has it whole). */
const cellLimit = 200;

export function previewCell(value: string): string {
  return value.length > cellLimit ? `${value.slice(0, cellLimit)}…` : value;
}
