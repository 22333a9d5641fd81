// The preview server as a client and the machine see it: aborted downloads release their files, a
// failure is a generic 500 (never a 200, never a server path), and links out of the build are absent.
// Real servers on 127.0.0.1, real files and links in temporary folders; descriptors counted in /proc.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, truncate, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPreview } from '../../src/preview/server.ts';
import { get } from '../clients/http.ts';

const cli = fileURLToPath(new URL('../../bin/datashelf.mjs', import.meta.url));

/** A small build: pages, a 404 page, a CSV, an API file and a file too big to sit in socket buffers. */
async function writeBuild(): Promise<string> {
  const build = await mkdtemp(path.join(tmpdir(), 'datashelf-preview-'));
  await mkdir(path.join(build, 'docs'));
  await mkdir(path.join(build, 'api/datasets'), { recursive: true });
  await writeFile(path.join(build, 'index.html'), '<h1>Home</h1>');
  await writeFile(path.join(build, '404.html'), '<h1>Page not found</h1>');
  await writeFile(path.join(build, 'docs/index.html'), '<h1>Docs</h1>');
  await writeFile(path.join(build, 'data.csv'), 'id,title\r\nroads,Roads\r\n');
  await writeFile(path.join(build, 'api/datasets/export.json'), '[]');
  // Sparse: 64 MiB on the wire, nothing on disk.
  await writeFile(path.join(build, 'big.bin'), '');
  await truncate(path.join(build, 'big.bin'), 64 * 1024 * 1024);
  return build;
}

async function listen(root: string): Promise<{ server: Server; port: number; base: string }> {
  const server = await startPreview({ root, port: 0 });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('No address');
  return { server, port: address.port, base: `http://127.0.0.1:${address.port}` };
}

/** How many descriptors this process (and so its in-process preview servers) has open. */
function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

async function connected(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/** Asks for a file and hangs up as soon as its first bytes arrive, as a cancelled browser download does. */
async function abortDownload(port: number, sitePath: string): Promise<void> {
  const socket = await connected(port);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject).once('data', () => {
      socket.destroy();
      resolve();
    });
    socket.write(`GET ${sitePath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One GET over a socket the server accepted earlier, kept open afterwards (the server must not get a
 * descriptor back), read by hand as far as Content-Length: a broken answer is shown as it is.
 */
function getOver(socket: Socket, sitePath: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd === -1) return;
      const [statusLine = '', ...fields] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(fields.map((field) => [field.slice(0, field.indexOf(':')).toLowerCase(), field.slice(field.indexOf(':') + 1).trim()]));
      const bodyEnd = headEnd + 4 + Number(headers['content-length'] ?? 0);
      if (received.length < bodyEnd) return;
      socket.off('data', onData);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: received.subarray(headEnd + 4, bodyEnd).toString('utf8') });
    };
    socket.on('data', onData).once('error', reject);
    socket.write(`GET ${sitePath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

describe('preview: aborted downloads', () => {
  let preview: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    preview = await listen(await writeBuild());
  });
  afterAll(async () => {
    await new Promise((resolve) => preview?.server.close(resolve));
  });

  it('a download the client aborts leaves no file open on the server', async () => {
    // One complete answer first, so whatever the first file read sets up is in the baseline.
    expect((await get(`${preview.base}/data.csv`)).status).toBe(200);
    const before = openDescriptors();
    for (let download = 0; download < 50; download++) await abortDownload(preview.port, '/big.bin');
    // Closing happens as the server notices each reset; a leak never goes away (before the fix: +50).
    await vi.waitFor(() => expect(openDescriptors()).toBeLessThanOrEqual(before), { timeout: 5000, interval: 50 });
  });
});

describe('preview: symbolic links', () => {
  let build: string;
  let preview: Awaited<ReturnType<typeof listen>>;
  let notFound: Awaited<ReturnType<typeof get>>;
  beforeAll(async () => {
    build = await writeBuild();
    const outside = await mkdtemp(path.join(tmpdir(), 'datashelf-outside-'));
    await writeFile(path.join(outside, 'secret.txt'), 'outside secret');
    await writeFile(path.join(outside, 'index.html'), '<h1>outside secret</h1>');
    await symlink('/etc/passwd', path.join(build, 'passwd'));
    await symlink(path.join(outside, 'secret.txt'), path.join(build, 'secret.txt'));
    await symlink(outside, path.join(build, 'elsewhere'));
    await symlink('data.csv', path.join(build, 'alias.csv'));
    await symlink('docs', path.join(build, 'docs-alias'));
    await symlink('../../data.csv', path.join(build, 'api/datasets/data.csv'));
    preview = await listen(build);
    notFound = await get(`${preview.base}/no-such-file`);
  });
  afterAll(async () => {
    await new Promise((resolve) => preview?.server.close(resolve));
  });

  it.each(['/passwd', '/secret.txt', '/elsewhere', '/elsewhere/', '/elsewhere/secret.txt', '/elsewhere/index.html'])(
    '%s, through a link out of the build, is absent: the 404 page',
    async (sitePath) => {
      const reply = await get(`${preview.base}${sitePath}`);
      expect(notFound.status).toBe(404);
      expect(reply).toEqual({ ...notFound, url: reply.url });
      expect(reply.text).not.toMatch(/root:|outside secret/);
    },
  );

  it('links that stay inside the build are served, to a file and to a folder', async () => {
    expect(await get(`${preview.base}/alias.csv`)).toMatchObject({ status: 200, text: 'id,title\r\nroads,Roads\r\n' });
    expect(await get(`${preview.base}/docs-alias/`)).toMatchObject({ status: 200, text: '<h1>Docs</h1>' });
    expect(await get(`${preview.base}/api/datasets/data.csv`)).toMatchObject({ status: 200, text: 'id,title\r\nroads,Roads\r\n' });
  });

  it('a build folder reached through a link is served, and still keeps links out of it', async () => {
    const linkToBuild = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-link-')), 'dist');
    await symlink(build, linkToBuild);
    const linked = await listen(linkToBuild);
    try {
      expect(await get(`${linked.base}/data.csv`)).toMatchObject({ status: 200, text: 'id,title\r\nroads,Roads\r\n' });
      expect(await get(`${linked.base}/passwd`)).toMatchObject({ status: 404, text: notFound.text });
    } finally {
      await new Promise((resolve) => linked.server.close(resolve));
    }
  });
});

describe('preview: a server out of file descriptors', () => {
  // `datashelf preview` itself, in a child process whose descriptor table is small enough to fill.
  const limit = 64;
  let build: string;
  let child: ReturnType<typeof spawn>;
  let stderr = '';
  let port: number;
  const sockets: Socket[] = [];
  const idle: Socket[] = [];

  beforeAll(async () => {
    build = await writeBuild();
    child = spawn('sh', ['-c', 'ulimit -n "$0" && exec "$@"', String(limit), process.execPath, cli, 'preview', '--out', build, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    port = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = /127\.0\.0\.1:(\d+)\//.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`datashelf preview exited (${code}): ${stdout}${stderr}`)));
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  /** Free descriptor numbers below the limit (a descriptor inherited above it takes no slot). */
  const freeSlots = () => limit - readdirSync(`/proc/${child.pid}/fd`).filter((name) => Number(name) < limit).length;

  /**
   * Opens idle connections, each accepted before the next, until the server has no descriptor left
   * to open a file with; then hands out one that has carried no request yet.
   */
  const idleConnectionToFullServer = async (): Promise<Socket> => {
    while (freeSlots() > 0) {
      const free = freeSlots();
      const socket = await connected(port);
      sockets.push(socket);
      idle.push(socket);
      await vi.waitFor(() => expect(freeSlots()).toBeLessThan(free), { timeout: 5000, interval: 5 });
    }
    return idle.pop()!;
  };

  it('answers 500 with a generic body, as text for pages and in CKAN form under /api/, and names no path', async () => {
    const page = await getOver(await idleConnectionToFullServer(), '/data.csv');
    expect({ status: page.status, type: page.headers['content-type'], body: page.body }).toEqual({ status: 500, type: 'text/plain; charset=utf-8', body: 'Internal Server Error' });

    const api = await getOver(await idleConnectionToFullServer(), '/api/datasets/export.json');
    expect({ status: api.status, type: api.headers['content-type'], cors: api.headers['access-control-allow-origin'] }).toEqual({ status: 500, type: 'application/json', cors: '*' });
    expect(JSON.parse(api.body)).toEqual({ help: null, error: { __type: 'Error', message: 'Internal Server Error' }, success: false });

    expect(page.body + api.body).not.toContain(build);
    // The cause goes to whoever runs the preview, not to the client.
    expect(stderr).toContain('EMFILE');
  });
});

/** One GET through node:http, which leaves the body as sent (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.once('error', reject).end();
  });
}

describe('preview: compression as the hosts do it', () => {
  const page = `<!doctype html><title>Roads</title>${'<p>Road casualties by ward and month.</p>'.repeat(40)}`;
  const css = `body{color:#222}${'.files-table td{padding:.5rem}'.repeat(40)}`;
  let preview: Awaited<ReturnType<typeof listen>>;
  let build: string;
  beforeAll(async () => {
    build = await writeBuild();
    await writeFile(path.join(build, 'docs/index.html'), page);
    await mkdir(path.join(build, '_astro'));
    await writeFile(path.join(build, '_astro/site.css'), css);
    await writeFile(path.join(build, '_astro/site.css.gz'), gzipSync(css));
    await writeFile(path.join(build, 'logo.png'), Buffer.alloc(4096, 7));
    preview = await listen(build);
  });
  afterAll(async () => {
    await new Promise((resolve) => preview?.server.close(resolve));
  });

  it('gzips a page on the fly for a browser that accepts it, and says the answer varies', async () => {
    const answer = await rawGet(`${preview.base}/docs/`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(gunzipSync(answer.body).toString('utf8')).toBe(page);
    expect(answer.body.length).toBeLessThan(page.length / 4);
  });

  it("sends the build's own .gz copy of an asset, as nginx's gzip_static does", async () => {
    const answer = await rawGet(`${preview.base}/_astro/site.css`, { 'Accept-Encoding': 'gzip, br' });
    expect({ coding: answer.headers['content-encoding'], type: answer.headers['content-type'], length: answer.headers['content-length'] }).toEqual({ coding: 'gzip', type: 'text/css; charset=utf-8', length: String(gzipSync(css).length) });
    expect(answer.body.equals(readFileSync(path.join(build, '_astro/site.css.gz')))).toBe(true);
  });

  it('sends the file as it is to a client that accepts no coding (or refuses gzip), and never compresses an image', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'gzip;q=0' }] as Record<string, string>[]) {
      const answer = await rawGet(`${preview.base}/docs/`, headers);
      expect({ coding: answer.headers['content-encoding'], length: answer.headers['content-length'], body: answer.body.toString('utf8') }).toEqual({ coding: undefined, length: String(page.length), body: page });
    }
    const image = await rawGet(`${preview.base}/logo.png`, { 'Accept-Encoding': 'gzip, br' });
    expect({ coding: image.headers['content-encoding'], length: image.body.length }).toEqual({ coding: undefined, length: 4096 });
  });

  it('answers HEAD with the headers of the compressed answer and no body', async () => {
    const answer = await rawGet(`${preview.base}/docs/`, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect({ status: answer.status, coding: answer.headers['content-encoding'], body: answer.body.length }).toEqual({ status: 200, coding: 'gzip', body: 0 });
  });
});
