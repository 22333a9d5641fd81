// The Excel export opened by LibreOffice (a third reader, the one closest to a desktop spreadsheet),
// each sheet saved as CSV and compared with the project's own CSVs. Runs where LibreOffice is
// installed (`apt-get install libreoffice-calc-nogui`); about 8 s, most of it LibreOffice starting.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDatasetsCsvPath, exportResourcesCsvPath, writeExportCsvs } from '../../src/outputs/csv.ts';
import { exportXlsxPath, writeExportXlsx } from '../../src/outputs/xlsx.ts';
import { loadExportsFixture, temporaryOutDir } from './exports-fixture.ts';

const soffice = '/usr/bin/soffice';

describe.skipIf(!existsSync(soffice))('the Excel export of the fixture catalogue, opened by LibreOffice', () => {
  let outDir: string;
  const converted = (sheet: string) => path.join(outDir, 'libreoffice', `export-${sheet}.csv`);

  beforeAll(async () => {
    const catalogue = await loadExportsFixture();
    outDir = await temporaryOutDir();
    await writeExportXlsx(catalogue, outDir);
    await writeExportCsvs(catalogue, outDir);
    // Every sheet (the last option, -1) as UTF-8 (76) CSV, cells as shown; a profile of its own, so
    // that no other LibreOffice holds its lock.
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(outDir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', path.join(outDir, 'libreoffice'), path.join(outDir, exportXlsxPath)], { stdio: 'pipe', timeout: 120_000 });
  }, 150_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it.each([
    ['datasets', exportDatasetsCsvPath],
    ['resources', exportResourcesCsvPath],
  ])('the %s sheet shows every value of its CSV, dates in their number format', async (sheet, csvPath) => {
    const ours: Record<string, string>[] = parse(await readFile(path.join(outDir, csvPath)), { bom: true, columns: true });
    const shown: Record<string, string>[] = parse(await readFile(converted(sheet)), { columns: true });
    expect(shown.length).toBe(ours.length);
    expect(shown.map((record) => Object.keys(record))).toEqual(ours.map((record) => Object.keys(record)));
    expect(shown).toEqual(ours.map((record) => Object.fromEntries(Object.entries(record).map(([header, value]) => [header, asShown(value)]))));
  });

  it('has the links sheet, its row whole', async () => {
    const shown: Record<string, string>[] = parse(await readFile(converted('links')), { columns: true });
    expect(shown).toEqual([expect.objectContaining({ id: 'defra', url: 'https://uk-air.defra.gov.uk/', httpStatus: '', datasetId: 'air-quality' })]);
  });
});

/** A CSV field as the sheet's number formats show it: a date `yyyy-mm-dd`, a moment `yyyy-mm-dd hh:mm:ss` in UTC. */
function asShown(field: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z)?$/.test(field)) {
    return new Date(field.endsWith('Z') ? field : `${field}Z`).toISOString().slice(0, 19).replace('T', ' ');
  }
  return field;
}
