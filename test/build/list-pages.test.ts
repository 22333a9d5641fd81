// The later pages of the dataset lists put together from their list's frame and their datasets'
// cards (src/build/list-pages.ts) are the pages Astro renders, byte for byte: for every list page of
// the example catalogue, and of one made awkward (markup characters in titles, descriptions and a
// team's name (and characters beyond ASCII), a topic named like a page's title, long lists, a last page of one dataset, private
// and overdue datasets, a site under a sub-path), and again after a dataset is added with the cards
// kept from the first build. Each comparison also checks the pages were put together, not rendered.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardStore } from '../../src/build/card-store.ts';
import { pageBundle } from '../../src/build/page-bundle.ts';
import { cardContext, renderOnThreads } from '../../src/build/render-pages.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import { pageJobs, siteContext } from '../../src/site/page-views.ts';
import { listFiles } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-list-pages-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The example catalogue with each dataset copied `copies` times (a new folder or file name each): its lists long enough to have later pages. */
async function exampleCopied(dir: string, copies: number): Promise<string> {
  const contentDir = path.join(dir, 'content');
  await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  const datasets = path.join(contentDir, 'datasets');
  for (const entry of await readdir(datasets, { withFileTypes: true })) {
    const slug = entry.name.replace(/\.md$/, '');
    for (let copy = 1; copy <= copies; copy++) {
      const target = path.join(datasets, entry.isDirectory() ? `${slug}-${copy}` : `${slug}-${copy}.md`);
      await cp(path.join(datasets, entry.name), target, { recursive: true });
      // A dataset that names its id names the copy's.
      const file = entry.isDirectory() ? path.join(target, 'index.md') : target;
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^id: .*$/m, `id: ${slug}-${copy}`));
    }
  }
  return contentDir;
}

/** A catalogue of `count` datasets whose titles, descriptions, team and topic names hold what markup gives meaning to. */
async function awkwardCatalogue(dir: string, count: number): Promise<string> {
  const contentDir = path.join(dir, 'content');
  await mkdir(path.join(contentDir, 'datasets'), { recursive: true });
  await writeFile(path.join(contentDir, 'catalogue.yaml'), ['title: "Fish & Chips <Open> Data"', 'description: "Data \'quoted\' & <escaped>."', 'url: https://www.awkward.example/open-data/', 'publisher: { name: "R&D Council" }', 'licence: ogl-v3', ''].join('\n'));
  await writeFile(path.join(contentDir, 'teams.yaml'), ['- id: rnd', '  title: "R&D <Team> \\"Alpha\\" – Café"', '- id: plain', '  title: Plain', ''].join('\n'));
  await writeFile(
    path.join(contentDir, 'topics.yaml'),
    ['- id: paged', '  title: "Paged (page 2 of 3)"', '  description: "A lede saying (page 2 of 3) & <b>bold</b>"', '- id: one', "  title: \"One's <only>\"", ''].join('\n'),
  );
  for (let index = 0; index < count; index++) {
    const id = `d-${String(index).padStart(3, '0')}`;
    await writeFile(
      path.join(contentDir, 'datasets', `${id}.md`),
      [
        '---',
        `title: "Data <${index}> & \\"more\\" 'here'"`,
        `team: ${index % 3 === 0 ? 'plain' : 'rnd'}`,
        `tags: [t${index % 4}]`,
        // 21 in the paged topic: its last page holds one dataset.
        `topics: [${index < 21 ? 'paged' : index === 21 ? 'one' : ''}]`,
        ...(index % 7 === 0 ? ['sharing: private'] : []),
        ...(index % 5 === 0 ? ['nextReviewDate: 2024-01-01'] : []),
        'createdAt: 2020-01-01T00:00:00Z',
        `updatedAt: 2024-0${1 + (index % 9)}-1${index % 10}T09:30:00Z`,
        ...(index % 6 === 0
          ? []
          : ['resources:', '  - id: data', '    title: The data', `    url: https://files.awkward.example/${id}.${index % 2 ? 'csv' : 'json'}`]),
        '---',
        index % 4 === 0 ? '' : `About <dataset> ${index} & its "rows".\n\nA second paragraph.`,
        '',
      ].join('\n'),
    );
  }
  return contentDir;
}

/**
 * Every list page of `contentDir` put together (list-pages.ts) and rendered by Astro (the same jobs
 * without their list's cards), compared byte for byte; how many pages were put together, and of how
 * many later pages (a list's pages after its first) in how many lists.
 */
async function compareListPages(name: string, contentDir: string, includePrivate: boolean, cards?: CardStore | ((context: string) => CardStore)) {
  const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01', includePrivate });
  const context = siteContext(catalogue, siteOutputs(catalogue, enabledOutputs({})));
  const bundle = await pageBundle(catalogue.site, path.join(work, 'bundles'), path.join(work, name, 'compile'));
  const jobs = [...pageJobs(catalogue, context, bundle.key)].filter((job) => job.list);
  const store = typeof cards === 'function' ? cards(cardContext(bundle.key, context)) : cards;
  let assembled = 0;
  const fast = path.join(work, name, 'assembled');
  const slow = path.join(work, name, 'astro');
  await renderOnThreads(bundle, context, jobs, fast, new AbortController().signal, { ...(store && { cards: store }), onAssembled: (count) => (assembled += count) });
  await renderOnThreads(bundle, context, jobs.map(({ path, file, view, browse }) => ({ path, file, view, browse })), slow, new AbortController().signal);
  const files = await listFiles(fast);
  expect(files).toEqual(await listFiles(slow));
  expect(files).toHaveLength(jobs.length);
  for (const file of files) expect(await readFile(path.join(fast, file), 'utf8'), file).toBe(await readFile(path.join(slow, file), 'utf8'));
  const later = jobs.filter((job) => !/^(datasets|topic\/[^/]+|team\/[^/]+)\/$/.test(job.path));
  const lists = new Set(later.map((job) => job.list!.basePath)).size;
  return { assembled, later: later.length, lists, store, files: new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(fast, file), 'utf8')] as const))) };
}

/** Each thread renders one later page of a list through Astro, to cut the list's frame from: every other is put together. */
function expectPutTogether({ assembled, later, lists }: { assembled: number; later: number; lists: number }) {
  expect(later).toBeGreaterThan(0);
  expect(assembled).toBeGreaterThanOrEqual(later - Math.max(1, availableParallelism()) * lists);
  expect(assembled).toBeGreaterThan(0);
}

describe('list pages put together from their parts', () => {
  it('are the pages Astro renders, for every list page of the example catalogue, and of it with each dataset copied six times', async () => {
    await compareListPages('example', path.join(repoRoot, 'content'), false);
    const outcome = await compareListPages('example-copied', await exampleCopied(path.join(work, 'example-source'), 6), true);
    expectPutTogether(outcome);
  }, 300_000);

  it('are the pages Astro renders when titles hold markup characters, lists are long, a last page has one dataset, and the site is under a sub-path', async () => {
    const contentDir = await awkwardCatalogue(path.join(work, 'awkward-source'), 141);
    const outcome = await compareListPages('awkward', contentDir, true);
    expectPutTogether(outcome);
    // What the comparison covered: an elided page link, a page of one dataset, escaped titles, badges, the sub-path.
    const pages = outcome.files;
    expect(pages.get('datasets/5/index.html')).toContain('<li aria-hidden="true">…</li>');
    expect(pages.get('topic/paged/2/index.html')).toContain('Showing 21 to 21 of 21 datasets');
    expect(pages.get('topic/paged/2/index.html')).toContain('<title>Paged (page 2 of 3) (page 2 of 2) – Fish &amp; Chips &lt;Open&gt; Data</title>');
    expect(pages.get('team/rnd/2/index.html')).not.toContain('<dt>Published by</dt>');
    expect(pages.get('datasets/2/index.html')).toContain('R&amp;D &lt;Team&gt; &quot;Alpha&quot; – Café');
    expect(pages.get('datasets/2/index.html')).toContain('href="/open-data/dataset/');
    expect(pages.get('datasets/3/index.html')).toMatch(/badge--private[\s\S]*badge--overdue/);
  }, 300_000);

  it('keep the cards between builds: after a dataset is added, only its card is rendered again, and the pages are still Astro’s', async () => {
    const contentDir = await awkwardCatalogue(path.join(work, 'kept-source'), 60);
    const store = { dir: path.join(work, 'kept-cache'), key: 'test', reuse: true };
    const first = await compareListPages('kept-1', contentDir, false, (context) => new CardStore(context, store));
    first.store!.save();
    await writeFile(path.join(contentDir, 'datasets', 'added.md'), ['---', 'title: "Added <new> & first"', 'team: rnd', 'topics: [paged]', 'updatedAt: 2025-05-01T00:00:00Z', '---', 'New.', ''].join('\n'));
    const second = await compareListPages('kept-2', contentDir, false, (context) => new CardStore(context, store));
    expectPutTogether(second);
    expect(first.store!.made).toBeGreaterThan(40);
    expect(second.store!.made).toBe(1);
  }, 300_000);

  it('sent without their datasets (the build has their cards), are put together, or sent back whole by a thread without their list’s frame: still Astro’s pages', async () => {
    const contentDir = await awkwardCatalogue(path.join(work, 'slim-source'), 141);
    const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01' });
    const context = siteContext(catalogue, siteOutputs(catalogue, enabledOutputs({})));
    const bundle = await pageBundle(catalogue.site, path.join(work, 'bundles'), path.join(work, 'slim', 'compile'));
    const jobs = [...pageJobs(catalogue, context, bundle.key)].filter((job) => job.list);
    const store = new CardStore(cardContext(bundle.key, context), null);
    const astro = path.join(work, 'slim', 'astro');
    await renderOnThreads(bundle, context, jobs, astro, new AbortController().signal, { cards: store });
    // Every card known now. The later pages many times over: batches of them reach each thread, most
    // sent slim, the first of each list whole; a thread that has not cut a list's frame sends its pages back.
    const later = jobs.filter((job) => job.list!.number > 1);
    const many = [...jobs, ...Array.from({ length: Math.ceil(600 / later.length) }, () => later).flat()];
    let assembled = 0;
    let sentAgain = 0;
    const slim = path.join(work, 'slim', 'slim');
    await renderOnThreads(bundle, context, many, slim, new AbortController().signal, { cards: store, onAssembled: (count) => (assembled += count), onSentAgain: (count) => (sentAgain += count) });
    const files = await listFiles(slim);
    expect(files).toEqual(await listFiles(astro));
    for (const file of files) expect(await readFile(path.join(slim, file), 'utf8'), file).toBe(await readFile(path.join(astro, file), 'utf8'));
    expect(assembled).toBeGreaterThan(many.length / 2);
    if (availableParallelism() > 1) expect(sentAgain).toBeGreaterThan(0);
  }, 300_000);
});
