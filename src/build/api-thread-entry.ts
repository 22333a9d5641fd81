// The writer thread's entry: its first job's outputs on the catalogue it was handed, then, once
// the main thread says the pages have ended, its later job's.
import { parentPort, workerData } from 'node:worker_threads';
import { rememberDigests } from '../catalogue/dataset-digest.ts';
import type { Catalogue } from '../catalogue/model.ts';
import { sharedPageRecords, sharePages, takeFrom } from '../outputs/dcat/output.ts';
import { parseManifestText } from '../outputs/manifest-text.ts';
import { closeSink, OutputSink, openSink, type OutputEntry } from '../outputs/output-sink.ts';
import type { JobDone, JobOnThread, PreviousOutput, ThreadReport } from './api-thread.ts';
import { configureFragments, type FragmentsConfig } from './fragments.ts';
import { returnMemory } from './memory.ts';
import { threadOutputs } from './thread-outputs.ts';
import { stageTimer } from './stage-timer.ts';
import { readStoredWriterInput, type StoredWriterInput, type WriterCatalogue } from './writer-input.ts';

/** `catalogue`: the writer's input (writer-input.ts) when every output of the thread reads no more, typed as the catalogue the outputs take. */
type ThreadData = { catalogue: Catalogue | null; stored: StoredWriterInput | null; digests: string[] | null; first: JobOnThread | null; later: JobOnThread | null; previous: PreviousOutput; fragments: FragmentsConfig | null };

async function write(catalogue: Catalogue, job: JobOnThread, previous: Map<string, OutputEntry> | null, previousDir: string): Promise<ThreadReport> {
  const startedAt = performance.timeOrigin + performance.now();
  sharePages(job.dcatPages && takeFrom(job.dcatPages));
  const sink = openSink(new OutputSink(job.outDir, previous && { manifest: previous, dir: previousDir }));
  const outputs = await threadOutputs(job.outputIds);
  const stages: ThreadReport['stages'] = [];
  const timed = stageTimer(stages);
  try {
    for (const output of outputs) for (const part of output.parts) await timed(part.name, () => part.write(catalogue, job.outDir));
  } finally {
    closeSink(sink);
  }
  return { stages, sink: sink.toRecord(), dcatPages: sharedPageRecords(), startedAt };
}

const data = workerData as ThreadData;
const { first, later } = data;
// Listened for from the start, so the message is not missed however early it comes.
const pagesEnded = first && later ? new Promise<void>((resolve) => parentPort!.once('message', () => resolve())) : null;
configureFragments(data.fragments);
// The datasets the build's cache holds as published, made of their heads (before their digests are told: they are the objects).
if (data.stored) readStoredWriterInput(data.catalogue as unknown as WriterCatalogue, data.stored);
if (data.digests) rememberDigests(data.catalogue!.datasets, data.digests);
// Parsed once for both jobs (each sink keeps its own reference; neither changes it).
const previous = data.previous && parseManifestText(data.previous.manifestText);
const previousDir = data.previous?.dir ?? '';
// The thread's heap would go to V8's pool of pages when the thread ends and stay resident about
// eight seconds more, beside the build's last stages: with the catalogue let go, a compacting
// collection hands it back now (what is still alive is small, so it is quick). Not when patching
// the previous output: the build ends within a few seconds, and the collection (V8's last-resort
// one, two full passes here) took each thread 0.6 to 0.8 s of wall on an edit at 10,000 datasets
// (`--trace-gc`, load 10; docs/performance.md, "inc-frame").
const giveBack = () => {
  if (!data.previous) returnMemory();
};
if (first) parentPort!.postMessage({ job: 'first', report: await write(data.catalogue!, first, previous, previousDir) } satisfies JobDone);
if (later) {
  // Only what the later outputs read kept from here on (DCAT-AP: dcat/input.ts), the rest of the
  // catalogue let go and, between the jobs, handed back (while the pages still render, on a full build).
  const laterOutputs = await threadOutputs(later.outputIds);
  const only = first && laterOutputs.length === 1 ? laterOutputs[0]!.threadInput : undefined;
  let input = (only ? only(data.catalogue!) : data.catalogue) as Catalogue | null;
  data.catalogue = null;
  if (first) giveBack();
  await pagesEnded;
  const report = await write(input!, later, previous, previousDir);
  input = null;
  giveBack();
  parentPort!.postMessage({ job: 'later', report } satisfies JobDone);
} else {
  data.catalogue = null;
  giveBack();
}
