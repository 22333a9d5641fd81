// Web servers the tests start and stop themselves: a free port on 127.0.0.1, a child process in
// the foreground, and waiting until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('No port');
  return address.port;
}

export interface Running {
  base: string;
  stop(): Promise<void>;
}

/** Starts `command` and resolves once `base` answers; its output is kept for the error message. */
export async function startServer(command: string, args: string[], base: string): Promise<Running> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${output}`);
    try {
      await fetch(base, { signal: AbortSignal.timeout(1000) });
      return { base, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${command} did not answer at ${base}: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
