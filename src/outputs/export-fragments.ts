// Each dataset's part of the whole-catalogue exports (its export.json record, its row of the
// datasets CSV, its rows of the resources CSV, its rows of the workbook's three sheets) as text,
// kept between builds by the dataset's digest (src/build/fragments.ts): an edit to one dataset
// serialises one dataset again. The CSV rows are made by the same csv-stringify options as the
// files' header, so the files are the same bytes as when they were streamed whole (every record
// ends with its delimiter; one record's quoting does not depend on another's).
import { stringify } from 'csv-stringify/sync';
import type { Catalogue, Dataset } from '../catalogue/model.ts';
import { datasetDigest } from '../catalogue/dataset-digest.ts';
import { Fragments, fragmentsConfig } from '../build/fragments.ts';
import { datapressDataset } from './datapress.ts';
import { DeflatedPieces, fileRuns } from './deflated-pieces.ts';
import { jsonText } from './json-text.ts';
import { datasetTables, type CellValue, type ItemTable, type Table } from './tabular.ts';
import { valueDigest } from './value-digest.ts';
import { xlsxRow, type XlsxRow, type XlsxRows } from './xlsx-rows.ts';

export interface ExportFragment {
  /** The export.json record, compact. */
  json: string;
  /** Its row of export.datasets.csv, with its CRLF. */
  datasetsCsv: string;
  /** Its resources' rows of export.resources.csv ('' when it has none). */
  resourcesCsv: string;
  /** Its rows of the workbook's sheets, as sheet XML (xlsx-rows.ts). */
  xlsx: XlsxRows;
}

/** One build's export fragments: `of` each dataset, then `save` once every file is written. */
export class ExportFragments {
  private readonly store: Fragments<ExportFragment>;
  private readonly tables: ReturnType<typeof datasetTables>;
  /** The JSON and CSV files' gzip copies, in pieces of their text (kept-gzip.ts). */
  readonly gzipPieces: DeflatedPieces;
  /**
   * Without a cache nothing is kept for a next build, so nothing is kept at all: each file reads
   * one part of a dataset's fragment, made when read and let go once written. Kept whole for every
   * dataset until the workbook's end, they were the exports' peak: at 100,000 datasets about
   * 800 MiB alive beside the catalogue (docs/performance.md, "scale-100k").
   */
  private readonly keeps = fragmentsConfig() !== null;

  constructor(catalogue: Pick<Catalogue, 'site'>) {
    this.tables = datasetTables(catalogue.site);
    // The rows read the site's custom fields (the datasets table's columns); the records nothing but the dataset.
    const context = valueDigest(this.tables.datasets.columns);
    this.store = new Fragments<ExportFragment>('exports', context);
    this.gzipPieces = new DeflatedPieces('exports-gzip', context, fileRuns);
  }

  of(dataset: Dataset): ExportFragment {
    if (!this.keeps) return this.parts(dataset);
    return this.store.get(datasetDigest(dataset), () => {
      const { json, datasetsCsv, resourcesCsv, xlsx } = this.parts(dataset);
      return { json, datasetsCsv, resourcesCsv, xlsx };
    });
  }

  /**
   * A dataset's rows of one sheet. Without a cache only that sheet's are made, so the workbook
   * holds one sheet's rows at a time, not all three (at 100,000 datasets about 1.1 GiB alive).
   */
  xlsxRows(dataset: Dataset, sheet: keyof XlsxRows): XlsxRow[] {
    if (this.keeps) return this.of(dataset).xlsx[sheet];
    const { tables } = this;
    if (sheet === 'datasets') return sheetRows(tables.datasets, [dataset]);
    if (sheet === 'resources') return sheetRows(tables.resources, dataset.resources.map((resource) => ({ resource, dataset })));
    return sheetRows(tables.links, dataset.links.map((link) => ({ link, dataset })));
  }

  private parts(dataset: Dataset): ExportFragment {
    const { tables } = this;
    return {
      get json() {
        return jsonText(datapressDataset(dataset));
      },
      get datasetsCsv() {
        return csvRows(tables.datasets, [dataset]);
      },
      get resourcesCsv() {
        return csvRows(tables.resources, dataset.resources.map((resource) => ({ resource, dataset })));
      },
      get xlsx() {
        return {
          datasets: sheetRows(tables.datasets, [dataset]),
          resources: sheetRows(tables.resources, dataset.resources.map((resource) => ({ resource, dataset }))),
          links: sheetRows(tables.links, dataset.links.map((link) => ({ link, dataset }))),
        };
      },
    };
  }

  /** Datasets whose parts this build made (not found in the store); with a cache only. */
  get made(): number {
    return this.store.made;
  }

  save(): void {
    this.store.save();
    this.gzipPieces.save();
  }
}

/** The options of both CSV files (see docs/decisions/csv-bom.md): CRLF line ends. */
const rowOptions = {
  record_delimiter: 'windows',
  // csv-stringify quotes a bare LF only when told to once the record delimiter is CRLF; a
  // multi-line description must stay one quoted field.
  quote_record_delimiter: true,
} as const;

/** A file's start: the byte order mark and the header row. */
export function csvHeader(table: Pick<Table, 'columns'>): string {
  return stringify([], { ...rowOptions, bom: true, header: true, columns: table.columns.map((column) => column.header) });
}

function sheetRows<Item>(table: ItemTable<Item>, items: Item[]): XlsxRows['datasets'] {
  return [...table.rowsOf(items)].map((values) => xlsxRow(values, table.columns));
}

function csvRows<Item>(table: { rowsOf: (items: Iterable<Item>) => Iterable<CellValue[]> }, items: Item[]): string {
  let text = '';
  for (const values of table.rowsOf(items)) text += csvRecord(values);
  return text;
}

/** A field csv-stringify would quote: one holding the delimiter, a quote or a line break. */
const quoted = /[",\r\n]/;

/**
 * One record as csv-stringify writes it with `rowOptions` (its `stringify`, for these values:
 * null and '' empty, a number as `String(number)`, a field quoted only when it must be, a quote
 * doubled), then CRLF. Written here because csv-stringify's per-field machinery (casting,
 * options, separator checks for any delimiter) was a third of the exports' CPU; the test
 * `test/outputs/csv-record.test.ts` holds the two to the same bytes.
 */
export function csvRecord(values: readonly CellValue[]): string {
  let record = '';
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) record += ',';
    if (value === null || value === undefined) continue;
    // Only text and numbers reach a table (tabular.ts); anything else goes through csv-stringify.
    if (typeof value !== 'string' && typeof value !== 'number') return stringify([values], rowOptions);
    const text = typeof value === 'number' ? String(value) : value;
    record += quoted.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return `${record}\r\n`;
}
