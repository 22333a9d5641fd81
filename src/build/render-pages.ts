// Renders the HTML site: the pages compiled once (page-bundle.ts), each page's view worked out here
// from the catalogue (src/site/page-views.ts), and the rendering spread over one worker thread per
// core (render-worker.ts), each holding the compiled pages and the site context but not the
// catalogue. A page whose key is the one the published site was rendered with is taken from it.
import { availableParallelism } from 'node:os';
import { copyFile, link, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalogue } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import type { SiteContext } from '../site/page-context.ts';
import { pageJobs, siteContext, type PageJob } from '../site/page-views.ts';
import { siblingModule } from '../util/sibling-module.ts';
import type { PageBundle } from './page-bundle.ts';
import type { RenderBatch, RendererReply, RendererSetup } from './render-worker.ts';

export interface RenderOptions {
  /** The staging folder's site, which the pages go into. */
  siteDir: string;
  /** The build cache: the compiled pages and the keys of the published pages. */
  cacheDir: string;
  /** The published site, whose unchanged pages are reused. */
  outDir: string;
  /** Render everything, whatever the published site holds. */
  fresh: boolean;
  stop: AbortSignal;
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** Where `pages: to first page` is reported (the fixed cost before the first page is written). */
  stages?: { name: string; ms: number }[];
}

export interface RenderReport {
  rendered: number;
  reused: number;
  /** Every page's key, to be saved once the site is published (`savePageKeys`). */
  keys: PageKeys;
}

/** The pages of one published site: its folder's identity, and each page file's key. */
export interface PageKeys {
  output?: { dev: number; ino: number };
  pages: Record<string, string>;
}

const keysFile = 'page-keys.json';
/** Pages sent to a thread at once: enough to keep it busy, few enough to spread the work evenly. */
const batchSize = 64;

/** Renders every page of `catalogue` with the compiled pages of `bundle` (page-bundle.ts). */
export async function renderPages(catalogue: Catalogue, outputs: SiteOutputs, bundle: PageBundle, options: RenderOptions): Promise<RenderReport> {
  const { timed } = options;
  const context = siteContext(catalogue, outputs);
  await timed('pages: assets', () => copyTree(bundle.client, options.siteDir));
  const previous = options.fresh ? null : await readPageKeys(options.cacheDir, options.outDir);
  const report: RenderReport = { rendered: 0, reused: 0, keys: { pages: {} } };
  // Views are worked out as the threads ask for pages; a page whose key the published site was
  // rendered with is linked from it on the way.
  async function* toRender(): AsyncGenerator<PageJob> {
    const folders = new Set<string>();
    for (const job of pageJobs(catalogue, context, bundle.key)) {
      report.keys.pages[job.file] = job.key;
      if (previous?.pages[job.file] === job.key && (await reuse(path.join(options.outDir, job.file), path.join(options.siteDir, job.file), folders))) {
        report.reused++;
        continue;
      }
      report.rendered++;
      yield job;
    }
  }
  const started = performance.now();
  await timed('pages: render', () =>
    renderOnThreads(bundle, context, toRender(), options.siteDir, options.stop, () => options.stages?.push({ name: 'pages: to first page', ms: Math.round(performance.now() - started) })),
  );
  return report;
}

/** Records which keys the site now at `outDir` was rendered with: call after publishing it. */
export async function savePageKeys(cacheDir: string, outDir: string, keys: PageKeys): Promise<void> {
  const published = await stat(outDir);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(cacheDir, keysFile), JSON.stringify({ ...keys, output: { dev: published.dev, ino: published.ino } } satisfies PageKeys));
}

/** The keys the published site was rendered with; none if `outDir` is not the folder they were saved for. */
async function readPageKeys(cacheDir: string, outDir: string): Promise<PageKeys | null> {
  const [saved, published] = await Promise.all([readFile(path.join(cacheDir, keysFile), 'utf8').catch(() => null), stat(outDir).catch(() => null)]);
  if (saved === null || published === null) return null;
  const keys = JSON.parse(saved) as PageKeys;
  return keys.output?.dev === published.dev && keys.output.ino === published.ino ? keys : null;
}

/**
 * The published page into the staging site: a hard link (the staging folder is beside the output,
 * on its file system; nothing writes into a page once it is written), a copy where links fail.
 */
async function reuse(from: string, to: string, folders: Set<string>): Promise<boolean> {
  const folder = path.dirname(to);
  if (!folders.has(folder)) {
    await mkdir(folder, { recursive: true });
    folders.add(folder);
  }
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    await copyFile(from, to);
    return true;
  }
}

/** Copies the compiled client assets into the site (links where the file system allows). */
async function copyTree(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(source, target);
  }
}

/**
 * One thread per core renders `jobs` into `siteDir`, in batches, each thread sent the next batch as
 * soon as it returns one (and one batch ahead, so it never waits for the views to be worked out).
 * The first failure, or `stop`, ends every thread. `onFirstPage` is called when a page is written.
 */
export async function renderOnThreads(bundle: Pick<PageBundle, 'entry'>, context: SiteContext, jobs: Iterable<PageJobOnThread> | AsyncIterable<PageJobOnThread>, siteDir: string, stop: AbortSignal, onFirstPage?: () => void): Promise<void> {
  const source = Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : (jobs as Iterable<PageJobOnThread>)[Symbol.iterator]();
  let exhausted = false;
  const nextBatch = async (): Promise<PageJobOnThread[]> => {
    const batch: PageJobOnThread[] = [];
    while (!exhausted && batch.length < batchSize) {
      const next = await source.next();
      if (next.done) exhausted = true;
      else batch.push({ path: next.value.path, file: next.value.file, view: next.value.view });
    }
    return batch;
  };
  const first = await nextBatch();
  if (first.length === 0) return;
  const ahead = [first];
  const threads = Math.max(1, availableParallelism());
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    // Batches sent and not yet returned, per thread.
    const pending = new Map<Worker, number>();
    let settled = false;
    let firstPage = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      stop.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(new Error('the build was stopped'));
    if (stop.aborted) return onAbort();
    stop.addEventListener('abort', onAbort, { once: true });
    const send = async (worker: Worker) => {
      const batch = ahead.shift() ?? (await nextBatch());
      if (settled) return;
      if (batch.length === 0) {
        if ([...pending.values()].every((count) => count === 0)) finish();
        return;
      }
      pending.set(worker, pending.get(worker)! + 1);
      worker.postMessage({ jobs: batch } satisfies RenderBatch);
    };
    const sendOrFail = (worker: Worker) => void send(worker).catch((error: Error) => finish(error));
    for (let index = 0; index < threads; index++) {
      const worker = new Worker(siblingModule(import.meta.url, 'render-worker'), { workerData: { entry: bundle.entry, context, siteDir } satisfies RendererSetup });
      workers.push(worker);
      pending.set(worker, 0);
      worker.on('message', (reply: RendererReply) => {
        if ('first' in reply) {
          if (!firstPage) onFirstPage?.();
          firstPage = true;
          return;
        }
        pending.set(worker, pending.get(worker)! - 1);
        if ('error' in reply) {
          const error = new Error(`rendering the page /${reply.error.page} failed: ${reply.error.message}`);
          if (reply.error.stack) error.stack = reply.error.stack;
          return finish(error);
        }
        sendOrFail(worker);
      });
      worker.once('error', (error) => finish(error));
      worker.once('exit', (code) => {
        if (!settled) finish(new Error(`a page renderer thread stopped (exit code ${code})`));
      });
      // Two batches each: one to render, one waiting.
      sendOrFail(worker);
      sendOrFail(worker);
    }
  });
}

type PageJobOnThread = Pick<PageJob, 'path' | 'file' | 'view'>;
