// What a host with the CKAN request handler answers where the static files stop: `package_search`
// with CKAN's default rows_max (1000), where the files answer as a CKAN with rows_max 100
// (src/outputs/ckan/paths.ts `staticRowsMax`), and `current_package_list_with_resources` past its
// first page, which is the only one written. Checked on the wide paging catalogue (230 datasets), so
// that 1000 rows and 100 differ; the static hosts' side is test/clients/flows.ts.
import { expect } from 'vitest';
import { checkFlow, flows, runFlow, type PackageDict } from './flows.ts';

export async function expectHandlerPaging(base: string, catalogue: readonly PackageDict[]): Promise<void> {
  expect(catalogue.length).toBeGreaterThan(200);
  // ckanapi search -g: rows=1000 gives every dataset at once, then the empty page at the count.
  const flow = flows.find((candidate) => candidate.name === 'ckanapi search datasets -g')!;
  const result = await runFlow(flow, base);
  expect(checkFlow(flow, result, catalogue)).toEqual([]);
  expect(result.requests.map((request) => [new URL(request.url).searchParams.get('start'), new URL(request.url).searchParams.get('rows'), request.status])).toEqual([
    ['0', '1000', 200],
    [String(catalogue.length), '1000', 200],
  ]);
  expect(result.counts).toEqual([catalogue.length, catalogue.length]);
  const search = (await (await fetch(`${base}api/3/action/package_search?rows=1000&start=100`)).json()) as { result: { count: number; results: PackageDict[] } };
  expect([search.result.count, search.result.results.map((dataset) => dataset.name)]).toEqual([catalogue.length, catalogue.slice(100).map((dataset) => dataset.name)]);
  // current_package_list_with_resources past its first page of 100: the same dicts as package_search's pages of 100.
  for (const offset of [100, 200]) {
    const listed = await fetch(`${base}api/3/action/current_package_list_with_resources?limit=100&offset=${offset}`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(((await listed.json()) as { result: PackageDict[] }).result)).toBe(JSON.stringify(catalogue.slice(offset, offset + 100)));
  }
}
