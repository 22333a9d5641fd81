// What a command may touch: its output streams, environment and working folder, passed in so
// tests run commands directly.
export interface CliContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function say(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}
