// A file's brotli copy, `<file>.br`, made from the file read as a stream. Brotli's bytes depend on
// how its input is cut (the whole file at once gives other bytes than the same file read in 64 KB
// chunks), so every copy, on whichever thread it is made (precompress.ts, brotli-thread-entry.ts),
// is made by this one function: the same stream, so the same bytes.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress } from 'node:zlib';

export function brotliCopy(source: string, target: string, quality: number): Promise<void> {
  return pipeline(createReadStream(source), createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: quality } }), createWriteStream(`${target}.br`));
}
