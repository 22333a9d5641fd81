// Writes outputs on a worker thread, into a folder of their own, while the main thread does other
// work: the CKAN API's files while Astro renders the pages (the two use different resources: CPU
// for Astro, the file system for the API), DCAT-AP beside the main thread's outputs after them.
import { Worker } from 'node:worker_threads';
import { datasetDigest } from '../catalogue/dataset-digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { Output } from '../outputs/output.ts';
import type { SharedPageRecords } from '../outputs/dcat/output.ts';
import type { SinkRecord } from '../outputs/output-sink.ts';
import { siblingModule } from '../util/sibling-module.ts';
import { fragmentsConfig } from './fragments.ts';

export interface ThreadReport {
  /** `cpuMs`: the thread's own CPU time in the stage. */
  stages: { name: string; ms: number; cpuMs: number }[];
  /** What it wrote and recorded, for the build's manifest. */
  sink: SinkRecord;
  /** DCAT-AP's records of the pages it took, when it shared them (`dcatPages`). */
  dcatPages: SharedPageRecords | null;
}

/**
 * The previous build's manifest and output, when the thread may leave unchanged files out: the
 * manifest as JSON text (the cache keeps it so, build-cache.ts), parsed on the thread. A string goes
 * to a thread as one copy, where its 57,000 entries (10,000 datasets) were cloned one by one on this
 * thread for each thread (about 80 ms of CPU each).
 */
export type PreviousOutput = { manifestJson: string; dir: string } | null;

/**
 * `stop` ends the thread where it is (the build failed elsewhere and removes its folder).
 * `dcatPages`: DCAT-AP's pages are taken from this counter, shared with the main thread.
 */
export function writeOnApiThread(catalogue: Catalogue, outputs: readonly Output[], outDir: string, stop: AbortSignal, previous: PreviousOutput = null, dcatPages: Int32Array | null = null): Promise<ThreadReport> {
  return new Promise((resolve, reject) => {
    // Heap limits were tried (256 and 384 MiB): they slowed the thread and saved under 10% of the peak.
    // An output alone on its thread may need far less than the whole catalogue (DCAT-AP: dcat/input.ts).
    const input = outputs.length === 1 && outputs[0]!.threadInput ? outputs[0]!.threadInput(catalogue) : catalogue;
    // The datasets' digests key the thread's fragments (with a cache only): worked out here, where
    // the pages need them anyway, they are not worked out again on the thread (10,000 datasets:
    // each serialised and hashed: 0.44 s of the thread's profile on an edit, under load).
    const digests = input === catalogue && fragmentsConfig() ? catalogue.datasets.map(datasetDigest) : null;
    const worker = new Worker(siblingModule(import.meta.url, 'api-thread-entry'), { workerData: { catalogue: input, digests, outDir, outputIds: outputs.map((output) => output.id), previous, fragments: fragmentsConfig(), dcatPages } });
    stop.addEventListener('abort', () => void worker.terminate(), { once: true });
    let report: ThreadReport | null = null;
    worker.once('message', (message: ThreadReport) => {
      report = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the writer thread of ${outputs.map((output) => output.id).join(', ')} stopped with code ${code}`))));
  });
}
