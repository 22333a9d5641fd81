// How the handler reads requests and writes answers, as CKAN's `views/api.py` does: GET query
// strings, POSTed JSON (ckanapi's default) and form fields, JSONP, the API roots, percent-decoded
// paths and ids, methods, and CKAN's error envelope with its statuses. And the Search API of
// API v1/v2 (`/api/search/dataset`), whose answers and errors have no envelope.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/content.ts';
import { handledApi, type HandledApi } from './helpers.ts';
import { unitApi } from './catalogue.ts';

let api: HandledApi;
beforeAll(async () => {
  api = await unitApi();
});

const post = (path: string, body: string, contentType: string | null) => api.request(path, { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body });

describe('GET and POST', () => {
  it('answers a POSTed JSON body as ckanapi sends it (numbers, lists, booleans) as it answers the same GET', async () => {
    const body = JSON.stringify({ q: 'tags:economy', rows: 1, 'facet.field': ['organization'], include_private: true });
    const posted = await post('/api/3/action/package_search', body, 'application/json');
    const got = await api.get(`/api/3/action/package_search?q=tags:economy&rows=1&facet.field=${encodeURIComponent('["organization"]')}&include_private=true`);
    expect(posted.status).toBe(200);
    expect(posted.text).toBe(got.text);
    expect((await post('/api/action/package_show', JSON.stringify({ id: 'roads' }), 'application/json')).text).toBe(api.file('api/3/action/package_show/roads'));
  });

  it('reads POSTed form fields, the one-field JSON form of old clients, and multipart fields', async () => {
    expect((await post('/api/3/action/package_show', 'id=roads', 'application/x-www-form-urlencoded')).json.result.name).toBe('roads');
    expect((await post('/api/3/action/package_show', `${encodeURIComponent(JSON.stringify({ id: 'foi' }))}=1`, 'application/x-www-form-urlencoded')).json.result.name).toBe('foi');
    const form = new FormData();
    form.set('id', 'spending');
    const multipart = await api.request('/api/3/action/package_show', { method: 'POST', body: form });
    expect(multipart.json.result.name).toBe('spending');
  });

  it('reads the query string of a POST without form fields, before its JSON body, as CKAN does', async () => {
    expect((await post('/api/3/action/package_show?id=roads', JSON.stringify({ id: 'foi' }), 'application/json')).json.result.name).toBe('roads');
    expect((await post('/api/3/action/package_show', JSON.stringify({ id: 'foi' }), null)).json.result.name).toBe('foi');
  });

  it('answers a body that is not a JSON object with a Bad Request (400) in the error envelope', async () => {
    const broken = await post('/api/3/action/package_search', '{"q": ', 'application/json');
    expect(broken.status).toBe(400);
    expect(broken.json.error.__type).toBe('Bad Request');
    expect(broken.json.error.message).toMatch(/^Bad request - JSON Error: Error decoding JSON data/);
    expect((await post('/api/3/action/package_search', '["q"]', 'application/json')).json.error.message).toBe('Bad request - JSON Error: Request data JSON decoded to ["q"] but it needs to be a dictionary.');
  });

  it('answers HEAD as GET without a body, OPTIONS with the methods, and other methods 405 with Allow', async () => {
    const head = await api.request('/api/3/action/package_list', { method: 'HEAD' });
    expect([head.status, head.text, head.headers.get('content-type')]).toEqual([200, '', 'application/json']);
    const options = await api.request('/api/3/action/package_list', { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'GET, HEAD, POST, OPTIONS']);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const refused = await api.request('/api/3/action/package_show?id=roads', { method });
      expect([method, refused.status, refused.headers.get('allow'), refused.json.success]).toEqual([method, 405, 'GET, HEAD, POST, OPTIONS', false]);
    }
    expect((await api.request('/api/search/dataset', { method: 'POST', body: 'q=x' })).status).toBe(405);
  });
});

describe('JSONP', () => {
  it('wraps a GET answer in callback(...); as application/javascript, the callback taken out of the parameters', async () => {
    const answer = await api.get('/api/3/action/package_search?q=name:roads&callback=jQuery123_456&rows=1');
    expect(answer.headers.get('content-type')).toBe('application/javascript;charset=utf-8');
    expect(answer.text.startsWith('jQuery123_456({"help":')).toBe(true);
    expect(answer.text.endsWith('});')).toBe(true);
    expect(JSON.parse(answer.text.slice('jQuery123_456('.length, -2)).result.count).toBe(1);
    expect((await api.get('/api/3?callback=cb')).text).toBe('cb({"version":3});');
  });

  it('leaves errors and POSTs unwrapped, as CKAN does, and refuses a callback that is not a function name', async () => {
    const missing = await api.get('/api/3/action/package_show?id=nothing&callback=cb');
    expect([missing.status, missing.json.success, missing.headers.get('content-type')]).toEqual([404, false, 'application/json']);
    expect((await post('/api/3/action/package_show?callback=cb', 'id=roads', 'application/x-www-form-urlencoded')).json.success).toBe(true);
    const hostile = await api.get(`/api/3/action/package_list?callback=${encodeURIComponent('alert(1)//')}`);
    expect([hostile.status, hostile.json.error.__type]).toEqual([400, 'Bad Request']);
  });
});

describe('paths', () => {
  it('answers the API roots as CKAN does: /api is version 1, /api/<n> is n; /api/action and /api/3/action are 3', async () => {
    for (const [path, version] of [
      ['/api', 1],
      ['/api/', 1],
      ['/api/1', 1],
      ['/api/2', 2],
      ['/api/3', 3],
      ['/api/3/', 3],
      ['/api/action', 3],
      ['/api/3/action/', 3],
    ] as const) {
      const answer = await api.get(path);
      expect([path, answer.status, answer.text]).toEqual([path, 200, JSON.stringify({ version })]);
    }
  });

  it('decodes percent-encoded ids and action names, and takes a trailing slash', async () => {
    const rest = await handledApi('rest');
    expect((await rest.get('/api/3/action/package_show?id=road%2Dcasualties')).json.result.name).toBe('casualties');
    expect((await api.get('/api/3/action/package%5Fshow?id=roads')).json.result.name).toBe('roads');
    expect((await api.get('/api/3/action/tag_show?id=Road%20Safety')).json.result.name).toBe('Road Safety');
    expect((await api.get('/api/3/action/tag_show?id=Road+Safety')).json.result.name).toBe('Road Safety');
    expect((await api.get('/api/3/action/package_list/')).text).toBe(api.file('api/3/action/package_list'));
  });

  it('answers an unknown action with CKAN\'s "Action name not known" (400), a write action as CKAN answers an anonymous caller (403), a path it does not own 404', async () => {
    const unknown = await api.get('/api/3/action/package_dance');
    expect([unknown.status, unknown.json]).toEqual([400, { help: 'https://data.testshire.example/api/3/action/help_show', error: { __type: 'Bad Request', message: 'Bad request - Action name not known: package_dance' }, success: false }]);
    const write = await post('/api/3/action/package_create', JSON.stringify({ name: 'new' }), 'application/json');
    expect([write.status, write.json.error.__type, write.json.error.message]).toEqual([403, 'Authorization Error', 'Access denied: this CKAN API is read-only: package_create is not available']);
    expect((await api.get('/api/3/action/package_patch')).status).toBe(403);
    expect((await api.get('/api/3/rest/dataset')).status).toBe(404);
    expect((await api.get('/dataset/roads/')).status).toBe(404);
  });

  it('answers under the site\'s path when the catalogue lives below the host\'s root', async () => {
    const catalogueYaml = readFileSync(path.join(fixturesDir, 'minimal', 'catalogue.yaml'), 'utf8');
    const below = await handledApi('minimal', { 'catalogue.yaml': catalogueYaml.replace('url: https://data.testshire.example/', 'url: https://www.testshire.example/data/') });
    expect((await below.get('/data/api/3/action/package_list')).json.result).toEqual(['foi', 'roads']);
    expect((await below.get('/data/api/3/action/package_list')).json.help).toBe('https://www.testshire.example/data/api/3/action/help_show?name=package_list');
    expect((await below.get('/api/3/action/package_list')).status).toBe(404);
  });
});

describe('the Search API of API v1 and v2', () => {
  it('answers names (v1) or ids (v2) with {count, results} and no envelope, by any field given as a parameter', async () => {
    expect((await api.get('/api/search/dataset?tags=economy')).json).toEqual({ count: 2, results: ['floods', 'spending'] });
    expect((await api.get('/api/1/search/dataset?organization=highways&res_format=CSV')).json).toEqual({ count: 3, results: ['floods', 'roads', 'spending'] });
    const v2 = (await api.get('/api/2/search/dataset?tags=economy')).json;
    expect(v2.results).toEqual(['floods', 'spending'].map((name) => JSON.parse(api.file(`api/3/action/package_show/${name}`)).result.id));
    expect((await api.get('/api/search/dataset?q=flood&limit=1&offset=1')).json).toEqual({ count: 2, results: ['flood-defences'] });
    expect((await api.get('/api/search/package?q=flood&order_by=name')).json).toEqual({ count: 2, results: ['flood-defences', 'floods'] });
    expect((await api.get(`/api/search/dataset?qjson=${encodeURIComponent(JSON.stringify({ tags: ['economy', 'Budget'] }))}`)).json).toEqual({ count: 1, results: ['spending'] });
    expect((await api.get(`/api/search/dataset?fq=${encodeURIComponent('organization:highways')}&q=flood`)).json).toEqual({ count: 1, results: ['floods'] });
  });

  it('answers fl and all_fields with the stored fields, custom fields under extras', async () => {
    expect((await api.get('/api/search/dataset?tags=Budget&fl=name,title,extras_unit')).json).toEqual({ count: 1, results: [{ name: 'spending', title: 'Council spending', extras: { unit: 'Finance' } }] });
    const all = (await api.get('/api/2/search/dataset?name=roads&all_fields=1')).json.results[0];
    expect(all).toMatchObject({ name: 'roads', organization: 'highways', tags: ['Road Safety'], metadata_modified: '2024-06-30T12:00:00Z' });
  });

  it('answers its errors as CKAN 2.7 did: a bare JSON string, 400', async () => {
    for (const [query, message] of [
      ['filter_by_openness=1', "Bad search option: Search option 'filter_by_openness' is not supported"],
      ['limit=ten', "Bad search option: Value for search option 'limit' must be an integer but received 'ten'"],
      ['sort=name', 'Bad search option: Search Query is invalid: Invalid "sort" parameter'],
      ['qjson=%7B', 'Could not read parameters: Malformed qjson value: '],
    ] as [string, string][]) {
      const answer = await api.get(`/api/search/dataset?${query}`);
      expect(answer.status, query).toBe(400);
      expect(typeof answer.json).toBe('string');
      expect((answer.json as string).startsWith(message), `${query}: ${answer.json}`).toBe(true);
    }
  });

  it('answers /api/3/search/dataset in the action envelope, names unless fl says otherwise, as data.gov.uk reads it', async () => {
    expect((await api.get('/api/3/search/dataset?q=tags:economy')).json.result).toEqual({ count: 2, results: ['floods', 'spending'] });
    expect((await api.get('/api/3/search/dataset?q=tags:economy&fl=id')).json.result.results).toEqual(['floods', 'spending'].map((name) => JSON.parse(api.file(`api/3/action/package_show/${name}`)).result.id));
    expect((await api.get('/api/3/search/dataset?q=name:roads&fl=name,organization')).json.result.results).toEqual([{ name: 'roads', organization: 'highways' }]);
  });
});
