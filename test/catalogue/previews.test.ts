// Data previews and column facts, read from real files in a temporary folder: a CSV's first rows,
// count and column types; a malformed CSV noted, never thrown; an XLSX file's first sheet; a
// GeoJSON file's extent; and the front matter's column descriptions checked against the header.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { readCsvTable, simpleRecords } from '../../src/catalogue/previews/csv-table.ts';
import { summariseGeoJson, geoJsonSizeLimit } from '../../src/catalogue/previews/geojson-summary.ts';
import { readHeaderRow } from '../../src/catalogue/previews/header-row.ts';
import { readWorkbookTable } from '../../src/catalogue/previews/workbook-table.ts';
import { RecordCounter } from '../../src/catalogue/previews/record-counter.ts';
import { tableSchema } from '../../src/outputs/table-schema.ts';
import { contentFrom, errorsIn } from '../helpers/content.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'datashelf-previews-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

const csv = (text: string) => readCsvTable(text, { delimiter: ',', described: [] });

describe('a CSV file', () => {
  it('gives its first rows, its row count and each column’s type, empty cells and example', async () => {
    const text = [
      '\uFEFFid,name,when,stamp,amount,ok,code,blank',
      '1,"Smith, J",2024-01-31,2024-01-31T10:00:00Z,1.5,true,007,',
      '2,"two\r\nlines",2024-02-29,2024-02-29T23:59Z,,FALSE,008,',
      '',
      '3,"say ""hi""",2024-03-01,2024-03-01T00:00:00+01:00,-7e3,false,010,',
    ].join('\r\n');
    const source = await file('mixed.csv', text);
    const { hash, preview } = await csv(source);
    expect(hash).toBe(createHash('md5').update(text).digest('hex'));
    expect(preview.rowCount).toBe(3);
    expect(preview.problem).toBeNull();
    expect(preview.rows).toEqual([
      ['1', 'Smith, J', '2024-01-31', '2024-01-31T10:00:00Z', '1.5', 'true', '007', ''],
      ['2', 'two\r\nlines', '2024-02-29', '2024-02-29T23:59Z', '', 'FALSE', '008', ''],
      ['3', 'say "hi"', '2024-03-01', '2024-03-01T00:00:00+01:00', '-7e3', 'false', '010', ''],
    ]);
    expect(preview.columns.map(({ name, type, emptyCells, example }) => [name, type, emptyCells, example])).toEqual([
      ['id', 'integer', 0, '1'],
      ['name', 'text', 0, 'Smith, J'],
      ['when', 'date', 0, '2024-01-31'],
      ['stamp', 'datetime', 0, '2024-01-31T10:00:00Z'],
      ['amount', 'decimal', 1, '1.5'],
      ['ok', 'boolean', 0, 'true'],
      // Leading zeros make a code, not a number.
      ['code', 'text', 0, '007'],
      ['blank', 'text', 3, null],
    ]);
  });

  it('types a column as text when one value is a date that does not exist', async () => {
    const { preview } = await csv(await file('dates.csv', 'day\n2023-02-28\n2023-02-29\n'));
    expect(preview.columns[0]!.type).toBe('text');
  });

  it('counts records, not lines: a line break inside quotes, a missing last line break, blank lines', async () => {
    const counter = new RecordCounter();
    for (const piece of ['a,b\n1,"x\n', 'y"\n\r\n2,', '"""q"""\n3,z']) counter.push(Buffer.from(piece));
    expect(counter.end()).toBe(4);
  });

  it('that is malformed gives a note with its line and the rows before it, and no made-up count', async () => {
    const source = await file('bad.csv', 'a,b\n1,2\n3,4,5\n6,7\n');
    const { hash, preview } = await csv(source);
    expect(hash).toBe(createHash('md5').update(await readFile(source)).digest('hex'));
    expect(preview.problem).toBe('Line 3: this row has a different number of cells from the header row.');
    expect(preview.rows).toEqual([['1', '2']]);
    expect(preview.rowCount).toBeNull();
  });

  it('with an unclosed quote, or empty, gives a note', async () => {
    expect((await csv(await file('quote.csv', 'a,b\n1,"open\n2,3\n'))).preview.problem).toMatch(/^Line \d+: a quoted cell is never closed\.$/);
    expect((await csv(await file('empty.csv', ''))).preview).toMatchObject({ problem: 'The file is empty: it has no header row.', columns: [], rowCount: 0 });
  });

  it('read whole (its size known, as loading knows it) gives exactly what the streamed read gives', async () => {
    // The whole read parses without a stream; where the two could part (rows past the profile's
    // limit, then an error the streamed read never reaches) it reads as streamed.
    const cases: [string, string, number?][] = [
      ['mixed', '\uFEFFid,name\r\n1,"Smith, J"\r\n\r\n2,"two\r\nlines"\r\n'],
      ['short last line', 'a,b\n1,2\n3'],
      ['unclosed quote', 'a,b\n1,"2\n'],
      ['empty', ''],
      ['only a byte order mark', '\uFEFF'],
      ['one byte', 'a'],
      ['bad middle row', 'a,b\n1,2,3\n4,5\n'],
      ['bad closing quote', 'a,b\n1,"x"y\n'],
      ['tabs', 'a\tb\n1\t2\n'],
      ['past the limit, then a short last line', 'a,b\n1,2\n3,4\n5,6\n7', 2],
      ['past the limit, then an unclosed quote', 'a,b\n1,2\n3,4\n5,"6', 2],
      ['past the limit, then a bad row', 'a,b\n1,2\n3,4\n5,6,7\n8,9\n', 2],
      ['at the limit', 'a,b\n1,2\n3,4', 2],
      ['well past the limit, then a short last line', 'a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11', 2],
    ];
    for (const [name, text, profileLimit] of cases) {
      const source = await file(`whole-${name.replace(/\W+/g, '-')}.csv`, text);
      const delimiter = name === 'tabs' ? '\t' : ',';
      const options = { delimiter, described: [], ...(profileLimit ? { profileLimit } : {}) } as const;
      const streamed = await readCsvTable(source, options);
      const whole = await readCsvTable(source, { ...options, size: Buffer.byteLength(text) });
      expect(whole, name).toEqual(streamed);
    }
    // The streamed read stops parsing past the limit, and never sees a last line's error after it.
    const limited = await readCsvTable(path.join(dir, 'whole-well-past-the-limit-then-a-short-last-line.csv'), { delimiter: ',', described: [], profileLimit: 2, size: 27 });
    expect(limited.preview.problem).toBeNull();
    expect((await csv(path.join(dir, 'whole-short-last-line.csv'))).preview.problem).toMatch(/Line 3/);
  });

  it('plain (no quotes, no carriage returns) is split without csv-parse into exactly its records', () => {
    const records = (text: string | Buffer, delimiter: ',' | '\t' = ',') => {
      const found: string[][] = [];
      parseCsv(Buffer.from(text), { delimiter, bom: true, skip_empty_lines: true, on_record: (record: string[]) => {
        found.push(record);
        return null;
      } });
      return found;
    };
    const plain: [string, string][] = [
      ['rows', 'a,b\n1,2\n3,4\n'],
      ['rows ended as RFC 4180 ends them', 'a,b\r\n1,2\r\n\r\n3,4\r\n'],
      ['no last line break after \\r\\n', '\uFEFFa,b\r\n1,2'],
      ['no last line break, blank lines, a byte order mark', '\uFEFFa,b\n\n1,2\n\n\n3,4'],
      ['spaces kept, empty cells, a line of spaces in one column', 'a\n  \n,x\n'.replace(',x', ' x ')],
      ['empty cells', 'a,b,c\n,,\n1,,\n'],
      ['tabs', 'a\tb\n1\t2\n'],
      ['other letters', 'ä,€\n\u{1F600},b\n'],
      ['empty', ''],
      ['only line breaks', '\n\n'],
    ];
    for (const [name, text] of plain) {
      const delimiter = name === 'tabs' ? '\t' : ',';
      expect(simpleRecords(Buffer.from(text), delimiter), name).toEqual(records(text, delimiter));
    }
    // What csv-parse reads (quotes, carriage returns, a row of another width: its error), or invalid UTF-8.
    for (const text of ['a,b\n1,"2"\n', 'a,b\r\n1,2\n', 'a,b\n1,2\r\n', 'a,b\r1,2\r', 'a,b\r\n1,2\r', 'a,b\n1\n', 'a,b\n1,2,3\n']) expect(simpleRecords(Buffer.from(text), ','), text).toBeNull();
    expect(simpleRecords(Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x2c, 0x31, 0x0a]), ',')).toBeNull();
  });

  it('gives the same facts split plainly as csv-parse gives, on random texts', async () => {
    // A fixed pseudo-random sequence (no flaky failures): texts of cells, delimiters, line breaks,
    // spaces, letters beyond ASCII and, now and then, a quote or a carriage return.
    let seed = 12345;
    // mulberry32
    const next = (below: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * below);
    };
    const alphabet = ['a', '1', '7', '.', '-', ' ', ',', ',', '\t', '\n', '\n', 'é', '2024-01-31', 'true', 'x'.repeat(20), '\uFEFF'];
    let plain = 0;
    let plainCrlf = 0;
    for (let round = 0; round < 300; round += 1) {
      const pieces: string[] = [];
      for (let length = next(40); length > 0; length -= 1) pieces.push(alphabet[next(alphabet.length)]!);
      if (next(10) === 0) pieces.splice(next(pieces.length + 1), 0, next(2) === 0 ? '"' : '\r');
      // Half of them with their line breaks as RFC 4180 writes them.
      const text = next(2) === 0 ? pieces.join('') : pieces.join('').replaceAll('\n', '\r\n');
      const delimiter = next(4) === 0 ? '\t' : ',';
      const source = await file(`random-${round}.csv`, text);
      const options = { delimiter, described: [] } as const;
      if (simpleRecords(Buffer.from(text), delimiter) !== null) {
        plain += 1;
        if (text.includes('\r\n')) plainCrlf += 1;
      }
      // Without a size: streamed through csv-parse; with it: read whole, and split plainly when plain.
      expect(await readCsvTable(source, { ...options, size: Buffer.byteLength(text) }), JSON.stringify(text)).toEqual(await readCsvTable(source, options));
    }
    // The plain split was tried on many of them, of both kinds.
    expect(plain).toBeGreaterThan(100);
    expect(plainCrlf).toBeGreaterThan(20);
  });

  it('of about 200 MB is counted whole in a flat amount of memory, its columns typed from the first rows only', { timeout: 240_000 }, async () => {
    const source = path.join(dir, 'big.csv');
    const rows = await writeLargeCsv(source, 200 * 1024 * 1024);
    // A malformed last row: the preview's parser never reaches it, which shows it stops early.
    await writeFile(source, '1,"never closed\n', { flag: 'a' });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const { preview } = await readCsvTable(source, { delimiter: ',', described: [] });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`200 MB CSV: ${rows + 1} rows read in ${seconds.toFixed(1)} s; resident memory grew by ${((peak - before) / 1024 / 1024).toFixed(0)} MB`);
    expect(preview.rowCount).toBe(rows + 1);
    expect(preview.rows).toHaveLength(10);
    expect(preview.profiledRows).toBe(50_000);
    expect(preview.problem).toBeNull();
    expect(preview.columns.map((column) => column.type)).toEqual(['integer', 'text', 'date', 'decimal', 'text']);
    // Reading it whole would take over 200 MB; streaming takes a few buffers.
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);

    const headerStarted = performance.now();
    expect(await readHeaderRow(source, 'CSV')).toEqual(['id', 'ward', 'date', 'rate', 'note']);
    console.log(`header row of the 200 MB CSV read in ${(performance.now() - headerStarted).toFixed(0)} ms`);
  });
});

/** Writes rows until the file reaches `bytes`; returns the number of data rows. */
async function writeLargeCsv(target: string, bytes: number): Promise<number> {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(target);
  out.write('id,ward,date,rate,note\n');
  let written = 0;
  let row = 0;
  while (written < bytes) {
    let block = '';
    for (let index = 0; index < 2000; index += 1, row += 1) {
      block += `${row},E0500${row % 9000},2024-0${1 + (row % 9)}-1${row % 10},${(row % 1000) / 8},"note, with a comma ${row}"\n`;
    }
    written += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return row;
}

describe('an XLSX file', () => {
  it('is previewed from its first sheet only, its cells as text, dates as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('Visits');
    first.addRow(['Library', 'Opened', 'Visits', 'Share', 'Open now']);
    first.addRow(['Central', new Date(Date.UTC(1998, 4, 1)), 120_345, 0.25, true]);
    first.addRow([{ richText: [{ text: 'East' }, { text: 'gate' }] }, new Date(Date.UTC(2004, 8, 15)), { formula: 'C2/2', result: 60_172.5 }, null, false]);
    first.addRow(['Riverside', null, 9_001, 0.5, true]);
    workbook.addWorksheet('Notes').addRow(['not', 'this', 'sheet']);
    const source = path.join(dir, 'libraries.xlsx');
    await workbook.xlsx.writeFile(source);

    const preview = await readWorkbookTable(source, [{ name: 'Visits', description: 'Visits in the year', unit: 'visits' }]);
    expect(preview).toMatchObject({ kind: 'table', sheet: 'Visits', rowCount: 3, profiledRows: 3, problem: null });
    expect(preview.rows).toEqual([
      ['Central', '1998-05-01', '120345', '0.25', 'true'],
      ['Eastgate', '2004-09-15', '60172.5', '', 'false'],
      ['Riverside', '', '9001', '0.5', 'true'],
    ]);
    expect(preview.columns.map(({ name, type, emptyCells, description, unit }) => [name, type, emptyCells, description, unit])).toEqual([
      ['Library', 'text', 0, null, null],
      ['Opened', 'date', 1, null, null],
      ['Visits', 'decimal', 0, 'Visits in the year', 'visits'],
      ['Share', 'decimal', 1, null, null],
      ['Open now', 'boolean', 0, null, null],
    ]);
    expect(await readHeaderRow(source, 'XLSX')).toEqual(['Library', 'Opened', 'Visits', 'Share', 'Open now']);
  });

  it('that is not a workbook gives a note, not an error', async () => {
    const preview = await readWorkbookTable(await file('fake.xlsx', 'id,name\n1,a\n'), []);
    expect(preview.problem).toMatch(/^The workbook could not be read: /);
    expect(preview.rowCount).toBeNull();
  });
});

describe('a GeoJSON file', () => {
  it('is summarised by its features, geometry types and bounding box', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-1.5, 54.2] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-1.6, 54.1], [-1.4, 54.1], [-1.4, 54.3], [-1.6, 54.1]]] } },
        { type: 'Feature', properties: {}, geometry: null },
      ],
    };
    const text = JSON.stringify(collection);
    expect(await summariseGeoJson(await file('sites.geojson', text), text.length)).toEqual({
      kind: 'geojson',
      featureCount: 3,
      geometryTypes: ['Point', 'Polygon'],
      bbox: [-1.6, 54.1, -1.4, 54.3],
      problem: null,
    });
  });

  it('that is not JSON, not GeoJSON or too large to parse gives a note', async () => {
    expect((await summariseGeoJson(await file('broken.geojson', '{"type": "Feat'), 14)).problem).toMatch(/^The file is not valid JSON: /);
    expect((await summariseGeoJson(await file('other.geojson', '{"rows": []}'), 12)).problem).toMatch(/not GeoJSON/);
    expect((await summariseGeoJson(await file('huge.geojson', '{}'), geoJsonSizeLimit + 1)).problem).toMatch(/larger than 64 MB/);
  });
});

const roads = (columns: string, file = 'file: casualties 2023.csv') => `---
title: Road Casualties
team: highways
tags: Road Safety
topics: [transport]
custom: { unit: Highways, geography: Testshire }
resources:
  - id: "2023"
    title: Casualties 2023
    ${file}
${columns}
---
Casualties on the county's roads, by severity.
`;

describe('column descriptions in the front matter', () => {
  it('reach the model, the column dictionary and the Table Schema', async () => {
    const header = (await readFile(path.join(import.meta.dirname, '../fixtures/minimal/datasets/roads/casualties 2023.csv'), 'utf8')).split(/\r?\n/)[0]!.split(',');
    const { contentDir } = await contentFrom('minimal', {
      'datasets/roads/index.md': roads(`    columns:\n      - name: ${header[0]}\n        description: What this column holds.\n        unit: people`),
    });
    const { catalogue } = await loadCatalogue({ contentDir });
    const preview = catalogue.datasets.find((dataset) => dataset.id === 'roads')!.resources[0]!.preview!;
    expect(preview.kind).toBe('table');
    if (preview.kind !== 'table') return;
    expect(preview.columns[0]).toMatchObject({ name: header[0], description: 'What this column holds.', unit: 'people' });
    expect(tableSchema(preview).fields[0]).toMatchObject({ name: header[0], description: 'What this column holds.', unit: 'people' });
  });

  it('naming a column the file does not have is an error naming both, with file, line and field', async () => {
    const { contentDir } = await contentFrom('minimal', {
      'datasets/roads/index.md': roads('    columns:\n      - name: severity\n        description: How bad.\n      - name: Severty\n        description: Misspelt.'),
    });
    // The fixture's file has the header month,severity,count.
    expect(await errorsIn(contentDir)).toEqual([
      "content/datasets/roads/index.md:14 resources[0].columns[1].name: 'Severty' is not a column of 'casualties 2023.csv' (did you mean 'severity'?)\n" +
        "  hint: Use a name from the file's header row exactly as written: 'month', 'severity', 'count'.",
    ]);
  });

  it('on a file published elsewhere, or a file that is not a table, is an error', async () => {
    const elsewhere = await contentFrom('minimal', { 'datasets/roads/index.md': roads('    columns:\n      - name: year', 'url: https://example.org/casualties.csv') });
    expect(await errorsIn(elsewhere.contentDir)).toEqual([
      expect.stringMatching(/^content\/datasets\/roads\/index\.md:11 resources\[0\]\.columns: columns are described only for a file published with the site\n  hint: /),
    ]);
    const notTable = await contentFrom('minimal', {
      'datasets/roads/index.md': roads('    columns:\n      - name: year', 'file: notes.txt'),
      'datasets/roads/notes.txt': 'year\n',
    });
    expect(await errorsIn(notTable.contentDir)).toEqual([
      expect.stringMatching(/resources\[0\]\.columns: columns are described only for a CSV, TSV or XLSX file, and 'notes\.txt' is TXT\n/),
    ]);
  });
});
