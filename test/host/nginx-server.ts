// nginx serving a build with the server block the build wrote, changed only in its `listen` and
// `root` lines, as an operator would. Its own process, never a system service.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nginxServeConfigFile, nginxUpstreamLine } from '../../src/outputs/hosts/nginx-serve.ts';
import { nginxConfigFile, nginxListenLine, nginxRootLine } from '../../src/outputs/hosts/nginx.ts';
import { freePort, startServer, type Running } from './processes.ts';

export const nginxBinary = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** The generated block with only `listen` and `root` replaced (each must be there exactly once). */
export function operatorServerBlock(generated: string, port: number, build: string): string {
  for (const line of [nginxListenLine, nginxRootLine]) {
    if ((generated.match(new RegExp(line.source, 'gm')) ?? []).length !== 1) throw new Error(`${line} is not exactly one line of the server block`);
  }
  return generated.replace(nginxListenLine, `    listen 127.0.0.1:${port};`).replace(nginxRootLine, `    root ${build};`);
}

/** `serve`: the address of a running `datashelf serve`, for the build's block that sends to it (its upstream line changed too). */
export async function startNginx(build: string, serve?: string): Promise<Running> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'datashelf-nginx-'));
  const port = await freePort();
  let block = operatorServerBlock(await readFile(path.join(build, serve ? nginxServeConfigFile : nginxConfigFile), 'utf8'), port, build);
  if (serve) {
    if ((block.match(new RegExp(nginxUpstreamLine.source, 'gm')) ?? []).length !== 1) throw new Error('The upstream line is not exactly one line of the block');
    block = block.replace(nginxUpstreamLine, `    server ${serve};`);
  }
  await writeFile(path.join(prefix, 'server.conf'), block);
  // The http context an operator's nginx.conf gives the block; temporary files under our prefix (Debian's are root's).
  const temporary = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(prefix, kind)};`);
  await writeFile(path.join(prefix, 'nginx.conf'), ['events {}', 'http {', '  access_log off;', ...temporary, `  include ${path.join(prefix, 'server.conf')};`, '}', ''].join('\n'));
  const errorLog = path.join(prefix, 'error.log');
  return startServer(nginxBinary, ['-p', prefix, '-e', errorLog, '-c', path.join(prefix, 'nginx.conf'), '-g', `daemon off; master_process on; pid ${path.join(prefix, 'nginx.pid')}; error_log ${errorLog};`], `http://127.0.0.1:${port}/`);
}
