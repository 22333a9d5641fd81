// `datashelf preview` applies the host rules of the outputs the build holds, as the build's own
// host configurations do: a build without the CKAN API is served without it. (With the CKAN API
// the preview answers the API with the CKAN handler: test/ckan-clients/preview.test.ts.)
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import { startPreview } from '../../src/preview/server.ts';
import { buildPagingSite } from '../host/paging-build.ts';
import { siteFlows } from '../host/site-flows.ts';
import type { RunningHost } from './flows.ts';

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

  siteFlows(() => host, 'full', 'gzip');
});
