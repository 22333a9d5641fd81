// Apache httpd serving a build with the `.htaccess` the build wrote, from a minimal server
// configuration of our own (the modules it needs, AllowOverride as docs/hosting.md asks). Its own
// process in the foreground, never a system service.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServer, type Running } from './processes.ts';

export const apacheBinary = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const modules = process.env.APACHE_MODULES ?? '/usr/lib/apache2/modules';

/** `serve`: the address of a running `datashelf serve`, defined as docs/hosting.md says (with mod_proxy_http). */
export async function startApache(build: string, serve?: string): Promise<Running> {
  const serverRoot = await mkdtemp(path.join(tmpdir(), 'datashelf-apache-'));
  const port = await freePort();
  const config = [
    `ServerRoot ${serverRoot}`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile ${path.join(serverRoot, 'httpd.pid')}`,
    `DefaultRuntimeDir ${serverRoot}`,
    `ErrorLog ${path.join(serverRoot, 'error.log')}`,
    ...['mpm_event', 'authz_core', 'mime', 'rewrite', 'headers', 'dir', 'filter', 'deflate', 'brotli', ...(serve ? ['proxy', 'proxy_http'] : [])].map((name) => `LoadModule ${name}_module ${modules}/mod_${name}.so`),
    ...(serve ? [`Define DATASHELF_SERVE ${serve}`] : []),
    'TypesConfig /etc/mime.types',
    // As root, Apache serves as another user (one Debian's apache2 package creates).
    ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
    `DocumentRoot ${build}`,
    `<Directory ${build}>`,
    '    AllowOverride FileInfo Indexes',
    '    Require all granted',
    '</Directory>',
    '',
  ];
  await writeFile(path.join(serverRoot, 'httpd.conf'), config.join('\n'));
  return startServer(apacheBinary, ['-f', path.join(serverRoot, 'httpd.conf'), '-DFOREGROUND'], `http://127.0.0.1:${port}/`);
}
