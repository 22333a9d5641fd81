// The generated nginx server block, in a real nginx: the real clients' request sequences and the
// answers a CKAN client relies on; and for a build without the CKAN API, the site without it.
import { afterAll, beforeAll, describe } from 'vitest';
import { clientFlows, type RunningHost } from '../clients/flows.ts';
import { startNginx } from './nginx-server.ts';
import { buildPagingSite, pagingDatasetCount, widePagingDatasetCount } from './paging-build.ts';
import type { Running } from './processes.ts';
import { siteFlows } from './site-flows.ts';

describe('nginx with the generated server block', () => {
  let host: RunningHost;
  let nginx: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite();
    nginx = await startNginx(build);
    host = { base: nginx.base, build };
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  clientFlows(() => host, pagingDatasetCount, 'full', { byUuid: true });
});

describe(`nginx with the generated server block, a catalogue of ${widePagingDatasetCount} datasets (pages of 100 that span three)`, () => {
  let host: RunningHost;
  let nginx: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ datasets: widePagingDatasetCount });
    nginx = await startNginx(build);
    host = { base: nginx.base, build };
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  clientFlows(() => host, widePagingDatasetCount, 'full', { byUuid: true });
});

describe('nginx with the generated server block of a build without the CKAN API', () => {
  let host: RunningHost;
  let nginx: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ ckanApi: false });
    nginx = await startNginx(build);
    host = { base: nginx.base, build };
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  siteFlows(() => host, 'full', 'gzip');
});
