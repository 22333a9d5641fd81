// piveau's importing-ckan (v1.0.0), replayed from its source (docs/ckan-reference-notes.md §B5):
// package_search by pageSize from 0; only status 200 and a boolean `success` true are accepted;
// `more = (count == -1 || offset < count) && results > 0`.
import { bounded, get, parseJson } from './http.ts';

export async function piveauImport(address: string, pageSize = 100): Promise<{ datasets: Record<string, unknown>[]; identifiers: string[]; offsets: number[] }> {
  const datasets: Record<string, unknown>[] = [];
  const offsets: number[] = [];
  const step = bounded(50, 'piveau import');
  for (let offset = 0; ; offset += pageSize) {
    step();
    offsets.push(offset);
    const reply = await get(`${address}/api/3/action/package_search?rows=${pageSize}&start=${offset}`, { 'User-Agent': 'Vert.x-WebClient/3.8.4' });
    if (reply.status !== 200) throw new Error(`piveau stops: ${reply.status} ${reply.text}`);
    const body = parseJson(reply) as { success?: unknown; result?: { count?: number; results?: Record<string, unknown>[]; result?: Record<string, unknown>[] }; error?: { message: string } } | null;
    if (body === null || typeof body !== 'object') throw new Error('piveau stops: the body is not a JSON object');
    if (body.success !== true) throw new Error(`piveau stops: ${body.error?.message}`);
    const count = body.result?.count ?? -1;
    const results = body.result?.results ?? body.result?.result ?? [];
    datasets.push(...results);
    if (!((count === -1 || offset < count) && results.length > 0)) break;
  }
  return { datasets, identifiers: datasets.map((dataset) => String(dataset.name)), offsets };
}
