// One dataset's rows of the Excel export as sheet XML, made once and kept between builds with its
// other export parts (export-fragments.ts): the workbook is then the kept rows put one after the
// other (xlsx.ts). A row's number depends on the rows before it, so it is left as a mark
// (`rowMark`) that the writer fills in; the hyperlinks, which live after a sheet's rows and in its
// relationships, are kept beside the row as (column, address) pairs.
import type { CellValue, ColumnFormat } from './tabular.ts';

/** Excel refuses a file with a longer cell (a CSV has no such limit). */
export const excelCellLimit = 32_767;

/** Where the row number goes in a kept row: a character that `xmlText` never lets through. */
export const rowMark = '\u0001';

export interface XlsxRow {
  /** `<row>` and its cells, with `rowMark` for the row number. */
  cells: string;
  /** The row's hyperlinks: its column letters and their addresses, escaped for an attribute. */
  links: string[];
}

/** A dataset's rows of each sheet. */
export interface XlsxRows {
  datasets: XlsxRow[];
  resources: XlsxRow[];
  links: XlsxRow[];
}

/** Cell styles, in the order of styles.xml's cellXfs (xlsx-parts.ts). */
export const cellStyle = { header: 1, hyperlink: 2, date: 3, dateTime: 4 } as const;

/** The sheet XML of one table row: values in column order, as `tabular.ts` makes them. */
export function xlsxRow(values: CellValue[], columns: ColumnFormat[]): XlsxRow {
  let cells = `<row r="${rowMark}">`;
  const links: string[] = [];
  columns.forEach((column, index) => {
    const value = values[index] ?? null;
    if (value === null) return;
    const ref = `${columnLetters(index)}${rowMark}`;
    if (typeof value === 'number') {
      // A number that is not finite has no spelling in a sheet; the cell stays empty.
      if (Number.isFinite(value)) cells += `<c r="${ref}"><v>${value}</v></c>`;
      return;
    }
    switch (column.kind) {
      case 'date':
      case 'dateTime':
        cells += `<c r="${ref}" s="${cellStyle[column.kind]}"><v>${excelSerial(utcDate(value))}</v></c>`;
        return;
      case 'url':
        if (/^https?:\/\//i.test(value)) links.push(columnLetters(index), xmlText(value, true));
        cells += inlineString(ref, value, cellStyle.hyperlink);
        return;
      default:
        cells += inlineString(ref, value);
    }
  });
  return { cells: `${cells}</row>`, links };
}

/** The header row (row 1): bold, filled text. */
export function headerRow(columns: ColumnFormat[]): string {
  return `<row r="1">${columns.map((column, index) => inlineString(`${columnLetters(index)}1`, column.header, cellStyle.header)).join('')}</row>`;
}

function inlineString(ref: string, text: string, style?: number): string {
  const escaped = xmlText(excelText(text));
  // Excel trims a text's outer spaces and may fold its line breaks unless told to keep them.
  const space = /^\s|\s$|[\t\n\r]/.test(escaped) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style === undefined ? '' : ` s="${style}"`} t="inlineStr"><is><t${space}>${escaped}</t></is></c>`;
}

/** A = 0, Z = 25, AA = 26… */
export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * Text as XML character data (or an attribute value, which must also escape quotes). XML 1.0 has
 * no way to write the C0 controls other than tab, line feed and carriage return, nor U+FFFE and
 * U+FFFF, so they are dropped, as exceljs did; so is DEL, which Excel shows as a box. A lone half
 * of a surrogate pair (which UTF-8 cannot hold) becomes U+FFFD. A carriage return is written as a
 * reference, which an XML reader keeps (a raw one would be read as a line feed).
 */
export function xmlText(text: string, attribute = false): string {
  return text.replace(attribute ? attributeEscaped : textEscaped, (character: string) => escapes[character] ?? (character.length === 1 && character >= '\uD800' && character <= '\uDFFF' ? '\uFFFD' : ''));
}

const loneSurrogate = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const textEscaped = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF&<>\\r]|${loneSurrogate}`, 'g');
const attributeEscaped = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uFFFE\\uFFFF&<>"'\\r\\n\\t]|${loneSurrogate}`, 'g');

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;', '\n': '&#10;', '\t': '&#9;' };

/** Text cut to what a cell holds, with an ellipsis to say so. */
export function excelText(text: string): string {
  if (text.length <= excelCellLimit) return text;
  // Cut before a whole character, never between the halves of a surrogate pair (an emoji).
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(excelCellLimit - 2)) ? excelCellLimit - 2 : excelCellLimit - 1;
  return `${text.slice(0, cut)}…`;
}

/** A model date (`2025-01-15`, `2025-01-21T16:10:02` meaning UTC, or with its zone) as a moment. */
function utcDate(text: string): number {
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) || /(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
  const time = Date.parse(withZone);
  if (Number.isNaN(time)) throw new Error(`not a date: ${JSON.stringify(text)}`);
  return time;
}

/** Excel's serial day (1900 system, 1899-12-30 is day 0), in UTC: the same number exceljs wrote. */
function excelSerial(time: number): number {
  return 25569 + time / (24 * 3600 * 1000);
}
