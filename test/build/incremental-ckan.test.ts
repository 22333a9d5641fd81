// The CKAN API of an incremental build: answers none of whose parts changed are kept as the previous
// output has them, not made again (src/outputs/ckan/answer-memo.ts, the v1/v2 answers' key in
// legacy-api.ts), and what is published is still byte for byte a build from scratch after an edit,
// an addition and a removal (which shift every page), and a dataset made private (in no answer).
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildReport } from '../../src/build/build.ts';
import { exampleWorkspace, listFiles } from '../helpers/build.ts';
import { plantInStore, storedEntries } from '../helpers/fragment-store.ts';
import { git } from '../helpers/git.ts';

const today = '2026-11-20';
let root: string;
let contentDir: string;
let siteDir: string;
let cacheDir: string;
let fullBuilds = 0;

const incremental = (reuse = true): Promise<BuildReport> => buildSite({ contentDir, outDir: siteDir, today, cache: { dir: cacheDir, reuse } });

async function fromScratch(): Promise<string> {
  const outDir = path.join(root, `full-${++fullBuilds}`);
  await buildSite({ contentDir, outDir, today, cache: { dir: path.join(root, 'cache-full'), reuse: false } });
  return outDir;
}

/** The API's files of a build (its index's gzipped files as their text), by path. */
async function apiFiles(site: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of (await listFiles(site)).filter((name) => name.startsWith('api/'))) {
    const bytes = await readFile(path.join(site, file));
    files.set(file, (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString());
  }
  return files;
}

/** The first API file that differs between two builds (missing, extra, other bytes), or null. */
async function firstDifference(expected: string, actual: string): Promise<string | null> {
  const [wanted, got] = [await apiFiles(expected), await apiFiles(actual)];
  for (const [file, text] of wanted) if (got.get(file) !== text) return `${file}: ${got.has(file) ? 'other bytes' : 'missing'}`;
  for (const file of got.keys()) if (!wanted.has(file)) return `${file}: not in the full build`;
  return null;
}

async function changeAndCompare(message: string, when: string): Promise<BuildReport> {
  await git(contentDir, ['add', '-A']);
  await git(contentDir, ['commit', '-qm', message], when);
  const report = await incremental();
  expect(report.output.publish, message).toBe('patch');
  expect(await firstDifference(await fromScratch(), siteDir), message).toBeNull();
  return report;
}

const datasetFile = (name: string) => path.join(contentDir, 'datasets', name);
async function rewrite(file: string, change: (text: string) => string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`${file}: nothing changed`);
  await writeFile(file, changed);
}

beforeAll(async () => {
  ({ root, contentDir, siteDir, cacheDir } = await exampleWorkspace('incremental-ckan', { inGit: true }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the CKAN API of an incremental build', () => {
  it('keeps the answers an edit does not touch as the previous output has them, without making them', { timeout: 300_000 }, async () => {
    await incremental();
    // Every kept package dict replaced by a marker: an answer made again from the store would hold it.
    const marker = 'PLANTED-IN-THE-STORE';
    expect(plantInStore(cacheDir, 'ckan-package-texts', (value: object) => ({ ...value, json: JSON.stringify({ marker }) }))).toBeGreaterThan(20);
    await rewrite(datasetFile('bus-stops.md'), (text) => text.replace('title: Bus Stops', 'title: Bus Stops and Shelters'));
    await git(contentDir, ['commit', '-qam', 'A title'], '2026-02-01T10:00:00Z');
    const report = await incremental();
    expect(report.output.publish).toBe('patch');
    const files = await apiFiles(siteDir);
    // The edited dataset's dict is made again, and so is every answer that holds it.
    expect(files.get('api/3/action/package_show/bus-stops')).toContain('Bus Stops and Shelters');
    // Another dataset's package_show, a page it alone fills, and API v1/v2 (which read no title) are the previous output's.
    const kept = [...files].filter(([, text]) => text.includes(marker)).map(([file]) => file);
    expect(kept.filter((file) => file.startsWith('api/3/action/package_show/') || file.startsWith('api/1/') || file.startsWith('api/2/'))).toEqual([]);
    // A page that holds the edited dataset is made again, of the (planted) store: the check above can fail.
    expect(kept).toContain('api/3/page/package_search/100/0');

    // Without reusing the cache, everything is made from the content again.
    await incremental(false);
    expect(await firstDifference(await fromScratch(), siteDir)).toBeNull();
  });

  it('publishes what a build from scratch does after an edit, an addition, a removal and a dataset made private', { timeout: 600_000 }, async () => {
    await incremental();
    await rewrite(datasetFile('bus-stops.md'), (text) => text.replace(/^title: .*$/m, 'title: Bus Stops, Shelters and Timetables'));
    await changeAndCompare('Another title', '2026-03-01T10:00:00Z');

    // The newest dataset: first in the search order, so every page after it shifts by one.
    const added = (await readFile(datasetFile('bus-stops.md'), 'utf8'))
      .replace('id: bus-stops', 'id: tram-stops-zq')
      .replace(/^title: .*$/m, 'title: Tram Stops')
      .replace(/^updatedAt: .*$/m, 'updatedAt: 2026-11-19T08:00:00Z');
    await writeFile(datasetFile('tram-stops-zq.md'), added);
    await changeAndCompare('A dataset added', '2026-04-01T10:00:00Z');

    // A dataset made private is in no answer of a public build: no file, no page, no list, no index.
    await rewrite(datasetFile('tram-stops-zq.md'), (text) => text.replace('sharing: public', 'sharing: private'));
    await changeAndCompare('A dataset made private', '2026-05-01T10:00:00Z');
    for (const [file, text] of await apiFiles(siteDir)) expect(`${file}\n${text}`, file).not.toContain('tram-stops-zq');

    await rewrite(datasetFile('tram-stops-zq.md'), (text) => text.replace('sharing: private', 'sharing: public'));
    await changeAndCompare('The dataset public again', '2026-06-01T10:00:00Z');
    await rm(datasetFile('tram-stops-zq.md'));
    await changeAndCompare('The dataset removed', '2026-07-01T10:00:00Z');
    await rm(datasetFile('gender-pay-gap.md'));
    await changeAndCompare('Another removed', '2026-08-01T10:00:00Z');
  });

  it("takes the resources' UUIDs of API v1/v2's resource search from the store when it writes the answers again", { timeout: 300_000 }, async () => {
    await incremental();
    // Every kept list of UUIDs replaced: pages made again of the store hold the planted ones.
    const planted = 'planted-resource-uuid';
    expect(plantInStore(cacheDir, 'ckan-resource-ids', (uuids: string[]) => uuids.map(() => planted))).toBeGreaterThan(20);
    // A dataset added: API v1/v2's key changes, every answer is made again.
    const added = (await readFile(datasetFile('bus-stops.md'), 'utf8')).replace('id: bus-stops', 'id: bus-stops-copy').replace(/^title: .*$/m, 'title: Bus Stops (copy)');
    await writeFile(datasetFile('bus-stops-copy.md'), added);
    await git(contentDir, ['add', '-A']);
    await git(contentDir, ['commit', '-qm', 'A copy'], '2026-09-01T10:00:00Z');
    await incremental();
    const files = await apiFiles(siteDir);
    expect(files.get('api/1/search/resource')).toContain(planted);
    // Without reusing the cache, they are worked out again.
    await incremental(false);
    expect(files.get('api/1/search/resource')).toContain(planted);
    expect((await apiFiles(siteDir)).get('api/1/search/resource')).not.toContain(planted);
    await rm(datasetFile('bus-stops-copy.md'));
    await git(contentDir, ['add', '-A']);
    await git(contentDir, ['commit', '-qm', 'The copy removed'], '2026-09-02T10:00:00Z');
    await incremental();
    expect(await firstDifference(await fromScratch(), siteDir)).toBeNull();
  });

  it("takes an unchanged dataset's UUID, dates and tag names from its kept dict's head, and keeps package_show's entries in runs", { timeout: 300_000 }, async () => {
    await incremental();
    // Every head's tag names replaced: the CKAN context (tag_list, written every build) is made of them.
    const planted = 'planted-tag-name';
    expect(plantInStore(cacheDir, 'ckan-package-heads', (head: unknown[]) => head.with(7, planted))).toBeGreaterThan(20);
    await rewrite(datasetFile('bus-stops.md'), (text) => text.replace(/^title: .*$/m, 'title: Bus Stops, heads planted'));
    await git(contentDir, ['commit', '-qam', 'A title again'], '2026-10-01T10:00:00Z');
    await incremental();
    expect((await apiFiles(siteDir)).get('api/3/action/tag_list')).toContain(planted);
    // The package_show files' entries: a run of neighbours a stored value, every file in one.
    const runs = storedEntries<[string, string[], string, unknown][]>(cacheDir, 'ckan-show-runs');
    const shows = [...(await apiFiles(siteDir)).keys()].filter((file) => file.startsWith('api/3/action/package_show/'));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.length).toBeLessThan(shows.length);
    expect(runs.flatMap(([, run]) => run.flatMap(([file, others]) => [file, ...others])).sort()).toEqual(shows.sort());
    // Without reusing the cache, they are worked out again.
    await incremental(false);
    expect((await apiFiles(siteDir)).get('api/3/action/tag_list')).not.toContain(planted);
    expect(await firstDifference(await fromScratch(), siteDir)).toBeNull();
  });

  it("keys API v1/v2's answers by each dataset's part, kept by the dataset's digest", { timeout: 300_000 }, async () => {
    const legacyKeys = () => storedEntries(cacheDir, 'ckan-legacy').map(([key]) => key);
    await incremental();
    const before = legacyKeys();
    expect(before).toHaveLength(1);
    await incremental();
    expect(legacyKeys()).toEqual(before);
    // Every kept part replaced: the next key is made of the kept parts (no dataset changed), so it is another.
    expect(plantInStore(cacheDir, 'ckan-legacy-parts', () => 'planted')).toBeGreaterThan(20);
    await incremental();
    expect(legacyKeys()).toHaveLength(1);
    expect(legacyKeys()).not.toEqual(before);
    expect(await firstDifference(await fromScratch(), siteDir)).toBeNull();
  });
});
