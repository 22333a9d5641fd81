// Writes a zip file (as an .xlsx is) from entries given as text, with no clock anywhere: every
// entry carries the time it is given, so the same content gives the same bytes.
//
// An entry's text is deflated in pieces of about a megabyte, each ended by a sync flush, so that
// the pieces are one valid deflate stream put end to end (as pigz does), closed by an empty final
// block. Each piece is compressed on libuv's thread pool while the next is made, so compression
// runs beside the thread that makes the text, and only a few pieces are in memory at a time. A
// piece carries its text's CRC-32 and length, so pieces deflated by an earlier build can be put in
// as they are (deflated-pieces.ts): the entry's CRC-32 is combined from theirs (crc32-combine.ts).
import { open, type FileHandle } from 'node:fs/promises';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.ts';

/** About how much text is compressed at a time. */
const pieceLength = 1 << 20;
/** Pieces being compressed at once: enough to keep a thread busy, few enough to bound memory. */
const piecesInFlight = 3;
/** The same, for a caller that encodes pieces into an `EncodingRing`: it needs one buffer more. */
export const zipPiecesInFlight = piecesInFlight;
/** Writes pending at once: the pieces' bytes are held until written, kept pieces by the store anyway. */
const writesInFlight = 8;
/**
 * Bytes gathered into one write: a workbook's kept pieces are some 380 of a few KB each at 10,000
 * datasets, and a write each was as many trips to the thread pool, this thread waiting for one
 * whenever eight were pending.
 */
const gatheredBytes = 1 << 20;
/** An empty final block of fixed Huffman codes: the end of a deflate stream. */
const finalBlock = Buffer.from([0x03, 0x00]);

/** Text deflated on its own: raw deflate blocks, none final, ending on a byte boundary (a sync flush). */
export interface DeflatedPiece {
  bytes: Uint8Array;
  /** CRC-32 and length in bytes of the UTF-8 text. */
  crc: number;
  size: number;
  /**
   * SHA-256 of the text's bytes, when its maker worked it out (a large file's run, kept-gzip.ts):
   * kept with the piece, so that the file's entry in the manifest is made from its runs' hashes
   * without reading the kept runs again.
   */
  textHash?: Uint8Array;
}

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
}

export class ZipFile {
  private offset = 0;
  private readonly entries: Written[] = [];
  private readonly stamp: Buffer;
  private readonly handle: FileHandle;
  private readonly file: string;
  /** Writes started and not yet awaited, oldest first, each at its own offset. */
  private readonly writing: Promise<unknown>[] = [];
  /** Bytes given to `write` and not yet written, to be written one after the other from `gatheredAt`. */
  private gathered: Uint8Array[] = [];
  private gatheredLength = 0;
  private gatheredAt = 0;

  private constructor(handle: FileHandle, file: string, time: Date) {
    this.handle = handle;
    this.file = file;
    this.stamp = dosTimeAndDate(time);
  }

  /** A new zip file at `file` (replacing one there), its entries dated `time`. */
  static async create(file: string, time: Date): Promise<ZipFile> {
    return new ZipFile(await open(file, 'w'), file, time);
  }

  /**
   * Adds an entry whose content is the UTF-8 text of `pieces`, one after the other. A short one (a
   * workbook's parts but its sheets) is deflated on this thread and its header written once, with
   * its sizes and checksum known: the same bytes as deflated in pieces on the thread pool and the
   * header mended (`addDeflated`), without waiting for the pool and the disk two or three times an
   * entry (a workbook's seven small parts were some twenty such waits on every edit).
   */
  async add(name: string, pieces: Iterable<string>): Promise<void> {
    const texts = [...pieces];
    let length = 0;
    for (const text of texts) length += text.length;
    // `joined` cuts a text this long into more than one piece.
    if (length >= pieceLength) {
      await this.addDeflated(name, mapped(joined(texts), deflatePiece));
      return;
    }
    const entry: Written = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressedSize: 0, size: 0 };
    // No text, no piece (`joined` yields none): the entry is the final block alone.
    const piece = length > 0 ? deflateTextNow(texts.join('')) : null;
    if (piece) {
      entry.crc = crc32Combine(entry.crc, piece.crc, piece.size);
      entry.size = piece.size;
      entry.compressedSize = piece.bytes.length;
    }
    entry.compressedSize += finalBlock.length;
    await this.write(this.localHeader(entry));
    if (piece) await this.write(piece.bytes);
    await this.write(finalBlock);
    if (this.offset > 0xfffffffe) throw new Error(`${this.file}: ${name} is too large for a zip file without ZIP64`);
    this.entries.push(entry);
  }

  /**
   * Adds an entry from its pieces deflated apart, in order: kept ones as they are, the others as
   * their compression (on the thread pool) ends. A few are pulled ahead, so several compress at once.
   */
  async addDeflated(name: string, pieces: Iterable<DeflatedPiece | Promise<DeflatedPiece>>): Promise<void> {
    const entry: Written = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressedSize: 0, size: 0 };
    // The sizes and checksum are known at the end: the header is written now and mended then.
    await this.write(this.localHeader(entry));
    const inFlight: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
    const flushOne = async () => {
      const piece = await inFlight.shift()!;
      entry.crc = crc32Combine(entry.crc, piece.crc, piece.size);
      entry.size += piece.size;
      entry.compressedSize += piece.bytes.length;
      await this.write(piece.bytes);
    };
    for (const piece of pieces) {
      // Awaited in turn below; a failure before its turn must not go unhandled meanwhile.
      if (piece instanceof Promise) piece.catch(() => {});
      inFlight.push(piece);
      if (inFlight.length >= piecesInFlight) await flushOne();
    }
    while (inFlight.length > 0) await flushOne();
    entry.compressedSize += finalBlock.length;
    await this.write(finalBlock);
    if (entry.size > 0xfffffffe || this.offset > 0xfffffffe) throw new Error(`${this.file}: ${name} is too large for a zip file without ZIP64`);
    // Mended once the header first written is on disk: the two writes must not race.
    await this.allWritten();
    await this.handle.write(this.localHeader(entry), 0, 30, entry.offset);
    this.entries.push(entry);
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    try {
      const directoryOffset = this.offset;
      for (const entry of this.entries) await this.write(this.centralHeader(entry));
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(this.entries.length, 8);
      end.writeUInt16LE(this.entries.length, 10);
      end.writeUInt32LE(this.offset - directoryOffset, 12);
      end.writeUInt32LE(directoryOffset, 16);
      await this.write(end);
      await this.allWritten();
    } finally {
      await Promise.allSettled(this.writing);
      await this.handle.close();
    }
  }

  /** Closes the file without finishing it (after an error). */
  async abandon(): Promise<void> {
    // After every write it started: none may write to the handle once closed.
    await Promise.allSettled(this.writing);
    await this.handle.close();
  }

  /**
   * Writes `bytes` at the end, without waiting for the write unless `writesInFlight` are pending:
   * an edit's workbook is mostly pieces kept from the last build, each written as soon as its turn
   * comes, and a write awaited each left this thread idle for a turn of the thread pool each. The
   * bytes are held until written (`allWritten` writes what is gathered): not to be changed after.
   */
  private async write(bytes: Uint8Array): Promise<void> {
    // Gathered (`gatheredBytes`) and written together: the same bytes at the same offsets.
    if (this.gathered.length === 0) this.gatheredAt = this.offset;
    this.gathered.push(bytes);
    this.gatheredLength += bytes.length;
    this.offset += bytes.length;
    if (this.gatheredLength >= gatheredBytes) await this.writeGathered();
  }

  /** Starts the write of the bytes gathered, one after the other from where the first of them goes. */
  private async writeGathered(): Promise<void> {
    if (this.gathered.length === 0) return;
    const written = this.handle.writev(this.gathered, this.gatheredAt);
    this.gathered = [];
    this.gatheredLength = 0;
    // Awaited in turn; a failure before its turn must not go unhandled meanwhile.
    written.catch(() => {});
    this.writing.push(written);
    if (this.writing.length > writesInFlight) await this.writing.shift();
  }

  /** Writes what is gathered and waits for every write started. */
  private async allWritten(): Promise<void> {
    await this.writeGathered();
    while (this.writing.length > 0) await this.writing.shift();
  }

  private localHeader(entry: Written): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0, deflate
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(8, 8); // deflate
    this.stamp.copy(header, 10);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(entry.name.length, 26);
    entry.name.copy(header, 30);
    return header;
  }

  private centralHeader(entry: Written): Buffer {
    const header = Buffer.alloc(46 + entry.name.length);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    this.stamp.copy(header, 12);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(entry.name.length, 28);
    header.writeUInt32LE(entry.offset, 42);
    entry.name.copy(header, 46);
    return header;
  }
}

/** The pieces of text joined into runs of about `pieceLength` characters (fewer, larger compressions). */
function* joined(pieces: Iterable<string>): Generator<string> {
  let run: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    run.push(piece);
    length += piece.length;
    if (length >= pieceLength) {
      yield run.join('');
      run = [];
      length = 0;
    }
  }
  if (length > 0) yield run.join('');
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/**
 * Buffers the runs' text is encoded into, used again in turn: a run's buffer is read by the file's
 * write (awaited before the next run) and by its deflating (at most `piecesInFlight` at once), so
 * `piecesInFlight + 1` of them are never read by two runs at once. A new buffer for every run (a
 * megabyte or more each, outside V8's heap) made V8 start a full collection every 64 MB of them
 * ("external memory pressure"), each marking the whole catalogue: 17 such collections in the
 * exports at 100,000 datasets, a cost that grows as n² (docs/performance.md, "exports-api").
 */
export class EncodingRing {
  private readonly buffers: Buffer[] = [];
  private next = 0;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  /** `text` as UTF-8, in the next buffer of the ring (valid until the ring comes round to it again). */
  encode(text: string): Buffer {
    const length = Buffer.byteLength(text, 'utf8');
    let buffer = this.buffers[this.next];
    if (buffer === undefined || buffer.length < length) {
      buffer = Buffer.allocUnsafeSlow(Math.max(length, 1 << 20));
      this.buffers[this.next] = buffer;
    }
    this.next = (this.next + 1) % this.size;
    return buffer.subarray(0, buffer.write(text, 'utf8'));
  }
}

/** Text as one piece of a deflate stream (zlib's default level), with its CRC-32 and length. */
export function deflatePiece(text: string, ring: EncodingRing | null = null): Promise<DeflatedPiece> {
  return deflateBytes(ring ? ring.encode(text) : Buffer.from(text, 'utf8'));
}

/**
 * Short text as one piece of a deflate stream, deflated on this thread at once: the bytes
 * `deflatePiece` makes (the same call to zlib: the whole input, then a sync flush), without a trip
 * to the thread pool and back that the caller would wait for (a file's head and tail, a sheet's
 * start and end).
 */
export function deflateTextNow(text: string): DeflatedPiece {
  return deflateNow(Buffer.from(text, 'utf8'));
}

/** The same for UTF-8 bytes (read at once: a buffer used again later may be given). */
export function deflateNow(bytes: Uint8Array): DeflatedPiece {
  return { bytes: deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }), crc: crc32(bytes), size: bytes.length };
}

/** UTF-8 bytes as one piece of a deflate stream; `crc` when their CRC-32 is known already. */
export function deflateBytes(bytes: Uint8Array, crc = crc32(bytes)): Promise<DeflatedPiece> {
  return new Promise((resolve, reject) => {
    deflateRaw(bytes, { finishFlush: constants.Z_SYNC_FLUSH }, (error, compressed) => (error ? reject(error) : resolve({ bytes: compressed, crc, size: bytes.length })));
  });
}

/** The 4 bytes of an entry's time and date: UTC fields, 2-second steps, 1980-2107. */
function dosTimeAndDate(wanted: Date): Buffer {
  const time = new Date(Math.min(Math.max(wanted.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  const year = time.getUTCFullYear();
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE((time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | Math.floor(time.getUTCSeconds() / 2), 0);
  stamp.writeUInt16LE(((year - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate(), 2);
  return stamp;
}
