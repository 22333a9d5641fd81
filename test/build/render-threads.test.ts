// The page renderer threads: they render what they are given from the compiled pages, name the page
// that fails, and end (every one of them) at the first failure or when the build stops.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageBundle, type PageBundle } from '../../src/build/page-bundle.ts';
import { CardStore } from '../../src/build/card-store.ts';
import { batchSize, pagesPerThreadStart, RendererThreads, renderOnThreads } from '../../src/build/render-pages.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import type { SiteContext } from '../../src/site/page-context.ts';
import { pageJobs, siteContext, type PageJob } from '../../src/site/page-views.ts';
import { listFiles } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';

let work: string;
let bundle: PageBundle;
let context: SiteContext;
let jobs: PageJob[];

/** The OS threads of this process: each renderer is one while it runs. */
async function threadCount(): Promise<number> {
  return Number(/^Threads:\s+(\d+)/m.exec(await readFile('/proc/self/status', 'utf8'))![1]);
}

/** Waits until the process is back to `count` threads (terminated threads end asynchronously). */
async function threadsBackTo(count: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  let now = await threadCount();
  while (now > count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    now = await threadCount();
  }
  return now;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-threads-'));
  const { contentDir } = await contentFrom('minimal');
  const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01' });
  context = siteContext(catalogue, siteOutputs(catalogue, enabledOutputs({})));
  bundle = await pageBundle(catalogue.site, path.join(work, 'cache'), path.join(work, 'compile'));
  jobs = [...pageJobs(catalogue, context, bundle.key)];
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the page renderer threads', () => {
  it('render exactly the pages they are given', async () => {
    const some = jobs.filter((job) => job.path.startsWith('dataset/') || job.path === '');
    const site = path.join(work, 'some');
    await renderOnThreads(bundle, context, some, site, new AbortController().signal);
    expect(await listFiles(site)).toEqual(some.map((job) => job.file).sort());
    expect(await readFile(path.join(site, 'dataset/roads/index.html'), 'utf8')).toMatch(/^<!DOCTYPE html>.*<h1 class="heading-xl">/is);
  }, 60_000);

  it('name the page that fails, and all end', async () => {
    const threads = await threadCount();
    const broken = { path: 'dataset/broken/', file: 'dataset/broken/index.html', view: {} };
    const many = [...Array.from({ length: 20 }, () => jobs).flat(), broken];
    await expect(renderOnThreads(bundle, context, many, path.join(work, 'broken'), new AbortController().signal)).rejects.toThrow(/^rendering the page \/dataset\/broken\/ failed: TypeError: Cannot read properties of undefined/);
    expect(await threadsBackTo(threads)).toBeLessThanOrEqual(threads);
  }, 60_000);

  it('started before the catalogue is known, render the same pages, byte for byte', async () => {
    const some = jobs.filter((job) => job.path.startsWith('dataset/') || job.path === '');
    const started = new RendererThreads(bundle.entry);
    try {
      await renderOnThreads(bundle, context, some, path.join(work, 'ahead'), new AbortController().signal, { threads: started });
    } finally {
      started.end();
    }
    const here = path.join(work, 'here');
    await renderOnThreads(bundle, context, some, here, new AbortController().signal);
    expect(await listFiles(path.join(work, 'ahead'))).toEqual(some.map((job) => job.file).sort());
    for (const job of some) expect(await readFile(path.join(work, 'ahead', job.file), 'utf8')).toBe(await readFile(path.join(here, job.file), 'utf8'));
  }, 60_000);

  it('one started before renders alone while the pages cost less than starting the others; more pages get a thread per core, the same bytes', async () => {
    const few = jobs.filter((job) => job.path.startsWith('dataset/') || job.path === '');
    // More pages for Astro to render than a thread's start costs: the same pages several times over.
    const many = Array.from({ length: Math.ceil((pagesPerThreadStart + batchSize + 1) / jobs.length) }, () => jobs).flat();
    expect(few.length).toBeLessThan(64);
    expect(many.length).toBeGreaterThan(pagesPerThreadStart + batchSize);
    for (const [name, some, threads] of [['few', few, 1], ['many', many, Math.max(1, availableParallelism())]] as const) {
      const started = new RendererThreads(bundle.entry, 1);
      try {
        expect(await renderOnThreads(bundle, context, some, path.join(work, `one-${name}`), new AbortController().signal, { threads: started })).toBe(threads);
      } finally {
        started.end();
      }
      const here = path.join(work, `one-${name}-here`);
      await renderOnThreads(bundle, context, some, here, new AbortController().signal);
      const files = [...new Set(some.map((job) => job.file))].sort();
      expect(await listFiles(path.join(work, `one-${name}`))).toEqual(files);
      for (const file of files) expect(await readFile(path.join(work, `one-${name}`, file), 'utf8')).toBe(await readFile(path.join(here, file), 'utf8'));
    }
  }, 60_000);

  it('one started before renders alone later list pages whose cards the build has, however many (they are put together, not rendered)', async () => {
    const list = jobs.find((job) => job.list && job.list.keys.length > 0)!;
    const later = (number: number) => ({ ...list, list: { ...list.list!, number }, view: { ...(list.view as object), page: { ...(list.view as { page: object }).page, number } } });
    const store = new CardStore('', null);
    // Cards for the list's datasets (their content does not matter here: only the threads are counted).
    store.learnt(list.list!.keys.map((key) => [key, '<li>a card</li>']));
    const many = Array.from({ length: 4 * pagesPerThreadStart }, (_, index) => later(2 + (index % 5)));
    // As many first pages (always rendered by Astro), with the same cards: a thread per core.
    const firsts = Array.from({ length: 4 * pagesPerThreadStart }, () => later(1));
    for (const [name, some, threads] of [['later', many, 1], ['first', firsts, Math.max(1, availableParallelism())]] as const) {
      const started = new RendererThreads(bundle.entry, 1);
      try {
        expect(await renderOnThreads(bundle, context, some, path.join(work, `list-${name}`), new AbortController().signal, { threads: started, cards: store }), name).toBe(threads);
      } finally {
        started.end();
      }
    }
  }, 120_000);

  it('started before, report a thread that failed meanwhile', async () => {
    const started = new RendererThreads(path.join(work, 'no-such-bundle', 'entry.mjs'));
    // The threads fail to load the missing bundle while nothing waits for them.
    const deadline = Date.now() + 10_000;
    while (!started.failure && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      await expect(renderOnThreads({ entry: started.entry }, context, jobs, path.join(work, 'failed'), new AbortController().signal, { threads: started })).rejects.toThrow(/Cannot find module|ERR_MODULE_NOT_FOUND/);
    } finally {
      started.end();
    }
  }, 60_000);

  it('all end when the build stops', async () => {
    const threads = await threadCount();
    const stop = new AbortController();
    const rendering = renderOnThreads(bundle, context, Array.from({ length: 50 }, () => jobs).flat(), path.join(work, 'stopped'), stop.signal);
    setTimeout(() => stop.abort(), 200);
    await expect(rendering).rejects.toThrow('the build was stopped');
    expect(await threadsBackTo(threads)).toBeLessThanOrEqual(threads);
  }, 60_000);
});
