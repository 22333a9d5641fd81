// The generated `.htaccess`, in a real Apache httpd: the real clients' request sequences and the
// answers a CKAN client relies on; and for a build without the CKAN API, the site without it.
import { afterAll, beforeAll, describe } from 'vitest';
import { clientFlows, type RunningHost } from '../clients/flows.ts';
import { startApache } from './apache-server.ts';
import { buildPagingSite, pagingDatasetCount, widePagingDatasetCount } from './paging-build.ts';
import type { Running } from './processes.ts';
import { siteFlows } from './site-flows.ts';

describe('Apache httpd with the generated .htaccess', () => {
  let host: RunningHost;
  let apache: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite();
    apache = await startApache(build);
    host = { base: apache.base, build };
  });
  afterAll(async () => {
    await apache?.stop();
  });

  clientFlows(() => host, pagingDatasetCount);
});

describe(`Apache httpd with the generated .htaccess, a catalogue of ${widePagingDatasetCount} datasets (pages of 100 that span three)`, () => {
  let host: RunningHost;
  let apache: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ datasets: widePagingDatasetCount });
    apache = await startApache(build);
    host = { base: apache.base, build };
  });
  afterAll(async () => {
    await apache?.stop();
  });

  clientFlows(() => host, widePagingDatasetCount);
});

describe('Apache httpd with the generated .htaccess of a build without the CKAN API', () => {
  let host: RunningHost;
  let apache: Running;

  beforeAll(async () => {
    const { build } = await buildPagingSite({ ckanApi: false });
    apache = await startApache(build);
    host = { base: apache.base, build };
  });
  afterAll(async () => {
    await apache?.stop();
  });

  siteFlows(() => host, 'full', 'br');
});
