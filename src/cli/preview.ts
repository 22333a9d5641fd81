// `datashelf preview`: serves a finished build on 127.0.0.1 until interrupted.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { startPreview } from '../preview/server.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';

const help = `Usage: datashelf preview [--out DIR] [--port N]

Serves the build in DIR (default ./dist) at http://127.0.0.1:N/ (default port 4321), as a static host would.`;

export async function runPreview(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, { out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4321' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${String(values.port)}'.`);
  const root = path.resolve(context.cwd, String(values.out));
  if (!(await stat(path.join(root, 'index.html')).catch(() => null))) {
    say(context.stderr, `${path.relative(context.cwd, root) || root} holds no build. Run 'datashelf build' first.`);
    return 1;
  }
  // The client of a failed answer gets a generic 500; the cause (a path, EMFILE) is shown here.
  const onError = (error: unknown) => say(context.stderr, `datashelf preview: ${error instanceof Error ? error.message : String(error)}`);
  const server = await startPreview({ root, port, onError }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`Port ${port} is in use; choose another with --port.`);
    throw error;
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  say(context.stdout, `Serving ${path.relative(context.cwd, root) || root} at http://127.0.0.1:${actualPort}/ (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
