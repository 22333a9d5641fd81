// data.gov.uk's Publish app (alphagov/datagovuk_publish), replayed from its source
// (docs/ckan-reference-notes.md §B4): the organisation sync, and the package sync's Depaginator
// over /api/3/search/dataset with its stop rule and its errors. Its base URL's path is replaced.
import { bounded, get, parseJson, rubyQuery } from './http.ts';

async function read(base: string, path: string, query: [string, string][] = []): Promise<{ result: unknown }> {
  const url = new URL(base);
  url.pathname = path;
  url.search = query.length > 0 ? rubyQuery(query) : '';
  const reply = await get(url.href, { 'User-Agent': 'Ruby' });
  // The real client logs an HTTP error and retries the same URL, for ever.
  if (reply.status >= 400) throw new Error(`OpenURI::HTTPError ${reply.status} for ${reply.url}: the client would retry for ever`);
  return parseJson(reply) as { result: unknown };
}

export async function dguOrganisationSync(base: string): Promise<{ id: string; name: string; title: string }[]> {
  const names = (await read(base, '/api/3/action/organization_list')).result as string[];
  const organisations = [];
  for (const name of names) {
    const result = (await read(base, '/api/3/action/organization_show', [['id', name]])).result as { id: string; title: string };
    organisations.push({ id: result.id, name, title: result.title });
  }
  return organisations;
}

export interface SearchDatasetResult {
  id: string;
  metadata_modified: string;
  organization: string;
}

export async function dguPackageSync(base: string): Promise<{ results: SearchDatasetResult[]; starts: number[]; packages: Record<string, unknown>[] }> {
  const results: SearchDatasetResult[] = [];
  const starts: number[] = [];
  const step = bounded(50, 'data.gov.uk Depaginator');
  let expected: number | null = null;
  for (;;) {
    step();
    const start = results.length;
    starts.push(start);
    const page = (await read(base, '/api/3/search/dataset', [['q', 'type:dataset'], ['rows', '1000'], ['fl', 'id,metadata_modified,organization'], ['start', String(start)]])).result as { count: number; results: SearchDatasetResult[] };
    expected ??= page.count;
    if (page.count !== expected) throw new Error('ExpectedTotalChangedError');
    if (page.results.length === 0) {
      if (results.length === expected) break;
      throw new Error('EarlyEmptyPageError');
    }
    results.push(...page.results);
    if (results.length > expected) throw new Error('MoreResultsThanExpectedError');
  }
  const packages = [];
  for (const result of results) packages.push((await read(base, '/api/3/action/package_show', [['id', result.id]])).result as Record<string, unknown>);
  return { results, starts, packages };
}
