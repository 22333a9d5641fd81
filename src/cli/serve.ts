// `datashelf serve`: answers the CKAN API of a build behind nginx or Apache until stopped.
import path from 'node:path';
import { startServe, shownFolder } from '../serve/serve.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';

const help = `Usage: datashelf serve [--dir DIR] [--port N] [--host ADDRESS]

Answers the CKAN API of the build in DIR (default ./dist) at http://ADDRESS:N/ (default
127.0.0.1:4322), for nginx or Apache to send it the requests their files cannot answer (searches,
filters, POSTs): see docs/hosting.md. The build needs the CKAN API (no --no-ckan-api).

When a new build replaces DIR, the next request finds it and the index is read again (the old
one answers meanwhile); SIGHUP reads it at once. SIGTERM or Ctrl+C stops.`;

export async function runServe(args: string[], context: CliContext, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4322' }, host: { type: 'string', default: '127.0.0.1' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const port = Number(values.port);
  if (!/^[0-9]+$/.test(String(values.port)) || port > 65535) throw new UsageError(`--port must be a port number, not '${String(values.port)}'.`);
  const dir = path.resolve(context.cwd, String(values.dir));
  const shown = shownFolder(context.cwd, dir);
  const log = (line: string) => say(context.stderr, `datashelf serve: ${line.replaceAll(dir, shown)}`);
  const running = await startServe({ dir, port, host: String(values.host), log });
  say(context.stdout, `Answering the CKAN API of ${shown} (${running.datasets} datasets) at ${running.url} (SIGHUP reloads the index; Ctrl+C stops)`);
  const reload = () => void running.handlers.reload();
  signals.on('SIGHUP', reload);
  await new Promise<void>((resolve) => {
    const stop = () => {
      running.server.close(() => resolve());
      // Kept-alive connections from the proxy would hold the close open: idle ones go now.
      running.server.closeIdleConnections();
    };
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
  });
  signals.off('SIGHUP', reload);
  return 0;
}
