// A local CSV (or TSV), read once for everything a build needs of it: its MD5, its record count, and
// from its first rows the preview and the column facts. The bytes stream past in chunks; the parser
// sees only the chunks it needs, so a file of gigabytes costs a hash and a byte search, not a parse.
// A small file (most of a catalogue's) is read whole in one call: the parser sees the same bytes.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { parse, type Parser } from 'csv-parse';
import type { ColumnDescription, TablePreview } from '../model.ts';
import { ColumnProfile, columnNames, previewCell, previewRows, profiledRowLimit } from './column-profile.ts';
import { RecordCounter } from './record-counter.ts';

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

/** The file's bytes in chunks: the whole of a small one at once, a large one streamed. */
function chunksOf(file: string, size: number | undefined): Iterable<Buffer> | AsyncIterable<Buffer> {
  if (size !== undefined && size <= wholeReadLimit) return [readFileSync(file)];
  return createReadStream(file, { highWaterMark: readBuffer(size) }) as AsyncIterable<Buffer>;
}

export async function readCsvTable(file: string, options: CsvOptions): Promise<CsvRead> {
  const hash = createHash('md5');
  const counter = new RecordCounter();
  const limit = options.profileLimit ?? profiledRowLimit;
  let profile: ColumnProfile | null = null;
  const rows: string[][] = [];
  let problem: string | null = null;
  let parsing = true;

  const parser: Parser = parse({
    delimiter: options.delimiter,
    bom: true,
    skip_empty_lines: true,
    // Each record is taken as it is parsed and dropped: nothing queues on the parser's readable side.
    on_record: (record: string[]) => {
      if (!profile) {
        profile = new ColumnProfile(columnNames(record));
        return null;
      }
      if (profile.rows >= limit) {
        parsing = false;
        return null;
      }
      profile.add(record);
      if (rows.length < previewRows) rows.push(profile.names.map((_name, index) => previewCell(record[index] ?? '')));
      return null;
    },
  });
  parser.on('error', (error: Error & { code?: string; lines?: number }) => {
    parsing = false;
    problem = parseProblem(error);
  });
  parser.resume();

  for await (const chunk of chunksOf(file, options.size)) {
    hash.update(chunk);
    counter.push(chunk);
    if (!parsing) continue;
    parser.write(chunk);
    // A chunk the parser refused: its error event comes on the next tick, maybe after the loop
    // (no read waits between chunks of a whole file), but the stream holds the error from now.
    if (parser.errored) {
      parsing = false;
      problem = parseProblem(parser.errored as Error & { code?: string; lines?: number });
    }
  }
  if (parsing) await new Promise<void>((resolve) => parser.end(resolve));

  const records = counter.end();
  const found = profile as ColumnProfile | null;
  return {
    hash: hash.digest('hex'),
    preview: {
      kind: 'table',
      sheet: null,
      columns: found ? found.columns(options.described) : [],
      rows,
      rowCount: problem === null ? Math.max(records - 1, 0) : null,
      profiledRows: found?.rows ?? 0,
      problem: problem ?? (found ? null : 'The file is empty: it has no header row.'),
    },
  };
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
