// A zip file's entries read by name, from its central directory, in whatever order the reader
// wants (an XLSX file is a zip): each entry is a stream of its own over its bytes in the file,
// inflated as it is read, so a large entry is never held whole. Only Node's own streams are used,
// whose 'end' comes after the last byte is read, so the same file gives the same bytes every time.
// (unzipper's forward-only Parse, which exceljs's streaming reader uses, could end before the
// entries it had already taken from the file: docs/decisions/data-previews.md.)
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

const endOfDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const zip64EndOfDirectory = 0x06064b50;
const directoryHeader = 0x02014b50;
const localHeader = 0x04034b50;
/** The end-of-directory record's fixed part, and the longest comment that may follow it. */
const endLength = 22;
const longestComment = 0xffff;

export class ZipEntries {
  /** The entries in the order of the central directory. */
  readonly entries: readonly ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;
  private readonly streams = new Set<Readable>();
  private readonly file: string;
  private readonly handle: FileHandle;

  private constructor(file: string, handle: FileHandle, entries: ZipEntry[]) {
    this.file = file;
    this.handle = handle;
    this.entries = entries;
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
  }

  /** The entries of the zip file `file`; an error that says what is wrong when it is not one. */
  static async open(file: string): Promise<ZipEntries> {
    const handle = await open(file, 'r');
    try {
      return new ZipEntries(file, handle, await readDirectory(handle));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's content, inflated, its length and CRC-32 checked at its end. */
  async stream(entry: ZipEntry): Promise<Readable> {
    if (entry.flags & 0x1) throw new Error(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`${entry.name} is compressed by method ${entry.method}, which is not read (only stored and deflated entries are)`);
    const header = await readAt(this.handle, entry.headerOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== localHeader) throw new Error(`${entry.name} has no local header where the zip's directory says it starts`);
    const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw: Readable = entry.compressedSize === 0 ? Readable.from([]) : createReadStream(this.file, { start, end: start + entry.compressedSize - 1 });
    const checked = new CheckedEntry(entry);
    this.streams.add(raw).add(checked);
    // An error before the caller reads the stream is kept for its read (which rejects with it),
    // not thrown as an unhandled 'error' event.
    checked.on('error', () => {});
    const fail = (error: Error) => checked.destroy(error);
    raw.on('error', fail);
    if (entry.method === 8) {
      const inflate = createInflateRaw();
      this.streams.add(inflate);
      inflate.on('error', (error) => fail(new Error(`${entry.name} could not be inflated: ${error.message}`)));
      raw.pipe(inflate).pipe(checked);
    } else {
      raw.pipe(checked);
    }
    return checked;
  }

  /** Stops every stream still open and closes the file. */
  async close(): Promise<void> {
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
    await this.handle.close();
  }
}

/** Passes an entry's bytes through, and fails at the end if their length or CRC-32 is not the directory's. */
class CheckedEntry extends Transform {
  private crc = 0;
  private size = 0;
  private readonly entry: ZipEntry;

  constructor(entry: ZipEntry) {
    super();
    this.entry = entry;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size !== this.entry.size || this.crc !== this.entry.crc) done(new Error(`${this.entry.name} is damaged: its content does not match the zip's directory`));
    else done();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

const notZip = 'it is not a zip file, as an XLSX file is';

async function readDirectory(handle: FileHandle): Promise<ZipEntry[]> {
  const { size } = await handle.stat();
  const tailStart = Math.max(0, size - endLength - longestComment);
  const tail = await readAt(handle, tailStart, size - tailStart);
  let end = -1;
  for (let at = tail.length - endLength; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === endOfDirectory && at + endLength + tail.readUInt16LE(at + 20) <= tail.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error(notZip);
  let count = tail.readUInt16LE(end + 10);
  let directoryLength = tail.readUInt32LE(end + 12);
  let directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directoryLength === 0xffffffff || directoryOffset === 0xffffffff) {
    // Zip64: the locator just before the end record says where the zip64 end record is.
    const locator = await readAt(handle, tailStart + end - 20, 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== zip64Locator) throw new Error(`${notZip} (its zip64 directory is missing)`);
    const record = await readAt(handle, Number(locator.readBigUInt64LE(8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== zip64EndOfDirectory) throw new Error(`${notZip} (its zip64 directory is missing)`);
    count = Number(record.readBigUInt64LE(32));
    directoryLength = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (directoryOffset + directoryLength > size) throw new Error(`${notZip} (its directory is cut off)`);
  const directory = await readAt(handle, directoryOffset, directoryLength);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== directoryHeader) throw new Error(`${notZip} (its directory is damaged)`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      headerOffset: directory.readUInt32LE(at + 42),
    };
    readZip64Sizes(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The sizes and offset a zip64 entry gives in its extra field (0x0001), each only where the header has 0xffffffff. */
function readZip64Sizes(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new Error(`${notZip} (${entry.name}'s zip64 sizes are cut off)`);
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      return;
    }
    at += 4 + length;
  }
}
