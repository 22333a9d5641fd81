// Sending one file of the build as an answer, so that neither a failure nor a client that goes away
// leaves a file open or a wrong status behind.
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * The file is opened before the status line is written, so a file that cannot be opened (EMFILE,
 * EACCES) rejects while a 500 can still be sent instead of a 200 with a broken body.
 */
export async function sendFile(response: ServerResponse, method: string, status: number, realFile: string, headers: Record<string, string>, encoding: FileEncoding = identity): Promise<void> {
  const handle = await open(realFile, 'r');
  try {
    // The length of the file actually opened, not of whatever is at the path by now.
    const { size } = await handle.stat();
    const compressing = encoding.gzipOnTheFly && size >= gzipMinimumBytes;
    const length: Record<string, string | number> = compressing ? {} : { 'Content-Length': size };
    const coded: Record<string, string> = encoding.name ? { 'Content-Encoding': encoding.name } : compressing ? { 'Content-Encoding': 'gzip' } : {};
    response.writeHead(status, { ...headers, ...coded, ...(encoding.vary ? { Vary: 'Accept-Encoding' } : {}), ...length });
    if (method === 'HEAD') {
      response.end();
      return;
    }
    // pipeline, not pipe: when the client aborts, pipe leaves the file stream paused forever with its
    // descriptor open; pipeline destroys it and rejects (ERR_STREAM_PREMATURE_CLOSE).
    const file = handle.createReadStream({ autoClose: false });
    await (compressing ? pipeline(file, createGzip(), response) : pipeline(file, response));
  } finally {
    // One owner for the descriptor: closed here on every way out (end, abort, read error).
    await handle.close();
  }
}

/**
 * How a file is sent: as it is, as a pre-compressed copy the build wrote (`name`: the copy's coding),
 * or gzipped on the fly, as the generated nginx block does (`gzip_static on`, `gzip on`) and the
 * hosts a site is deployed to do. `vary`: the answer depends on Accept-Encoding.
 */
export interface FileEncoding {
  name: 'gzip' | null;
  gzipOnTheFly: boolean;
  vary: boolean;
}

export const identity: FileEncoding = { name: null, gzipOnTheFly: false, vary: false };

/** nginx's `gzip_min_length` is 20 bytes; below a few hundred the gzip header costs more than it saves. */
const gzipMinimumBytes = 256;
