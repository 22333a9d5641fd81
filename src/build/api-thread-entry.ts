// The worker thread's entry: the API writers on the catalogue it was handed.
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalogue } from '../catalogue/model.ts';
import { allOutputs, writeOutputs } from '../outputs/index.ts';
import { OutputSink, openSink } from '../outputs/output-sink.ts';
import type { PreviousOutput, ThreadReport } from './api-thread.ts';
import { configureFragments, type FragmentsConfig } from './fragments.ts';

const { catalogue, outDir, outputIds, previous, fragments } = workerData as { catalogue: Catalogue; outDir: string; outputIds: string[]; previous: PreviousOutput; fragments: FragmentsConfig | null };
configureFragments(fragments);
const sink = openSink(new OutputSink(outDir, previous && { manifest: new Map(previous.manifest), dir: previous.dir }));
const outputs = allOutputs.filter((output) => outputIds.includes(output.id));
const stages: ThreadReport['stages'] = [];
await writeOutputs(catalogue, outDir, outputs, async (name, work) => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    stages.push({ name, ms: Math.round(performance.now() - started) });
  }
});
parentPort!.postMessage({ stages, sink: sink.toRecord() } satisfies ThreadReport);
