// The zip writer's short entries and pieces deflated at once, on the calling thread: the same bytes
// as deflated on the thread pool and the header mended afterwards.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateBytes, deflateNow, deflatePiece, deflateTextNow, ZipFile } from '../../src/outputs/zip-file.ts';
import { newestUpdate } from '../../src/outputs/xlsx.ts';

const texts = ['', 'a', '<?xml version="1.0"?><x/>', 'é∑😀'.repeat(1000), JSON.stringify(Array.from({ length: 20_000 }, (_, n) => ({ n, t: `row ${n % 97}` })))];

describe('deflateNow', () => {
  it('makes the piece deflateBytes and deflatePiece make (bytes, CRC-32, length), for short and long texts', async () => {
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const [onPool, ofText] = [await deflateBytes(bytes), await deflatePiece(text)];
      for (const now of [deflateNow(bytes), deflateTextNow(text)]) {
        expect(Buffer.from(now.bytes).equals(Buffer.from(onPool.bytes)), `${text.length} characters`).toBe(true);
        expect([now.crc, now.size]).toEqual([onPool.crc, onPool.size]);
        expect(Buffer.from(ofText.bytes).equals(Buffer.from(now.bytes))).toBe(true);
      }
    }
  });
});

describe('ZipFile.add', () => {
  it('writes a short entry (deflated at once, its header written once) as the same bytes as its pieces deflated on the pool', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-zip-'));
    try {
      const time = new Date(Date.UTC(2024, 5, 1, 12, 30, 10));
      const entries: [string, string[]][] = [
        ['empty.xml', []],
        ['nothing.xml', ['']],
        ['parts.xml', ['<a>', 'b', '</a>']],
        ['long.json', [texts.at(-1)!]],
        ['two-megabytes.txt', ['x'.repeat(1 << 20), 'y'.repeat(1 << 20)]],
      ];
      const [now, pooled] = [path.join(dir, 'now.zip'), path.join(dir, 'pooled.zip')];
      const zip = await ZipFile.create(now, time);
      for (const [name, parts] of entries) await zip.add(name, parts);
      await zip.close();
      // The same entries through `addDeflated`, each text a piece deflated on the thread pool.
      const other = await ZipFile.create(pooled, time);
      for (const [name, parts] of entries) {
        const text = parts.join('');
        const pieces = text.length === 0 ? [] : text.length < 1 << 20 ? [deflatePiece(text)] : [deflatePiece(text.slice(0, 1 << 20)), deflatePiece(text.slice(1 << 20))];
        await other.addDeflated(name, pieces);
      }
      await other.close();
      expect((await readFile(now)).equals(await readFile(pooled))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the workbook's time (newestUpdate)", () => {
  const naive = (dates: (string | null)[]) => {
    let newest = Date.UTC(2000, 0, 1);
    for (const date of dates) {
      const updated = date ? Date.parse(date) : Number.NaN;
      if (updated > newest) newest = updated;
    }
    return newest;
  };
  const datasets = (dates: (string | null)[]) => ({ datasets: dates.map((updatedAt) => ({ updatedAt })) as never });

  it('is the newest date every one parsed gives, whatever the dates', () => {
    const cases: (string | null)[][] = [
      [],
      [null, ''],
      ['2024-03-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z'],
      // Rolled over by Date.parse: 31 February is 2 March, the 24th hour the next day.
      ['2024-03-01T00:00:00.000Z', '2024-02-31T00:00:00.000Z'],
      ['2024-01-02T00:00:00.000Z', '2024-01-01T24:00:00.000Z'],
      // Of the shape, no date: ignored, whichever text is greatest.
      ['2024-13-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z'],
      ['9999-99-99T99:99:99.999Z', '2022-01-01T00:00:00.000Z', '2024-02-30T10:00:00.000Z'],
      // Other shapes, parsed.
      ['2024-05-01T00:00:00Z', '2024-05-01T00:00:00.000Z', '2025-01-01', 'not a date'],
      ['1999-01-01T00:00:00.000Z'],
    ];
    for (const dates of cases) expect(newestUpdate(datasets(dates)).getTime(), dates.join(' ')).toBe(naive(dates));
  });
});

/** Each entry of a zip file (no comment, no ZIP64) read through its central directory: its name and text, checked against its CRC-32 and sizes. */
function readZip(bytes: Buffer): [string, string][] {
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: [string, string][] = [];
  for (let index = 0; index < count; index++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, compressed, size, nameLength, offset] = [bytes.readUInt32LE(at + 16), bytes.readUInt32LE(at + 20), bytes.readUInt32LE(at + 24), bytes.readUInt16LE(at + 28), bytes.readUInt32LE(at + 42)];
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString();
    // The local header says the same as the central one.
    expect(bytes.readUInt32LE(offset)).toBe(0x04034b50);
    expect([bytes.readUInt32LE(offset + 14), bytes.readUInt32LE(offset + 18), bytes.readUInt32LE(offset + 22)]).toEqual([crc, compressed, size]);
    const start = offset + 30 + bytes.readUInt16LE(offset + 26);
    const text = inflateRawSync(bytes.subarray(start, start + compressed));
    expect([text.length, crc32(text)]).toEqual([size, crc]);
    entries.push([name, text.toString()]);
    at += 46 + nameLength;
  }
  return entries;
}

describe('ZipFile writes', () => {
  it('put many small pieces, gathered into fewer writes, each at its place: every entry reads back whole', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-zip-gathered-'));
    try {
      const file = path.join(dir, 'many.zip');
      const zip = await ZipFile.create(file, new Date(Date.UTC(2024, 0, 1)));
      const expected: [string, string][] = [];
      for (const sheet of ['a', 'b', 'c']) {
        // 400 pieces of a few KB each (a workbook's kept pieces): more than a megabyte an entry.
        const texts = Array.from({ length: 400 }, (_, n) => `<row r="${n}">${`${sheet}${n * 7919}`.repeat(200 + (n % 37))}</row>`);
        await zip.addDeflated(`xl/${sheet}.xml`, texts.map((text) => deflatePiece(text)));
        await zip.add(`${sheet}.txt`, [sheet]);
        expected.push([`xl/${sheet}.xml`, texts.join('')], [`${sheet}.txt`, sheet]);
      }
      await zip.close();
      expect(readZip(await readFile(file))).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
