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
import { FileLayouts } from './file-layout.ts';
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

/** A dataset's rows of each sheet: how many, their text's length, their hyperlinks (datasets, resources, links). */
export type SheetSizes = readonly [number, number, number, number, number, number, number, number, number];

const sheetIndex: Record<keyof XlsxRows, number> = { datasets: 0, resources: 1, links: 2 };

/**
 * One build's export fragments: `of` each dataset, then `save` once every file is written. When the
 * build patches the previous output (`patching`), the files take each unchanged dataset's part from
 * the previous output's copy (file-layout.ts) and the workbook reuses its kept pieces: the few parts
 * still needed are made, and the store is not read (77 MB at 10,000 datasets, most of an edit's
 * exports) nor written.
 */
export class ExportFragments {
  private readonly store: Fragments<ExportFragment> | null;
  private readonly tables: ReturnType<typeof datasetTables>;
  /** The JSON and CSV files' gzip copies, in pieces of their text (kept-gzip.ts). */
  readonly gzipPieces: DeflatedPieces;
  /** Where each dataset's part lies in the JSON and CSV files (file-layout.ts); with a cache only. */
  readonly layouts: FileLayouts | null;
  /** Each dataset's sizes in the workbook's sheets, by its digest: the runs are cut by them without its rows. */
  private readonly sizes: Fragments<SheetSizes> | null;
  /**
   * Without a cache nothing is kept for a next build, so nothing is kept at all: each file reads
   * one part of a dataset's fragment, made when read and let go once written. Kept whole for every
   * dataset until the workbook's end, they were the exports' peak: at 100,000 datasets about
   * 800 MiB alive beside the catalogue (docs/performance.md, "scale-100k").
   */
  private readonly keeps = fragmentsConfig() !== null;

  constructor(catalogue: Pick<Catalogue, 'site'>, patching = false) {
    this.tables = datasetTables(catalogue.site);
    // The rows read the site's custom fields (the datasets table's columns); the records nothing but the dataset.
    const context = valueDigest(this.tables.datasets.columns);
    this.store = this.keeps && !patching ? new Fragments<ExportFragment>('exports', context) : null;
    this.gzipPieces = new DeflatedPieces('exports-gzip', context, fileRuns);
    this.layouts = this.keeps ? new FileLayouts('exports', context) : null;
    this.sizes = this.keeps ? new Fragments<SheetSizes>('exports-sheet-sizes', context) : null;
  }

  of(dataset: Dataset): ExportFragment {
    if (!this.store) return this.parts(dataset);
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
    if (this.store) return this.of(dataset).xlsx[sheet];
    const { tables } = this;
    if (sheet === 'datasets') return sheetRows(tables.datasets, [dataset]);
    if (sheet === 'resources') return sheetRows(tables.resources, dataset.resources.map((resource) => ({ resource, dataset })));
    return sheetRows(tables.links, dataset.links.map((link) => ({ link, dataset })));
  }

  /**
   * A dataset's rows of one sheet, and their sizes: kept from the last build when it had this
   * dataset, so that its rows are made only if its run of the sheet is deflated again.
   */
  sheetPart(dataset: Dataset, digest: string, sheet: keyof XlsxRows): RowSizes & { rows: () => XlsxRow[] } {
    let rows: XlsxRow[] | null = null;
    const made = () => (rows ??= this.xlsxRows(dataset, sheet));
    if (!this.sizes) return { ...rowSizes(made()), rows: made };
    const at = sheetIndex[sheet] * 3;
    const sizes = this.sheetSizes(dataset, digest);
    return { count: sizes[at]!, chars: sizes[at + 1]!, links: sizes[at + 2]!, rows: made };
  }

  /** Whether each dataset's sizes in the sheets are kept (a build with a cache): then `sheetSizes` answers for all three sheets at once. */
  get keepsSizes(): boolean {
    return this.sizes !== null;
  }

  /**
   * A dataset's sizes in the three sheets (`SheetSizes`), kept from the last build when it had this
   * dataset; made from its rows otherwise. With a cache only (`keepsSizes`).
   */
  sheetSizes(dataset: Dataset, digest: string): SheetSizes {
    return this.sizes!.get(digest, () => {
      const [datasets, resources, links] = (['datasets', 'resources', 'links'] as const).map((name) => rowSizes(this.xlsxRows(dataset, name))) as [RowSizes, RowSizes, RowSizes];
      return [datasets.count, datasets.chars, datasets.links, resources.count, resources.chars, resources.links, links.count, links.chars, links.links];
    });
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
    return this.store?.made ?? 0;
  }

  async save(): Promise<void> {
    this.store?.save();
    await this.gzipPieces.save();
    this.layouts?.save();
    this.sizes?.save();
  }
}

/** How many rows, their text's length and their hyperlinks. */
export interface RowSizes {
  count: number;
  chars: number;
  links: number;
}

function rowSizes(rows: readonly XlsxRow[]): RowSizes {
  let chars = 0;
  let links = 0;
  for (const row of rows) {
    chars += row.cells.length;
    links += row.links.length / 2;
  }
  return { count: rows.length, chars, links };
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
