import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { exportDatasetsCsvPath, exportResourcesCsvPath, writeExportCsvs } from '../../src/outputs/csv.ts';
import { expectGolden } from '../helpers/golden.ts';
import { goldenDir, loadExportsFixture, temporaryOutDir } from './exports-fixture.ts';

const outDirs: string[] = [];
afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeCsvs(catalogue: Catalogue): Promise<{ datasets: Buffer; resources: Buffer }> {
  const outDir = await temporaryOutDir();
  outDirs.push(outDir);
  await writeExportCsvs(catalogue, outDir);
  return {
    datasets: await readFile(path.join(outDir, exportDatasetsCsvPath)),
    resources: await readFile(path.join(outDir, exportResourcesCsvPath)),
  };
}

const readRecords = (csv: Buffer): Record<string, string>[] => parse(csv, { bom: true, columns: true });

const airQualityTitle = 'Air quality: NO\u2082 readings, Caf\u00e9 Street \u{1F32B}\uFE0F';
const formulaTitle = `'=HYPERLINK("https://evil.example/steal","Click me")`;

describe('the CSV exports of the fixture catalogue', () => {
  let csv: { datasets: Buffer; resources: Buffer };
  beforeAll(async () => {
    csv = await writeCsvs(await loadExportsFixture());
  });

  it.each([
    ['export.datasets.csv', 'datasets'],
    ['export.resources.csv', 'resources'],
  ] as const)('%s matches the reviewed golden file byte for byte', (name, table) => {
    expectGolden(csv[table], path.join(goldenDir, name));
  });

  it('is UTF-8 with a BOM and CRLF between records, and keeps a multi-line description in one quoted field', () => {
    const text = csv.datasets.toString('utf8');
    expect([...csv.datasets.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.indexOf('\uFEFF', 1)).toBe(-1);
    expect(text.endsWith('\r\n')).toBe(true);
    // Three records (header and two datasets): every other line break is inside a quoted field.
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text).toContain('"Nitrogen dioxide readings, by site and month, in ""annual means"", commas and all.\nSites:');
    // A line break alone is reason enough to quote.
    expect(csv.resources.toString('utf8')).toContain(',"Where the tubes are\nUpdated each January",');
  });

  it('has one row per public dataset, with every column as a consumer reads it back', () => {
    expect(readRecords(csv.datasets)).toEqual([
      {
        webpage: 'https://data.exports.example/dataset/air-quality/',
        id: 'air-quality',
        title: airQualityTitle,
        description:
          'Nitrogen dioxide readings, by site and month, in "annual means", commas and all.\n' +
          'Sites: Zoe\u0301 Road, \u05e9\u05d3\u05e8\u05d5\u05ea \u05e8\u05d5\u05d8\u05e9\u05d9\u05dc\u05d3 and \u0627\u0644\u0634\u0627\u0631\u0639 \u0627\u0644\u0631\u0626\u064a\u0633\u064a \u{1F6B2}.',
        mastheadId: 'river',
        mastheadTitle: 'The River at Dawn',
        tags: "'+44 tag; Air Quality; Pollution",
        topics: 'Environment and Climate; Council & Democracy',
        nextReviewDate: '2025-06-30',
        licenceTitle: 'UK Open Government Licence (OGL v3)',
        licenceUrl: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
        contactTitle: 'Air Quality Team',
        contactEmail: 'air@exports.example',
        unit: 'Environmental Health',
        geography: 'North Ward; Ward 7 (\u0627\u0644\u0639\u0631\u0628\u064a\u0629)',
        'custom.title': '',
        sharing: 'public',
        teamId: 'environment',
        teamTitle: 'Environment & Neighbourhoods',
        createdAt: '2019-02-05T16:34:18.000Z',
        updatedAt: '2025-01-21T16:10:03.385Z',
      },
      {
        webpage: 'https://data.exports.example/dataset/formula-title/',
        id: 'formula-title',
        title: formulaTitle,
        description: '',
        mastheadId: '',
        mastheadTitle: '',
        // Only the start of a cell matters to a spreadsheet: a later tag is left as written.
        tags: 'Safe tag; @mention',
        topics: 'Council & Democracy',
        nextReviewDate: '',
        licenceTitle: 'Other (not open)',
        licenceUrl: '',
        // No contact of its own: the catalogue's.
        contactTitle: 'Open Data Team',
        contactEmail: 'opendata@exports.example',
        unit: "'-2+3+cmd|' /C calc'!A0",
        geography: '',
        'custom.title': "'=1+1",
        sharing: 'public',
        teamId: 'resources',
        teamTitle: 'Corporate Resources',
        createdAt: '2020-03-01T09:00:00.000Z',
        updatedAt: '2024-11-05T12:00:00.000Z',
      },
    ]);
  });

  it('has one row per resource, with its dataset id and title', () => {
    const common = { datasetId: 'air-quality', datasetTitle: airQualityTitle, webpage: 'https://data.exports.example/dataset/air-quality/' };
    expect(readRecords(csv.resources)).toEqual([
      {
        id: 'readings',
        title: 'Diffusion tube readings 2024',
        url: 'https://data.exports.example/download/air-quality/readings/readings.csv',
        filename: 'readings.csv',
        description: 'Monthly means, in \u00b5g/m\u00b3; "provisional" until ratified.',
        timeFrameFrom: '2024-01',
        timeFrameTo: '2024-12',
        size: '65',
        hash: '6bb39be7db5009f581e2eb99a8ba810a',
        timestamp: '2025-01-20T09:30:00',
        ...common,
      },
      {
        id: 'sites',
        title: 'Monitoring sites',
        url: 'https://maps.exports.example/air/sites.geojson',
        filename: 'sites.geojson',
        description: 'Where the tubes are\nUpdated each January',
        timeFrameFrom: '',
        timeFrameTo: '',
        size: '',
        hash: '',
        timestamp: '',
        ...common,
      },
      {
        id: 'report',
        title: 'Annual report',
        url: 'https://files.exports.example/reports/annual%20report.pdf',
        filename: 'annual report.pdf',
        description: "'@SUM(1+1)*cmd|' /C calc'!A0",
        timeFrameFrom: '',
        timeFrameTo: '',
        size: '',
        hash: '',
        timestamp: '',
        datasetId: 'formula-title',
        datasetTitle: formulaTitle,
        webpage: 'https://data.exports.example/dataset/formula-title/',
      },
    ]);
  });

  it('leaves out a private dataset and its resources entirely', () => {
    for (const file of [csv.datasets, csv.resources]) {
      expect(file.toString('utf8')).not.toMatch(/private-draft|secret|A private draft/);
    }
  });
});

describe('CSV cells', () => {
  it('keep a negative number a number, and neutralise the same text', async () => {
    const catalogue = await loadExportsFixture();
    const [readings] = catalogue.datasets[0]!.resources;
    readings!.size = -5;
    readings!.title = '-5';
    const [record] = readRecords((await writeCsvs(catalogue)).resources);
    expect(record).toMatchObject({ size: '-5', title: "'-5" });
  });

  it('of an empty catalogue are a header row and nothing else', async () => {
    const catalogue = await loadExportsFixture();
    catalogue.datasets = [];
    const { datasets, resources } = await writeCsvs(catalogue);
    expect(resources.toString('utf8')).toBe('\uFEFFid,title,url,filename,description,timeFrameFrom,timeFrameTo,size,hash,timestamp,datasetId,datasetTitle,webpage\r\n');
    expect(datasets.toString('utf8')).toMatch(/^\uFEFFwebpage,id,title,.*,createdAt,updatedAt\r\n$/);
  });
});
