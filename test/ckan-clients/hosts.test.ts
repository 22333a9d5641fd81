// The real clients' request sequences (flows.ts) against nginx and Apache with `datashelf serve`
// beside them (real processes: the generated configurations, the `datashelf` command), and what
// the generated configurations answer with and without serve.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rename, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { ckanIndexFiles, ckanIndexPackagesFile } from '../../src/outputs/ckan/paths.ts';
import { startApache } from '../host/apache-server.ts';
import { startNginx } from '../host/nginx-server.ts';
import { buildPagingSite, widePagingDatasetCount } from '../host/paging-build.ts';
import { freePort, type Running } from '../host/processes.ts';
import { catalogueOf, checkFlow, flows, runFlow, type PackageDict } from './flows.ts';
import { expectHandlerPaging } from './rows-max.ts';

const cli = fileURLToPath(new URL('../../bin/datashelf.mjs', import.meta.url));

/** `datashelf serve` as its own process, ready once it says so (reading the index takes a while on a loaded machine). */
async function startServe(build: string): Promise<Running & { address: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--dir', build, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Answering')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`datashelf serve exited (${code}): ${output}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { base: `http://127.0.0.1:${port}/`, address: `127.0.0.1:${port}`, stop, exited };
}

/** One build for every host here (each reads its own configuration from it). */
let shared: Promise<string> | undefined;
const sharedBuild = () => (shared ??= buildPagingSite().then(({ build }) => build));
/** The wide catalogue (pages of 100 that span three), for both hosts with serve. */
let wide: Promise<string> | undefined;
const wideBuild = () => (wide ??= buildPagingSite({ datasets: widePagingDatasetCount }).then(({ build }) => build));

/**
 * Every spelling of the handler's folder and files (its gzipped package dicts among them, and their
 * name without `.gz`, which nginx's `gzip_static` would answer with the `.gz`): the hosts hide the whole folder.
 */
const hiddenPaths = [...Object.values(ckanIndexFiles), ckanIndexPackagesFile(0), ckanIndexPackagesFile(0).replace(/\.gz$/, ''), 'api/.datashelf/ckan-index/packages/', 'api/.datashelf/', 'api/.datashelf', 'api/.datashelf/ckan-index/', 'api/%2Edatashelf/ckan-index/packages/0.json.gz', 'api//.datashelf/ckan-index/catalogue.json', 'api/.datashelf/no-such-file'];

/** A dataset's v1/v2 entity and revisions in every spelling the handler takes. */
const modelPaths = (dataset: PackageDict) => [
  `api/rest/dataset/${dataset.name}`,
  `api/1/rest/dataset/${dataset.name}/`,
  `api/1/rest/dataset/${dataset.id}`,
  `api/2/rest/dataset/${dataset.id}`,
  `api/2/rest/dataset/${dataset.name}`,
  `api/rest/dataset/${dataset.name}/revisions`,
  `api/2/rest/dataset/${dataset.id}/revisions`,
  'api/rest/dataset/no-such-dataset',
];

const header = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, type: response.headers.get('content-type'), allow: response.headers.get('allow'), text: await response.text() };
};

describe.each([
  ['nginx', startNginx],
  ['Apache', startApache],
] as const)('%s with datashelf serve', (_name, startHost) => {
  let build: string;
  let catalogue: PackageDict[];
  let serve: Running & { address: string };
  let host: Running;

  beforeAll(async () => {
    build = await sharedBuild();
    catalogue = await catalogueOf(build);
    serve = await startServe(build);
    host = await startHost(build, serve.address);
  });
  afterAll(async () => {
    await host?.stop();
    await serve?.stop();
  });

  for (const flow of flows) {
    it(flow.name, async () => {
      expect(checkFlow(flow, await runFlow(flow, host.base), catalogue)).toEqual([]);
    });
  }

  it('answers API v1/v2 dataset entities and revisions with serve: the handler\'s bytes, no file holds them', async () => {
    const handler = createCkanHandler(await readCkanIndex(build));
    for (const dataset of catalogue.slice(0, 3)) {
      for (const url of modelPaths(dataset)) {
        const expected = await handler(new Request(new URL(url, 'https://data.paging.example/')));
        const reply = await header(`${host.base}${url}`);
        expect([reply.status, reply.type, reply.text], url).toEqual([expected.status, 'application/json', await expected.text()]);
      }
    }
    expect(JSON.parse((await header(`${host.base}api/1/rest/dataset/${catalogue[0]!.name}`)).text)).toMatchObject({ name: catalogue[0]!.name, revision_id: null });
  });

  it('hides the index, answers /api/3, percent-encoded ids and trailing slashes, and sends Allow with 405', async () => {
    for (const file of hiddenPaths) {
      const reply = await header(`${host.base}${file}`);
      expect(reply.status, file).toBe(404);
      expect(reply.text, file).not.toContain('"format"');
    }
    expect(await header(`${host.base}api/3`)).toMatchObject({ status: 200, type: 'application/json', text: '{"version":3}' });
    expect(JSON.parse((await header(`${host.base}api/3/action/package_show?id=dataset%2D01`)).text)).toMatchObject({ success: true, result: { name: 'dataset-01' } });
    expect(JSON.parse((await header(`${host.base}api/3/action/package_list/`)).text)).toMatchObject({ success: true });
    expect(await header(`${host.base}api/3/action/package_list`, { method: 'DELETE' })).toMatchObject({ status: 405, allow: 'GET, HEAD, POST, OPTIONS' });
    expect(await header(`${host.base}api/rest/dataset`, { method: 'POST', body: '{}' })).toMatchObject({ status: 405, allow: 'GET, HEAD, OPTIONS' });
    // What the files hold is still the files': API v1/v2 and the pages.
    expect(JSON.parse((await header(`${host.base}api/rest/dataset`)).text)).toHaveLength(catalogue.length);
    expect((await header(host.base)).type).toMatch(/^text\/html/);
  });
});

describe.each([
  ['nginx', startNginx],
  ['Apache', startApache],
] as const)('%s alone (no serve): the static answers, as before', (name, startHost) => {
  let build: string;
  let catalogue: PackageDict[];
  let host: Running;

  beforeAll(async () => {
    build = await sharedBuild();
    catalogue = await catalogueOf(build);
    host = await startHost(build);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('fails the flows the files cannot answer (POST, filters), so the flows above prove serve answers them', async () => {
    const failing = ['ckanapi dump datasets --all (POST, JSON body)', 'ckanext-harvest, organizations include', 'piveau, pageSize 10', 'piveau, pageSize 50', 'udata, organization filter'];
    for (const flowName of failing) {
      const flow = flows.find((candidate) => candidate.name === flowName)!;
      expect(checkFlow(flow, await runFlow(flow, host.base), catalogue), flowName).not.toEqual([]);
    }
    const plain = flows.find((candidate) => candidate.name === 'ckanapi dump datasets --all -g')!;
    expect(checkFlow(plain, await runFlow(plain, host.base), catalogue)).toEqual([]);
  });

  it('answers API v1/v2 dataset entities and revisions with CKAN\'s "Not found", JSON (they are the handler\'s)', async () => {
    const notFound = await readFile(path.join(build, 'api/1/error/not-found'), 'utf8');
    for (const url of modelPaths(catalogue[0]!)) expect(await header(`${host.base}${url}`), url).toMatchObject({ status: 404, type: 'application/json', text: notFound });
  });

  it('hides the index and sends Allow with 405', async () => {
    for (const file of hiddenPaths) {
      const reply = await header(`${host.base}${file}`);
      expect(reply.status, file).toBe(404);
      expect(reply.text, file).not.toContain('"format"');
    }
    expect(await header(`${host.base}api/3/action/package_list`, { method: 'POST' })).toMatchObject({ status: 405, allow: 'GET, HEAD, OPTIONS', type: 'application/json' });
    expect(await header(host.base, { method: 'DELETE' })).toMatchObject({ status: 405, allow: 'GET, HEAD, OPTIONS' });
    if (name === 'Apache') expect(JSON.parse((await header(`${host.base}api/3/action/package_list/`)).text)).toMatchObject({ success: true });
  });
});

describe.each([
  ['nginx', startNginx],
  ['Apache', startApache],
] as const)(`%s with datashelf serve, a catalogue of ${widePagingDatasetCount} datasets`, (_name, startHost) => {
  let serve: Running | undefined;
  let host: Running | undefined;
  afterAll(async () => {
    await host?.stop();
    await serve?.stop();
  });

  it('hands rows above the files\' 100 and current_package_list_with_resources\'s later pages to serve, which answers them with CKAN\'s rows_max of 1000', async () => {
    const build = await wideBuild();
    serve = await startServe(build);
    host = await startHost(build, (serve as Running & { address: string }).address);
    await expectHandlerPaging(host.base, await catalogueOf(build));
  });
});

describe('datashelf serve', () => {
  it('reads the index again when a new build is renamed into place, and stops on SIGTERM', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'datashelf-serve-'));
    const build = path.join(root, 'dist');
    await cp(await sharedBuild(), build, { recursive: true });
    const serve = await startServe(build);
    try {
      const count = async () => ((await (await fetch(`http://${serve.address}/api/3/action/package_search?rows=0`)).json()) as { result: { count: number } }).result.count;
      expect(await count()).toBe(25);
      // A new build with one dataset fewer, published the way a build publishes: renamed into place.
      const next = path.join(root, 'dist-next');
      await cp(build, next, { recursive: true });
      await dropLastDataset(next);
      await rename(build, path.join(root, 'dist-old'));
      await rename(next, build);
      let seen = await count();
      for (let tries = 0; seen !== 24 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await count();
      }
      expect(seen).toBe(24);
    } finally {
      await serve.stop();
    }
    expect(await serve.exited).toBe(0);
  });
});

describe('datashelf serve, given a folder it cannot serve', () => {
  it('says to build with the CKAN API, in one line and a hint, without a stack trace', async () => {
    const { main } = await import('../../src/cli/main.ts');
    const { PassThrough } = await import('node:stream');
    const folder = await mkdtemp(path.join(tmpdir(), 'datashelf-serve-empty-'));
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await main(['serve', '--dir', folder, '--port', '0'], { stdout: new PassThrough(), stderr, env: {}, cwd: folder });
    expect(code).toBe(1);
    expect(text).toMatch(/holds no CKAN index \(api\/\.datashelf\/ckan-index\/catalogue\.json\)\.\n {2}hint: build the site with the CKAN API/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('says the port is in use', async () => {
    const { main } = await import('../../src/cli/main.ts');
    const { PassThrough } = await import('node:stream');
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    try {
      const code = await main(['serve', '--dir', await sharedBuild(), '--port', String(port)], { stdout: new PassThrough(), stderr, env: {}, cwd: tmpdir() });
      expect([code, text.split('\n')[0]]).toEqual([1, `Port ${port} on 127.0.0.1 is in use.`]);
    } finally {
      taken.close();
    }
  });
});

/** Makes `build`'s index one dataset short, as a new build without its last dataset would be (an index of its own package file). */
async function dropLastDataset(build: string): Promise<void> {
  const { catalogue, packages } = await readCkanIndex(build);
  const kept = packages.slice(0, -1);
  await writeFile(path.join(build, ckanIndexPackagesFile(0)), gzipSync(`[${kept.join(',')}]`));
  const next = { ...catalogue, packageFiles: [ckanIndexPackagesFile(0)], packageCount: kept.length, legacy: { ...catalogue.legacy, datasets: catalogue.legacy.datasets.slice(0, -1) } };
  await writeFile(path.join(build, ckanIndexFiles.catalogue), JSON.stringify(next));
}
