// Ending the process once a build is done. Left to end by itself, Node first frees everything the
// build held (the main thread's heap, a few hundred MB at 10,000 datasets, and its threads'),
// object by object: 40 to 400 ms of wall time after the build has returned, with nothing left to
// do (docs/performance.md, "start-cost"). `process.exit` skips that teardown. Only for a command
// that has finished all its work when it returns (`datashelf build`): whatever it still had
// running would be cut off.

interface Flushable {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/**
 * Ends the process with `code` once what was written to `streams` is out: an empty write's callback
 * runs after the writes before it (pipes are asynchronous on some systems), then `exit`.
 */
export async function exitOnceWritten(code: number, streams: readonly Flushable[] = [process.stdout, process.stderr], exit: (code: number) => void = (value) => process.exit(value)): Promise<void> {
  await Promise.all(streams.map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  exit(code);
}
