// Renders the HTML site: the pages compiled once (page-bundle.ts), each page's view worked out here
// from the catalogue (src/site/page-views.ts), and the rendering spread over one worker thread per
// core (render-worker.ts), each holding the compiled pages and the site context but not the
// catalogue. A page whose key is the one the previous output was rendered with is kept as it is.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalogue } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import type { OutputSink } from '../outputs/output-sink.ts';
import type { SiteContext } from '../site/page-context.ts';
import { recentFirstFrom } from '../site/listings.ts';
import { planEntry, readPlan, type PagePlan } from '../site/page-plan.ts';
import { pageJobs, siteContext, type PageJob } from '../site/page-views.ts';
import { siblingModule } from '../util/sibling-module.ts';
import { CardStore } from './card-store.ts';
import type { PageBundle } from './page-bundle.ts';
import type { RenderBatch, RendererContext, RendererReply, RendererSetup } from './render-worker.ts';

export interface RenderOptions {
  /** The build's output: pages are written into its folder and recorded in its manifest. */
  sink: OutputSink;
  /** Each page's key in the previous output (the cache's), whose unchanged pages are kept; null: render all. */
  previousKeys: Readonly<Record<string, string>> | null;
  stop: AbortSignal;
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** Where `pages: to first page` is reported (the fixed cost before the first page is written), and `pages: planned` (every key worked out). */
  stages?: { name: string; ms: number; cpuMs?: number }[];
  /** Threads started earlier with `bundle`'s entry (they load it meanwhile); none: started here. */
  threads?: RendererThreads | null;
  /**
   * Called once every page's key is worked out (the counts of `rendered` and `reused` are final),
   * before the last of them are rendered: the build may go on beside the rest (build.ts).
   */
  onPlanned?: (counts: { rendered: number; reused: number }) => void;
}

export interface RenderReport {
  rendered: number;
  reused: number;
  /** Of the pages rendered, the later list pages put together from their parts (list-pages.ts) rather than rendered by Astro. */
  assembled: number;
  /** Every page file's key, for the build's cache, and the plan of the pages (page-plan.ts `planEntry`). */
  keys: Record<string, string>;
}

/** Pages sent to a thread at once: enough to keep it busy, few enough to spread the work evenly. */
export const batchSize = 64;

/**
 * Pages Astro renders, at least, before threads started ahead (pages-ahead.ts) are joined by one
 * per core: a thread's start (the compiled pages loaded, its heap) costs about as much processor as
 * a few hundred pages, so a build with fewer leaves them to the thread already started. A later
 * list page whose cards the build has counts as an eighth of one: it is put together from its
 * parts (list-pages.ts), not rendered. An addition or a removal (1,490 pages at 10,000 datasets, all
 * but a few dozen put together) is then one thread's work.
 */
export const pagesPerThreadStart = 4 * batchSize;
const assembledWeight = 1 / 8;

/** Whether a job is a later list page whose cards the build has (`cards`): put together from its parts, if its renderer has its list's frame. */
function assembles(job: PageJobOnThread, cards: readonly (string | null)[] | undefined): boolean {
  return job.list !== undefined && job.list.number > 1 && cards !== undefined && cards.every((card) => card !== null);
}

/**
 * The catalogue sorted (most recently updated first: listings.ts `recentFirst`) from the order the
 * previous build's page plan holds (page-plan.ts), in about one comparison a dataset: before
 * anything else sorts it (the site's outputs, for their feeds, and the site context's counts).
 * Returns the plan, when there is one.
 */
export function sortAsBefore(catalogue: Pick<Catalogue, 'datasets'>, previousKeys: Readonly<Record<string, string>> | null): PagePlan | null {
  const plan = readPlan(previousKeys);
  if (plan) recentFirstFrom(catalogue.datasets, plan.order);
  return plan;
}

/** Renders every page of `catalogue` with the compiled pages of `bundle` (page-bundle.ts). */
export async function renderPages(catalogue: Catalogue, outputs: SiteOutputs, bundle: PageBundle, options: RenderOptions): Promise<RenderReport> {
  const { timed, sink, previousKeys } = options;
  // What planning cost this thread, to every page's key worked out (`pages: planned`): an edit's build goes on beside the rest of the pages' stage (build.ts).
  const began = { at: performance.now(), cpu: process.threadCpuUsage() };
  const plan = sortAsBefore(catalogue, previousKeys);
  const context = siteContext(catalogue, outputs);
  await timed('pages: assets', () => copyTree(bundle.client, sink));
  const report: RenderReport = { rendered: 0, reused: 0, assembled: 0, keys: {} };
  const cards = new CardStore(cardContext(bundle.key, context));
  // Views are worked out as the threads ask for pages; a page whose key the previous output was
  // rendered with is kept there on the way.
  // Pages kept unworked (page-plan.ts) do not name their cards: the store keeps all it had then.
  let keptUnworked = false;
  function* toRender(): Generator<PageJob> {
    const previous = previousKeys && { keys: previousKeys, plan };
    // An edit's pages kept in bulk (page-views.ts `editedPages`): only the pages worked out come as jobs.
    const keep = (file: string, key: string) => {
      if (!sink.keep(file)) return false;
      report.keys[file] = key;
      keptUnworked = true;
      return true;
    };
    for (const planned of pageJobs(catalogue, context, bundle.key, { previous, keep, onKeptInBulk: (digests) => cards.fewPages(new Set(digests)), onPlan: (text) => (report.keys[planEntry] = text) })) {
      let job = planned;
      if (job.kept) {
        if (sink.keep(job.file)) {
          report.keys[job.file] = job.key;
          report.reused++;
          keptUnworked = true;
          continue;
        }
        job = job.kept();
      }
      report.keys[job.file] = job.key;
      if (previousKeys?.[job.file] === job.key && sink.keep(job.file)) {
        report.reused++;
        // Its cards stay in the store for the next build, which may move this page.
        if (job.list) cards.cards(job.list.keys);
        continue;
      }
      report.rendered++;
      yield job;
    }
    // Every page is rendered or kept: those kept in bulk are counted here (some may have come as jobs too, when the bulk was given up).
    report.reused = Object.keys(report.keys).length - (Object.hasOwn(report.keys, planEntry) ? 1 : 0) - report.rendered;
    const cpu = process.threadCpuUsage(began.cpu);
    options.stages?.push({ name: 'pages: planned', ms: Math.round(performance.now() - began.at), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
    options.onPlanned?.({ rendered: report.rendered, reused: report.reused });
  }
  const started = performance.now();
  await timed('pages: render', () =>
    renderOnThreads(bundle, context, toRender(), sink.dir, options.stop, {
      threads: options.threads ?? null,
      cards,
      onAssembled: (count) => (report.assembled += count),
      onFirstPage: () => options.stages?.push({ name: 'pages: to first page', ms: Math.round(performance.now() - started) }),
      onWritten: (file, hash) => sink.written(file, hash),
    }),
  );
  if (keptUnworked) cards.keepAll();
  cards.save();
  return report;
}

/** What every card is rendered with besides its dataset: the compiled pages, the site (its address), the build's day (a review overdue). */
export function cardContext(compiledKey: string, context: Pick<SiteContext, 'site' | 'today'>): string {
  return createHash('sha256').update(compiledKey).update('\0').update(JSON.stringify({ site: context.site, today: context.today })).digest('base64url');
}

/** The compiled client assets into the site, through the sink (unchanged ones are not copied again). */
async function copyTree(from: string, sink: OutputSink): Promise<void> {
  const files = (await readdir(from, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  for (const source of files.sort()) await sink.copy(path.relative(from, source).split(path.sep).join('/'), source);
}

/**
 * Page renderer threads started before the pages are known (one per core unless told): each loads the compiled
 * pages (about a second and a half of a core at start) while the build still loads the catalogue,
 * and gets the site context by message when rendering starts (render-worker.ts). A thread that fails
 * or stops meanwhile is remembered, and reported when they are used. The caller ends them
 * (`end`) whether they were used or not.
 */
export class RendererThreads {
  readonly entry: string;
  readonly workers: Worker[] = [];
  failure: Error | null = null;

  constructor(entry: string, count = Math.max(1, availableParallelism())) {
    this.entry = entry;
    for (let index = 0; index < count; index++) {
      const worker = new Worker(siblingModule(import.meta.url, 'render-worker'), { workerData: { entry } satisfies RendererSetup });
      worker.on('error', (error) => {
        this.failure ??= error;
      });
      worker.once('exit', (code) => {
        this.failure ??= new Error(`a page renderer thread stopped (exit code ${code})`);
      });
      this.workers.push(worker);
    }
  }

  end(): void {
    for (const worker of this.workers) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
}

/**
 * One thread per core (or the threads started ahead alone, for a few pages to render:
 * `pagesPerThreadStart`) renders `jobs` into `siteDir`, in batches, each thread sent the next batch as
 * soon as it returns one (and one batch ahead, so it never waits for the views to be worked out).
 * The first failure, or `stop`, ends every thread. `onFirstPage` is called when a page is written,
 * `onWritten` with each page file written and its bytes' hash. Resolves with the number of threads
 * that rendered (0: no page).
 */
export async function renderOnThreads(
  bundle: Pick<PageBundle, 'entry'>,
  context: SiteContext,
  jobs: Iterable<PageJobOnThread> | AsyncIterable<PageJobOnThread>,
  siteDir: string,
  stop: AbortSignal,
  on: { threads?: RendererThreads | null; cards?: CardStore; onFirstPage?: () => void; onWritten?: (file: string, hash: string) => void; onAssembled?: (count: number) => void; onSentAgain?: (count: number) => void } = {},
): Promise<number> {
  const { onFirstPage, onWritten, onAssembled, onSentAgain } = on;
  // List pages' cards for this render only, unless the build keeps them.
  const cards = on.cards ?? new CardStore('', null);
  const started = on.threads && on.threads.entry === bundle.entry ? on.threads : null;
  const source = Symbol.asyncIterator in jobs ? jobs[Symbol.asyncIterator]() : (jobs as Iterable<PageJobOnThread>)[Symbol.iterator]();
  let exhausted = false;
  // What the pages taken so far cost to render, in pages Astro renders (`pagesPerThreadStart`).
  let weight = 0;
  // Lists one of whose later pages was sent with its whole view (its renderer cuts the list's frame from it).
  const framed = new Set<string>();
  // Lists a renderer could not cut a frame of: their pages are Astro's, sent whole.
  const unframed = new Set<string>();
  // Pages a renderer could not put together from the slim view they were sent with: sent again whole, first.
  const again: PageJobOnThread[] = [];
  /** The job as a renderer gets it: a list page's cards as the build has them when it is sent (those cut from pages already rendered too). */
  const onThread = (job: PageJobOnThread, whole: boolean): SentJob => {
    const { path, file, browse, list } = job;
    if (!list) {
      weight += 1;
      return { job, sent: { path, file, view: job.view, browse } };
    }
    const known = cards.cards(list.keys);
    const light = assembles(job, known);
    weight += light ? assembledWeight : 1;
    // A later page whose cards the build has, of a list whose frame a renderer has been sent a page
    // to cut from, goes without what the list shows of each dataset (most of an addition's pages:
    // their views were most of what the build thread worked out and copied to the renderer); a
    // renderer without the frame sends it back (`again`).
    const slim = !whole && light && job.slimView !== undefined && framed.has(list.basePath) && !unframed.has(list.basePath);
    if (light && !slim) framed.add(list.basePath);
    return { job, sent: { path, file, view: slim ? job.slimView!() : job.view, browse, list: { ...list, cards: known }, ...(slim && { slim }) } };
  };
  const nextBatch = async (): Promise<SentJob[]> => {
    const batch: SentJob[] = [];
    while (again.length > 0 && batch.length < batchSize) batch.push(onThread(again.shift()!, true));
    while (!exhausted && batch.length < batchSize) {
      const next = await source.next();
      if (next.done) exhausted = true;
      else batch.push(onThread(next.value, false));
    }
    return batch;
  };
  const first = await nextBatch();
  if (first.length === 0) return 0;
  const ahead = [first];
  // Threads started ahead (one, on an edit's, an addition's build: pages-ahead.ts) render alone
  // until the pages taken cost more than a thread's start (`pagesPerThreadStart`); then each core
  // gets a thread, the others started then. Without threads started ahead (a full build), a thread
  // for each core from the start.
  const cores = Math.max(1, availableParallelism());
  const threads = Math.max(cores, started?.workers.length ?? 0);
  let rendered = 0;
  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    // Batches sent and not yet returned, per thread, in the order sent (a thread returns them in turn).
    const pending = new Map<Worker, SentJob[][]>();
    let settled = false;
    let firstPage = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      rendered = workers.length;
      stop.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(new Error('the build was stopped'));
    if (stop.aborted) return onAbort();
    if (started?.failure) return finish(started.failure);
    stop.addEventListener('abort', onAbort, { once: true });
    const send = async (worker: Worker) => {
      const batch = ahead.shift() ?? (await nextBatch());
      if (settled) return;
      // The pages so far cost more than starting the other threads: started now, each taking batches.
      if (!exhausted && workers.length < threads && weight >= pagesPerThreadStart) while (workers.length < threads) addWorker(undefined);
      if (batch.length === 0) {
        if ([...pending.values()].every((batches) => batches.length === 0)) finish();
        return;
      }
      pending.get(worker)!.push(batch);
      worker.postMessage({ jobs: batch.map((entry) => entry.sent) } satisfies RenderBatch);
    };
    const sendOrFail = (worker: Worker) => void send(worker).catch((error: Error) => finish(error));
    const addWorker = (ready: Worker | undefined) => {
      const worker = ready ?? new Worker(siblingModule(import.meta.url, 'render-worker'), { workerData: { entry: bundle.entry, context, siteDir } satisfies RendererSetup });
      if (ready) worker.postMessage({ setup: { context, siteDir } } satisfies RendererContext);
      workers.push(worker);
      pending.set(worker, []);
      worker.on('message', (reply: RendererReply) => {
        if ('first' in reply) {
          if (!firstPage) onFirstPage?.();
          firstPage = true;
          return;
        }
        const batch = pending.get(worker)!.shift()!;
        if ('error' in reply) {
          const error = new Error(`rendering the page /${reply.error.page} failed: ${reply.error.message}`);
          if (reply.error.stack) error.stack = reply.error.stack;
          return finish(error);
        }
        for (const [file, hash] of reply.written) onWritten?.(file, hash);
        for (const list of reply.unframed) unframed.add(list);
        for (const index of reply.again) again.push(batch[index]!.job);
        if (reply.again.length > 0) onSentAgain?.(reply.again.length);
        cards.learnt(reply.cards);
        if (reply.assembled > 0) onAssembled?.(reply.assembled);
        sendOrFail(worker);
      });
      worker.once('error', (error) => finish(error));
      worker.once('exit', (code) => {
        if (!settled) finish(new Error(`a page renderer thread stopped (exit code ${code})`));
      });
      // Two batches each: one to render, one waiting.
      sendOrFail(worker);
      sendOrFail(worker);
    };
    if (started) for (const ready of started.workers) addWorker(ready);
    if (!started || weight >= pagesPerThreadStart) while (workers.length < threads) addWorker(undefined);
  });
  return rendered;
}

type PageJobOnThread = Pick<PageJob, 'path' | 'file' | 'view'> & Partial<Pick<PageJob, 'browse' | 'list' | 'slimView'>>;

/** A job, and what its renderer was sent of it. */
interface SentJob {
  job: PageJobOnThread;
  sent: RenderBatch['jobs'][number];
}
