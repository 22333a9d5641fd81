import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { exportDatasetsCsvPath, exportResourcesCsvPath, writeExportCsvs } from '../../src/outputs/csv.ts';
import { excelCellLimit, exportXlsxPath, writeExportXlsx } from '../../src/outputs/xlsx.ts';
import { loadExportsFixture, temporaryOutDir } from './exports-fixture.ts';

const outDirs: string[] = [];
afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeXlsx(catalogue: Catalogue): Promise<{ outDir: string; bytes: Buffer }> {
  const outDir = await temporaryOutDir();
  outDirs.push(outDir);
  await writeExportXlsx(catalogue, outDir);
  return { outDir, bytes: await readFile(path.join(outDir, exportXlsxPath)) };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The sheet's cells as a header → cell map per data row. */
function records(worksheet: ExcelJS.Worksheet): Map<string, ExcelJS.Cell>[] {
  const headers = (worksheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Map<string, ExcelJS.Cell>[] = [];
  for (let number = 2; number <= worksheet.rowCount; number++) {
    const row = worksheet.getRow(number);
    rows.push(new Map(headers.map((header, index) => [header, row.getCell(index + 1)])));
  }
  return rows;
}

describe('the Excel export of the fixture catalogue', () => {
  let workbook: ExcelJS.Workbook;
  let outDir: string;
  beforeAll(async () => {
    const catalogue = await loadExportsFixture();
    ({ outDir } = await writeXlsx(catalogue));
    await writeExportCsvs(catalogue, outDir);
    workbook = await readWorkbook(await readFile(path.join(outDir, exportXlsxPath)));
  });

  it('has the sheets datasets, resources and links, in that order', () => {
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['datasets', 'resources', 'links']);
  });

  it.each([
    ['datasets', 'A1:U3'],
    ['resources', 'A1:M4'],
    ['links', 'A1:L2'],
  ])('%s: a frozen, bold, filled header row and a filter over the whole table (%s)', (name, range) => {
    const worksheet = sheet(workbook, name);
    expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(worksheet.autoFilter).toBe(range);
    worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => {
      expect(cell.font?.bold).toBe(true);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    });
    for (let column = 1; column <= worksheet.columnCount; column++) {
      const { width, header } = { width: worksheet.getColumn(column).width, header: String(worksheet.getRow(1).getCell(column).value) };
      expect(width).toBeGreaterThanOrEqual(Math.max(10, header.length + 4));
    }
  });

  it.each([
    ['datasets', exportDatasetsCsvPath],
    ['resources', exportResourcesCsvPath],
  ])('the %s sheet has the same columns and values as its CSV', async (name, csvPath) => {
    const csv: Record<string, string>[] = parse(await readFile(path.join(outDir, csvPath)), { bom: true, columns: true });
    const rows = records(sheet(workbook, name));
    expect(rows.map((row) => [...row.keys()])).toEqual(csv.map((record) => Object.keys(record)));
    rows.forEach((row, index) => {
      for (const [header, cell] of row) expect({ header, value: asCsvText(cell) }).toEqual({ header, value: asCsvText(csv[index]![header]!) });
    });
  });

  it('writes dates as dates, sizes as numbers and URLs as hyperlinks', () => {
    const [airQuality] = records(sheet(workbook, 'datasets'));
    expect(airQuality!.get('updatedAt')!.value).toEqual(new Date('2025-01-21T16:10:03.385Z'));
    expect(airQuality!.get('updatedAt')!.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(airQuality!.get('createdAt')!.value).toEqual(new Date('2019-02-05T16:34:18.000Z'));
    expect(airQuality!.get('nextReviewDate')!.value).toEqual(new Date('2025-06-30T00:00:00Z'));
    expect(airQuality!.get('nextReviewDate')!.numFmt).toBe('yyyy-mm-dd');
    expect(airQuality!.get('webpage')!.value).toEqual({ text: 'https://data.exports.example/dataset/air-quality/', hyperlink: 'https://data.exports.example/dataset/air-quality/' });
    expect(airQuality!.get('licenceUrl')!.type).toBe(ExcelJS.ValueType.Hyperlink);

    const [readings] = records(sheet(workbook, 'resources'));
    expect(readings!.get('size')!.value).toBe(65);
    // A resource's upload time is UTC without a zone, as DataPress writes it.
    expect(readings!.get('timestamp')!.value).toEqual(new Date('2025-01-20T09:30:00Z'));
    expect(readings!.get('url')!.hyperlink).toBe('https://data.exports.example/download/air-quality/readings/readings.csv');

    const [defra] = records(sheet(workbook, 'links'));
    expect(defra!.get('url')!.value).toEqual({ text: 'https://uk-air.defra.gov.uk/', hyperlink: 'https://uk-air.defra.gov.uk/' });
    expect(defra!.get('datasetTitle')!.value).toBe('Air quality: NO\u2082 readings, Caf\u00e9 Street \u{1F32B}\uFE0F');
    expect(defra!.get('httpStatus')!.value).toBeNull();
  });

  it('neutralises formula-looking text, and no cell is a formula', () => {
    const [, formula] = records(sheet(workbook, 'datasets'));
    expect(formula!.get('title')!.value).toBe(`'=HYPERLINK("https://evil.example/steal","Click me")`);
    expect(formula!.get('custom.title')!.value).toBe("'=1+1");
    expect(formula!.get('unit')!.value).toBe("'-2+3+cmd|' /C calc'!A0");
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
        }),
      );
    }
  });

  it('dates the workbook by the newest dataset update, not the clock', () => {
    expect(workbook.created).toEqual(new Date('2025-01-21T16:10:03Z'));
    expect(workbook.modified).toEqual(new Date('2025-01-21T16:10:03Z'));
  });

  it('leaves out a private dataset and its resources entirely', () => {
    for (const worksheet of workbook.worksheets) {
      worksheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.text)).not.toMatch(/private-draft|secret|A private draft/)));
    }
  });
});

describe('the Excel export', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is byte-identical when written again later', async () => {
    const catalogue = await loadExportsFixture();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-04T10:11:12Z'));
    const first = await writeXlsx(catalogue);
    vi.setSystemTime(new Date('2042-12-24T23:59:59Z'));
    const second = await writeXlsx(catalogue);
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it('is dated 2000-01-01 when no dataset has an update time', async () => {
    const catalogue = await loadExportsFixture();
    for (const dataset of catalogue.datasets) dataset.updatedAt = null;
    const workbook = await readWorkbook((await writeXlsx(catalogue)).bytes);
    expect(workbook.created).toEqual(new Date('2000-01-01T00:00:00Z'));
  });

  it('keeps a negative number a number', async () => {
    const catalogue = await loadExportsFixture();
    catalogue.datasets[0]!.resources[0]!.size = -5;
    const [readings] = records(sheet(await readWorkbook((await writeXlsx(catalogue)).bytes), 'resources'));
    expect(readings!.get('size')!.value).toBe(-5);
  });

  it('cuts text longer than an Excel cell can hold, which the CSV keeps whole', async () => {
    const catalogue = await loadExportsFixture();
    catalogue.datasets[0]!.descriptionText = 'x'.repeat(excelCellLimit - 2) + '\u{1F6B2}'.repeat(3);
    const [airQuality] = records(sheet(await readWorkbook((await writeXlsx(catalogue)).bytes), 'datasets'));
    const description = String(airQuality!.get('description')!.value);
    expect(description.length).toBeLessThanOrEqual(excelCellLimit);
    expect(description).toBe('x'.repeat(excelCellLimit - 2) + '\u2026');
  });

  it('of an empty catalogue has the three sheets with their header rows', async () => {
    const catalogue = await loadExportsFixture();
    catalogue.datasets = [];
    const workbook = await readWorkbook((await writeXlsx(catalogue)).bytes);
    expect(workbook.worksheets.map((worksheet) => [worksheet.name, worksheet.rowCount, worksheet.autoFilter])).toEqual([
      ['datasets', 1, 'A1:U1'],
      ['resources', 1, 'A1:M1'],
      ['links', 1, 'A1:L1'],
    ]);
  });
});

/**
 * A workbook cell or CSV field as comparable text. The CSV keeps the model's spellings of a moment
 * (`2025-01-15`, `2025-01-20T09:30:00` in UTC, `…T16:34:18.000Z`): both sides become the moment.
 */
function asCsvText(cell: ExcelJS.Cell | string): string {
  if (typeof cell === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(`${cell}T00:00:00Z`).toISOString();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(cell)) return new Date(`${cell}Z`).toISOString();
    return cell;
  }
  const { value } = cell;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'hyperlink' in value) return value.hyperlink;
  return String(value);
}
