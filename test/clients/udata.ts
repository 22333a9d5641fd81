// udata-ckan's harvester without source filters, replayed from its source (docs/ckan-reference-notes.md
// §B3): package_list, then package_show?id= for each name. Any 4xx/5xx, a Content-Type other than
// exactly application/json, or a false `success` aborts the harvest.
import { get, parseJson } from './http.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function getAction(sourceUrl: string, endpoint: string, params: Record<string, string> = {}): Promise<unknown> {
  const url = new URL(`api/3/action/${endpoint}`, sourceUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const reply = await get(url.href, { 'User-Agent': 'uData/0.1 ckan', 'content-type': 'application/json' });
  if (reply.status >= 400) throw new Error(`${reply.status} Client Error for url: ${reply.url}`);
  const mime = (reply.contentType ?? '').split(';')[0]!.trim();
  if (mime === 'text/html') throw new Error(`${reply.url} returned HTML`);
  if (mime !== 'application/json') throw new Error(`${reply.url}: unknown content type ${reply.contentType}: ${reply.text}`);
  const data = parseJson(reply) as { success?: boolean; result?: unknown; error?: { __type: string; message: string } };
  if (!data.success) throw new Error(`${data.error?.__type}: ${data.error?.message}`);
  return data.result;
}

export async function udataHarvest(sourceUrl: string): Promise<{ datasets: Record<string, unknown>[]; skipped: string[] }> {
  const names = (await getAction(sourceUrl, 'package_list')) as string[];
  const datasets: Record<string, unknown>[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    let result = (await getAction(sourceUrl, 'package_show', { id: name })) as Record<string, unknown> | Record<string, unknown>[];
    if (Array.isArray(result)) result = result[0]!;
    const resources = result.resources as { id: string }[];
    // What udata's schema and import insist on (udata_ckan/schemas/ckan.py, harvesters.py).
    if (result.type !== 'dataset' || typeof result.private !== 'boolean') throw new Error(`${name}: not a valid dataset for udata`);
    if (!resources.every((resource) => uuid.test(resource.id))) throw new Error(`${name}: a resource id is not a UUID`);
    if (resources.length === 0) skipped.push(name);
    else datasets.push(result);
  }
  return { datasets, skipped };
}
