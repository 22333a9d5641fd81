// The request sequences of real CKAN clients, as data, and one runner that replays them against any
// host by HTTP alone (`runFlow(flow, baseUrl)`): nginx + `datashelf serve`, `datashelf preview`, a
// Cloudflare Worker, … Each flow names the client's source it was read from (repository @ commit,
// file and lines; notes in docs/ckan-reference-notes.md §B). `checkFlow` compares what the client
// ended up with to the catalogue (the build's own package dicts): every dataset the client should
// reach, reached once; counts equal; filters giving exactly the catalogue's subset; errors in CKAN's
// shape. No vitest here, so any test runner can use it.
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { pythonQuery, rubyQuery } from '../clients/http.ts';
import { fetchOnFreshSocket } from '../helpers/fresh-socket.ts';

/** A package dict as `package_show` answers it (the fields the flows read). */
export interface PackageDict {
  id: string;
  name: string;
  metadata_modified: string;
  organization: { name: string } | null;
  groups: { name: string }[];
  tags: { name: string }[];
  resources: { id: string }[];
  [key: string]: unknown;
}

export type Flow =
  /** `ckanapi dump datasets --all [-g]`: package_list, then package_show of each name. */
  | { client: 'ckanapi dump'; name: string; source: string; getOnly: boolean }
  /** `ckanapi search datasets [-g] [KEY=VALUE…]`: package_search by 1000 from 0, start += received, until empty. */
  | { client: 'ckanapi search'; name: string; source: string; getOnly: boolean; args: Record<string, string>; expected: (dataset: PackageDict) => boolean }
  /** `ckanapi action <name> [-g] KEY=VALUE`: one call that must fail as CKAN's error `kind`. */
  | { client: 'ckanapi error'; name: string; source: string; getOnly: boolean; action: string; args: Record<string, string>; kind: string }
  /** ckanext-harvest's CKAN harvester, gather stage: by 100, sort=id asc, `fq` from its config and last run. */
  | { client: 'ckanext-harvest'; name: string; source: string; fq: string | null; expected: (dataset: PackageDict) => boolean }
  /** udata-ckan: package_list (no filters) or one package_search with q of its filters, then package_show each. */
  | { client: 'udata'; name: string; source: string; q: string | null; expected: (dataset: PackageDict) => boolean }
  /** data.gov.uk Publish: organisations, then /api/3/search/dataset with `fl`, depaginated, then package_show each. */
  | { client: 'data.gov.uk'; name: string; source: string; path: string; fl: string; encode: 'ruby' | 'commas' }
  /** piveau importing-ckan: package_search by `pageSize`, its `filters` added as parameters. */
  | { client: 'piveau'; name: string; source: string; pageSize: number; filters: Record<string, string>; expected: (dataset: PackageDict) => boolean };

const all = () => true;
const org = (name: string) => (dataset: PackageDict) => dataset.organization?.name === name;
const group = (name: string) => (dataset: PackageDict) => dataset.groups.some((item) => item.name === name);
const tag = (name: string) => (dataset: PackageDict) => dataset.tags.some((item) => item.name === name);
const since = (time: string) => (dataset: PackageDict) => `${dataset.metadata_modified}Z` >= time;
const and = (...tests: ((dataset: PackageDict) => boolean)[]) => (dataset: PackageDict) => tests.every((test) => test(dataset));
const not = (test: (dataset: PackageDict) => boolean) => (dataset: PackageDict) => !test(dataset);

const ckanapi = 'ckan/ckanapi@bedd91d (4.11)';
const harvest = 'ckan/ckanext-harvest@1a9a987 ckanext/harvest/harvesters/ckanharvester.py';
const udata = 'opendatateam/udata-ckan@360682e udata_ckan/harvesters.py';
const dgu = 'alphagov/datagovuk_publish@5df60bd';
const piveau = 'piveau-data/piveau-consus-importing-ckan@1ef8b18 src/main/java/io/piveau/importing/ckan/ImportingCkanVerticle.java';

/**
 * ckanext-harvest's incremental filter: the last error-free job's start less an hour, as
 * `isoformat()` plus `Z` (ckanharvester.py L224-237). The paging catalogue's datasets change on
 * 1 to 9 March 2024 at 09:30; a last run at 09:30 on the 7th asks for the 7th to the 9th.
 */
const lastRunLessAnHour = '2024-03-07T08:30:00';

/**
 * The flows, for the paging catalogue (test/fixtures/paging/generate.ts: teams highways and
 * finance, topics transport and money, tags `Road Safety`, `Budget` and `all`).
 */
export const flows: readonly Flow[] = [
  // RemoteCKAN POSTs a JSON body unless get_only (-g): remoteckan.py L90-104, common.py L94-95; dump.py L63-70 (package_list), L191-195 (package_show).
  { client: 'ckanapi dump', name: 'ckanapi dump datasets --all (POST, JSON body)', source: `${ckanapi} ckanapi/cli/dump.py L63-70, L191-195; remoteckan.py L96-104`, getOnly: false },
  { client: 'ckanapi dump', name: 'ckanapi dump datasets --all -g', source: `${ckanapi} ckanapi/cli/dump.py L63-70, L191-195; remoteckan.py L106-109`, getOnly: true },
  // search.py L65-81: rows=1000 (ROWS_PER_QUERY, L14), start += len(rows), stop on an empty page.
  { client: 'ckanapi search', name: 'ckanapi search datasets (POST)', source: `${ckanapi} ckanapi/cli/search.py L14, L65-81`, getOnly: false, args: {}, expected: all },
  { client: 'ckanapi search', name: 'ckanapi search datasets -g', source: `${ckanapi} ckanapi/cli/search.py L14, L65-81`, getOnly: true, args: {}, expected: all },
  { client: 'ckanapi search', name: 'ckanapi search datasets fq=organization:highways (POST)', source: `${ckanapi} ckanapi/cli/search.py L65-81`, getOnly: false, args: { fq: 'organization:highways' }, expected: org('highways') },
  { client: 'ckanapi search', name: 'ckanapi search datasets -g q=tags:Budget', source: `${ckanapi} ckanapi/cli/search.py L65-81`, getOnly: true, args: { q: 'tags:Budget' }, expected: tag('Budget') },
  { client: 'ckanapi search', name: 'ckanapi search datasets -g q=number', source: `${ckanapi} ckanapi/cli/search.py L65-81`, getOnly: true, args: { q: 'number' }, expected: all },
  // common.py L104-143: the error's __type becomes the exception.
  { client: 'ckanapi error', name: 'ckanapi action package_show id=no-such-dataset (POST)', source: `${ckanapi} ckanapi/common.py L104-143`, getOnly: false, action: 'package_show', args: { id: 'no-such-dataset' }, kind: 'NotFound' },
  { client: 'ckanapi error', name: 'ckanapi action package_show -g id=no-such-dataset', source: `${ckanapi} ckanapi/common.py L104-143`, getOnly: true, action: 'package_show', args: { id: 'no-such-dataset' }, kind: 'NotFound' },
  { client: 'ckanapi error', name: 'ckanapi action package_search -g q=title:(', source: `${ckanapi} ckanapi/common.py L104-143`, getOnly: true, action: 'package_search', args: { q: 'title:(' }, kind: 'SearchError' },
  { client: 'ckanapi error', name: 'ckanapi action package_create (POST)', source: `${ckanapi} ckanapi/common.py L104-143`, getOnly: false, action: 'package_create', args: { name: 'x' }, kind: 'NotAuthorized' },
  // _search_for_datasets L295-368 (params L301-327, next page L366, repeated-page guard L337-339); fq terms L196-213, incremental L217-249.
  { client: 'ckanext-harvest', name: 'ckanext-harvest, full harvest', source: `${harvest} L295-368`, fq: null, expected: all },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, incremental', source: `${harvest} L217-249, L320-321`, fq: `metadata_modified:[${lastRunLessAnHour}Z TO *]`, expected: since(`${lastRunLessAnHour}Z`) },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, organizations include', source: `${harvest} L196-201`, fq: 'organization:highways', expected: org('highways') },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, organizations include (two)', source: `${harvest} L196-201`, fq: 'organization:highways OR organization:finance', expected: all },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, organizations exclude', source: `${harvest} L202-204`, fq: '-organization:highways', expected: not(org('highways')) },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, groups include', source: `${harvest} L206-210`, fq: 'groups:transport', expected: group('transport') },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, groups exclude', source: `${harvest} L211-213`, fq: '-groups:transport', expected: not(group('transport')) },
  { client: 'ckanext-harvest', name: 'ckanext-harvest, incremental with an organization filter', source: `${harvest} L196-201, L233-239`, fq: `organization:finance metadata_modified:[${lastRunLessAnHour}Z TO *]`, expected: and(org('finance'), since(`${lastRunLessAnHour}Z`)) },
  // inner_harvest L101-125; get_action L59-94 (4xx/5xx, a type other than application/json, success false: all abort).
  { client: 'udata', name: 'udata, no filters', source: `${udata} L101-125`, q: null, expected: all },
  { client: 'udata', name: 'udata, organization filter', source: `${udata} L105-120`, q: 'organization:highways', expected: org('highways') },
  { client: 'udata', name: 'udata, tag include and organization exclude', source: `${udata} L105-120`, q: 'tags:all AND -organization:finance', expected: and(tag('all'), not(org('finance'))) },
  // client.rb L8-35 (paths, fl joined with ","), url_builder.rb L12-16 (URI.encode_www_form), depaginator.rb L19-77.
  { client: 'data.gov.uk', name: 'data.gov.uk, /api/3/search/dataset fl as Ruby encodes it', source: `${dgu} app/lib/ckan/v26/client.rb L27-30, depaginator.rb L19-77`, path: '/api/3/search/dataset', fl: 'id,metadata_modified,organization', encode: 'ruby' },
  { client: 'data.gov.uk', name: 'data.gov.uk, /api/3/search/dataset fl with plain commas', source: `${dgu} app/lib/ckan/v26/client.rb L27-30`, path: '/api/3/search/dataset', fl: 'id,metadata_modified,organization', encode: 'commas' },
  { client: 'data.gov.uk', name: 'data.gov.uk, package_search with fl', source: `${dgu} app/lib/ckan/v26/client.rb L27-30 (the action it stands for)`, path: '/api/3/action/package_search', fl: 'id,metadata_modified,organization', encode: 'ruby' },
  // fetchPage L64-135: rows=pageSize, start=offset, filters as parameters; more = (count == -1 || offset < count) && results > 0.
  ...[10, 50, 100].map((pageSize): Flow => ({ client: 'piveau', name: `piveau, pageSize ${pageSize}`, source: `${piveau} L64-135`, pageSize, filters: {}, expected: all })),
  { client: 'piveau', name: 'piveau, pageSize 10, filter fq=organization:finance', source: `${piveau} L79-82`, pageSize: 10, filters: { fq: 'organization:finance' }, expected: org('finance') },
  { client: 'piveau', name: 'piveau, pageSize 50, filter q=groups:transport', source: `${piveau} L79-82`, pageSize: 50, filters: { q: 'groups:transport' }, expected: group('transport') },
];

export interface FlowResult {
  /** The datasets the client ended up with, in the order it got them (names). */
  names: string[];
  /** Each `count` the client read from a search answer. */
  counts: number[];
  /** The package dicts it fetched with package_show (dump, udata, data.gov.uk). */
  shown: PackageDict[];
  /** Each request: method, URL and status. */
  requests: { method: string; url: string; status: number }[];
  /** The error the client raised (its own kind and message), when it stopped with one. */
  error: { kind: string; message: string } | null;
}

class ClientStop extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** Replays `flow` against the site at `baseUrl` (with or without its trailing slash), by HTTP only. */
export async function runFlow(flow: Flow, baseUrl: string): Promise<FlowResult> {
  const result: FlowResult = { names: [], counts: [], shown: [], requests: [], error: null };
  const base = baseUrl.replace(/\/+$/, '');
  let budget = 200;
  const send = async (method: string, url: string, headers: Record<string, string>, body?: string) => {
    if (--budget < 0) throw new ClientStop('Loop', `${flow.name}: more than 200 requests, the client would never stop`);
    const response = await fetchOnFreshSocket(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    result.requests.push({ method, url, status: response.status });
    return { status: response.status, contentType: response.headers.get('content-type'), text };
  };
  try {
    switch (flow.client) {
      case 'ckanapi dump':
        await ckanapiDump(flow.getOnly, base, send, result);
        break;
      case 'ckanapi search':
        await ckanapiSearch(flow.getOnly, flow.args, base, send, result);
        break;
      case 'ckanapi error':
        await ckanapiCall(flow.getOnly, base, flow.action, flow.args, send);
        break;
      case 'ckanext-harvest':
        await harvestGather(flow.fq, base, send, result);
        break;
      case 'udata':
        await udataHarvest(flow.q, `${base}/`, send, result);
        break;
      case 'data.gov.uk':
        await dguSync(flow, base, send, result);
        break;
      case 'piveau':
        await piveauImport(flow.pageSize, flow.filters, base, send, result);
        break;
    }
  } catch (error) {
    if (!(error instanceof ClientStop)) throw error;
    result.error = { kind: error.kind, message: error.message };
  }
  return result;
}

type Send = (method: string, url: string, headers: Record<string, string>, body?: string) => Promise<{ status: number; contentType: string | null; text: string }>;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ckanapi ------------------------------------------------------------------------------------------

const ckanapiErrors: Record<string, string> = {
  'Validation Error': 'ValidationError',
  'Not Found Error': 'NotFound',
  'Authorization Error': 'NotAuthorized',
  'Search Query Error': 'SearchQueryError',
  'Search Error': 'SearchError',
  'Search Index Error': 'SearchIndexError',
};

/**
 * RemoteCKAN.call_action (remoteckan.py L59-104): `<address>/api/action/<name>`; POST with the dict
 * as JSON (`json.dumps`, Content-Type application/json), or with get_only GET with requests'
 * `params` (Python's str of each value: `False`, `1000`). The status is ignored; the body decides
 * (reverse_apicontroller_action, common.py L104-143).
 */
async function ckanapiCall(getOnly: boolean, base: string, action: string, dict: Record<string, unknown>, send: Send): Promise<unknown> {
  const url = `${base}/api/action/${action}`;
  const headers = { 'User-Agent': 'ckanapi/4.11 (+https://github.com/ckan/ckanapi)' };
  const pythonStr = (value: unknown) => (value === true ? 'True' : value === false ? 'False' : String(value));
  const query = pythonQuery(Object.entries(dict).map(([key, value]) => [key, pythonStr(value)]));
  const reply = getOnly ? await send('GET', query ? `${url}?${query}` : url, headers) : await send('POST', url, { ...headers, 'Content-Type': 'application/json' }, JSON.stringify(dict));
  const body = json(reply.text) as { success?: boolean; result?: unknown; error?: { __type?: string; message?: string } } | undefined;
  if (!body || typeof body !== 'object') throw new ClientStop('CKANAPIError', JSON.stringify([url, reply.status, reply.text.slice(0, 200)]));
  if (body.success) return body.result;
  const kind = ckanapiErrors[body.error?.__type ?? ''];
  throw new ClientStop(kind ?? 'CKANAPIError', kind ? String(body.error?.message ?? '') : JSON.stringify([url, reply.status, reply.text.slice(0, 200)]));
}

async function ckanapiDump(getOnly: boolean, base: string, send: Send, result: FlowResult): Promise<void> {
  const names = (await ckanapiCall(getOnly, base, 'package_list', { include_private: false, include_drafts: false, include_deleted: false }, send)) as string[];
  for (const name of names) {
    const dataset = (await ckanapiCall(getOnly, base, 'package_show', { id: name, include_datasets: false, include_password_hash: true, include_users: false }, send)) as PackageDict;
    result.shown.push(dataset);
    result.names.push(dataset.name);
  }
}

async function ckanapiSearch(getOnly: boolean, args: Record<string, string>, base: string, send: Send, result: FlowResult): Promise<void> {
  for (let start = 0; ; ) {
    const page = (await ckanapiCall(getOnly, base, 'package_search', { ...args, start, rows: 1000 }, send)) as { count: number; results: PackageDict[] };
    result.counts.push(page.count);
    if (page.results.length === 0) return;
    result.names.push(...page.results.map((dataset) => dataset.name));
    start += page.results.length;
  }
}

// ckanext-harvest ----------------------------------------------------------------------------------

async function harvestGather(fq: string | null, base: string, send: Send, result: FlowResult): Promise<void> {
  const seen = new Set<string>();
  let previous: string | null = null;
  // Params in insertion order, urlencoded (L301-327): rows, start, sort, fq.
  for (let start = 0; ; start += 100) {
    const params: [string, string][] = [['rows', '100'], ['start', String(start)], ['sort', 'id asc'], ...(fq ? [['fq', fq] as [string, string]] : [])];
    const reply = await send('GET', `${base}/api/3/action/package_search?${pythonQuery(params)}`, { 'User-Agent': 'ckanext-harvest' });
    if (previous !== null && reply.text === previous) throw new ClientStop('SearchError', "The paging doesn't seem to work");
    previous = reply.text;
    const body = json(reply.text) as { result?: { count?: number; results?: PackageDict[] } } | undefined;
    if (body === undefined) throw new ClientStop('SearchError', 'Response from remote CKAN was not JSON');
    // `success` is not read: an error body is an empty result ("No datasets have been updated").
    if (typeof body.result?.count === 'number') result.counts.push(body.result.count);
    const fresh = (body.result?.results ?? []).filter((dataset) => !seen.has(dataset.id));
    if (fresh.length === 0) break;
    for (const dataset of fresh) {
      seen.add(dataset.id);
      result.names.push(dataset.name);
    }
  }
  if (result.names.length === 0 && fq === null) throw new ClientStop('GatherError', 'No datasets found at CKAN');
}

// udata ----------------------------------------------------------------------------------------------

async function udataAction(sourceUrl: string, endpoint: string, params: Record<string, string>, send: Send): Promise<unknown> {
  const url = new URL(`api/3/action/${endpoint}`, sourceUrl);
  url.search = pythonQuery(Object.entries(params));
  const reply = await send('GET', url.href, { 'User-Agent': 'uData/0.1 ckan', 'content-type': 'application/json' });
  if (reply.status >= 400) throw new ClientStop('HTTPError', `${reply.status} Client Error for url: ${url.href}`);
  const mime = (reply.contentType ?? '').split(';')[0]!.trim();
  if (mime !== 'application/json') throw new ClientStop('HarvestException', `${url.href}: ${mime === 'text/html' ? 'returned HTML' : `unknown content type ${reply.contentType}`}`);
  const data = json(reply.text) as { success?: boolean; result?: unknown; error?: { __type?: string; message?: string } };
  if (!data?.success) throw new ClientStop('HarvestException', `${data?.error?.__type}: ${data?.error?.message}`);
  return data.result;
}

async function udataHarvest(q: string | null, sourceUrl: string, send: Send, result: FlowResult): Promise<void> {
  let names: string[];
  if (q === null) names = (await udataAction(sourceUrl, 'package_list', {}, send)) as string[];
  else {
    const found = (await udataAction(sourceUrl, 'package_search', { q, rows: '1000' }, send)) as { count: number; results: PackageDict[] };
    result.counts.push(found.count);
    names = found.results.map((dataset) => dataset.name);
  }
  for (const name of names) {
    let dataset = (await udataAction(sourceUrl, 'package_show', { id: name }, send)) as PackageDict | PackageDict[];
    if (Array.isArray(dataset)) dataset = dataset[0]!;
    result.shown.push(dataset);
    result.names.push(dataset.name);
  }
}

// data.gov.uk ----------------------------------------------------------------------------------------

async function dguSync(flow: Extract<Flow, { client: 'data.gov.uk' }>, base: string, send: Send, result: FlowResult): Promise<void> {
  const read = async (pathname: string, params: [string, string][]) => {
    const url = new URL(base);
    url.pathname = pathname;
    let query = rubyQuery(params);
    if (flow.encode === 'commas') query = query.replace(/%2C/g, ',');
    url.search = query;
    const reply = await send('GET', url.href, { 'User-Agent': 'Ruby' });
    // OpenURI raises on 4xx/5xx; the Depaginator logs it and retries the same URL for ever (L75-77).
    if (reply.status >= 400) throw new ClientStop('OpenURI::HTTPError', `${reply.status} for ${url.href}: retried for ever`);
    return (json(reply.text) as { result: unknown }).result;
  };
  const organisations = (await read('/api/3/action/organization_list', [])) as string[];
  for (const name of organisations) await read('/api/3/action/organization_show', [['id', name]]);
  const found: { id: string; metadata_modified: string; organization: string }[] = [];
  let expected: number | null = null;
  for (;;) {
    const page = (await read(flow.path, [['q', 'type:dataset'], ['rows', '1000'], ['fl', flow.fl], ['start', String(found.length)]])) as { count: number; results: typeof found };
    result.counts.push(page.count);
    expected ??= page.count;
    if (page.count !== expected) throw new ClientStop('ExpectedTotalChangedError', `${page.count} after ${expected}`);
    if (page.results.length === 0) {
      if (found.length === expected) break;
      throw new ClientStop('EarlyEmptyPageError', `${found.length} of ${expected}`);
    }
    found.push(...page.results);
    if (found.length > expected) throw new ClientStop('MoreResultsThanExpectedError', `${found.length} of ${expected}`);
  }
  for (const item of found) {
    if (!/Z$/.test(item.metadata_modified) || !organisations.includes(item.organization)) throw new ClientStop('MappingError', `${JSON.stringify(item)}: not the Solr date or an organisation name`);
    const dataset = (await read('/api/3/action/package_show', [['id', item.id]])) as PackageDict;
    result.shown.push(dataset);
    result.names.push(dataset.name);
  }
}

// piveau -----------------------------------------------------------------------------------------------

async function piveauImport(pageSize: number, filters: Record<string, string>, base: string, send: Send, result: FlowResult): Promise<void> {
  for (let offset = 0; ; offset += pageSize) {
    const url = new URL(`${base}/api/3/action/package_search`);
    url.searchParams.append('rows', String(pageSize));
    url.searchParams.append('start', String(offset));
    for (const [name, value] of Object.entries(filters)) url.searchParams.append(name, value);
    const reply = await send('GET', url.href, { 'User-Agent': 'Vert.x-WebClient/3.8.4' });
    if (reply.status !== 200) throw new ClientStop('HttpError', `${reply.status}: ${reply.text.slice(0, 200)}`);
    const body = json(reply.text) as { success?: unknown; result?: { count?: number; results?: PackageDict[]; result?: PackageDict[] }; error?: { message?: string } } | undefined;
    if (!body || typeof body !== 'object') throw new ClientStop('DecodeException', 'not a JSON object');
    if (body.success !== true) throw new ClientStop('CkanError', String(body.error?.message));
    const count = body.result?.count ?? -1;
    result.counts.push(count);
    const results = body.result?.results ?? body.result?.result ?? [];
    result.names.push(...results.map((dataset) => dataset.name));
    if (!((count === -1 || offset < count) && results.length > 0)) return;
  }
}

// Checking ---------------------------------------------------------------------------------------------

/** The build's public package dicts, as `package_show` answers them (the CKAN handler's index). */
export async function catalogueOf(build: string): Promise<PackageDict[]> {
  // The handler's own reading of the index: the package dicts of the pages it lists.
  return (await readCkanIndex(build)).packages.map((json) => JSON.parse(json) as PackageDict);
}

/** What is wrong with a flow's result, against the catalogue: an empty list when the client got what it relies on. */
export function checkFlow(flow: Flow, result: FlowResult, catalogue: readonly PackageDict[]): string[] {
  const problems: string[] = [];
  if (flow.client === 'ckanapi error') {
    if (result.error?.kind !== flow.kind) problems.push(`raised ${result.error ? `${result.error.kind}: ${result.error.message}` : 'nothing'}, not ${flow.kind}`);
    return problems;
  }
  if (result.error) return [`stopped with ${result.error.kind}: ${result.error.message}`];
  const test = 'expected' in flow ? flow.expected : all;
  const expected = catalogue.filter(test).map((dataset) => dataset.name).sort();
  const reached = [...result.names].sort();
  const twice = reached.filter((name, index) => reached[index - 1] === name);
  if (twice.length > 0) problems.push(`reached twice: ${[...new Set(twice)].join(', ')}`);
  if (JSON.stringify([...new Set(reached)]) !== JSON.stringify(expected)) problems.push(`reached ${JSON.stringify([...new Set(reached)])}, expected ${JSON.stringify(expected)}`);
  for (const count of result.counts) if (count !== expected.length && count !== -1) problems.push(`a count of ${count}, expected ${expected.length}`);
  const byName = new Map(catalogue.map((dataset) => [dataset.name, dataset]));
  for (const dataset of result.shown) if (JSON.stringify(dataset) !== JSON.stringify(byName.get(dataset.name))) problems.push(`${dataset.name}: not the catalogue's package dict`);
  if (expected.length === 0) problems.push('the flow expects no dataset: it proves nothing');
  return problems;
}
