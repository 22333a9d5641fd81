// The CKAN action API as real clients use it: one package dict everywhere, paging that ends on an
// empty page, lookups by every key answering the same file, UUIDs, and nothing private.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { metadataDates } from '../../src/outputs/ckan/context.ts';
import { unknownDate } from '../../src/outputs/ckan/dates.ts';
import { ckanIds } from '../../src/outputs/ckan/ids.ts';
import { pageStarts } from '../../src/outputs/ckan/paths.ts';
import { listFiles } from '../helpers/build.ts';
import { ckanApiOf, datasetFile, type WrittenCkanApi } from '../helpers/ckan.ts';

const site = 'https://data.testshire.example/';
const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// 21 datasets more than the minimal fixture's two public ones: 23. Several share a modification
// time, so the order's second key (the id) decides between them.
const manyDatasets = Object.fromEntries(
  Array.from({ length: 21 }, (_, index) => [
    `datasets/extra-${String(index).padStart(2, '0')}.md`,
    datasetFile(`Extra ${index}`, { updatedAt: `2023-0${1 + (index % 5)}-01T00:00:00Z`, tags: `[Tag ${index % 4}]` }),
  ]),
);

describe('a catalogue of 23 datasets', () => {
  let api: WrittenCkanApi;
  beforeAll(async () => {
    api = await ckanApiOf({ ...manyDatasets, 'datasets/roads/index.md': readFixture('datasets/roads/index.md').replace('title: Road Casualties', 'title: Road Casualties\nname: road-casualties') });
  });

  it('pages with rows 100 visit every dataset exactly once, newest first, and end on an empty page at the next multiple and at start = count; the first page of 10 is their first 10', () => {
    const pages = pageStarts(23, 100).map((start) => ({ start, result: api.result(`api/3/page/package_search/100/${start}`) }));
    expect(pages.map(({ start, result }) => [start, result.results.length])).toEqual([
      [0, 23],
      [100, 0],
      [23, 0],
    ]);
    expect(api.result('api/3/page/package_search/10/0').results).toEqual(pages[0]!.result.results.slice(0, 10));
    for (const { result } of pages) expect(result.count).toBe(23);
    const visited = pages.flatMap(({ result }) => result.results as { id: string; metadata_modified: string }[]);
    expect(new Set(visited.map((dataset) => dataset.id)).size).toBe(23);
    expect(visited.map((dataset) => dataset.id).sort()).toEqual(api.catalogue.datasets.map((dataset) => ckanIds.dataset(site, dataset.id)).sort());
    for (const [index, dataset] of visited.entries()) {
      const next = visited[index + 1];
      if (!next) break;
      const inOrder = dataset.metadata_modified > next.metadata_modified || (dataset.metadata_modified === next.metadata_modified && dataset.id < next.id);
      expect(inOrder, `${dataset.id} before ${next.id}`).toBe(true);
    }
    expect(visited.filter((dataset) => dataset.metadata_modified === '2023-01-01T00:00:00.000000').length).toBeGreaterThan(1);
  });

  it('ends every real client loop: ckanapi (rows 1000 read as 100, start += received), ckanext-harvest and piveau (rows 100), data.gov.uk (search/dataset)', () => {
    // ckanapi: start=0, then start=count, from the pages of 100 (the static rows_max).
    expect(existsSync(path.join(api.outDir, 'api/3/page/package_search/1000'))).toBe(false);
    expect(api.result('api/3/page/package_search/100/23').results).toEqual([]);
    // ckanext-harvest, piveau: start=0, 100.
    expect(api.result('api/3/page/package_search/100/0').results).toHaveLength(23);
    expect(api.result('api/3/page/package_search/100/100').results).toEqual([]);
    // data.gov.uk: count on every page; the projections with Solr dates and the team's name.
    const first = api.result('api/3/page/search_dataset/1000/0');
    expect(first.count).toBe(23);
    expect(first.results[0]).toEqual({ id: ckanIds.dataset(site, 'foi'), metadata_modified: '2025-01-21T16:10:03Z', organization: 'information' });
    expect(api.result('api/3/page/search_dataset/1000/23')).toEqual({ count: 23, results: [] });
    // piveau's DKAN dialect: current_package_list_with_resources, limit 100, its first page only (the
    // rest is the handler's, or the paging error); the query-less action, limit 10.
    expect(api.result('api/3/page/current_package_list_with_resources/100/0')).toHaveLength(23);
    expect(existsSync(path.join(api.outDir, 'api/3/page/current_package_list_with_resources/100/100'))).toBe(false);
    expect(api.result('api/3/action/current_package_list_with_resources')).toHaveLength(10);
  });

  it('writes the page sizes real clients page by, and only the first page of CKAN\'s default size 10 and of current_package_list_with_resources', () => {
    const written = (action: string) =>
      readdirSync(path.join(api.outDir, 'api/3/page', action), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${path.basename(entry.parentPath)}/${entry.name}`)
        .sort();
    // No pages of 1000: a larger rows reads the pages of 100 (the static rows_max, docs/decisions/lean-layout.md, session 7).
    expect(written('package_search')).toEqual(['10/0', '100/0', '100/100', '100/23']);
    expect(written('current_package_list_with_resources')).toEqual(['10/0', '100/0']);
    expect(written('search_dataset')).toEqual(['10/0', '1000/0', '1000/1000', '1000/23']);
  });

  it('has the same package dict, byte for byte, in package_show, package_search and current_package_list_with_resources', () => {
    const fromPages = (action: string, size: number) =>
      pageStarts(23, size).flatMap((start) => {
        const result = api.result(`api/3/page/${action}/${size}/${start}`);
        return (Array.isArray(result) ? result : result.results) as { id: string }[];
      });
    const searched = fromPages('package_search', 100) as { id: string; name: string }[];
    const listed = api.result('api/3/page/current_package_list_with_resources/100/0') as unknown[];
    expect(searched).toHaveLength(23);
    for (const [index, dict] of searched.entries()) {
      const shown = api.result(`api/3/action/package_show/${dict.name}`);
      expect(JSON.stringify(shown)).toBe(JSON.stringify(dict));
      expect(JSON.stringify(listed[index])).toBe(JSON.stringify(dict));
    }
  });

  it('answers a dataset by name and datashelf id with one file (a hard link), no file by UUID (lean layout), and tags by each spelling a client sends', () => {
    const inode = (relativePath: string) => statSync(path.join(api.outDir, relativePath)).ino;
    const roads = ckanIds.dataset(site, 'roads');
    expect(api.result('api/3/action/package_show/road-casualties')).toMatchObject({ id: roads, name: 'road-casualties' });
    expect(inode('api/3/action/package_show/roads')).toBe(inode('api/3/action/package_show/road-casualties'));
    expect(existsSync(path.join(api.outDir, `api/3/action/package_show/${roads}`))).toBe(false);
    expect(inode('api/3/action/organization_show/highways')).toBe(inode(`api/3/action/organization_show/${ckanIds.organization(site, 'highways')}`));
    expect(inode('api/3/action/group_show/transport')).toBe(inode(`api/3/action/group_show/${ckanIds.group(site, 'transport')}`));
    const tag = ckanIds.tag(site, 'Road Safety');
    expect(inode('api/3/action/tag_show/Road%20Safety')).toBe(inode(`api/3/action/tag_show/${tag}`));
    expect(inode('api/3/action/tag_show/Road+Safety')).toBe(inode(`api/3/action/tag_show/${tag}`));
    // Query-less forms: the first page, with and without the API version.
    expect(inode('api/3/action/package_search')).toBe(inode('api/3/page/package_search/10/0'));
    expect(inode('api/action/package_search')).toBe(inode('api/3/page/package_search/10/0'));
    expect(inode('api/action/current_package_list_with_resources')).toBe(inode('api/3/page/current_package_list_with_resources/10/0'));
  });

  it('gives every CKAN id of a record as a UUID version 5', async () => {
    const idKeys = new Set(['id', 'package_id', 'owner_org', 'subject_package_id', 'object_package_id']);
    const ids: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (idKeys.has(key) && typeof inner === 'string') ids.push(inner);
          else collect(inner);
        }
      }
    };
    // Licences keep CKAN's licence ids (`cc-by`, `ogl-v3`): they are not records with UUIDs.
    for (const file of await listFiles(path.join(api.outDir, 'api'))) if (!file.endsWith('/license_list')) collect(api.read(`api/${file}`));
    expect(ids.length).toBeGreaterThan(23 * 3);
    expect(ids.filter((id) => !uuidV5.test(id))).toEqual([]);
  });

  it('lists names sorted: package_list by name, organization_list and group_list by title, tag_list by name', () => {
    const names = api.result('api/3/action/package_list');
    expect(names).toHaveLength(23);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('road-casualties');
    expect(api.result('api/3/action/tag_list')).toEqual(['FOI', 'FOI Requests', 'Freedom of Information', 'Road Safety', 'Tag 0', 'Tag 1', 'Tag 2', 'Tag 3']);
    expect(api.result('api/3/action/organization_show/highways').package_count).toBe(22);
  });
});

describe('a public build', () => {
  it('has no trace of a private dataset in any CKAN file: no name, title, tag, UUID, count or relationship', async () => {
    // A public dataset that names the private one as related: the relationship must not surface.
    const api = await ckanApiOf({ 'datasets/foi.md': readFixture('datasets/foi.md').replace('links:', 'relationships:\n  - { type: derives_from, dataset: secret-staff }\nlinks:') });
    const needles = ['secret-staff', 'Confidential Staff Sickness Register', 'Sickness Absence Secret', 'sickness-register-confidential', 'Sickness register', ckanIds.dataset(site, 'secret-staff'), ckanIds.resource(site, 'secret-staff', 'reg')];
    for (const file of await listFiles(api.outDir)) {
      const text = readFileSync(path.join(api.outDir, file), 'latin1');
      for (const needle of needles) {
        expect(file.includes(needle), `${file} is named after the private dataset`).toBe(false);
        expect(text.includes(needle), `${file} mentions '${needle}'`).toBe(false);
      }
    }
    const foi = api.result('api/3/action/package_show/foi');
    expect([foi.relationships_as_subject, foi.relationships_as_object]).toEqual([[], []]);
    expect(api.result('api/3/action/organization_show/information').package_count).toBe(1);
  });

  it('in an internal build (--include-private) marks the private dataset private', async () => {
    const api = await ckanApiOf({}, { includePrivate: true });
    expect(api.result('api/3/action/package_show/secret-staff').private).toBe(true);
    expect(api.result('api/3/action/package_show/foi').private).toBe(false);
  });
});

describe('the package dict', () => {
  it('holds relationships as CKAN stores them: once, in the forward type, seen from both datasets', async () => {
    const api = await ckanApiOf({
      'datasets/roads/index.md': readFixture('datasets/roads/index.md').replace('resources:', 'relationships:\n  - { type: parent_of, dataset: foi, comment: The FOI log lists requests about roads }\nresources:'),
      // The same relationship declared from the other end is still one row.
      'datasets/foi.md': readFixture('datasets/foi.md').replace('links:', 'relationships:\n  - { type: child_of, dataset: roads }\n  - { type: depends_on, dataset: roads }\nlinks:'),
    });
    const [foi, roads] = [ckanIds.dataset(site, 'foi'), ckanIds.dataset(site, 'roads')];
    const childOf = { __extras: { subject_package_id: foi, object_package_id: roads }, id: ckanIds.relationship(site, 'foi', 'child_of', 'roads'), type: 'child_of' };
    const dependsOn = { __extras: { subject_package_id: foi, object_package_id: roads }, id: ckanIds.relationship(site, 'foi', 'depends_on', 'roads'), type: 'depends_on' };
    const foiDict = api.result('api/3/action/package_show/foi');
    const roadsDict = api.result('api/3/action/package_show/roads');
    // First declaration wins: foi's (no comment) is read before roads' (foi sorts first).
    expect(foiDict.relationships_as_subject).toEqual([childOf, dependsOn]);
    expect(roadsDict.relationships_as_object).toEqual([childOf, dependsOn]);
    expect(roadsDict.relationships_as_subject).toEqual([]);
    // Non-empty lists alphabetically after the scalars, empty ones last in CKAN's dictize order.
    expect(Object.keys(foiDict).slice(-6)).toEqual(['extras', 'groups', 'relationships_as_subject', 'resources', 'tags', 'relationships_as_object']);
    expect(Object.keys(roadsDict).slice(-6)).toEqual(['extras', 'groups', 'relationships_as_object', 'resources', 'tags', 'relationships_as_subject']);
  });

  it('keeps a relationship comment, leaves out license_url for a licence without one, and gives a team image as an absolute URL', async () => {
    const api = await ckanApiOf({
      'datasets/roads/index.md': readFixture('datasets/roads/index.md')
        .replace('resources:', 'licence: other-closed\nrelationships:\n  - { type: links_to, dataset: foi, comment: See also }\nresources:'),
      'teams.yaml': readFixture('teams.yaml').replace('  email: highways@testshire.example', '  email: highways@testshire.example\n  image: mastheads/hills.svg\n  description: Roads and bridges.'),
    });
    const roads = api.result('api/3/action/package_show/roads');
    expect(roads.relationships_as_subject).toEqual([
      { __extras: { subject_package_id: ckanIds.dataset(site, 'roads'), object_package_id: ckanIds.dataset(site, 'foi') }, comment: 'See also', id: ckanIds.relationship(site, 'roads', 'links_to', 'foi'), type: 'links_to' },
    ]);
    expect(roads).not.toHaveProperty('license_url');
    expect([roads.isopen, roads.license_id, roads.license_title]).toEqual([false, 'other-closed', 'Other (not open)']);
    expect(roads.organization).toMatchObject({ description: 'Roads and bridges.', image_url: `${site}media/mastheads/hills.svg` });
    expect(api.result('api/3/action/organization_show/highways')).toMatchObject({ image_url: `${site}media/mastheads/hills.svg`, image_display_url: `${site}media/mastheads/hills.svg` });
  });

  it('names tags as CKAN accepts them (letters, digits, spaces, - _ .), so a harvester can re-create the dataset', async () => {
    const api = await ckanApiOf({ 'datasets/roads/index.md': readFixture('datasets/roads/index.md').replace('tags: Road Safety', 'tags: [Road Safety, "Health & Social Care", "Health / Social Care", Café, foi]') });
    const roads = api.result('api/3/action/package_show/roads');
    expect(roads.tags.map((tag: { name: string }) => tag.name)).toEqual(['Café', 'Health Social Care', 'Road Safety', 'foi']);
    expect(roads.num_tags).toBe(4);
    expect(api.result('api/3/action/tag_list')).toContain('Health Social Care');
    expect(api.result('api/3/action/tag_show/Health%20Social%20Care')).toEqual({ id: ckanIds.tag(site, 'Health Social Care'), name: 'Health Social Care', vocabulary_id: null, display_name: 'Health Social Care' });
    expect(api.result('api/3/action/tag_show/Caf%C3%A9').name).toBe('Café');
    // `FOI` (on foi) and `foi` (on roads) are two CKAN tags, but one file name on a case-blind file
    // system: the first in name order gets it, on every machine; the other answers by its UUID.
    expect(api.result('api/3/action/tag_list')).toEqual(expect.arrayContaining(['FOI', 'foi']));
    expect(api.result('api/3/action/tag_show/FOI').name).toBe('FOI');
    expect(api.result(`api/3/action/tag_show/${ckanIds.tag(site, 'foi')}`).name).toBe('foi');
    expect(readdirSync(path.join(api.outDir, 'api/3/action/tag_show'))).not.toContain('foi');
  });

  it('gives dates in CKAN form, each falling back on the other, and a fixed date when neither is known', () => {
    expect(metadataDates({ createdAt: '2019-02-05T16:34:18.123Z', updatedAt: null })).toEqual({ created: '2019-02-05T16:34:18.123000', modified: '2019-02-05T16:34:18.123000' });
    expect(metadataDates({ createdAt: null, updatedAt: '2024-06-30T12:00:00.000Z' })).toEqual({ created: '2024-06-30T12:00:00.000000', modified: '2024-06-30T12:00:00.000000' });
    expect(metadataDates({ createdAt: null, updatedAt: null })).toEqual({ created: unknownDate, modified: unknownDate });
  });
});

describe('the CKAN files', () => {
  it('are the same bytes when written again from the same input', async () => {
    const first = await ckanApiOf();
    const second = await ckanApiOf();
    const files = await listFiles(first.outDir);
    expect(await listFiles(second.outDir)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(second.outDir, file)).equals(readFileSync(path.join(first.outDir, file))), file).toBe(true);
  });

  it('write pages at every multiple of the size up to the first at or past the count, and at the count', () => {
    expect(pageStarts(23, 10)).toEqual([0, 10, 20, 30, 23]);
    expect(pageStarts(20, 10)).toEqual([0, 10, 20]);
    expect(pageStarts(2, 1000)).toEqual([0, 1000, 2]);
    expect(pageStarts(0, 10)).toEqual([0]);
  });
});

function readFixture(relativePath: string): string {
  return readFileSync(path.join(import.meta.dirname, '../fixtures/minimal', relativePath), 'utf8');
}
