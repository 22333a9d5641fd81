// Incremental builds: with the cache and the previous output, a build writes only what changed, and
// what it publishes is byte for byte what a build from scratch of the same content publishes.
import { execFile } from 'node:child_process';
import { readFile, rename, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildReport } from '../../src/build/build.ts';
import { exampleWorkspace, firstDifference, listFiles } from '../helpers/build.ts';
import { git } from '../helpers/git.ts';

const run = promisify(execFile);
const today = '2026-11-20';
let root: string;
let contentDir: string;
let siteDir: string;
let fullBuilds = 0;
/** The last build from scratch, of the content as it is now. */
let lastFull = '';

function incremental(): Promise<BuildReport> {
  return buildSite({ contentDir, outDir: siteDir, today, cache: { dir: path.join(root, 'cache'), reuse: true } });
}

/** The same content built from scratch into a folder of its own, with a cache of its own. */
async function fromScratch(): Promise<string> {
  const outDir = path.join(root, `full-${++fullBuilds}`);
  await buildSite({ contentDir, outDir, today, cache: { dir: path.join(root, 'cache-full'), reuse: false } });
  return outDir;
}

/** Commits the change (at a fixed time, so dates from Git are the same in both builds), builds both ways, compares. */
async function changeAndCompare(message: string, when: string): Promise<{ report: BuildReport; full: string }> {
  await git(contentDir, ['add', '-A']);
  await git(contentDir, ['commit', '-qm', message], when);
  const [report, full] = await Promise.all([incremental(), fromScratch()]);
  expect(await firstDifference(full, siteDir), message).toBeNull();
  lastFull = full;
  return { report, full };
}

beforeAll(async () => {
  ({ root, contentDir, siteDir } = await exampleWorkspace('incremental', { inGit: true }));
});

afterAll(async () => {
  await run('chattr', ['-R', '-i', root]).catch(() => {});
  await rm(root, { recursive: true, force: true });
});

describe('an incremental build', () => {
  it('writes nothing and reads no data file again when nothing changed', async () => {
    const first = await incremental();
    expect(first.output).toMatchObject({ publish: 'full', removed: 0, localFilesReused: 0, cacheSaved: true });
    expect(first.output.written).toBe(first.output.files);
    expect(first.output.localFilesRead).toBeGreaterThan(0);
    const again = await incremental();
    expect(again.output).toMatchObject({ publish: 'patch', written: 0, removed: 0, files: first.output.files, localFilesRead: 0, localFilesReused: first.output.localFilesRead });
  });

  it('publishes the same bytes as a full build after each kind of change, writing only what changed', { timeout: 600_000 }, async () => {
    const files = (await incremental()).output.files;

    const edit = path.join(contentDir, 'datasets/bus-stops.md');
    await writeFile(edit, (await readFile(edit, 'utf8')).replace('title: Bus Stops', 'title: Bus Stops and Shelters'));
    const edited = (await changeAndCompare('Edit a title', '2026-02-01T10:00:00Z')).report.output;
    expect(edited).toMatchObject({ publish: 'patch', localFilesRead: 0 });
    expect(edited.written).toBeGreaterThan(0);
    expect(edited.written).toBeLessThan(files / 2);

    await writeFile(path.join(contentDir, 'datasets/bus-shelters.md'), (await readFile(edit, 'utf8')).replace('id: bus-stops', 'id: bus-shelters').replace('title: Bus Stops and Shelters', 'title: Bus Shelters'));
    const added = (await changeAndCompare('Add a dataset', '2026-03-01T10:00:00Z')).report.output;
    expect(added).toMatchObject({ publish: 'patch', localFilesRead: 0 });
    expect(added.files).toBeGreaterThan(files);
    // Its own page, every list page and the topic and team pages (they show the counts), and the
    // pages that list it as similar: not every dataset's page (their keys do not hold the counts).
    const pages = added.pagesRendered + added.pagesKept;
    console.log(`adding a dataset rendered ${added.pagesRendered} of ${pages} pages`);
    expect(added.pagesRendered).toBeGreaterThan(0);
    // At most every page but the dataset pages, and half of those: most dataset pages are kept.
    const datasetPages = (await listFiles(siteDir)).filter((file) => /^dataset\/[^/]+\/index\.html$/.test(file)).length;
    expect(datasetPages).toBeGreaterThan(10);
    expect(added.pagesRendered).toBeLessThan(pages - datasetPages / 2);

    await rm(path.join(contentDir, 'datasets/councillors.md'));
    const removed = (await changeAndCompare('Remove a dataset', '2026-04-01T10:00:00Z')).report.output;
    expect(removed).toMatchObject({ publish: 'patch', localFilesRead: 0 });
    expect(removed.removed).toBeGreaterThan(0);
    expect(await listFiles(siteDir)).not.toContain('dataset/councillors/index.html');
    console.log(`removing a dataset rendered ${removed.pagesRendered} of ${removed.pagesRendered + removed.pagesKept} pages`);
    expect(removed.pagesRendered).toBeLessThan(removed.pagesRendered + removed.pagesKept - (datasetPages - 1) / 2);

    const renamedFrom = path.join(contentDir, 'datasets/election-results.md');
    const renamedTo = path.join(contentDir, 'datasets/poll-results.md');
    await writeFile(renamedFrom, (await readFile(renamedFrom, 'utf8')).replace(/^id: election-results$/m, 'id: poll-results'));
    await rename(renamedFrom, renamedTo);
    const renamed = (await changeAndCompare('Rename a dataset', '2026-05-01T10:00:00Z')).report.output;
    expect(renamed).toMatchObject({ publish: 'patch', localFilesRead: 0 });
    expect(renamed.removed).toBeGreaterThan(0);
    expect(await listFiles(siteDir)).toContain('dataset/poll-results/index.html');

    const topics = path.join(contentDir, 'topics.yaml');
    await writeFile(topics, (await readFile(topics, 'utf8')).replace('title: Transport and Streets', 'title: Transport and Roads'));
    const retitled = (await changeAndCompare('Retitle a topic', '2026-06-01T10:00:00Z')).report.output;
    expect(retitled).toMatchObject({ publish: 'patch', localFilesRead: 0 });
    // Every page names the topic in its navigation: many files, still not all.
    expect(retitled.written).toBeGreaterThan(edited.written);
    expect(retitled.written).toBeLessThan(retitled.files);

    await appendFile(path.join(contentDir, 'datasets/air-quality/no2-diffusion-tubes-2024.csv'), 'NB99,Test Street,2024-12,31.5,\r\n');
    const changedFile = (await changeAndCompare('Add a measurement', '2026-07-01T10:00:00Z')).report.output;
    // Only the changed file is read again; the others' hashes and previews come from the cache.
    expect(changedFile).toMatchObject({ publish: 'patch', localFilesRead: 1 });
    expect(changedFile.localFilesReused).toBeGreaterThan(0);
    expect(await readFile(path.join(siteDir, 'download/air-quality/no2-2024/no2-diffusion-tubes-2024.csv'), 'utf8')).toContain('NB99,Test Street');
  });

  it('leaves the previous site byte for byte as it was when patching it fails part-way', { timeout: 300_000 }, async () => {
    const before = lastFull;
    expect(await firstDifference(before, siteDir)).toBeNull();
    const edit = path.join(contentDir, 'datasets/bus-stops.md');
    await writeFile(edit, (await readFile(edit, 'utf8')).replace('title: Bus Stops and Shelters', 'title: Bus Stops, Shelters and Timetables'));
    await git(contentDir, ['commit', '-qam', 'Another title'], '2026-08-01T10:00:00Z');
    // The dataset's page folder cannot be changed (immutable, even for root): the patch's API files are
    // moved in first, then the page fails, and everything already moved must go back.
    await run('chattr', ['+i', path.join(siteDir, 'dataset/bus-stops')]);
    try {
      await expect(incremental()).rejects.toThrow(/operation not permitted while writing .*; the previous site is unchanged/);
    } finally {
      await run('chattr', ['-i', path.join(siteDir, 'dataset/bus-stops')]);
    }
    expect(await firstDifference(before, siteDir)).toBeNull();
    // And the next build patches it as usual.
    const report = await incremental();
    expect(report.output.publish).toBe('patch');
    expect(await firstDifference(await fromScratch(), siteDir)).toBeNull();
  });

  // An unchanged dataset file comes whole from the cache (load-memo.ts): what it depends on
  // beyond its own files must still be worked out again.
  it('reports a relationship to a dataset removed since, though the relating file did not change', { timeout: 300_000 }, async () => {
    const related = path.join(contentDir, 'datasets/traffic-counts.md');
    const kept = await readFile(related, 'utf8');
    expect(await readFile(path.join(contentDir, 'datasets/road-casualties/index.md'), 'utf8')).toContain('dataset: traffic-counts');
    // The cache holds road-casualties whole.
    await incremental();
    await rm(related);
    try {
      const problems = async (build: Promise<BuildReport>) => ((await build.then(() => null, (error: unknown) => error)) as { problems?: unknown[] } | null)?.problems;
      const withCache = await problems(incremental());
      const withoutCache = await problems(buildSite({ contentDir, outDir: path.join(root, 'no-cache'), today }));
      expect(withCache).toEqual(withoutCache);
      expect(withCache).toContainEqual(expect.objectContaining({ file: path.join(contentDir, 'datasets/road-casualties/index.md'), line: 46, field: 'relationships[0].dataset', message: "'traffic-counts' is not a dataset id" }));
    } finally {
      await writeFile(related, kept);
    }
  });

  it('takes an unchanged dataset file’s dates from a commit made since it was built', { timeout: 300_000 }, async () => {
    // No dates in its front matter: its updatedAt is its last commit's time.
    const edit = path.join(contentDir, 'datasets/bin-collections/index.md');
    expect(await readFile(edit, 'utf8')).not.toMatch(/^updatedAt:/m);
    await writeFile(edit, (await readFile(edit, 'utf8')).replace(/^title: (.*)$/m, 'title: $1, by ward'));
    // Built before it is committed (dated by the commit before); then committed, the file untouched.
    await incremental();
    const { report } = await changeAndCompare('Retitle, committed after a build', '2026-09-01T10:00:00Z');
    expect(report.output.publish).toBe('patch');
  });
});
