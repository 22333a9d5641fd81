// package_search parameter by parameter, with CKAN's own examples where its documentation gives
// them (`q=flood`, `fq=tags:economy`, `facet.field=["tags"] facet.limit=10 rows=0`), and CKAN's
// errors for what it refuses or this handler cannot honour.
import { beforeAll, describe, expect, it } from 'vitest';
import { validatedSearch } from '../../src/ckan-handler/package-search.ts';
import { unitApi } from './catalogue.ts';
import type { HandledApi } from './helpers.ts';

let api: HandledApi;
beforeAll(async () => {
  api = await unitApi();
});

/** The names package_search answers, in order, and the whole result. */
async function search(query: string) {
  const answer = await api.get(`/api/3/action/package_search?${query}`);
  expect(answer.status, `${query}: ${answer.text.slice(0, 300)}`).toBe(200);
  return { names: (answer.json.result.results as { name: string }[]).map((result) => result.name), result: answer.json.result };
}
const names = async (query: string) => (await search(query)).names;
async function error(query: string) {
  const answer = await api.get(`/api/3/action/package_search?${query}`);
  expect(answer.json.success).toBe(false);
  return { status: answer.status, error: answer.json.error };
}
const q = (text: string) => `q=${encodeURIComponent(text)}`;
const fq = (text: string) => `fq=${encodeURIComponent(text)}`;
const all = ['cafes', 'floods', 'foi', 'wifi-hotspots', 'roads', 'spending', 'flood-defences'];

describe('q: free text (dismax over name^4 title^4 tags^2 groups^2 text)', () => {
  it('finds words in titles, notes, tags, organizations, groups, resource names and formats, plurals stemmed: q=flood finds floods', async () => {
    expect(await names(q('flood'))).toEqual(['floods', 'flood-defences']);
    expect(await names(q('warnings'))).toEqual(['floods']);
    // FOI has the word in its title (title^4); the others in their organization's or group's name.
    expect(await names(q('information'))).toEqual(['foi', 'cafes', 'spending', 'flood-defences']);
    expect(await names(q('transport'))).toEqual(['floods', 'roads']);
    expect(await names(q('payments'))).toEqual(['spending']);
    expect(await names(q('xlsx'))).toEqual(['spending']);
    // Snowball would also find `Flooding`; the plural-only stemmer does not (docs/decisions/ckan-handler.md).
    expect(await names(q('flooding'))).toEqual(['floods']);
  });

  it('folds accents and case, and cuts words at hyphens and case changes: cafe, ZURICH, geo, wifi, wi-fi', async () => {
    expect(await names(q('cafe'))).toEqual(['cafes']);
    expect(await names(q('ZURICH'))).toEqual(['cafes']);
    expect(await names(q('geo'))).toEqual(['wifi-hotspots']);
    expect(await names(q('wifi'))).toEqual(['wifi-hotspots']);
    expect(await names(q('wi-fi'))).toEqual(['wifi-hotspots']);
  });

  it('ranks a title match above a notes match, then the sort\'s next key (newest first)', async () => {
    expect(await names(q('spending'))).toEqual(['spending', 'cafes']);
  });

  it('needs every word of two, all but one of three to five (CKAN\'s mm=2<-1 5<80%): so OR between two words needs both, as on CKAN', async () => {
    expect(await names(q('flood defences'))).toEqual(['flood-defences']);
    expect(await names(q('flood OR spending'))).toEqual([]);
    expect(await names(q('flood river warnings'))).toEqual(['floods', 'flood-defences']);
    expect(await names(q('flood +defences'))).toEqual(['flood-defences']);
  });

  it('excludes with - and NOT, and takes quoted phrases in order', async () => {
    expect(await names(q('flood -defences'))).toEqual(['floods']);
    expect(await names(q('flood NOT defences'))).toEqual(['floods']);
    expect(await names(q('"flood defences"'))).toEqual(['flood-defences']);
    expect(await names(q('"defences flood"'))).toEqual([]);
  });

  it('answers every dataset for an empty q, q="" and *:*', async () => {
    expect(await names('')).toEqual(all);
    expect(await names('q=')).toEqual(all);
    expect(await names(q('""'))).toEqual(all);
    expect(await names(q('*:*'))).toEqual(all);
  });
});

describe('q and fq: fields (Lucene syntax, q.op=AND)', () => {
  it('matches exact-value fields exactly, as CKAN\'s string fields: fq=tags:economy, tags:"Road Safety", name:roads', async () => {
    expect(await names(fq('tags:economy'))).toEqual(['floods', 'spending']);
    expect(await names(q('tags:economy'))).toEqual(['floods', 'spending']);
    expect(await names(fq('tags:Economy'))).toEqual([]);
    expect(await names(fq('tags:"Road Safety"'))).toEqual(['roads']);
    expect(await names(q('name:roads'))).toEqual(['roads']);
    expect(await names(fq('organization:highways'))).toEqual(['floods', 'wifi-hotspots', 'roads', 'spending']);
    expect(await names(fq('groups:transport'))).toEqual(['floods', 'roads']);
    expect(await names(fq('res_format:CSV'))).toEqual(['floods', 'foi', 'roads', 'spending']);
    expect(await names(fq('license_id:cc-by-4.0'))).toEqual(['floods']);
    expect(await names(fq('type:dataset AND capacity:public AND state:active'))).toEqual(all);
  });

  it('matches text fields by their words: title:flood, notes:river, text:payments, res_name:payments, extras_unit:finance', async () => {
    expect(await names(q('title:flood'))).toEqual(['floods', 'flood-defences']);
    expect(await names(q('notes:river'))).toEqual(['flood-defences']);
    expect(await names(q('res_name:payments'))).toEqual(['spending']);
    expect(await names(q('extras_unit:finance'))).toEqual(['spending']);
    expect(await names(q('unit:Finance'))).toEqual(['spending']);
    expect(await names(q('title:"flood defences"'))).toEqual(['flood-defences']);
    expect(await names(q('title:flo*'))).toEqual(['floods', 'flood-defences']);
  });

  it('combines with AND, OR, NOT, -, +, groups, as Lucene does: udata\'s organization:a AND -tags:x, ckanext-harvest\'s -organization:x', async () => {
    expect(await names(q('organization:highways AND -tags:economy'))).toEqual(['wifi-hotspots', 'roads']);
    expect(await names(q('tags:economy OR tags:FOI'))).toEqual(['floods', 'foi', 'spending']);
    expect(await names(q('tags:economy NOT organization:highways'))).toEqual([]);
    expect(await names(fq('-organization:highways -organization:information'))).toEqual([]);
    expect(await names(fq('-organization:highways'))).toEqual(['cafes', 'foi', 'flood-defences']);
    expect(await names(fq('organization:information OR organization:highways'))).toEqual(all);
    expect(await names(q('(tags:economy OR tags:FOI) AND organization:information'))).toEqual(['foi']);
    expect(await names(q('organization:(information OR nobody)'))).toEqual(['cafes', 'foi', 'flood-defences']);
    // `a OR b c` with q.op=AND: c is required, a and b optional (Lucene's rule, not boolean algebra).
    expect(await names(q('tags:FOI OR tags:economy organization:highways'))).toEqual(['floods', 'spending', 'wifi-hotspots', 'roads']);
  });

  it('requires every fq and fq_list filter, and leaves the order to q and sort', async () => {
    expect(await names(`${fq('organization:highways')}&fq_list=${encodeURIComponent('res_format:CSV')}`)).toEqual(['floods', 'roads', 'spending']);
    expect((await search(`${fq('organization:highways')}&${q('spending')}`)).names).toEqual(['spending']);
  });

  it('filters metadata_modified and metadata_created by ranges, inclusive and exclusive, with NOW arithmetic', async () => {
    expect(await names(fq('metadata_modified:[2024-06-30T12:00:00Z TO *]'))).toEqual(['cafes', 'floods', 'foi', 'wifi-hotspots', 'roads', 'spending']);
    expect(await names(fq('metadata_modified:{2024-06-30T12:00:00Z TO *]'))).toEqual(['cafes', 'floods', 'foi']);
    expect(await names(fq('metadata_modified:[* TO 2024-06-30T12:00:00Z}'))).toEqual(['flood-defences']);
    // NOW is 2025-06-01T10:20:30Z: floods changed that morning, cafes that evening.
    expect(await names(fq('metadata_modified:[NOW-1DAY TO NOW]'))).toEqual(['floods']);
    expect(await names(fq('metadata_modified:[NOW/DAY TO NOW/DAY+1DAY]'))).toEqual(['cafes', 'floods']);
    expect(await names(fq('metadata_modified:[NOW TO *]'))).toEqual(['cafes']);
    expect(await names(fq('metadata_created:[* TO NOW-5YEARS]'))).toEqual(['foi', 'wifi-hotspots', 'roads', 'flood-defences']);
    expect(await names(fq('metadata_modified:[NOW-1YEAR TO NOW-6MONTHS]'))).toEqual(['wifi-hotspots', 'roads', 'spending']);
    // ckanext-harvest's incremental filter (microseconds), and piveau's (in q).
    expect(await names(fq('metadata_modified:[2025-01-21T15:10:03.123456Z TO *]'))).toEqual(['cafes', 'floods', 'foi']);
    expect(await names(q('metadata_modified:[2025-01-01T00:00:00Z TO *]'))).toEqual(['cafes', 'floods', 'foi']);
    expect(await names(fq('metadata_modified:[2030-01-01T00:00:00Z TO *]'))).toEqual([]);
  });

  it('answers a date Solr cannot read, or syntax it cannot parse, with CKAN\'s Search Error (409)', async () => {
    for (const bad of ['metadata_modified:[2025-01-01 TO *]', 'metadata_modified:[yesterday TO *]', 'title:(flood', 'tags:"economy', 'organization:highways AND', '{!lucene}flood']) {
      const { status, error: body } = await error(fq(bad));
      expect([bad, status, body.__type]).toEqual([bad, 409, 'Search Error']);
    }
  });

  it('refuses local parameters as CKAN does', async () => {
    expect(await error(q('{!func}sum(1,2)'))).toEqual({ status: 409, error: { __type: 'Search Error', message: "Search error: Local parameters are not supported in param 'q'." } });
  });

  it('refuses syntax it does not implement with a Search Query Error (400): fuzzy, proximity, regular expressions, inner wildcards, ranges on text', async () => {
    for (const unsupported of ['title:flood~1', 'title:"flood defences"~2', 'title:/flo+d/', 'title:fl?od', 'title:*lood', 'title:[a TO b]', 'title_ngram:flo', 'views_total:[1 TO *]']) {
      const { status, error: body } = await error(q(unsupported));
      expect([unsupported, status, body.__type]).toEqual([unsupported, 400, 'Search Query Error']);
    }
  });
});

describe('sort', () => {
  it('defaults to score desc, metadata_modified desc (the static pages\' order), and echoes it; sort=rank is the default', async () => {
    expect((await search('')).result.sort).toBe('score desc, metadata_modified desc');
    expect((await search('sort=rank')).result.sort).toBe('score desc, metadata_modified desc');
    expect((await search('sort=rank')).names).toEqual(all);
  });

  it('sorts by name, title_string, metadata_modified, metadata_created, asc or desc, on several keys, and echoes the sort', async () => {
    expect(await names('sort=name+asc')).toEqual([...all].sort());
    expect(await names('sort=name+desc')).toEqual([...all].sort().reverse());
    expect(await names('sort=title_string+asc')).toEqual(['cafes', 'spending', 'flood-defences', 'floods', 'foi', 'wifi-hotspots', 'roads']);
    expect(await names('sort=metadata_created+desc')).toEqual(['cafes', 'spending', 'floods', 'roads', 'foi', 'wifi-hotspots', 'flood-defences']);
    expect(await names('sort=metadata_modified+asc,+name+desc')).toEqual(['flood-defences', 'wifi-hotspots', 'spending', 'roads', 'foi', 'floods', 'cafes']);
    expect((await search('sort=name+asc')).result.sort).toBe('name asc');
    // ckanext-harvest pages with sort=id asc.
    const byId = await search('sort=id+asc&rows=100');
    expect(byId.result.results.map((result: { id: string }) => result.id)).toEqual(byId.result.results.map((result: { id: string }) => result.id).sort());
  });

  it('answers CKAN\'s Invalid "sort" parameter for a sort without direction, on a text or multi-valued field, or by a function', async () => {
    for (const sort of ['name', 'name up', 'title asc', 'tags asc', 'notes desc', 'sum(num_tags) desc']) {
      const { status, error: body } = await error(`sort=${encodeURIComponent(sort)}`);
      expect([sort, status, body]).toEqual([sort, 400, { __type: 'Search Query Error', message: 'Search Query is invalid: Invalid "sort" parameter' }]);
    }
  });
});

describe('rows and start', () => {
  it('pages with any rows and start; rows=0 gives the count alone; start past the end an empty page', async () => {
    expect((await search('rows=0')).result).toMatchObject({ count: 7, results: [] });
    expect(await names('rows=2')).toEqual(all.slice(0, 2));
    expect(await names('rows=2&start=3')).toEqual(all.slice(3, 5));
    expect(await names('rows=3&start=6')).toEqual(all.slice(6));
    expect(await names('start=7')).toEqual([]);
    expect(await names('rows=')).toEqual(all);
  });

  it('caps rows at 1000 (ckan.search.rows_max), as CKAN does, rather than refusing', () => {
    expect(validatedSearch({ rows: '5000' }).search.rows).toBe(1000);
    expect(validatedSearch({ rows: 250 }).search.rows).toBe(250);
    expect(validatedSearch({}).search.rows).toBe(10);
  });

  it('refuses a rows or start that is not a natural number with CKAN\'s Validation Error (409), every field at once', async () => {
    expect(await error('rows=-1&start=x')).toEqual({ status: 409, error: { rows: ['Must be a natural number'], start: ['Invalid integer'], __type: 'Validation Error' } });
    expect(await error('rows=1.5')).toEqual({ status: 409, error: { rows: ['Invalid integer'], __type: 'Validation Error' } });
  });
});

describe('facets', () => {
  it('counts the top tags as CKAN\'s example asks (facet.field=["tags"] facet.limit=10 rows=0): most first, ties by name', async () => {
    const { result } = await search(`facet.field=${encodeURIComponent('["tags"]')}&facet.limit=3&rows=0`);
    expect(Object.entries(result.facets.tags)).toEqual([
      ['economy', 2],
      ['Budget', 1],
      ['Café', 1],
    ]);
    expect(result.search_facets).toEqual({
      tags: {
        title: 'tags',
        items: [
          { name: 'economy', display_name: 'economy', count: 2 },
          { name: 'Café', display_name: 'Café', count: 1 },
          { name: 'Budget', display_name: 'Budget', count: 1 },
        ],
      },
    });
  });

  it('counts only the matching datasets, names organizations, groups and licences by title in search_facets, sorted by that name descending', async () => {
    const { result } = await search(`${q('flood')}&facet.field=${encodeURIComponent('["organization","groups","license_id","res_format"]')}`);
    expect(result.facets).toEqual({ organization: { highways: 1, information: 1 }, groups: { transport: 1 }, license_id: { 'cc-by-4.0': 1, 'ogl-v3': 1 }, res_format: { CSV: 1, GEOJSON: 1 } });
    expect(result.search_facets.organization.items).toEqual([
      { name: 'information', display_name: 'Information Governance', count: 1 },
      { name: 'highways', display_name: 'Highways Team', count: 1 },
    ]);
    expect(result.search_facets.groups.items).toEqual([{ name: 'transport', display_name: 'Transport', count: 1 }]);
    expect(result.search_facets.license_id.items.map((item: { display_name: string }) => item.display_name)).toEqual(['UK Open Government Licence (OGL v3)', 'Creative Commons Attribution 4.0']);
  });

  it('applies facet.mincount (0: every value of the index) and facet.limit (-1: all, by value); facet=false or no facet.field gives none; repeated facet.field works', async () => {
    expect((await search(`${q('flood')}&facet.field=${encodeURIComponent('["organization"]')}&facet.mincount=0&fq=${encodeURIComponent('organization:highways')}`)).result.facets).toEqual({ organization: { highways: 1, information: 0 } });
    expect(Object.keys((await search(`facet.field=${encodeURIComponent('["tags"]')}&facet.limit=-1`)).result.facets.tags)).toEqual(['Budget', 'Café', 'FOI', 'FOI Requests', 'Flooding', 'Freedom of Information', 'Road Safety', 'Wi-Fi', 'economy', 'environment']);
    expect(Object.keys((await search(`facet.field=${encodeURIComponent('["tags"]')}&facet.mincount=2`)).result.facets.tags)).toEqual(['economy']);
    expect((await search(`facet.field=${encodeURIComponent('["tags"]')}&facet=false`)).result).toMatchObject({ facets: {}, search_facets: {} });
    expect((await search('facet.limit=3')).result).toMatchObject({ facets: {}, search_facets: {} });
    expect(Object.keys((await search('facet.field=organization&facet.field=groups')).result.facets)).toEqual(['organization', 'groups']);
  });

  it('refuses facet.field that is not a JSON list (Validation Error) or names a text field (Search Query Error)', async () => {
    expect(await error('facet.field=tags')).toEqual({ status: 409, error: { 'facet.field': ['Could not parse as valid JSON'], __type: 'Validation Error' } });
    expect(await error(`facet.field=${encodeURIComponent('{"a":1}')}`)).toEqual({ status: 409, error: { 'facet.field': ['Not a list'], __type: 'Validation Error' } });
    expect((await error(`facet.field=${encodeURIComponent('["title"]')}`)).status).toBe(400);
  });
});

describe('fl, include_*, and parameters refused', () => {
  it('answers the fields fl names instead of the package dicts: Solr\'s stored fields, custom fields by their key, * for all', async () => {
    expect((await search(`fl=name,title&${fq('tags:economy')}`)).result.results).toEqual([
      { name: 'floods', title: 'Floods in 2020' },
      { name: 'spending', title: 'Council spending' },
    ]);
    expect((await search(`fl=id&rows=1`)).result.results[0]).toEqual({ id: expect.any(String) });
    expect((await search(`fl=name,extras_unit&${q('name:spending')}`)).result.results).toEqual([{ name: 'spending', unit: 'Finance' }]);
    expect((await search(`fl=name,metadata_modified,organization,tags&${q('name:spending')}`)).result.results).toEqual([{ name: 'spending', metadata_modified: '2024-06-30T12:00:00Z', organization: 'highways', tags: ['Budget', 'economy'] }]);
    const star = (await search(`fl=*&${q('name:roads')}`)).result.results[0];
    expect(JSON.parse(star.validated_data_dict)).toEqual(JSON.parse(api.file('api/3/action/package_show/roads')).result);
    expect(star.res_format).toEqual(['CSV']);
    expect(await error('fl=name,score')).toMatchObject({ status: 400, error: { __type: 'Search Query Error' } });
  });

  it('projects the fields its search documents hold (made without parsing the dict again) exactly as from the dict', async () => {
    const fields = 'id,name,title,url,version,owner_org,organization,groups,tags,license_id,res_format,res_url,capacity,state,type,dataset_type,metadata_created,metadata_modified';
    const fast = (await search(`fl=${fields}&rows=100`)).result.results;
    const parsed = (await search(`fl=${fields},notes&rows=100`)).result.results.map(({ notes: _notes, ...rest }: { notes?: string }) => rest);
    expect(fast).toHaveLength(7);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed));
    expect(fast.find((result: { name: string }) => result.name === 'flood-defences')).not.toHaveProperty('groups');
  });

  it('takes include_private, include_drafts and include_deleted (nothing private, draft or deleted is published: the same answer)', async () => {
    expect(await names('include_private=true&include_drafts=true&include_deleted=True')).toEqual(all);
    expect(await error('include_private=perhaps')).toEqual({ status: 409, error: { include_private: ['String is not true/false: perhaps'], __type: 'Validation Error' } });
  });

  it('reads defType=lucene (fields and the default field text) and defType=dismax', async () => {
    expect(await names(`defType=lucene&${q('flood warnings')}`)).toEqual(['floods']);
    expect(await names(`defType=dismax&${q('flood')}`)).toEqual(['floods', 'flood-defences']);
  });

  it('answers unknown parameters with CKAN\'s "Invalid search parameters", and the Solr parameters it does not implement with a Search Query Error', async () => {
    expect(await error('foo=1&bar=2')).toEqual({ status: 400, error: { __type: 'Search Query Error', message: "Search Query is invalid: Invalid search parameters: ['bar', 'foo']" } });
    expect((await error('q.op=OR')).error.message).toBe("Search Query is invalid: Invalid search parameters: ['q.op']");
    for (const parameter of ['qf=title', 'bf=recip(1)', 'boost=2', 'tie=0.5', 'mm=1', 'df=title', 'wt=xml', 'defType=edismax', 'facet=maybe']) {
      expect([parameter, (await error(parameter)).status]).toEqual([parameter, 400]);
    }
    expect(await names('wt=json&df=text&ext_bbox=1,2,3,4')).toEqual(all);
  });
});
