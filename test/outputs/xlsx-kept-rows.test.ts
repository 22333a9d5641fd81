// The Excel export as this project writes it by hand: each dataset's rows kept between builds
// (an edit makes one dataset's rows again and gives the bytes of a fresh workbook), every text
// escaped for XML whatever characters it holds, and a zip that independent readers check whole.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { ExportFragments, type ExportFragment } from '../../src/outputs/export-fragments.ts';
import { excelCellLimit, exportXlsxPath, writeExportXlsx } from '../../src/outputs/xlsx.ts';
import { loadExportsFixture, temporaryOutDir } from './exports-fixture.ts';
import { plantInStore, removeStore } from '../helpers/fragment-store.ts';
import { pieceFiles } from '../helpers/piece-files.ts';

const python = '/usr/bin/python3';
const reader = fileURLToPath(new URL('read-xlsx.py', import.meta.url));

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
afterEach(() => {
  configureFragments(null);
});

async function write(catalogue: Catalogue, fragments?: ExportFragments): Promise<string> {
  const outDir = await temporaryOutDir();
  dirs.push(outDir);
  await writeExportXlsx(catalogue, outDir, fragments);
  return path.join(outDir, exportXlsxPath);
}

async function sheetRows(file: string, name: string): Promise<ExcelJS.Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: ExcelJS.Row[] = [];
  workbook.getWorksheet(name)!.eachRow((row) => rows.push(row));
  return rows;
}

describe("the workbook's kept rows", () => {
  async function store() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'datashelf-xlsx-store-'));
    dirs.push(dir);
    const config = { dir, key: 'test', reuse: true };
    configureFragments(config);
    return config;
  }

  it('are made again for the edited dataset alone, and give the bytes of a workbook made afresh', async () => {
    await store();
    const first = await loadExportsFixture();
    const firstFragments = new ExportFragments(first);
    await write(first, firstFragments);
    expect(firstFragments.made).toBe(first.datasets.length);
    await firstFragments.save();

    const edited = await loadExportsFixture();
    edited.datasets[1]!.title = 'A title & a <new> one';
    const editedFragments = new ExportFragments(edited);
    const reused = await readFile(await write(edited, editedFragments));
    expect(editedFragments.made).toBe(1);

    configureFragments(null);
    const fresh = await write(await loadExportsFixture().then((catalogue) => ((catalogue.datasets[1]!.title = 'A title & a <new> one'), catalogue)));
    expect(reused.equals(await readFile(fresh))).toBe(true);
    expect((await sheetRows(fresh, 'datasets'))[2]!.getCell(3).value).toBe('A title & a <new> one');
  });

  it('are read from the store, not made from the catalogue again', async () => {
    const config = await store();
    const catalogue = await loadExportsFixture();
    const fragments = new ExportFragments(catalogue);
    await write(catalogue, fragments);
    await fragments.save();
    // Plant a title in every kept datasets row: only a writer that uses the kept rows shows it.
    plantInStore<ExportFragment>(config.dir, 'exports', (fragment) => {
      for (const row of fragment.xlsx.datasets) row.cells = row.cells.replace(/(<c r="C\u0001" t="inlineStr"><is><t>)[^<]*/, '$1PLANTED');
      return fragment;
    });
    // The sheets' deflated pieces are kept too (by the rows' digests): without them, the pieces are made from the kept rows.
    removeStore(config.dir, 'xlsx-pieces');

    const again = new ExportFragments(await loadExportsFixture());
    const rows = await sheetRows(await write(await loadExportsFixture(), again), 'datasets');
    expect(again.made).toBe(0);
    expect(rows.slice(1).map((row) => row.getCell(3).value)).toEqual(catalogue.datasets.map(() => 'PLANTED'));
  });
});

describe("the workbook's deflated pieces", () => {
  /** The fixture's first dataset copied `count` times: a workbook of several pieces a sheet. */
  async function copies(count: number, edit: (datasets: Catalogue['datasets']) => void = () => {}): Promise<Catalogue> {
    const catalogue = await loadExportsFixture();
    const [model] = catalogue.datasets;
    catalogue.datasets = Array.from({ length: count }, (_, index) => ({ ...structuredClone(model!), id: `copy-${String(index).padStart(4, '0')}`, title: `Copy ${index}` }));
    edit(catalogue.datasets);
    return catalogue;
  }

  /** The digests of the pieces kept after a build. */
  function keptPieces(dir: string): Set<string> {
    return new Set(pieceFiles(dir, 'xlsx-pieces').map((file) => path.basename(file)));
  }

  it('are deflated again only where an edit, an addition or a removal falls, and give the bytes of a workbook made afresh', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'datashelf-xlsx-pieces-'));
    dirs.push(dir);
    const steps: [string, (datasets: Catalogue['datasets']) => void][] = [
      ['as it was', () => {}],
      ['one title edited', (datasets) => void (datasets[700]!.title = 'An edited title')],
      ['one added at the end', (datasets) => void datasets.push({ ...structuredClone(datasets[0]!), id: 'copy-added', title: 'Added' })],
      ['one removed', (datasets) => void datasets.splice(1200, 1)],
    ];
    let before: Set<string> | null = null;
    for (const [index, [step]] of steps.entries()) {
      // Each step on top of the ones before it.
      const edit = (datasets: Catalogue['datasets']) => steps.slice(0, index + 1).forEach(([, change]) => change(datasets));
      configureFragments({ dir, key: 'test', reuse: true });
      const fragments = new ExportFragments(await copies(1500, edit));
      const kept = await readFile(await write(await copies(1500, edit), fragments));
      await fragments.save();
      const after = keptPieces(dir);
      configureFragments(null);
      const fresh = await readFile(await write(await copies(1500, edit)));
      expect(kept.equals(fresh), step).toBe(true);
      if (before) {
        const made = [...after].filter((digest) => !before!.has(digest)).length;
        console.log(`${step}: ${made} of ${after.size} pieces deflated again`);
        // Several pieces a sheet; an edit or an addition at the end makes at most three again (rows,
        // hyperlinks, relationships) in each sheet; a removal every piece after it (the rows' numbers move).
        expect(after.size, step).toBeGreaterThan(20);
        if (step !== 'one removed') expect(made, step).toBeLessThanOrEqual(9);
        else expect(made, step).toBeLessThan(after.size);
      }
      before = after;
    }
    const rows = await sheetRows(await write(await copies(1500, (datasets) => steps.forEach(([, change]) => change(datasets)))), 'datasets');
    expect(rows).toHaveLength(1501);
    expect(rows[701]!.getCell(3).value).toBe('An edited title');
    expect(rows[1201]!.getCell(3).value).toBe('Copy 1201');
    expect(rows[1500]!.getCell(3).value).toBe('Added');
  });
});

describe('text in the workbook', () => {
  // Every C0 control, DEL, the two non-characters, both halves of a surrogate pair alone, a pair
  // whole, markup characters and a carriage return.
  const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
  const hostile = `a${controls}b\u007Fc\uFFFE\uFFFFd\uD800e\uDC00f\u{1F32B}g<&>"'h\r\ni`;
  // What XML can carry of it: tab, line feed and carriage return stay; a lone half becomes U+FFFD.
  const kept = `a\t\n\rb` + `cd\uFFFDe\uFFFDf\u{1F32B}g<&>"'h\r\ni`;

  it('keeps every character XML can hold, drops the rest, and is read alike by exceljs and openpyxl', async () => {
    const catalogue = await loadExportsFixture();
    const [airQuality] = catalogue.datasets;
    airQuality!.title = hostile;
    airQuality!.resources[0]!.url = `https://files.example/a b?q=1&r="2"<3>'\u0001${controls}`;
    // A long text of markup characters: the cell limit counts characters, not their escapes.
    airQuality!.resources[0]!.description = '&'.repeat(excelCellLimit + 10);
    const file = await write(catalogue);

    const [, datasetRow] = await sheetRows(file, 'datasets');
    expect(datasetRow!.getCell(3).value).toBe(kept);
    const [, resourceRow] = await sheetRows(file, 'resources');
    expect(resourceRow!.getCell(3).value).toMatchObject({ hyperlink: `https://files.example/a b?q=1&r="2"<3>'\t\n\r` });
    expect(resourceRow!.getCell(5).value).toBe('&'.repeat(excelCellLimit - 1) + '\u2026');

    const sheets = JSON.parse(execFileSync(python, [reader, file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { name: string; rows: Record<string, { value: unknown; hyperlink: string | null }>[] }[];
    expect(sheets[0]!.rows[0]!.title!.value).toBe(kept);
    expect(sheets[1]!.rows[0]!.url!.hyperlink).toBe(`https://files.example/a b?q=1&r="2"<3>'\t\n\r`);
    expect(sheets[1]!.rows[0]!.description!.value).toBe('&'.repeat(excelCellLimit - 1) + '\u2026');
  });
});

describe('the zip of a workbook larger than one compressed piece', () => {
  it('passes Python zipfile’s check of every entry, with every entry dated by the catalogue', async () => {
    const catalogue = await loadExportsFixture();
    const [model] = catalogue.datasets;
    // About 3 MB of sheet XML: several pieces deflated apart and put end to end.
    catalogue.datasets = Array.from({ length: 2000 }, (_, index) => ({ ...structuredClone(model!), id: `copy-${index}` }));
    const file = await write(catalogue);
    const check = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({"bad": z.testzip(), "dates": sorted({i.date_time for i in z.infolist()}), "sizes": {i.filename: i.file_size for i in z.infolist()}}))
`;
    const result = JSON.parse(execFileSync(python, ['-c', check, file], { encoding: 'utf8' })) as { bad: string | null; dates: number[][]; sizes: Record<string, number> };
    expect(result.bad).toBeNull();
    expect(result.dates).toEqual([[2025, 1, 21, 16, 10, 2]]);
    expect(result.sizes['xl/worksheets/sheet1.xml']).toBeGreaterThan(2 << 20);
    const rows = await sheetRows(file, 'resources');
    expect(rows.length).toBe(1 + 2000 * model!.resources.length);
    expect(rows.at(-1)!.getCell(11).value).toBe('copy-1999');
  });
});
