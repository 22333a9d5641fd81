// Sets every entry of a finished zip file to one modification time, so that the same content gives
// the same bytes. exceljs's streaming writer zips with archiver, which stamps each entry with the
// time it was added and has no option to choose it; the times live only in the entry headers.
import { open, type FileHandle } from 'node:fs/promises';

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endOfCentralDirectorySignature = 0x06054b50;
const endOfCentralDirectoryLength = 22;

/**
 * Rewrites the MS-DOS time and date of every entry, in the central directory and in each local
 * header, in place: only the directory is read, never the compressed data.
 */
export async function setZipEntryTimes(file: string, time: Date): Promise<void> {
  const stamp = dosTimeAndDate(time);
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
    const tailLength = Math.min(size, endOfCentralDirectoryLength + 0xffff);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let end = tail.length - endOfCentralDirectoryLength;
    while (end >= 0 && tail.readUInt32LE(end) !== endOfCentralDirectorySignature) end--;
    if (end < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
    const entryCount = tail.readUInt16LE(end + 10);
    const directoryLength = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff) throw new Error(`${file}: ZIP64 archives are not supported`);

    const directory = await readAt(handle, directoryOffset, directoryLength);
    let at = 0;
    for (let entry = 0; entry < entryCount; entry++) {
      if (directory.readUInt32LE(at) !== centralHeaderSignature) throw new Error(`${file}: damaged central directory at entry ${entry}`);
      stamp.copy(directory, at + 12);
      const localOffset = directory.readUInt32LE(at + 42);
      if (localOffset === 0xffffffff) throw new Error(`${file}: ZIP64 archives are not supported`);
      if ((await readAt(handle, localOffset, 4)).readUInt32LE(0) !== localHeaderSignature) throw new Error(`${file}: no local header at ${localOffset}`);
      await handle.write(stamp, 0, 4, localOffset + 10);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    await handle.write(directory, 0, directory.length, directoryOffset);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`short read at ${position}`);
  return buffer;
}

/** The 4 bytes of an entry's time and date: UTC fields (as archiver writes them), 2-second steps, 1980-2107. */
function dosTimeAndDate(wanted: Date): Buffer {
  const time = new Date(Math.min(Math.max(wanted.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  const year = time.getUTCFullYear();
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE((time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | Math.floor(time.getUTCSeconds() / 2), 0);
  stamp.writeUInt16LE(((year - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate(), 2);
  return stamp;
}
