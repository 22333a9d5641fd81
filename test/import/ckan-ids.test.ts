// A portal moved from CKAN keeps its API ids: a ckanapi dump imported and built answers
// package_show, resource_show, package_search and API v2 by the old UUIDs, with those UUIDs as
// `id`, through the preview server's request handler and through nginx serving the static files.
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/server.ts';
import { buildInto } from '../helpers/build.ts';
import { fixturesDir } from '../helpers/content.ts';
import { startNginx } from '../host/nginx-server.ts';
import type { Running } from '../host/processes.ts';
import { datashelf } from '../helpers/cli.ts';

const dump = path.join(fixturesDir, 'ckan-dump/datasets.jsonl');
const trees = { uuid: '2d7b1d69-a18b-4ea9-8c87-7b23541b43c7', csv: 'c8804bee-bdbb-4011-8f93-4968ecabe2c6', map: '0f4d3f01-d096-409e-a8c2-f3adecd2ae78' };
const air = { uuid: 'b73aa9c0-db8c-4a3e-970b-9c2217f5958d', readings: '275ff666-bdf7-4c50-9141-f878898c4673' };
const deleted = '5e806ca8-0e35-43f9-915b-d26684001d76';

let work: string;
let built: string;
let importRun: Awaited<ReturnType<typeof datashelf>>;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-ckan-ids-'));
  // nginx's workers may run as another user: the build must be readable to them.
  await chmod(work, 0o755);
  importRun = await datashelf(['import', 'ckan', dump, '--content', 'content'], work);
  built = path.join(work, 'built');
  await buildInto(path.join(work, 'content'), built);
});

describe('import ckan keeps the old ids', () => {
  it('writes each package and resource UUID as ckanId, beside readable ids', async () => {
    expect(importRun.code).toBe(0);
    expect(importRun.stdout).toMatch(/: 2 added, 0 updated, 0 unchanged/);
    const text = await readFile(path.join(work, 'content/datasets/street-trees.md'), 'utf8');
    expect(text).toMatch(new RegExp(`^id: street-trees\nckanId: ${trees.uuid}\ntitle: Street Trees\n`, 'm'));
    expect(text).toContain(`  - id: street-trees-csv\n    ckanId: ${trees.csv}\n    title: Street trees (CSV)\n`);
    expect(text).toContain(`  - id: tree-map\n    ckanId: ${trees.map}\n    title: Tree map\n`);
    // The CKAN name could not be an id; the UUID is what still finds it.
    expect(await readFile(path.join(work, 'content/datasets/air-quality-monitoring.md'), 'utf8')).toMatch(new RegExp(`^id: air-quality-monitoring\nckanId: ${air.uuid}\n`, 'm'));
  });
});

type Envelope = { success: boolean; result: Record<string, unknown> & { id: string; name: string; resources: { id: string; package_id: string }[] } };

/** The answers a CKAN client that stored the old ids asks for, from a host at `base`. */
function oldIdChecks(host: () => string, { handler }: { handler: boolean }) {
  const get = async (pathAndQuery: string) => {
    const response = await fetch(`${host()}${pathAndQuery}`);
    return { status: response.status, body: (await response.json()) as Envelope };
  };

  it('package_show by the old UUID answers that dataset, with the old UUID as its id and its resources\' old ids', async () => {
    const { status, body } = await get(`api/3/action/package_show?id=${trees.uuid}`);
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ id: trees.uuid, name: 'street-trees', title: 'Street Trees' });
    expect(body.result.resources.map((resource) => [resource.id, resource.package_id])).toEqual([
      [trees.csv, trees.uuid],
      [trees.map, trees.uuid],
    ]);
    expect((await get(`api/3/action/package_show?id=${air.uuid}`)).body.result).toMatchObject({ id: air.uuid, name: 'air-quality-monitoring' });
    // The same dataset by its name answers the same id.
    expect((await get('api/3/action/package_show?id=street-trees')).body.result.id).toBe(trees.uuid);
  });

  it('a deleted package\'s UUID, which was not imported, is not found', async () => {
    const { status, body } = await get(`api/3/action/package_show?id=${deleted}`);
    expect(status).toBe(404);
    expect(body.success).toBe(false);
  });

  it('package_search and API v2 list the old UUIDs', async () => {
    const search = (await get('api/3/action/package_search?rows=10')).body.result as unknown as { results: { id: string }[] };
    expect(search.results.map((result) => result.id).sort()).toEqual([air.uuid, trees.uuid].sort());
    // The v2 entity is the request handler's (no file): static nginx says CKAN's "Not found".
    const v2 = await fetch(`${host()}api/2/rest/dataset/${trees.uuid}`);
    if (handler) {
      expect(v2.status).toBe(200);
      expect(await v2.json()).toMatchObject({ id: trees.uuid, name: 'street-trees' });
    } else {
      expect([v2.status, await v2.json()]).toEqual([404, 'Not found']);
    }
    expect(await (await fetch(`${host()}api/2/rest/dataset`)).json()).toEqual([air.uuid, trees.uuid].sort());
  });

  if (handler) {
    it('resource_show by a resource\'s old UUID answers that resource', async () => {
      const { status, body } = await get(`api/3/action/resource_show?id=${air.readings}`);
      expect(status).toBe(200);
      expect(body.result).toMatchObject({ id: air.readings, package_id: air.uuid, name: 'Readings 2023' });
    });
  }
}

describe('through the preview server (the CKAN request handler)', () => {
  let server: Awaited<ReturnType<typeof startPreview>>;
  beforeAll(async () => {
    server = await startPreview({ root: built, port: 0 });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  oldIdChecks(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { handler: true });
});

describe('through nginx serving the static files with the build\'s configuration', () => {
  let nginx: Running;
  beforeAll(async () => {
    nginx = await startNginx(built);
  });
  afterAll(async () => {
    await nginx?.stop();
  });
  oldIdChecks(() => nginx.base, { handler: false });
});
