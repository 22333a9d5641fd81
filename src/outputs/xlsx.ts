// The DataPress Excel export: one workbook with sheets `datasets`, `resources` and `links`, each a
// filterable table under a frozen header, with real dates, numbers and hyperlinks.
//
// Written by hand, not by a spreadsheet library: each dataset's rows are sheet XML made once and
// kept between builds (xlsx-rows.ts, through export-fragments.ts), so a build only puts the kept rows
// one after the other, numbers them, and zips them (zip-file.ts), each sheet in deflated pieces also
// kept between builds (deflated-pieces.ts). exceljs, which the build used before, takes cell values
// only and makes every row again each time (see docs/decisions/).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/model.ts';
import { ExportFragments, type RowSizes, type SheetSizes } from './export-fragments.ts';
import { sinkFor } from './output-sink.ts';
import { datasetTables, type ColumnFormat } from './tabular.ts';
import * as parts from './xlsx-parts.ts';
import { headerRow, rowMark, type XlsxRow, type XlsxRows } from './xlsx-rows.ts';
import { datasetKeys } from './kept-gzip.ts';
import { contentRuns, DeflatedPieces, workbookRuns } from './deflated-pieces.ts';
import { valueDigest } from './value-digest.ts';
import { deflateTextNow, EncodingRing, ZipFile, zipPiecesInFlight, type DeflatedPiece } from './zip-file.ts';

export { excelCellLimit } from './xlsx-rows.ts';

export const exportXlsxPath = 'api/datasets/export.xlsx';

interface Sheet extends parts.SheetPart {
  name: keyof XlsxRows;
  columns: ColumnFormat[];
  /** The header and every data row. */
  rowCount: number;
}

/** A dataset's rows of one sheet, by its digest: their sizes, and the rows made only when its run's pieces are made again. */
interface Kept extends RowSizes {
  id: string;
  digest: string;
  rows: () => XlsxRow[];
}

/**
 * Memory: the kept rows are already in the export store; the file is written a piece at a time.
 * Each sheet is deflated in runs of datasets cut by content (deflated-pieces.ts), kept between
 * builds: an edit deflates one run of each sheet again, and a run kept whole is not even made
 * into text (its checksum and length are kept with it; the runs are cut by each dataset's kept
 * sizes, so when the previous output is patched a kept run's rows are not even made). Without a cache a sheet's rows are made
 * a run at a time (export-fragments.ts) and let go once deflated: gathered for all three sheets
 * they were about 1.1 GiB alive at 100,000 datasets, for one sheet most of the exports' garbage
 * collection.
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
  // Worked out once for the exports' other files (kept-gzip.ts), which are written first.
  const { digests } = datasetKeys(catalogue.datasets);
  // With a cache: each dataset's sizes in the sheets, looked up once (a lookup a dataset and sheet,
  // each making objects for its answer, was most of an edit's workbook on this thread).
  const sizes = fragments.keepsSizes ? catalogue.datasets.map((dataset, at) => fragments.sheetSizes(dataset, digests[at]!)) : null;
  // The rows' text reads the columns (the site's custom fields) besides each dataset, as the kept rows do.
  const pieces = new DeflatedPieces('xlsx-pieces', valueDigest(sheets.map((sheet) => sheet.columns)), workbookRuns);

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
      // The sheet's hyperlinks and their relationships follow its rows: made run by run beside them.
      const links = new SheetLinks(sheet.name, pieces);
      await zip.addDeflated(parts.sheetPath(index), sheetPieces(sheet, keptRows(catalogue, digests, fragments, sheet.name, sizes), links, pieces));
      if (links.any) await zip.addDeflated(parts.sheetRelationshipsPath(index), [deflateTextNow(parts.relationshipsStart), ...links.relationships, deflateTextNow(parts.relationshipsEnd)]);
    }
    await zip.close();
  } catch (error) {
    await zip.abandon();
    throw error;
  }
  await pieces.save();
  sinkFor(outDir).written(exportXlsxPath);
}

const digestsOf = (run: readonly Kept[]) => run.map(({ digest }) => digest).join(' ');

/** The datasets with rows in the sheet, in order, their rows made (or read from the store) only when needed. */
function* keptRows(catalogue: Catalogue, digests: readonly string[], fragments: ExportFragments, sheet: keyof XlsxRows, sizes: readonly SheetSizes[] | null): Generator<Kept> {
  const { datasets } = catalogue;
  if (sizes) {
    // The sizes looked up once for the three sheets; the rows made only for a run deflated again.
    const from = sheetOrder.indexOf(sheet) * 3;
    for (let at = 0; at < datasets.length; at++) {
      const count = sizes[at]![from]!;
      if (count === 0) continue;
      // Made once, when its run's text, hyperlinks or relationships are made (all three read them).
      let rows: XlsxRow[] | null = null;
      yield { id: datasets[at]!.id, digest: digests[at]!, count, chars: sizes[at]![from + 1]!, links: sizes[at]![from + 2]!, rows: () => (rows ??= fragments.xlsxRows(datasets[at]!, sheet)) };
    }
    return;
  }
  for (const [at, dataset] of datasets.entries()) {
    const part = fragments.sheetPart(dataset, digests[at]!, sheet);
    if (part.count > 0) yield { id: dataset.id, digest: digests[at]!, ...part };
  }
}

const sheetOrder = ['datasets', 'resources', 'links'] as const;

/**
 * A sheet's XML as deflated pieces: its start, its rows a run at a time, its hyperlinks a run at a
 * time, its end. The runs are cut as the rows come, so without a cache only a run's rows are alive
 * at a time (the sheet's every row, held to its end, was most of the exports' garbage collection).
 */
function* sheetPieces(sheet: Sheet, kept: Iterable<Kept>, links: SheetLinks, pieces: DeflatedPieces): Generator<DeflatedPiece | Promise<DeflatedPiece>> {
  yield deflateTextNow(parts.sheetStart(sheet.columns, sheet.rowCount, headerRow(sheet.columns)));
  let number = 2;
  let link = 1;
  // The rows' text encoded into buffers used again in turn (zip-file.ts `EncodingRing`): the zip
  // pulls a piece only once fewer than `zipPiecesInFlight` are being deflated.
  const ring = new EncodingRing(zipPiecesInFlight + 1);
  for (const run of contentRuns(kept, ({ id }) => id, ({ chars }) => chars, pieces.runs)) {
    const first = number;
    const digests = pieces.keeps ? digestsOf(run) : '';
    yield pieces.piece(pieces.keeps ? [sheet.name, 'rows', String(first), digests] : null, () => {
      let text = '';
      let row = first;
      // split and join: 1.5 to 2 times as fast as replaceAll for the twenty-odd marks of a row (a micro-benchmark).
      for (const { rows } of run) for (const { cells } of rows()) text += cells.split(rowMark).join(String(row++));
      return text;
    }, ring);
    links.add(run, digests, first, link);
    for (const part of run) {
      number += part.count;
      link += part.links;
    }
  }
  if (!links.any) {
    yield deflateTextNow(parts.sheetRowsEnd(sheet.columns, sheet.rowCount) + parts.sheetEnd);
    return;
  }
  yield deflateTextNow(parts.sheetRowsEnd(sheet.columns, sheet.rowCount) + parts.hyperlinksStart);
  yield* links.hyperlinks;
  yield deflateTextNow(parts.hyperlinksEnd + parts.sheetEnd);
}

/**
 * A sheet's hyperlinks (after its rows) and their addresses (the sheet's relationships), one piece
 * of each a run, made while the run's rows are at hand. A sheet with no hyperlink at all has neither:
 * the runs before the first hyperlink wait (their pieces are empty text) until one comes.
 */
class SheetLinks {
  readonly hyperlinks: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
  readonly relationships: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
  /** Whether the sheet has a hyperlink so far. */
  any = false;
  private waiting: { digests: string; firstRow: number; firstLink: number }[] = [];
  private readonly sheet: keyof XlsxRows;
  private readonly pieces: DeflatedPieces;

  constructor(sheet: keyof XlsxRows, pieces: DeflatedPieces) {
    this.sheet = sheet;
    this.pieces = pieces;
  }

  /** A run whose rows start at row `firstRow` and whose hyperlinks (if any) at `firstLink`. */
  add(run: readonly Kept[], digests: string, firstRow: number, firstLink: number): void {
    if (!this.any) {
      if (!run.some(({ links }) => links > 0)) {
        this.waiting.push({ digests, firstRow, firstLink });
        return;
      }
      this.any = true;
      for (const waited of this.waiting.splice(0)) this.make(waited.digests, waited.firstRow, waited.firstLink, () => '', () => '');
    }
    this.make(
      digests,
      firstRow,
      firstLink,
      () => {
        let text = '';
        let [row, next] = [firstRow, firstLink];
        for (const { rows } of run) {
          for (const { links } of rows()) {
            for (let at = 0; at < links.length; at += 2) text += parts.hyperlink(`${links[at]}${row}`, next++);
            row++;
          }
        }
        return text;
      },
      () => {
        let text = '';
        let next = firstLink;
        for (const { rows } of run) {
          for (const { links } of rows()) {
            for (let at = 1; at < links.length; at += 2) text += parts.hyperlinkRelationship(next++, links[at]!);
          }
        }
        return text;
      },
    );
  }

  private make(digests: string, firstRow: number, firstLink: number, hyperlinks: () => string, relationships: () => string): void {
    const { keeps } = this.pieces;
    this.hyperlinks.push(this.pieces.piece(keeps ? [this.sheet, 'hyperlinks', String(firstRow), String(firstLink), digests] : null, hyperlinks));
    this.relationships.push(this.pieces.piece(keeps ? [this.sheet, 'relationships', String(firstLink), digests] : null, relationships));
    // Awaited in turn by the zip; a failure before its turn must not go unhandled meanwhile.
    for (const piece of [this.hyperlinks.at(-1), this.relationships.at(-1)]) if (piece instanceof Promise) piece.catch(() => {});
  }
}

/** The newest `updatedAt` in the catalogue, or 2000-01-01 when none is known. */
export function newestUpdate(catalogue: Pick<Catalogue, 'datasets'>): Date {
  let newest = Date.UTC(2000, 0, 1);
  // Dates of `Date#toISOString`'s shape (as loading writes every date) order as their text does:
  // the newest of them is found by comparing code units and parsed once, not every date parsed
  // (10,000 `Date.parse` calls, on every edit). Any other shape is parsed, and so is a day from
  // the 29th or the hour 24, which `Date.parse` may roll over into the next month or day.
  let newestMoment: string | null = null;
  for (const dataset of catalogue.datasets) {
    const { updatedAt } = dataset;
    if (!updatedAt) continue;
    if (isoMoment.test(updatedAt) && !mayRollOver(updatedAt)) {
      if (newestMoment === null || updatedAt > newestMoment) newestMoment = updatedAt;
      continue;
    }
    const updated = Date.parse(updatedAt);
    if (updated > newest) newest = updated;
  }
  if (newestMoment !== null) {
    const updated = Date.parse(newestMoment);
    // Of that shape but no date (a 13th month): every one parsed.
    if (Number.isNaN(updated)) return newestParsed(catalogue);
    if (updated > newest) newest = updated;
  }
  return new Date(newest);
}

const isoMoment = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Of `isoMoment`'s shape, a day from the 29th or the hour 24: a date `Date.parse` may take as a later one than it says (`2024-02-31` is 2 March). */
const mayRollOver = (moment: string) => moment[8]! > '2' || (moment[8] === '2' && moment[9] === '9') || (moment[11] === '2' && moment[12]! >= '4');

function newestParsed(catalogue: Pick<Catalogue, 'datasets'>): Date {
  let newest = Date.UTC(2000, 0, 1);
  for (const dataset of catalogue.datasets) {
    const updated = dataset.updatedAt ? Date.parse(dataset.updatedAt) : Number.NaN;
    if (updated > newest) newest = updated;
  }
  return new Date(newest);
}
