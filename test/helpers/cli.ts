// Running `datashelf` from the tests as a publisher would (the same `main` the bin calls), output captured.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Streams to hand a command (or one of its steps), and what was written to each, and to both in order. */
export function capturedStreams() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  let written = '';
  stdout.on('data', (chunk: Buffer) => ((out += chunk.toString()), (written += chunk.toString())));
  stderr.on('data', (chunk: Buffer) => ((err += chunk.toString()), (written += chunk.toString())));
  return { stdout, stderr, out: () => out, err: () => err, written: () => written };
}

export async function datashelf(args: string[], cwd: string): Promise<CliRun> {
  const streams = capturedStreams();
  const code = await main(args, { stdout: streams.stdout, stderr: streams.stderr, env: {}, cwd });
  return { code, stdout: streams.out(), stderr: streams.err() };
}
