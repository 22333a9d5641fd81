// Every read action the handler registers (src/ckan-handler/actions.ts), with the parameters CKAN
// gives it; the first test fails when an action is registered without an example here.
import { beforeAll, describe, expect, it } from 'vitest';
import { readActions } from '../../src/ckan-handler/actions.ts';
import { unitApi } from './catalogue.ts';
import type { HandledApi } from './helpers.ts';

let api: HandledApi;
beforeAll(async () => {
  api = await unitApi();
});

const result = async (query: string) => {
  const answer = await api.get(`/api/3/action/${query}`);
  expect(answer.status, `${query}: ${answer.text.slice(0, 300)}`).toBe(200);
  return answer.json.result;
};
const failure = async (query: string) => {
  const answer = await api.get(`/api/3/action/${query}`);
  return { status: answer.status, error: answer.json.error };
};
const staticResult = (file: string) => JSON.parse(api.file(file)).result;
const uuidOf = (name: string) => staticResult(`api/3/action/package_show/${name}`).id as string;

/** One example per registered action: the request and what its answer must be. */
const examples: Record<string, () => Promise<void>> = {
  package_list: async () => {
    expect(await result('package_list')).toEqual(['cafes', 'flood-defences', 'floods', 'foi', 'roads', 'spending', 'wifi-hotspots']);
    expect(await result('package_list?limit=2&offset=3')).toEqual(['foi', 'roads']);
    expect(await failure('package_list?limit=-2')).toEqual({ status: 409, error: { limit: ['Must be a natural number'], __type: 'Validation Error' } });
  },
  package_show: async () => {
    expect(await result('package_show?name_or_id=roads')).toEqual(staticResult('api/3/action/package_show/roads'));
    expect(await failure('package_show')).toEqual({ status: 409, error: { name_or_id: ['Missing value'], __type: 'Validation Error' } });
    expect(await failure('package_show?id=secret-staff')).toEqual({ status: 404, error: { __type: 'Not Found Error', message: 'Not found' } });
    expect((await failure('package_show?id=roads&include_tracking=true')).status).toBe(409);
  },
  package_search: async () => {
    expect((await result('package_search?q=flood')).count).toBe(2);
  },
  current_package_list_with_resources: async () => {
    const all = (await result('package_search?rows=100')).results;
    expect(await result('current_package_list_with_resources?limit=2&offset=1')).toEqual(all.slice(1, 3));
    expect(await result('current_package_list_with_resources?limit=3&page=2')).toEqual(all.slice(3, 6));
    expect(await result('current_package_list_with_resources')).toHaveLength(7);
    expect((await failure('current_package_list_with_resources?page=0')).error).toEqual({ page: ['Must be a positive integer'], __type: 'Validation Error' });
  },
  resource_show: async () => {
    const spending = staticResult('api/3/action/package_show/spending');
    expect(await result(`resource_show?id=${spending.resources[1].id}`)).toEqual(spending.resources[1]);
    expect(await failure('resource_show?id=nothing')).toEqual({ status: 404, error: { __type: 'Not Found Error', message: 'Not found' } });
    expect((await failure('resource_show')).error).toEqual({ id: ['Missing value'], __type: 'Validation Error' });
  },
  package_autocomplete: async () => {
    expect(await result('package_autocomplete?q=flood')).toEqual([
      { name: 'floods', title: 'Floods in 2020', match_field: 'name', match_displayed: 'floods' },
      { name: 'flood-defences', title: 'Flood defences', match_field: 'name', match_displayed: 'flood-defences' },
    ]);
    expect(await result('package_autocomplete?q=Openings&limit=1')).toEqual([{ name: 'cafes', title: 'Café openings in Zürich', match_field: 'title', match_displayed: 'Café openings in Zürich (cafes)' }]);
    expect((await failure('package_autocomplete')).error).toEqual({ q: ['Missing value'], __type: 'Validation Error' });
  },
  organization_list: async () => {
    expect(await result('organization_list')).toEqual(['highways', 'information']);
    expect(await result('organization_list?sort=package_count')).toEqual(['highways', 'information']);
    expect(await result('organization_list?sort=name+desc&limit=1')).toEqual(['information']);
    expect(await result('organization_list?q=GOVERN')).toEqual(['information']);
    expect(await result('organization_list?organizations=information,nobody')).toEqual(['information']);
    const dicts = await result('organization_list?all_fields=true');
    expect(dicts.map((dict: { name: string; package_count: number }) => [dict.name, dict.package_count])).toEqual([
      ['highways', 4],
      ['information', 3],
    ]);
    // all_fields: the dict without its lists, as CKAN's include_* default to false there.
    const { extras: _extras, tags: _tags, groups: _groups, users: _users, ...scalars } = staticResult('api/3/action/organization_show/highways');
    expect(dicts[0]).toEqual({ ...scalars, package_count: 4 });
    expect(await failure('organization_list?sort=title+sideways')).toEqual({ status: 409, error: { __type: 'Validation Error', message: 'Invalid sort direction `sideways`' } });
    expect(await failure('organization_list?sort=created')).toEqual({ status: 409, error: { __type: 'Validation Error', message: 'Cannot sort by field `created`' } });
  },
  organization_show: async () => {
    expect(await result('organization_show?id=highways')).toEqual(staticResult('api/3/action/organization_show/highways'));
    const withDatasets = await result('organization_show?id=highways&include_datasets=true&include_users=false&include_member_count=true');
    expect(Object.keys(withDatasets)).toEqual([
      'approval_status',
      'created',
      'description',
      'display_name',
      'id',
      'image_display_url',
      'image_url',
      'is_organization',
      'member_count',
      'name',
      'num_followers',
      'package_count',
      'state',
      'title',
      'type',
      'packages',
      'extras',
      'tags',
      'groups',
    ]);
    expect(withDatasets.packages).toEqual((await result('package_search?fq=organization:highways')).results);
    expect(Object.keys(await result('organization_show?id=information&include_dataset_count=false&include_extras=false&include_tags=0&include_groups=no'))).not.toContain('package_count');
    expect(await failure('organization_show?id=highways&include_datasets=maybe')).toEqual({ status: 409, error: { __type: 'Validation Error', message: 'Parameter is not an bool' } });
    expect((await failure('organization_show?id=transport')).status).toBe(404);
  },
  group_list: async () => {
    expect(await result('group_list')).toEqual(['community-information', 'transport']);
    expect((await result('group_list?all_fields=1&groups=transport')).map((dict: { name: string; package_count: number }) => [dict.name, dict.package_count])).toEqual([['transport', 2]]);
    expect(await result('group_list?type=organization')).toEqual([]);
  },
  group_show: async () => {
    expect(await result(`group_show?id=${staticResult('api/3/action/group_show/transport').id}`)).toEqual(staticResult('api/3/action/group_show/transport'));
    expect((await result('group_show?id=transport&include_datasets=true')).packages.map((dict: { name: string }) => dict.name)).toEqual(['floods', 'roads']);
    expect((await failure('group_show?id=highways')).status).toBe(404);
  },
  tag_list: async () => {
    expect(await result('tag_list?q=fo')).toEqual(['FOI', 'FOI Requests', 'Freedom of Information']);
    expect(await result('tag_list?query=FOI&query=req')).toEqual(['FOI Requests']);
    expect(await result('tag_list?limit=2&offset=1')).toEqual(['Café', 'FOI']);
    expect(await result('tag_list?all_fields=true&q=wi-fi')).toEqual([staticResult('api/3/action/tag_show/Wi-Fi')]);
    expect(await failure('tag_list?vocabulary_id=genres')).toEqual({ status: 404, error: { __type: 'Not Found Error', message: "Not found: could not find vocabulary 'genres'" } });
  },
  tag_show: async () => {
    expect(await result('tag_show?id=economy')).toEqual(staticResult('api/3/action/tag_show/economy'));
    const withDatasets = await result('tag_show?id=economy&include_datasets=True');
    expect(Object.keys(withDatasets)).toEqual(['id', 'name', 'vocabulary_id', 'display_name', 'packages']);
    expect(withDatasets.packages.map((dict: { id: string }) => dict.id)).toEqual([uuidOf('floods'), uuidOf('spending')]);
    expect((await failure('tag_show?id=Economy')).status).toBe(404);
  },
  license_list: async () => {
    expect(await result('license_list')).toEqual(staticResult('api/3/action/license_list'));
  },
  status_show: async () => {
    expect(await result('status_show')).toMatchObject({ ckan_version: '2.10.0', site_url: 'https://data.testshire.example' });
  },
  site_read: async () => {
    expect(await result('site_read')).toBe(true);
  },
  help_show: async () => {
    expect(await result('help_show?name=package_search')).toMatch(/^Searches the datasets\./);
    expect(await failure('help_show?name=package_create')).toEqual({ status: 404, error: { __type: 'Not Found Error', message: 'Not found: Action function not found' } });
    expect((await failure('help_show')).error).toEqual({ name: ['Missing value'], __type: 'Validation Error' });
  },
};

describe('the registry of read actions', () => {
  it('has an example here for every registered action, and no example for an action it does not register', () => {
    expect(Object.keys(examples).sort()).toEqual(readActions.map((action) => action.name).sort());
  });

  it.each(readActions.map((action) => action.name))('answers %s', async (name) => {
    await examples[name]!();
  });

  it('answers every action under /api/action/ and /api/3/action/ alike', async () => {
    for (const { name } of readActions) {
      const query = name === 'help_show' ? `${name}?name=tag_show` : name.endsWith('_show') ? `${name}?id=roads` : name;
      expect((await api.get(`/api/action/${query}`)).text, name).toBe((await api.get(`/api/3/action/${query}`)).text);
    }
  });
});
