// The real clients' request sequences (flows.ts) against `datashelf preview` of a build with the
// CKAN API: the preview answers the handler's routes with the CKAN handler.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ckanIndexPackagesFile } from '../../src/outputs/ckan/paths.ts';
import { startPreview } from '../../src/preview/server.ts';
import { buildPagingSite, widePagingDatasetCount } from '../host/paging-build.ts';
import { catalogueOf, checkFlow, flows, runFlow, type PackageDict } from './flows.ts';
import { expectHandlerPaging } from './rows-max.ts';

describe('datashelf preview with the CKAN handler', () => {
  let server: Server;
  let base: string;
  let catalogue: PackageDict[];
  let build: string;

  beforeAll(async () => {
    ({ build } = await buildPagingSite());
    catalogue = await catalogueOf(build);
    server = await startPreview({ root: build, port: 0 });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('No address');
    base = `http://127.0.0.1:${address.port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  for (const flow of flows) {
    it(flow.name, async () => {
      expect(checkFlow(flow, await runFlow(flow, base), catalogue)).toEqual([]);
    });
  }

  it('serves API v1/v2 from the files and the handler, hides the handler\'s index, and answers the handler\'s routes with CORS', async () => {
    const names = (await (await fetch(`${base}api/rest/dataset`)).json()) as string[];
    expect(names).toHaveLength(25);
    // A dataset's entity and revisions: the handler's (no file holds them).
    const entity = await fetch(`${base}api/rest/dataset/${names[0]}`);
    expect([entity.status, entity.headers.get('content-type'), entity.headers.get('access-control-allow-origin')]).toEqual([200, 'application/json', '*']);
    const uuid = ((await entity.json()) as { id: string; name: string }).id;
    expect(await (await fetch(`${base}api/2/rest/dataset/${uuid}`)).json()).toMatchObject({ id: uuid, name: names[0] });
    expect(await (await fetch(`${base}api/1/rest/dataset/${names[0]}/revisions`)).json()).toEqual([]);
    for (const file of ['api/.datashelf/ckan-index/catalogue.json', ckanIndexPackagesFile(0), 'api/.datashelf/ckan-index/packages/', 'api/.datashelf/', 'api/.datashelf/no-such-file']) {
      const reply = await fetch(`${base}${file}`);
      expect([reply.status, reply.headers.get('content-type')], file).toEqual([404, 'text/html; charset=utf-8']);
    }
    // The site's API page stays the page; the API's roots without one are the handler's.
    expect((await fetch(`${base}api/`)).headers.get('content-type')).toMatch(/^text\/html/);
    const root = await fetch(`${base}api/3`);
    expect([root.status, await root.json(), root.headers.get('access-control-allow-origin')]).toEqual([200, { version: 3 }, '*']);
    const encoded = await fetch(`${base}api/3/action/package_show?id=dataset%2D01`);
    expect([encoded.status, ((await encoded.json()) as { result: { name: string } }).result.name]).toEqual([200, 'dataset-01']);
    const slash = await fetch(`${base}api/3/action/package_list/`);
    expect(slash.status).toBe(200);
    const put = await fetch(`${base}api/3/action/package_list`, { method: 'PUT' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST, OPTIONS']);
  });
});

describe(`datashelf preview with the CKAN handler, a catalogue of ${widePagingDatasetCount} datasets`, () => {
  let server: Server | undefined;
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('answers rows above the files\' 100 and current_package_list_with_resources\'s later pages with the handler (CKAN\'s rows_max of 1000)', async () => {
    const { build } = await buildPagingSite({ datasets: widePagingDatasetCount });
    server = await startPreview({ root: build, port: 0 });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('No address');
    await expectHandlerPaging(`http://127.0.0.1:${address.port}/`, await catalogueOf(build));
  });
});
