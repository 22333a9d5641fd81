// How the build process uses memory. Set by the commands that run a build (the CLI, the benchmark),
// not by `buildSite` itself: it changes the whole process.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A build makes a great deal of short-lived garbage (parsed YAML, rendered pages, JSON texts). With
 * V8's default nursery of up to 3 × 64 MiB the process held about 180 MiB more at its peak for a
 * 10,000-dataset build than with 3 × 8 MiB, which measured no slower (docs/performance.md). Set
 * while running, the flag reaches the threads started later (their heaps are made after it), not
 * the main thread's own heap, whose nursery is fixed when Node starts (measured with Node 24:
 * 128 MiB of new space on the main thread, 16 MiB on a thread started after this call).
 * Larger for the threads (16 and 32 MiB semi-spaces, 10,000 datasets): a third of the scavenges and
 * a fifth less copied, but no CPU saved that could be measured (scavenging is 5% of the process's
 * CPU) and the peak 40 to 80 MiB higher (docs/performance.md, "v8-threads").
 */
export function useSmallNursery(): void {
  v8.setFlagsFromString('--max-semi-space-size=8');
}

/**
 * Runs `work` with the heap let grow to twice what is alive after each full collection, instead of
 * V8's own factor (up to four times while a program allocates fast). Loading makes most of its
 * garbage beside a catalogue that only grows (parsed YAML, rendered Markdown): at 100,000 datasets
 * V8 let the heap grow to 1.7 GiB for 0.6 GiB alive; with this, to 1.2 GiB, in the same time
 * (docs/performance.md, "Memory at 100,000: loading"). Only while nothing else runs in the process:
 * the flag is the whole process's, read at every collection of every thread.
 */
export async function withBoundedHeapGrowth<T>(work: () => Promise<T>): Promise<T> {
  boundHeapGrowth(true);
  try {
    return await work();
  } finally {
    boundHeapGrowth(false);
  }
}

/**
 * The same bound, on (`true`) or off (V8's own factor again). The build also sets it from the
 * pages' end to the after-pages outputs' end: the main thread's exports beside that thread were the
 * build's peak (10,000 `files`: 898 and 923 MiB without it, 749 MiB with it, one run each).
 */
export function boundHeapGrowth(on: boolean): void {
  v8.setFlagsFromString(on ? '--heap-growing-percent=100' : '--heap-growing-percent=0');
}

const smallHeap = 96 * 2 ** 20;
type CollectGarbage = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
let collect: CollectGarbage | null | undefined;

/**
 * Gives memory the thread no longer uses back to the system: a full collection that compacts the
 * heap and shrinks its spaces and nursery to what is alive. V8 grows a heap to what a stage made
 * (loading 10,000 datasets leaves about 270 MiB of old space holding about 110 MiB of live objects)
 * and keeps it for the rest of the process; a compacting collection between stages returns the rest
 * before the next stage's threads start (docs/performance.md, "Where the memory goes"). It takes
 * tens of milliseconds per 10 MiB alive, so the build calls it where its time overlaps other work.
 */
export function returnMemory(): void {
  // A small heap (a small catalogue, a test's) has little to give back for the collection's time.
  if (v8.getHeapStatistics().total_heap_size < smallHeap) return;
  if (collect === undefined) {
    // Node has no public call for it: the collector's function, exposed through V8's flag to a
    // fresh context (the flag is read when a context is made), collects for the whole thread.
    v8.setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as CollectGarbage;
    // Only that one function: contexts made later (the threads') get no global `gc`.
    v8.setFlagsFromString('--no-expose-gc');
  }
  collect?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
