// The Excel export read back by openpyxl (read-xlsx.py), a reader that shares no code with exceljs,
// which wrote it: a Python consumer must see the sheets, types and links the catalogue says.
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatasetsCsvPath, exportResourcesCsvPath, writeExportCsvs } from '../../src/outputs/csv.ts';
import { exportXlsxPath, writeExportXlsx } from '../../src/outputs/xlsx.ts';
import { loadExportsFixture, temporaryOutDir } from './exports-fixture.ts';

/** Debian's Python, which has python3-openpyxl (test/setup/system-deps.sh); a pyenv python3 would not. */
const python = '/usr/bin/python3';
const reader = fileURLToPath(new URL('read-xlsx.py', import.meta.url));

interface ReadCell {
  /** openpyxl's data type: s text, n number, d date, b boolean, f formula; null when empty. */
  type: 's' | 'n' | 'd' | 'b' | 'f' | null;
  /** A date as ISO 8601 in UTC. */
  value: string | number | boolean | null;
  hyperlink: string | null;
}
interface ReadSheet {
  name: string;
  frozen: string | null;
  autoFilter: string | null;
  header: string[];
  rows: Record<string, ReadCell>[];
}

const dateColumns = new Set(['nextReviewDate', 'createdAt', 'updatedAt', 'timestamp', 'qaTimestamp']);
const numberColumns = new Set(['size', 'httpStatus']);
const urlColumns = new Set(['webpage', 'licenceUrl', 'url']);
const airQualityTitle = 'Air quality: NO\u2082 readings, Caf\u00e9 Street \u{1F32B}\uFE0F';

describe('the Excel export of the fixture catalogue, read back with openpyxl', () => {
  let outDir: string;
  let sheets: ReadSheet[];
  const sheet = (name: string) => sheets.find((found) => found.name === name)!;

  beforeAll(async () => {
    const catalogue = await loadExportsFixture();
    outDir = await temporaryOutDir();
    await writeExportXlsx(catalogue, outDir);
    await writeExportCsvs(catalogue, outDir);
    sheets = JSON.parse(execFileSync(python, [reader, path.join(outDir, exportXlsxPath)], { encoding: 'utf8' })) as ReadSheet[];
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('has the sheets datasets, resources and links, each frozen below its header, with a filter over the whole table', () => {
    expect(sheets.map(({ name, frozen, autoFilter }) => ({ name, frozen, autoFilter }))).toEqual([
      { name: 'datasets', frozen: 'A2', autoFilter: 'A1:U3' },
      { name: 'resources', frozen: 'A2', autoFilter: 'A1:M4' },
      { name: 'links', frozen: 'A2', autoFilter: 'A1:L2' },
    ]);
  });

  it.each([
    ['datasets', exportDatasetsCsvPath],
    ['resources', exportResourcesCsvPath],
  ])('the %s sheet has the header row and every value of its CSV', async (name, csvPath) => {
    const csv: Record<string, string>[] = parse(await readFile(path.join(outDir, csvPath)), { bom: true, columns: true });
    expect(sheet(name).header).toEqual(Object.keys(csv[0]!));
    const cellTexts = sheet(name).rows.map((row) => Object.fromEntries(Object.entries(row).map(([header, cell]) => [header, cell.value === null ? '' : String(cell.value)])));
    expect(cellTexts).toEqual(csv.map((record) => Object.fromEntries(Object.entries(record).map(([header, value]) => [header, asMoment(value)]))));
  });

  it('types every cell by its column (date, number or text), has no formula, and makes every URL a hyperlink', () => {
    for (const { name, rows } of sheets) {
      for (const row of rows) {
        for (const [header, cell] of Object.entries(row)) {
          if (cell.value === null) continue;
          const type = dateColumns.has(header) ? 'd' : numberColumns.has(header) ? 'n' : 's';
          const hyperlink = urlColumns.has(header) ? cell.value : null;
          expect({ name, header, type: cell.type, hyperlink: cell.hyperlink }).toEqual({ name, header, type, hyperlink });
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }
  });

  it('holds the catalogue’s dates, numbers, links and neutralised formula text', () => {
    const [airQuality, formula] = sheet('datasets').rows;
    expect(airQuality!.updatedAt).toEqual({ type: 'd', value: '2025-01-21T16:10:03.385Z', hyperlink: null });
    expect(airQuality!.createdAt).toEqual({ type: 'd', value: '2019-02-05T16:34:18.000Z', hyperlink: null });
    expect(airQuality!.nextReviewDate).toEqual({ type: 'd', value: '2025-06-30T00:00:00.000Z', hyperlink: null });
    const webpage = 'https://data.exports.example/dataset/air-quality/';
    expect(airQuality!.webpage).toEqual({ type: 's', value: webpage, hyperlink: webpage });
    expect(formula!.title).toEqual({ type: 's', value: `'=HYPERLINK("https://evil.example/steal","Click me")`, hyperlink: null });
    expect(formula!['custom.title']!.value).toBe("'=1+1");
    expect(formula!.unit!.value).toBe("'-2+3+cmd|' /C calc'!A0");

    const [readings, , report] = sheet('resources').rows;
    expect(readings!.size).toEqual({ type: 'n', value: 65, hyperlink: null });
    // A resource's upload time is UTC without a zone, as DataPress writes it.
    expect(readings!.timestamp).toEqual({ type: 'd', value: '2025-01-20T09:30:00.000Z', hyperlink: null });
    const download = 'https://data.exports.example/download/air-quality/readings/readings.csv';
    expect(readings!.url).toEqual({ type: 's', value: download, hyperlink: download });
    expect(report!.description!.value).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");

    const text = (value: string) => ({ type: 's', value, hyperlink: null });
    const link = (value: string) => ({ type: 's', value, hyperlink: value });
    const empty = { type: null, value: null, hyperlink: null };
    expect(sheet('links').rows).toEqual([
      {
        id: text('defra'),
        title: text('DEFRA UK-AIR'),
        url: link('https://uk-air.defra.gov.uk/'),
        description: text('National air quality data, from the "AURN" network.'),
        httpStatus: empty,
        size: empty,
        mimetype: empty,
        hash: empty,
        qaTimestamp: empty,
        datasetId: text('air-quality'),
        datasetTitle: text(airQualityTitle),
        webpage: link(webpage),
      },
    ]);
  });

  it('leaves out a private dataset and its resources entirely', () => {
    expect(JSON.stringify(sheets)).not.toMatch(/private-draft|secret|A private draft/);
  });
});

/** A CSV field as the moment it spells (`2025-01-15`, `2025-01-20T09:30:00` in UTC), else as it is. */
function asMoment(field: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(field)) return new Date(`${field}T00:00:00Z`).toISOString();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(field)) return new Date(`${field}Z`).toISOString();
  return field;
}
