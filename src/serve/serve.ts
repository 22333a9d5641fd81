// `datashelf serve`: the CKAN API of a finished build for production, behind nginx or Apache, whose
// generated configurations send it the requests their files cannot answer (docs/hosting.md). The
// preview's server (src/preview/server.ts) with the build's index required, its base path, and the
// index reloaded when a new build is published (src/serve/handler-source.ts; SIGHUP at once).
import type { Server } from 'node:http';
import path from 'node:path';
import { ckanIndexFiles } from '../outputs/ckan/paths.ts';
import { startPreview } from '../preview/server.ts';
import { UserError } from '../util/user-error.ts';
import { handlerSource, type HandlerSource } from './handler-source.ts';

export interface ServeOptions {
  /** The build folder (the path a publish renames new builds to). */
  dir: string;
  port: number;
  host: string;
  /** Told what happens: an index read, a failed answer. */
  log: (line: string) => void;
}

export interface RunningServe {
  server: Server;
  /** The base URL it answers at (`http://127.0.0.1:4322/`, with the site's base path). */
  url: string;
  datasets: number;
  handlers: HandlerSource;
}

export async function startServe(options: ServeOptions): Promise<RunningServe> {
  let starting = true;
  let startError: unknown = null;
  let datasets = 0;
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
  const handlers = handlerSource(options.dir, {
    onError: (error) => (starting ? (startError = error) : options.log(`Could not read the CKAN index of ${options.dir}; still answering from the one read before: ${message(error)}`)),
    onLoad: (_loaded, count) => {
      datasets = count;
      if (!starting) options.log(`Read the CKAN index of ${options.dir} again: ${count} datasets.`);
    },
    onHandlerError: (error) => options.log(`A CKAN request failed (answered 500): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const first = await handlers.current();
  if (!first) {
    if (startError) throw new UserError(`${options.dir}: the CKAN index could not be read: ${message(startError)}`, 'build the site again with this version of datashelf');
    throw new UserError(`${options.dir} holds no CKAN index (${ckanIndexFiles.catalogue}).`, "build the site with the CKAN API ('datashelf build', without --no-ckan-api) and serve its output folder");
  }
  starting = false;
  const basePath = new URL(first.siteUrl).pathname;
  const server = await startPreview({ root: options.dir, port: options.port, host: options.host, basePath, handlers, onError: (error) => options.log(`A request failed (answered 500): ${message(error)}`) }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UserError(`Port ${options.port} on ${options.host} is in use.`, 'choose another with --port, or stop what is using it');
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UserError(`${options.host} is not an address of this machine.`, 'give --host an address this machine has (127.0.0.1 when nginx or Apache runs here)');
    if (error.code === 'EACCES') throw new UserError(`Port ${options.port} needs more privileges.`, 'use a port above 1023 and let nginx or Apache listen on 80 and 443');
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { server, url: `http://${host}:${port}${basePath}`, datasets, handlers };
}

/** The folder as the user named it, for messages. */
export function shownFolder(cwd: string, dir: string): string {
  return path.relative(cwd, dir) || dir;
}
