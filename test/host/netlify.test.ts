// The generated `_redirects` and `_headers`, matched by Netlify's own rules engine: the real
// clients' request sequences work; the answers Netlify cannot give (docs/hosting.md) are left out.
// A build without the CKAN API: the site without it.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import { clientFlows, type RunningHost } from '../clients/flows.ts';
import { startNetlifyEmulator } from './netlify-emulator.ts';
import { buildPagingSite, pagingDatasetCount, widePagingDatasetCount } from './paging-build.ts';
import { siteFlows } from './site-flows.ts';

describe('Netlify with the generated _redirects and _headers', () => {
  let host: RunningHost;
  let server: Server;

  beforeAll(async () => {
    const { build } = await buildPagingSite();
    const started = await startNetlifyEmulator(build);
    server = started.server;
    host = { base: started.base, build };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  clientFlows(() => host, pagingDatasetCount, 'netlify');
});

describe(`Netlify with the generated _redirects and _headers, a catalogue of ${widePagingDatasetCount} datasets (pages of 100 that span three)`, () => {
  let host: RunningHost;
  let server: Server;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ datasets: widePagingDatasetCount });
    const started = await startNetlifyEmulator(build);
    server = started.server;
    host = { base: started.base, build };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  clientFlows(() => host, widePagingDatasetCount, 'netlify');
});

describe('Netlify with the generated _redirects and _headers of a build without the CKAN API', () => {
  let host: RunningHost;
  let server: Server;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ ckanApi: false });
    const started = await startNetlifyEmulator(build);
    server = started.server;
    host = { base: started.base, build };
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  siteFlows(() => host, 'netlify');
});
