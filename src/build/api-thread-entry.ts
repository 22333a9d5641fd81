// The worker thread's entry: the API writers on the catalogue it was handed.
import { parentPort, workerData } from 'node:worker_threads';
import { rememberDigests } from '../catalogue/dataset-digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import { sharedPageRecords, sharePages, takeFrom } from '../outputs/dcat/output.ts';
import { allOutputs, writeOutputs } from '../outputs/index.ts';
import { OutputSink, openSink, type OutputEntry } from '../outputs/output-sink.ts';
import type { PreviousOutput, ThreadReport } from './api-thread.ts';
import { configureFragments, type FragmentsConfig } from './fragments.ts';
import { returnMemory } from './memory.ts';

type ThreadData = { catalogue: Catalogue | null; digests: string[] | null; outDir: string; outputIds: string[]; previous: PreviousOutput; fragments: FragmentsConfig | null; dcatPages: Int32Array | null };

async function write(data: ThreadData): Promise<ThreadReport> {
  const { outDir, outputIds, previous, fragments } = data;
  configureFragments(fragments);
  sharePages(data.dcatPages && takeFrom(data.dcatPages));
  if (data.digests) rememberDigests(data.catalogue!.datasets, data.digests);
  const sink = openSink(new OutputSink(outDir, previous && { manifest: new Map(JSON.parse(previous.manifestJson) as [string, OutputEntry][]), dir: previous.dir }));
  const outputs = allOutputs.filter((output) => outputIds.includes(output.id));
  const stages: ThreadReport['stages'] = [];
  await writeOutputs(data.catalogue!, outDir, outputs, async (name, work) => {
    const started = performance.now();
    const cpu = process.threadCpuUsage();
    try {
      return await work();
    } finally {
      const used = process.threadCpuUsage(cpu);
      stages.push({ name, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) });
    }
  });
  return { stages, sink: sink.toRecord(), dcatPages: sharedPageRecords() };
}

const data = workerData as ThreadData;
const report = await write(data);
// The thread's heap would go to V8's pool of pages when the thread ends and stay resident about
// eight seconds more, beside the build's last stages: with the catalogue let go, a compacting
// collection hands it back now (what is still alive is small, so it is quick). Not when patching
// the previous output: the build ends within a few seconds, and the collection (V8's last-resort
// one, two full passes here) took each thread 0.6 to 0.8 s of wall on an edit at 10,000 datasets
// (`--trace-gc`, load 10; docs/performance.md, "inc-frame").
data.catalogue = null;
if (!data.previous) returnMemory();
parentPort!.postMessage(report);
