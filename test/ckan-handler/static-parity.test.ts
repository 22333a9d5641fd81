// Where the static files and the handler both answer, they answer the same bytes: the handler
// splices the index's package dicts, which are the static files' own, into the same envelope.
// Compared on the rest fixture (relationships, a name other than the id, a private dataset left
// out), the 25 datasets of the paging fixture (pages of 10 that span three pages) and its wide form
// (230 datasets: pages of 100 that span three pages, rows the files cut to 100).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { pageSizes, pageStarts, writtenPageStarts, type PagedAction } from '../../src/outputs/ckan/paths.ts';
import { widePagingDatasetCount, writePagingCatalogue } from '../fixtures/paging/generate.ts';
import { handledApi, type HandledApi } from './helpers.ts';

describe.each(['rest', 'paging', 'wide paging'])('the %s fixture: the handler and the static files', (fixture) => {
  let api: HandledApi;
  beforeAll(async () => {
    if (fixture !== 'rest') {
      const contentDir = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-paging-')), 'content');
      await writePagingCatalogue(contentDir, fixture === 'paging' ? undefined : widePagingDatasetCount);
      api = await handledApi('', {}, { contentDir });
    } else {
      api = await handledApi(fixture);
    }
  });

  const same = async (query: string, file: string) => {
    const answer = await api.get(query);
    expect(answer.status, query).toBe(200);
    expect(answer.text, `${query} = ${file}`).toBe(api.file(file));
  };

  it('give package_show byte for byte, by UUID, name and our id', async () => {
    const list = JSON.parse(api.file('api/3/action/package_list')).result as string[];
    expect(list.length).toBeGreaterThan(2);
    for (const dataset of api.catalogue.datasets) {
      // One file by name; the handler answers the UUID with the same bytes.
      const file = `api/3/action/package_show/${encodeURIComponent(dataset.name)}`;
      const uuid = JSON.parse(api.file(file)).result.id as string;
      for (const key of new Set([uuid, dataset.name, dataset.id])) await same(`/api/3/action/package_show?id=${encodeURIComponent(key)}`, file);
    }
  });

  it('give the pages of package_search and current_package_list_with_resources byte for byte', async () => {
    const count = api.catalogue.datasets.length;
    const pages = (action: PagedAction) => pageSizes(action).flatMap((size) => writtenPageStarts(action, count, size).map((start) => [size, start] as const));
    for (const [rows, start] of pages('package_search')) await same(`/api/3/action/package_search?rows=${rows}&start=${start}`, `api/3/page/package_search/${rows}/${start}`);
    for (const [limit, offset] of pages('current_package_list_with_resources')) await same(`/api/action/current_package_list_with_resources?limit=${limit}&offset=${offset}`, `api/3/page/current_package_list_with_resources/${limit}/${offset}`);
    for (const [rows, start] of pages('search_dataset')) await same(`/api/3/search/dataset?q=type:dataset&rows=${rows}&start=${start}&fl=id,metadata_modified,organization`, `api/3/page/search_dataset/${rows}/${start}`);
    await same('/api/3/action/package_search', 'api/3/action/package_search');
    await same('/api/action/package_search?q=*:*&sort=score+desc,+metadata_modified+desc', 'api/3/action/package_search');
    await same('/api/3/action/current_package_list_with_resources', 'api/3/action/current_package_list_with_resources');
  });

  it('give CKAN\'s rows_max of 1000 where the files give 100 (their rows_max), the same datasets first; and current_package_list_with_resources\'s later pages as package_search\'s pages of 100', async () => {
    const count = api.catalogue.datasets.length;
    if (fixture === 'wide paging') expect(pageStarts(count, 100)).toEqual([0, 100, 200, 300, 230]);
    for (const start of pageStarts(count, 100)) {
      const page = JSON.parse(api.file(`api/3/page/package_search/100/${start}`)).result as { count: number; results: unknown[] };
      const thousand = await api.get(`/api/3/action/package_search?rows=1000&start=${start}`);
      expect(thousand.json.result.count).toBe(count);
      expect(thousand.json.result.results, `start=${start}`).toHaveLength(Math.max(0, Math.min(1000, count - start)));
      expect(JSON.stringify(thousand.json.result.results.slice(0, 100)), `start=${start}`).toBe(JSON.stringify(page.results));
      // Only its first page is a file; the handler answers the others with the same dicts, bare.
      const listed = await api.get(`/api/3/action/current_package_list_with_resources?limit=100&offset=${start}`);
      expect(JSON.stringify(listed.json.result), `offset=${start}`).toBe(JSON.stringify(page.results));
    }
  });

  it('give the lists, the licences, the status and every organization, group and tag byte for byte', async () => {
    for (const action of ['package_list', 'organization_list', 'group_list', 'tag_list', 'license_list', 'status_show', 'site_read']) await same(`/api/3/action/${action}`, `api/3/action/${action}`);
    for (const [action, list] of [
      ['organization_show', 'organization_list'],
      ['group_show', 'group_list'],
      ['tag_show', 'tag_list'],
    ] as const) {
      for (const name of JSON.parse(api.file(`api/3/action/${list}`)).result as string[]) {
        const file = `api/3/action/${action}/${encodeURIComponent(name)}`;
        await same(`/api/3/action/${action}?id=${encodeURIComponent(name)}`, file);
        await same(`/api/3/action/${action}?id=${JSON.parse(api.file(file)).result.id}`, file);
      }
    }
  });

  it('give the v1/v2 Search API byte for byte: every dataset, and its pages', async () => {
    await same('/api/1/search/dataset', 'api/1/search/dataset');
    await same('/api/2/search/dataset', 'api/2/search/dataset');
    const count = api.catalogue.datasets.length;
    for (const version of [1, 2]) {
      // Of 10 only the first page is a file (the rest are the handler's alone).
      for (const limit of [10, 100]) for (const offset of limit === 10 ? [0] : pageStarts(count, limit)) await same(`/api/${version}/search/dataset?limit=${limit}&offset=${offset}`, `api/${version}/page/search_dataset/${limit}/${offset}`);
    }
  });

  // The files have no pages per filter value (the lean layout): the handler alone answers them, and
  // its answer is the static search order restricted to the value, refs as each version gives them.
  it('answer the v1/v2 Search API by tag, group and organization as the static search order filtered', async () => {
    type Dict = { id: string; name: string; tags: { name: string }[]; groups: { name: string }[]; organization: { name: string } | null };
    const every = (await readCkanIndex(api.outDir)).packages.map((json) => JSON.parse(json) as Dict);
    const valuesOf: Record<string, (dict: Dict) => string[]> = {
      tags: (dict) => dict.tags.map((tag) => tag.name),
      groups: (dict) => dict.groups.map((group) => group.name),
      organization: (dict) => (dict.organization ? [dict.organization.name] : []),
    };
    for (const version of [1, 2]) {
      for (const [field, values] of [
        ['tags', [...JSON.parse(api.file('api/3/action/tag_list')).result, 'no-such-tag']],
        ['groups', JSON.parse(api.file('api/3/action/group_list')).result],
        ['organization', JSON.parse(api.file('api/3/action/organization_list')).result],
      ] as [string, string[]][]) {
        for (const value of values) {
          const matching = every.filter((dict) => valuesOf[field]!(dict).includes(value)).map((dict) => (version === 1 ? dict.name : dict.id));
          const answer = await api.get(`/api/${version}/search/dataset?${field}=${encodeURIComponent(value)}`);
          expect([answer.status, answer.json], `${field}=${value}`).toEqual([200, { count: matching.length, results: matching.slice(0, 10) }]);
        }
      }
    }
  });
});
