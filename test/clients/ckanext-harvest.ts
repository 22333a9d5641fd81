// ckanext-harvest's CKAN harvester, gather stage of a first (or forced) run, replayed from its
// source (docs/ckan-reference-notes.md §B2): package_search by 100 with sort=id asc.
import { bounded, get, parseJson, pythonQuery, trimSlash } from './http.ts';

export async function harvestGather(base: string): Promise<{ datasets: Record<string, unknown>[]; pages: number }> {
  const url = `${trimSlash(base)}/api/3/action/package_search`;
  const seen = new Set<string>();
  const datasets: Record<string, unknown>[] = [];
  const step = bounded(50, 'ckanext-harvest gather');
  let previous: string | null = null;
  let pages = 0;
  for (let start = 0; ; start += 100) {
    step();
    const reply = await get(`${url}?${pythonQuery([['rows', '100'], ['start', String(start)], ['sort', 'id asc']])}`);
    if (previous !== null && reply.text === previous) throw new Error(`SearchError: The paging doesn't seem to work. URL: ${reply.url}`);
    previous = reply.text;
    const body = parseJson(reply) as { result?: { results?: Record<string, unknown>[] } } | null;
    if (body === null) throw new Error('SearchError: Response from remote CKAN was not JSON');
    pages++;
    const fresh = (body.result?.results ?? []).filter((dataset) => !seen.has(String(dataset.id)));
    if (fresh.length === 0) break;
    for (const dataset of fresh) seen.add(String(dataset.id));
    datasets.push(...fresh);
  }
  if (datasets.length === 0) throw new Error('No datasets found at CKAN');
  return { datasets, pages };
}
