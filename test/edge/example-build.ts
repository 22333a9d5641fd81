// The example catalogue (`content/`) built into a temporary folder, and the CKAN handler over its
// index called directly in Node.js: the reference the Worker's and the Edge Function's answers are
// compared with.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build/build.ts';
import { edgeHosts } from '../../src/edge/files.ts';
import { createCkanHandler, type CkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { afterAll, beforeAll, expect } from 'vitest';
import { repoRoot } from '../helpers/content.ts';
import { fetchOnFreshSocket } from '../helpers/fresh-socket.ts';

export interface ExampleBuild {
  build: string;
  siteUrl: string;
  handler: CkanHandler;
}

export async function buildExample(): Promise<ExampleBuild> {
  const root = await mkdtemp(path.join(tmpdir(), 'datashelf-edge-'));
  const build = path.join(root, 'dist');
  // The code of both hosts is written only when asked for.
  const { catalogue } = await buildSite({ contentDir: path.join(repoRoot, 'content'), outDir: build, edge: edgeHosts });
  return { build, siteUrl: catalogue.site.url, handler: createCkanHandler(await readCkanIndex(build)) };
}

let shared: Promise<ExampleBuild> | undefined;

/** One build of the example for the whole test file (tests must not change it). */
export function sharedExample(): Promise<ExampleBuild> {
  shared ??= buildExample();
  return shared;
}

/** Requests only the handler can answer (queries, POST, JSONP), for the differential checks. */
export const handlerRequests: { path: string; init?: RequestInit }[] = [
  { path: 'api/3/action/package_search?q=air' },
  { path: 'api/3/action/package_search?q=council%20tax&rows=50' },
  { path: 'api/3/action/package_search?fq=organization:environment&rows=50&sort=name%20asc' },
  { path: 'api/3/action/package_search?q=tags:transport%20OR%20groups:environment&sort=title_string%20desc' },
  { path: 'api/3/action/package_search?rows=0&facet.field=%5B%22organization%22,%22groups%22,%22res_format%22%5D&facet.limit=-1' },
  { path: 'api/3/action/package_search?fq=-organization:people&start=5&rows=7&sort=metadata_modified%20asc' },
  { path: 'api/3/action/package_search?rows=20&start=20' },
  { path: 'api/3/action/package_search?q=%22bus%20stops%22&fl=name,title' },
  { path: 'api/3/action/package_search?sort=nonsense%20asc' },
  { path: 'api/3/action/package_search?q=(unbalanced' },
  { path: 'api/3/action/package_search?callback=jQuery123_456&q=air' },
  { path: 'api/3/action/package_list?limit=5&offset=3' },
  { path: 'api/3/action/organization_list?all_fields=true' },
  { path: 'api/3/action/group_show?id=environment&include_datasets=true' },
  { path: 'api/3/action/package_show?id=air-quality' },
  { path: 'api/3/action/package_show?id=no-such-dataset' },
  { path: 'api/3/action/package_autocomplete?q=bu' },
  { path: 'api/3/action/help_show?name=package_search' },
  { path: 'api/3/action/tag_list?query=tr' },
  { path: 'api/3/action/package_create' },
  { path: 'api/3/search/dataset?q=type:dataset&rows=1000&fl=id,metadata_modified,organization&start=0' },
  { path: 'api/2/search/dataset?q=air&limit=5' },
  { path: 'api/3' },
  // API v1/v2's dataset entity and revisions: no file holds them (docs/decisions/lean-layout.md, decision 2).
  { path: 'api/rest/dataset/air-quality' },
  { path: 'api/1/rest/dataset/air-quality/' },
  { path: 'api/2/rest/dataset/air-quality' },
  { path: 'api/rest/dataset/air-quality/revisions' },
  { path: 'api/2/rest/dataset/no-such-dataset' },
  { path: 'api/rest/dataset/air-quality', init: { method: 'POST', body: '{}' } },
  { path: 'api/3/action/package_search', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q: 'air', rows: 50, facet: 'true', 'facet.field': ['organization'] }) } },
  { path: 'api/3/action/package_show', init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'bus-stops' }) } },
  { path: 'api/3/action/package_search', init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'q=road&rows=5' } },
  { path: 'api/3/action/package_search', init: { method: 'PUT' } },
];

/** Status, media type and body of an answer. */
export async function answerOf(response: Response): Promise<{ status: number; type: string | null; body: string }> {
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** A host running a build: its address (ending in `/`) and how to stop it. */
export interface RunningHost {
  base: string;
  stop(): Promise<void>;
}

/**
 * For one describe block: the example's build served by `start` from before its tests to after
 * them; `get` asks the host for a site path, `file` reads one from the build.
 */
export function exampleOnHost(start: (build: string) => Promise<RunningHost>, prepare: (example: ExampleBuild) => Promise<string> = async (example) => example.build) {
  const running: { example?: ExampleBuild; host?: RunningHost } = {};
  beforeAll(async () => {
    running.example = await sharedExample();
    running.host = await start(await prepare(running.example));
  });
  afterAll(async () => {
    await running.host?.stop();
  });
  return {
    example: () => running.example!,
    get: (sitePath: string, init?: RequestInit) => fetchOnFreshSocket(`${running.host!.base}${sitePath}`, { redirect: 'manual', ...init }),
    file: (sitePath: string) => readFile(path.join(running.example!.build, sitePath), 'utf8'),
  };
}

/** Each of `handlerRequests` answered by `get` exactly as by the handler called directly in Node.js. */
export async function expectHandlerAnswers(example: ExampleBuild, get: (sitePath: string, init?: RequestInit) => Promise<Response>): Promise<void> {
  for (const { path: sitePath, init } of handlerRequests) {
    const direct = await answerOf(await example.handler(new Request(`${example.siteUrl}${sitePath}`, init)));
    const answer = await answerOf(await get(sitePath, init));
    expect(answer, `${init?.method ?? 'GET'} ${sitePath}`).toEqual(direct);
  }
}
