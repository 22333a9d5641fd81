// API v1/v2 as files: every lookup key answers with the same file, v1 names and v2 ids, paging that
// ends, and nothing of a private dataset in a public build.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { withheldMessage } from '../../src/catalogue/revisions.ts';
import { createCkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { writeCkanActionApi } from '../../src/outputs/ckan/action-files.ts';
import { writeCkanIndex } from '../../src/outputs/ckan/index-files.ts';
import { writeLegacyApi } from '../../src/outputs/ckan/legacy-api.ts';
import { ckanIds } from '../../src/outputs/ckan/ids.ts';
import { pathSegment } from '../../src/outputs/ckan/rest.ts';
import { readAll } from '../helpers/build.ts';
import { contentFrom, fixturesDir } from '../helpers/content.ts';
import { restBuild, restRepository, type RestBuild } from './rest-fixture.ts';

const run = promisify(execFile);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const site = 'https://data.testshire.example/';

/** A dataset's v1/v2 entity or revisions: the request handler's answer over the build's index (no file holds them). */
async function handlerJson(outDir: string, sitePath: string): Promise<unknown> {
  const response = await createCkanHandler(await readCkanIndex(outDir))(new Request(new URL(sitePath, site)));
  expect(response.status, sitePath).toBe(200);
  return response.json();
}

describe('API v1/v2 of a public build', () => {
  let build: RestBuild;
  const read = (file: string) => JSON.parse(readFileSync(path.join(build.outDir, file), 'utf8')) as unknown;
  const inode = (file: string) => statSync(path.join(build.outDir, file)).ino;

  beforeAll(async () => {
    build = await restBuild();
  });

  // The lean layout (docs/decisions/ckan-static-api.md): one file per answer, at the key its version
  // lists (v1 the name, v2 the UUID); the other keys and the version-less paths are the handler's and the hosts' rewrites.
  it('answers a dataset at the key its version refers to it by, v1 its name and v2 its UUID, and at no other', () => {
    const v2Key = ckanIds.dataset(site, 'road-casualties');
    for (const answer of ['relationships/index.json', 'derives_from/index.json', 'derives_from/traffic-counts', 'relationships/traffic-counts']) {
      expect(existsSync(path.join(build.outDir, `api/1/rest/dataset/casualties/${answer}`)), `v1 ${answer}`).toBe(true);
      for (const other of ['road-casualties', v2Key]) expect(existsSync(path.join(build.outDir, `api/1/rest/dataset/${other}/${answer}`)), `v1 by ${other}`).toBe(false);
    }
    // The entity and the revisions are the request handler's (docs/decisions/lean-layout.md, decision 2): no key has a file.
    for (const key of ['casualties', 'road-casualties', v2Key]) {
      for (const answer of ['index.json', 'revisions/index.json']) for (const version of [1, 2]) expect(existsSync(path.join(build.outDir, `api/${version}/rest/dataset/${key}/${answer}`)), `v${version} ${key}/${answer}`).toBe(false);
    }
    // The other dataset of a relationship is named by its version's key too.
    expect(existsSync(path.join(build.outDir, `api/2/rest/dataset/${v2Key}/derives_from/${ckanIds.dataset(site, 'traffic-counts')}`))).toBe(true);
    expect(existsSync(path.join(build.outDir, 'api/2/rest/dataset/casualties'))).toBe(false);
    expect(existsSync(path.join(build.outDir, 'api/rest'))).toBe(false);
  });

  it('writes relationships only for a dataset that has some (CKAN answers [], the hosts "Not found"), and no revision list (the handler\'s)', async () => {
    // foi has a revision and relationships; a dataset whose relationship went with the private dataset has none.
    const revisions = (await handlerJson(build.outDir, 'api/1/rest/dataset/foi/revisions')) as { id: string }[];
    expect(revisions.length).toBeGreaterThan(0);
    expect(revisions.every((revision) => uuid.test(revision.id))).toBe(true);
    expect(existsSync(path.join(build.outDir, 'api/1/rest/dataset/foi/revisions'))).toBe(false);
    expect(existsSync(path.join(build.outDir, 'api/1/rest/dataset/foi/relationships/index.json'))).toBe(true);
  });

  it('answers a group by name or UUID, a tag by name or UUID, a revision by UUID or commit hash', () => {
    expect(inode(`api/1/rest/group/${ckanIds.group(site, 'transport')}`)).toBe(inode('api/1/rest/group/transport'));
    expect(inode(`api/2/rest/tag/${ckanIds.tag(site, 'Road Safety')}`)).toBe(inode('api/2/rest/tag/Road Safety'));
    const newest = build.catalogue.revisions[0]!.id;
    expect(inode(`api/1/rest/revision/${ckanIds.revision(site, newest)}`)).toBe(inode(`api/1/rest/revision/${newest}`));
  });

  it('refers to datasets and groups by name in v1 and by UUID in v2', async () => {
    expect(read('api/1/rest/dataset/index.json')).toEqual(['casualties', 'foi', 'traffic-counts']);
    expect(read('api/2/rest/dataset/index.json')).toEqual(expect.arrayContaining([expect.stringMatching(uuid)]));
    const v1 = (await handlerJson(build.outDir, 'api/1/rest/dataset/traffic-counts')) as { groups: string[]; relationships: { object: string }[] };
    const v2 = (await handlerJson(build.outDir, `api/2/rest/dataset/${ckanIds.dataset(site, 'traffic-counts')}`)) as { groups: string[]; relationships: { object: string }[] };
    expect([v1.groups, v1.relationships.map((item) => item.object)]).toEqual([['transport'], ['casualties', 'foi']]);
    expect([...v2.groups, ...v2.relationships.map((item) => item.object)].every((ref) => uuid.test(ref))).toBe(true);
    expect((read('api/1/search/dataset') as { results: string[] }).results).toEqual(['foi', 'traffic-counts', 'casualties']);
    expect((read('api/2/search/dataset') as { results: string[] }).results.every((ref) => uuid.test(ref))).toBe(true);
  });

  it('writes an answer that is the same in v1 and v2 once (tags, licences, revisions)', async () => {
    for (const file of ['rest/tag/index.json', 'rest/licenses', 'rest/revision/index.json', 'search/revision', 'tag_counts']) {
      expect(inode(`api/2/${file}`), file).toBe(inode(`api/1/${file}`));
    }
    expect(await handlerJson(build.outDir, `api/2/rest/dataset/${ckanIds.dataset(site, 'foi')}/revisions`)).toEqual(await handlerJson(build.outDir, 'api/1/rest/dataset/foi/revisions'));
  });

  it('pages the dataset search so that a client paging by limit or by the number received ends on an empty page (of 10: the first page only)', () => {
    type Page = { count: number; results: string[] };
    for (const limit of [10, 100, 1000]) {
      const first = read(`api/1/page/search_dataset/${limit}/0`) as Page;
      expect(first.count).toBe(3);
      expect(first.results).toEqual(['foi', 'traffic-counts', 'casualties']);
      if (limit === 10) {
        // Further pages of 10 are the request handler's, as package_search's.
        expect(existsSync(path.join(build.outDir, 'api/1/page/search_dataset/10/10'))).toBe(false);
        continue;
      }
      expect(read(`api/1/page/search_dataset/${limit}/${limit}`)).toEqual({ count: 3, results: [] });
      expect(read(`api/1/page/search_dataset/${limit}/3`)).toEqual({ count: 3, results: [] });
    }
    expect(inode('api/1/search/dataset')).toBe(inode('api/1/page/search_dataset/10/0'));
    // A search by tag, group or organization is the request handler's: no pages per value.
    expect(existsSync(path.join(build.outDir, 'api/1/page/search_dataset/tags'))).toBe(false);
  });

  it('lists revisions newest first in the register and oldest first in the revision search, which pages on with since_id', () => {
    const register = read('api/1/rest/revision/index.json') as string[];
    expect(register).toHaveLength(3);
    expect(read('api/1/search/revision')).toEqual([...register].reverse());
    const [oldest, middle, newest] = [...register].reverse();
    expect(read(`api/1/page/search_revision/since_id/${oldest}`)).toEqual([middle, newest]);
    expect(read(`api/1/page/search_revision/since_id/${newest}`)).toEqual([]);
  });

  it('has no trace of the private dataset: not its name, title, tag, file, relationships or the message of a commit that touched it', async () => {
    const needles = ['staff-sickness', 'Confidential Staff Sickness Register', 'Sickness Absence Secret', 'sickness-register-confidential', ckanIds.dataset(site, 'staff-sickness'), 'Tidy foi'];
    for (const [file, bytes] of await readAll(build.outDir)) {
      const text = bytes.toString('utf8');
      for (const needle of needles) {
        expect(file.includes(needle), `${file} is named after the private dataset`).toBe(false);
        expect(text.includes(needle), `${file} mentions '${needle}'`).toBe(false);
      }
    }
    // Its tag shared with public datasets counts only them; the relationship from it is gone.
    expect(read('api/1/tag_counts')).toContainEqual(['Road Safety', 2]);
    expect(read('api/1/rest/dataset/traffic-counts/has_derivation/index.json')).toEqual([
      { subject: 'traffic-counts', type: 'has_derivation', object: 'casualties', comment: 'Rates per vehicle use the traffic counts.' },
    ]);
    expect((read(`api/1/rest/revision/${build.catalogue.revisions[0]!.id}`) as { message: string }).message).toBe(withheldMessage);
  });

  it('gives byte-identical files when written again', async () => {
    const again = path.join(build.root, 'dist-again');
    await writeLegacyApi(build.catalogue, again);
    // The handler's index (api/.datashelf/) and the action API (api/3/ and api/action/, whose pages the index reads) are not this writer's.
    const first = new Map([...(await readAll(build.outDir))].filter(([file]) => !['api/.datashelf/', 'api/3/', 'api/action/'].some((folder) => file.startsWith(folder))));
    const second = await readAll(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), file).toBe(true);
  });
});

describe('API v1/v2 of an internal build', () => {
  it('includes the private dataset and the commit messages as written', async () => {
    const build = await restBuild(true);
    const read = (file: string) => JSON.parse(readFileSync(path.join(build.outDir, file), 'utf8')) as unknown;
    expect(read('api/1/rest/dataset/index.json')).toContain('staff-sickness');
    expect((read(`api/1/rest/revision/${build.catalogue.revisions[0]!.id}`) as { message: string; packages: string[] })).toMatchObject({
      message: 'Tidy foi and staff-sickness',
      packages: ['foi', 'staff-sickness'],
    });
  });
});

describe('API v1/v2 without a full Git history', () => {
  it('outside Git has no revisions: an empty register (a file, not a folder) and no revision lists', async () => {
    const { root, contentDir } = await contentFrom('rest');
    const { catalogue } = await loadCatalogue({ contentDir });
    const outDir = path.join(root, 'dist');
    await writeLegacyApi(catalogue, outDir);
    // The index reads its package dicts from the action API's pages.
    await writeCkanActionApi(catalogue, outDir);
    await writeCkanIndex(catalogue, outDir);
    const read = (file: string) => JSON.parse(readFileSync(path.join(outDir, file), 'utf8')) as unknown;
    expect(read('api/1/rest/revision')).toEqual([]);
    expect(read('api/1/search/revision')).toEqual([]);
    expect(await handlerJson(outDir, 'api/1/rest/dataset/foi/revisions')).toEqual([]);
    expect(((await handlerJson(outDir, 'api/1/rest/dataset/foi')) as { revision_id: unknown }).revision_id).toBeNull();
  });

  it('on a shallow clone lists only the commits present and gives the cut-off commit no datasets', async () => {
    const { root } = await restRepository();
    const clone = path.join(root, '..', `${path.basename(root)}-shallow`);
    await run('git', ['clone', '-q', '--depth', '2', `file://${root}`, clone]);
    const internal = await loadCatalogue({ contentDir: path.join(clone, 'content'), includePrivate: true });
    const outDir = path.join(clone, 'dist');
    await writeLegacyApi(internal.catalogue, outDir);
    await writeCkanIndex(internal.catalogue, outDir);
    const read = (file: string) => JSON.parse(readFileSync(path.join(outDir, file), 'utf8')) as unknown;
    const [newest, cutOff] = internal.catalogue.revisions;
    expect(internal.catalogue.revisions).toHaveLength(2);
    expect(read(`api/1/rest/revision/${cutOff!.id}`)).toMatchObject({ message: 'Add February to road casualties\n\nFigures from the police.', packages: [] });
    expect(await handlerJson(outDir, 'api/1/rest/dataset/casualties/revisions')).toEqual([]);
    expect(((await handlerJson(outDir, 'api/1/rest/dataset/foi/revisions')) as { id: string }[]).map((item) => item.id)).toEqual([ckanIds.revision(site, newest!.id)]);
  });
});

describe('tags in API v1/v2', () => {
  it('are CKAN tag names; of two differing only in case, the first in name order has the path form and the other answers by UUID', async () => {
    const traffic = readFileSync(path.join(fixturesDir, 'rest/datasets/traffic-counts.md'), 'utf8').replace('tags: [Traffic, Road Safety]', 'tags: [Traffic, Road Safety, foi requests, Health & Safety]');
    const { root, contentDir } = await contentFrom('rest', { 'datasets/traffic-counts.md': traffic });
    const { catalogue } = await loadCatalogue({ contentDir });
    const outDir = path.join(root, 'dist');
    await writeLegacyApi(catalogue, outDir);
    const read = (file: string) => JSON.parse(readFileSync(path.join(outDir, file), 'utf8')) as unknown;
    expect(read('api/1/rest/tag/index.json')).toEqual(['FOI Requests', 'Health Safety', 'Road Safety', 'Traffic', 'foi requests']);
    expect(read('api/1/rest/tag/FOI Requests')).toEqual(['foi']);
    expect(read('api/1/rest/tag/Health Safety')).toEqual(['traffic-counts']);
    expect(existsSync(path.join(outDir, 'api/1/rest/tag/foi requests'))).toBe(false);
    expect(read(`api/1/rest/tag/${ckanIds.tag(site, 'foi requests')}`)).toEqual(['traffic-counts']);
  });
});

describe('a key as a path segment', () => {
  it('is the key itself, except where it cannot be a file name or a host would serve it as a page', () => {
    expect(['Road Safety', 'Ärger', 'a+b', 'v1.2', 'index.html.json', 'data.json'].map(pathSegment)).toEqual(['Road Safety', 'Ärger', 'a+b', 'v1.2', 'index.html.json', 'data.json']);
    expect(['air/water', '.', '..', 'index.json', '', 'x'.repeat(256)].map(pathSegment)).toEqual([null, null, null, null, null, null]);
    expect(['index.html', 'report.HTML', 'a.htm', 'b.xhtml', 'c.shtml', 'd.svg', 'e.xml'].map(pathSegment)).toEqual([null, null, null, null, null, null, null]);
  });
});
