// Sending one file of the build as an answer, so that neither a failure nor a client that goes away
// leaves a file open or a wrong status behind.
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

/**
 * The file is opened before the status line is written, so a file that cannot be opened (EMFILE,
 * EACCES) rejects while a 500 can still be sent instead of a 200 with a broken body.
 */
export async function sendFile(response: ServerResponse, method: string, status: number, realFile: string, headers: Record<string, string>): Promise<void> {
  const handle = await open(realFile, 'r');
  try {
    // The length of the file actually opened, not of whatever is at the path by now.
    const { size } = await handle.stat();
    response.writeHead(status, { ...headers, 'Content-Length': size });
    if (method === 'HEAD') {
      response.end();
      return;
    }
    // pipeline, not pipe: when the client aborts, pipe leaves the file stream paused forever with its
    // descriptor open; pipeline destroys it and rejects (ERR_STREAM_PREMATURE_CLOSE).
    await pipeline(handle.createReadStream({ autoClose: false }), response);
  } finally {
    // One owner for the descriptor: closed here on every way out (end, abort, read error).
    await handle.close();
  }
}
