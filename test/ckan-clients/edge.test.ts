// The real clients' request sequences (flows.ts) against the build's generated edge code: the
// Cloudflare Worker under Cloudflare's own runtime (workerd, through Miniflare), and the Netlify Edge
// Function under Deno in front of Netlify's rules engine, whose `context` is a stand-in for Netlify's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetlifyEdgeHost } from '../edge/netlify-host.ts';
import { startWorkerHost } from '../edge/worker-host.ts';
import { edgeHosts } from '../../src/edge/files.ts';
import { buildPagingSite, widePagingDatasetCount } from '../host/paging-build.ts';
import { catalogueOf, checkFlow, flows, runFlow, type PackageDict } from './flows.ts';
import { expectHandlerPaging } from './rows-max.ts';

const hosts = [
  { name: 'the Cloudflare Worker under workerd', start: startWorkerHost },
  { name: 'the Netlify Edge Function under Deno (stand-in for Netlify\'s context)', start: startNetlifyEdgeHost },
];

for (const host of hosts) {
  describe(`real clients' flows against ${host.name}`, () => {
    let running: { base: string; stop: () => Promise<void> } | undefined;
    let catalogue: PackageDict[];

    beforeAll(async () => {
      const { build } = await buildPagingSite({ edge: edgeHosts });
      catalogue = await catalogueOf(build);
      running = await host.start(build);
    }, 300_000);
    afterAll(async () => {
      await running?.stop();
    });

    for (const flow of flows) {
      it(flow.name, async () => {
        expect(checkFlow(flow, await runFlow(flow, running!.base), catalogue)).toEqual([]);
      });
    }
  });
}

/** The wide catalogue (pages of 100 that span three), built once for both runtimes. */
let wide: Promise<string> | undefined;
const wideBuild = () => (wide ??= buildPagingSite({ datasets: widePagingDatasetCount, edge: edgeHosts }).then(({ build }) => build));

for (const host of hosts) {
  describe(`${host.name}, a catalogue of ${widePagingDatasetCount} datasets`, () => {
    let running: { base: string; stop: () => Promise<void> } | undefined;
    afterAll(async () => {
      await running?.stop();
    });

    it('answers rows above the files\' 100 and current_package_list_with_resources\'s later pages with the handler (CKAN\'s rows_max of 1000), from its gzipped index', async () => {
      const build = await wideBuild();
      running = await host.start(build);
      await expectHandlerPaging(running.base, await catalogueOf(build));
    }, 300_000);
  });
}
