// `datashelf preview` applies the host rules of the outputs the build holds, as the build's own
// host configurations do: the real clients work against a full build unchanged, and a build
// without the CKAN API is served without it.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import { startPreview } from '../../src/preview/server.ts';
import { buildPagingSite, pagingDatasetCount } from '../host/paging-build.ts';
import { siteFlows } from '../host/site-flows.ts';
import { clientFlows, type RunningHost } from './flows.ts';

describe('datashelf preview', () => {
  let host: RunningHost;
  let server: Server;

  beforeAll(async () => {
    const { build } = await buildPagingSite();
    server = await startPreview({ root: build, port: 0 });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('No address');
    host = { base: `http://127.0.0.1:${address.port}/`, build };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  clientFlows(() => host, pagingDatasetCount);
});

describe('datashelf preview of a build without the CKAN API', () => {
  let host: RunningHost;
  let server: Server;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ ckanApi: false });
    server = await startPreview({ root: build, port: 0 });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('No address');
    host = { base: `http://127.0.0.1:${address.port}/`, build };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  siteFlows(() => host);
});
