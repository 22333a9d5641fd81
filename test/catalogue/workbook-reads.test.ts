// The same workbook read many times gives the same preview and header every time. exceljs's
// streaming reader (unzipper's Parse underneath) sometimes ended before the zip's last entries and
// gave no rows, or cells without their shared strings (docs/decisions/data-previews.md, "How an
// XLSX file is read"). Two entry orders: ExcelJS's (xl/workbook.xml last) and Excel's
// (xl/sharedStrings.xml after the worksheets).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeaderRow } from '../../src/catalogue/previews/header-row.ts';
import { readWorkbookTable } from '../../src/catalogue/previews/workbook-table.ts';
import { ZipFile } from '../../src/outputs/zip-file.ts';

const reads = 200;
/** Reads at a time: the build previews files side by side, and the fault showed more under load. */
const together = 4;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'datashelf-workbook-reads-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every one of `count` results of `read`, `together` at a time, as JSON. */
async function readMany(count: number, read: () => Promise<unknown>): Promise<string[]> {
  const results: string[] = [];
  for (let start = 0; start < count; start += together) {
    const batch = Array.from({ length: Math.min(together, count - start) }, read);
    for (const result of await Promise.all(batch)) results.push(JSON.stringify(result));
  }
  return results;
}

/** The distinct results and how many times each came, so a failure shows what went wrong. */
function tally(results: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result] = (counts[result] ?? 0) + 1;
  return counts;
}

async function exceljsWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const first = workbook.addWorksheet('Visits');
  first.addRow(['Library', 'Opened', 'Visits', 'Share', 'Open now']);
  first.addRow(['Central', new Date(Date.UTC(1998, 4, 1)), 120_345, 0.25, true]);
  first.addRow(['Riverside', null, 9_001, 0.5, true]);
  workbook.addWorksheet('Notes').addRow(['not', 'this', 'sheet']);
  const source = path.join(dir, 'exceljs-order.xlsx');
  await workbook.xlsx.writeFile(source);
  return source;
}

/** A workbook whose entries come in the order Excel writes them: the shared strings after the sheets. */
async function excelOrderWorkbook(): Promise<string> {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = (rows: string) => `${xml}<worksheet xmlns="${main}" xmlns:r="${relationships}"><sheetData>${rows}</sheetData></worksheet>`;
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ],
    ['_rels/.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${xml}<workbook xmlns="${main}" xmlns:r="${relationships}"><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>`],
    [
      'xl/_rels/workbook.xml.rels',
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${relationships}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${relationships}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    [
      'xl/worksheets/sheet1.xml',
      sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
          '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45292</v></c><c r="C2"><v>1250.5</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="1"><v>45323</v></c><c r="C3"><f>C2*2</f><v>2501</v></c></row>',
      ),
    ],
    ['xl/worksheets/sheet2.xml', sheet('<row r="1"><c r="A1" t="s"><v>5</v></c></row>')],
    [
      'xl/styles.xml',
      `${xml}<styleSheet xmlns="${main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `${xml}<sst xmlns="${main}" count="6" uniqueCount="6"><si><t>Team</t></si><si><t>Month</t></si><si><t>Spend</t></si><si><r><t>Parks</t></r><r><t xml:space="preserve"> and gardens</t></r></si><si><t>Libraries</t></si><si><t>not this sheet</t></si></sst>`,
    ],
  ];
  const source = path.join(dir, 'excel-order.xlsx');
  const zip = await ZipFile.create(source, new Date(Date.UTC(2024, 0, 1)));
  for (const [name, text] of entries) await zip.add(name, [text]);
  await zip.close();
  return source;
}

describe('a workbook read many times', () => {
  it(`in ExcelJS's entry order gives the same preview and header on each of ${reads} reads`, async () => {
    const source = await exceljsWorkbook();
    const previews = tally(await readMany(reads, () => readWorkbookTable(source, [])));
    const headers = tally(await readMany(reads, () => readHeaderRow(source, 'XLSX')));
    const preview = await readWorkbookTable(source, []);
    expect(preview).toMatchObject({ sheet: 'Visits', rowCount: 2, problem: null });
    expect(preview.rows).toEqual([
      ['Central', '1998-05-01', '120345', '0.25', 'true'],
      ['Riverside', '', '9001', '0.5', 'true'],
    ]);
    expect(previews).toEqual({ [JSON.stringify(preview)]: reads });
    expect(headers).toEqual({ [JSON.stringify(['Library', 'Opened', 'Visits', 'Share', 'Open now'])]: reads });
  });

  it(`in Excel's entry order (shared strings after the sheets) gives the same preview and header on each of ${reads} reads`, async () => {
    const source = await excelOrderWorkbook();
    const previews = tally(await readMany(reads, () => readWorkbookTable(source, [])));
    const headers = tally(await readMany(reads, () => readHeaderRow(source, 'XLSX')));
    const preview = await readWorkbookTable(source, []);
    expect(preview).toMatchObject({ sheet: 'Budget', rowCount: 2, problem: null });
    expect(preview.rows).toEqual([
      ['Parks and gardens', '2024-01-01', '1250.5'],
      ['Libraries', '2024-02-01', '2501'],
    ]);
    expect(previews).toEqual({ [JSON.stringify(preview)]: reads });
    expect(headers).toEqual({ [JSON.stringify(['Team', 'Month', 'Spend'])]: reads });
  });
});
