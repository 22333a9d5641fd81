// Writes outputs on one worker thread, into folders of their own, while the main thread does other
// work: first the CKAN API's files while Astro renders the pages (the two use different resources:
// CPU for Astro, the file system for the API), then, once told the pages have ended, DCAT-AP
// beside the main thread's outputs after them. One thread for both, not one each: each thread is
// its own V8 isolate, which loads and compiles the modules again, optimises the same shared code
// again and takes its own copy of the catalogue (docs/performance.md, "one-writer").
import { Worker } from 'node:worker_threads';
import { datasetDigest } from '../catalogue/dataset-digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { Output } from '../outputs/output.ts';
import type { SharedPageRecords } from '../outputs/dcat/output.ts';
import type { SinkRecord } from '../outputs/output-sink.ts';
import { siblingModule } from '../util/sibling-module.ts';
import { fragmentsConfig } from './fragments.ts';
import { storedWriterInput, writerInput, type StoredDatasets, type StoredWriterInput } from './writer-input.ts';
import type { TimedStage } from './stage-timer.ts';

export interface ThreadReport {
  /** `cpuMs`: the thread's own CPU time in the stage. */
  stages: TimedStage[];
  /** What it wrote and recorded, for the build's manifest. */
  sink: SinkRecord;
  /** DCAT-AP's records of the pages it took, when it shared them (`dcatPages`). */
  dcatPages: SharedPageRecords | null;
  /** When the thread began the job (milliseconds since the epoch, as `performance.timeOrigin + performance.now()`). */
  startedAt: number;
}

/**
 * The previous build's manifest and output, when the thread may leave unchanged files out: the
 * manifest as text (manifest-text.ts: the cache keeps it so, build-cache.ts), parsed on the thread. A
 * string goes to a thread as one copy, where its 57,000 entries (10,000 datasets) were cloned one by
 * one on this thread (about 80 ms of CPU).
 */
export type PreviousOutput = { manifestText: string; dir: string } | null;

/** Outputs the thread writes into a folder of their own. `dcatPages`: DCAT-AP's pages are taken from this counter, shared with the main thread. */
export interface ThreadJob {
  outputs: readonly Output[];
  outDir: string;
  dcatPages?: Int32Array | null;
}

/** A job as the thread gets it: the outputs by id. */
export type JobOnThread = { outputIds: string[]; outDir: string; dcatPages: Int32Array | null };

/** What a thread posts when a job is written. */
export type JobDone = { job: 'first' | 'later'; report: ThreadReport };

export interface WriterThread {
  /** The first job's report (null: there was none). */
  first: Promise<ThreadReport> | null;
  /** The later job's report (null: there was none). */
  later: Promise<ThreadReport> | null;
  /** The pages have ended: the later job is written once the first is (the thread is started now if it had no first job). */
  pagesEnded: () => void;
}

const jobOnThread = (job: ThreadJob | null): JobOnThread | null => job && { outputIds: job.outputs.map((output) => output.id), outDir: job.outDir, dcatPages: job.dcatPages ?? null };

/**
 * Starts the thread for `first` now (null: none), and has it write `later` once `pagesEnded` is
 * called and `first` is written. Without a first job the thread starts at `pagesEnded`, handed
 * only what the later outputs read when that is less than the catalogue (DCAT-AP: dcat/input.ts).
 * `stop` ends the thread where it is (the build failed elsewhere and removes its folders).
 */
export function startWriterThread(catalogue: Catalogue, first: ThreadJob | null, later: ThreadJob | null, stop: AbortSignal, previous: PreviousOutput = null, storedDatasets: StoredDatasets | null = null): WriterThread {
  const settle = { first: promised(), later: promised() };
  let worker: Worker | null = null;
  const start = () => {
    // Heap limits were tried (256 and 384 MiB): they slowed the thread and saved under 10% of the peak.
    const only = first ? null : later!.outputs.length === 1 ? later!.outputs[0]!.threadInput : undefined;
    // Without the fields only pages read, when every output of the thread reads the writer's input
    // (writer-input.ts): at 10,000 datasets with local tables, 25 MB serialised instead of 34, and
    // most of its small objects (the previews' rows) neither made nor collected on the thread.
    // With the build's cache, a dataset it holds as published is handed as its head and read from
    // the cache's bytes when more of it is asked (writer-input.ts `storedWriterInput`).
    let stored: StoredWriterInput | null = null;
    let input: unknown = catalogue;
    if (only) input = only(catalogue);
    else if (readsWriterInput(first, later) && storedDatasets) ({ input, stored } = storedWriterInput(catalogue, storedDatasets, (later?.outputs ?? []).some((output) => output.id === 'dcat')));
    else if (readsWriterInput(first, later)) input = writerInput(catalogue);
    // The datasets' digests key the thread's fragments (with a cache only): worked out here, where
    // the pages need them anyway, they are not worked out again on the thread (10,000 datasets:
    // each serialised and hashed: 0.44 s of the thread's profile on an edit, under load). The whole
    // datasets' digests, in the same order as the thread's copies of them.
    const digests = !only && fragmentsConfig() ? catalogue.datasets.map(datasetDigest) : null;
    const data = { catalogue: input, stored, digests, first: jobOnThread(first), later: jobOnThread(later), previous, fragments: fragmentsConfig() };
    const thread = (worker = new Worker(siblingModule(import.meta.url, 'api-thread-entry'), { workerData: data }));
    stop.addEventListener('abort', () => void thread.terminate(), { once: true });
    const reports: Partial<Record<JobDone['job'], ThreadReport>> = {};
    thread.on('message', ({ job, report }: JobDone) => {
      reports[job] = report;
      settle[job].resolve(report);
    });
    const failed = (error: unknown) => {
      settle.first.reject(error);
      settle.later.reject(error);
    };
    thread.once('error', failed);
    thread.once('exit', (code) => {
      const missing = (first && !reports.first) || (later && !reports.later);
      if (code !== 0 || missing) failed(new Error(`the writer thread of ${[first, later].flatMap((job) => job?.outputs.map((output) => output.id) ?? []).join(', ')} stopped with code ${code}`));
    });
  };
  if (first) start();
  return {
    first: first && settle.first.promise,
    later: later && settle.later.promise,
    pagesEnded: () => {
      if (!later) return;
      if (!worker) start();
      else worker.postMessage('pages ended');
    },
  };
}

/**
 * Whether the thread reads no more than the writer's input: its first job's outputs are typed on
 * it (`writerInput`), and a later job is one output that keeps only its own input of it
 * (`threadInput`, api-thread-entry.ts). Any other output is handed the whole catalogue.
 */
export function readsWriterInput(first: ThreadJob | null, later: ThreadJob | null): boolean {
  const firstReads = (first?.outputs ?? []).every((output) => output.readsWriterInput === true);
  const laterReads = !later || later.outputs.every((output) => output.readsWriterInput === true) || (later.outputs.length === 1 && later.outputs[0]!.threadInput !== undefined);
  return firstReads && laterReads;
}

/** A promise and its settling functions; a rejection nobody awaits is not reported as unhandled. */
function promised() {
  let resolve!: (report: ThreadReport) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<ThreadReport>((yes, no) => ((resolve = yes), (reject = no)));
  promise.catch(() => {});
  return { promise, resolve, reject };
}
