// Writes the CKAN API files on a worker thread, into a folder of their own, while the main thread
// renders pages: the two use different resources (CPU for Astro, the file system for the API).
import { Worker } from 'node:worker_threads';
import type { Catalogue } from '../catalogue/model.ts';

export interface ThreadReport {
  stages: { name: string; ms: number }[];
}

export function writeApiOnThread(catalogue: Catalogue, outDir: string): Promise<ThreadReport> {
  return new Promise((resolve, reject) => {
    // Heap limits were tried (256 and 384 MiB): they slowed the thread and saved under 10% of the peak.
    const worker = new Worker(new URL('./api-thread-entry.mjs', import.meta.url), { workerData: { catalogue, outDir } });
    let report: ThreadReport | null = null;
    worker.once('message', (message: ThreadReport) => {
      report = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the API writer thread stopped with code ${code}`))));
  });
}
