// A local CSV (or TSV), read once for everything a build needs of it: its MD5, its record count, and
// from its first rows the preview and the column facts. The bytes stream past in chunks; the parser
// sees only the chunks it needs, so a file of gigabytes costs a hash and a byte search, not a parse.
// A small file (most of a catalogue's) is read whole in one call: the parser sees the same bytes.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { parse, type Parser } from 'csv-parse';
import { parse as parseWhole } from 'csv-parse/sync';
import type { ColumnDescription, TablePreview } from '../model.ts';
import { ColumnProfile, columnNames, previewCell, previewRows, profiledRowLimit } from './column-profile.ts';
import { RecordCounter } from './record-counter.ts';
import { detachedString } from '../detached.ts';

export interface CsvRead {
  hash: string;
  preview: TablePreview;
}

export interface CsvOptions {
  delimiter: ',' | '\t';
  described: readonly ColumnDescription[];
  /** Rows to profile the columns from (the rest are only counted). */
  profileLimit?: number;
  /** The file's size, when known: a small file is read with a buffer of about its size. */
  size?: number;
}

/**
 * Large files are read 1 MiB at a time. Each read allocates a buffer that big, so a small file gets
 * one of about its own size: a 1 MiB buffer for each of 10,000 small files made loading the
 * catalogue several times slower (allocation and garbage collection).
 */
const readBuffer = (size: number | undefined) => Math.min(1 << 20, Math.max(64 * 1024, (size ?? 1 << 20) + 1));

/**
 * Up to this size a file is read in one synchronous call. Through a stream, its open, read and
 * close in the thread pool and its 64 KiB buffer cost several times the parse of 100 rows: 10,000
 * such files took most of a `files`-shaped catalogue's 12 s of loading (docs/performance.md).
 */
const wholeReadLimit = 1 << 20;

export async function readCsvTable(file: string, options: CsvOptions): Promise<CsvRead> {
  if (options.size !== undefined && options.size <= wholeReadLimit) {
    const bytes = readFileSync(file);
    // Read whole: parsed without a stream, unless its rows reach the profile's limit (then as streamed).
    return parsedWhole(bytes, options) ?? readChunks([bytes], options);
  }
  return readChunks(createReadStream(file, { highWaterMark: readBuffer(options.size) }) as AsyncIterable<Buffer>, options);
}

/** What a read gathers from the records as the parser hands them over. */
class TableReading {
  profile: ColumnProfile | null = null;
  readonly rows: string[][] = [];
  problem: string | null = null;
  /** Whether a record came after the profile's limit (the rest are only counted). */
  full = false;
  private readonly limit: number;
  /** Cells are slices of one text (simpleRecords): what the preview keeps is copied, so it keeps no file alive. */
  private readonly slices: boolean;
  constructor(limit: number, slices = false) {
    this.limit = limit;
    this.slices = slices;
  }

  /** csv-parse's `on_record`: each record taken as it is parsed and dropped. */
  take = (record: string[]): null => {
    if (!this.profile) {
      this.profile = new ColumnProfile(columnNames(record));
      return null;
    }
    if (this.profile.rows >= this.limit) {
      this.full = true;
      return null;
    }
    this.profile.add(record);
    if (this.rows.length < previewRows) this.rows.push(this.profile.names.map((_name, index) => this.kept(previewCell(record[index] ?? ''))));
    return null;
  };

  /** A cell the preview keeps: a slice of 13 characters or more (V8's sliced strings) is copied. */
  private kept(cell: string): string {
    return this.slices && cell.length >= 13 ? detachedString(cell) : cell;
  }

  read(hash: string, records: number, described: readonly ColumnDescription[]): CsvRead {
    const found = this.profile;
    return {
      hash,
      preview: {
        kind: 'table',
        sheet: null,
        columns: found ? found.columns(described).map((column) => (column.example === null ? column : { ...column, example: this.kept(column.example) })) : [],
        rows: this.rows,
        rowCount: this.problem === null ? Math.max(records - 1, 0) : null,
        profiledRows: found?.rows ?? 0,
        problem: this.problem ?? (found ? null : 'The file is empty: it has no header row.'),
      },
    };
  }
}

function parserOptions(options: CsvOptions, reading: TableReading) {
  return { delimiter: options.delimiter, bom: true, skip_empty_lines: true, on_record: reading.take };
}

/**
 * A whole file parsed in one call of csv-parse's own parser, without its stream (a Node Transform
 * made and written to for each of 10,000 small files was most of previewing them): the same
 * records, the same first error. Null when its rows reach the profile's limit: the streamed read
 * stops parsing there and never sees the end of the file (an error in its last line is not
 * reported), which one call parsing to the end cannot copy.
 */
function parsedWhole(bytes: Buffer, options: CsvOptions): CsvRead | null {
  const limit = options.profileLimit ?? profiledRowLimit;
  const simple = simpleRecords(bytes, options.delimiter);
  // Its records are all the file's (no blank ones), the header included: within the limit, every one is profiled.
  if (simple !== null && simple.length <= limit + 1) {
    const reading = new TableReading(limit, true);
    for (const record of simple) reading.take(record);
    return reading.read(createHash('md5').update(bytes).digest('hex'), simple.length, options.described);
  }
  const reading = new TableReading(limit);
  try {
    parseWhole(bytes, parserOptions(options, reading));
  } catch (error) {
    if (reading.full) return null;
    reading.problem = parseProblem(error as Error & { code?: string; lines?: number });
  }
  if (reading.full) return null;
  const counter = new RecordCounter();
  counter.push(bytes);
  return reading.read(createHash('md5').update(bytes).digest('hex'), counter.end(), options.described);
}

const quoteByte = 0x22;
const carriageReturnByte = 0x0d;
const byteOrderMark = [0xef, 0xbb, 0xbf] as const;

/**
 * A plain file's records without csv-parse: text with no quote, valid UTF-8, its lines all ended
 * alike (`\n`, or `\r\n` as RFC 4180 writes them, no other carriage return), every record as wide
 * as the first. Its lines are its records (blank ones skipped) and its cells what lies between
 * delimiters, exactly as csv-parse reads them (with `bom` and `skip_empty_lines`; the test compares
 * the two on random texts). Null for any other file, which csv-parse reads: its
 * quotes, its line breaks and its first error as before. Most published CSVs are plain: 10,000 of
 * them split by the engine's own `split` instead of a parser called per file, set up per file and
 * stepping byte by byte (about a sixth of loading a `files`-shaped catalogue, docs/performance.md).
 */
export function simpleRecords(bytes: Buffer, delimiter: ',' | '\t'): string[][] | null {
  if (bytes.includes(quoteByte) || !isUtf8(bytes)) return null;
  const start = bytes[0] === byteOrderMark[0] && bytes[1] === byteOrderMark[1] && bytes[2] === byteOrderMark[2] ? 3 : 0;
  const crlf = bytes.includes(carriageReturnByte);
  const records: string[][] = [];
  let width = -1;
  for (const line of bytes.toString('utf8', start).split(crlf ? '\r\n' : '\n')) {
    // A line break of the other kind: csv-parse keeps it in a cell, or ends records there.
    if (crlf && (line.includes('\r') || line.includes('\n'))) return null;
    if (line === '') continue;
    const cells = line.split(delimiter);
    if (width === -1) width = cells.length;
    // csv-parse's error, with its line, comes from csv-parse.
    else if (cells.length !== width) return null;
    records.push(cells);
  }
  return records;
}

async function readChunks(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, options: CsvOptions): Promise<CsvRead> {
  const hash = createHash('md5');
  const counter = new RecordCounter();
  const reading = new TableReading(options.profileLimit ?? profiledRowLimit);
  let parsing = true;

  const parser: Parser = parse({
    ...parserOptions(options, reading),
    // Past the limit no more chunks are parsed.
    on_record: (record: string[]) => {
      reading.take(record);
      if (reading.full) parsing = false;
      return null;
    },
  });
  parser.on('error', (error: Error & { code?: string; lines?: number }) => {
    parsing = false;
    reading.problem = parseProblem(error);
  });
  parser.resume();

  for await (const chunk of chunks) {
    hash.update(chunk);
    counter.push(chunk);
    if (!parsing) continue;
    parser.write(chunk);
    // A chunk the parser refused: its error event comes on the next tick, maybe after the loop
    // (no read waits between chunks of a whole file), but the stream holds the error from now.
    if (parser.errored) {
      parsing = false;
      reading.problem = parseProblem(parser.errored as Error & { code?: string; lines?: number });
    }
  }
  if (parsing) await new Promise<void>((resolve) => parser.end(resolve));
  return reading.read(hash.digest('hex'), counter.end(), options.described);
}

/** csv-parse's error in a publisher's words: which line, what is wrong. */
function parseProblem(error: Error & { code?: string; lines?: number }): string {
  const where = error.lines ? `Line ${error.lines}: ` : '';
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `${where}this row has a different number of cells from the header row.`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${where}a quoted cell is never closed.`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${where}a quote inside a cell is not doubled.`;
    default:
      return `${where}${error.message}`;
  }
}
