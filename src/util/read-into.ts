// A file's bytes read into a buffer: `readSync` may read fewer bytes than asked, so it is called
// until the count is read or the file ends. The one loop for the cache, the load memo's shards, the
// previous output's files and small copies.
import { readSync } from 'node:fs';

/** Reads into `buffer` from its start, from the file open as `fd` at `position` (null: where the file stands), until `count` bytes or the file's end; how many were read. */
export function readInto(fd: number, buffer: Uint8Array, count: number, position: number | null): number {
  let filled = 0;
  while (filled < count) {
    const read = readSync(fd, buffer, filled, count - filled, position === null ? null : position + filled);
    if (read === 0) break;
    filled += read;
  }
  return filled;
}
