// Brotli copies made on a thread of their own while the main thread goes on with the build's next
// outputs (precompress.ts `compressEarly`). A copy is a stream: the file read in 64 KB chunks, each
// compressed on Node's thread pool, and the next chunk is handed over by the event loop of the thread
// that drives the stream. Driven by the main thread, whose outputs run for seconds without giving
// its event loop a turn, the copies an edit starts after the exports (export.json, its CSVs,
// data.json: some 400 chunks) made almost no progress until the compress stage awaited them: at
// 10,000 datasets they were started 4.7 s before it and ended 0.3 to 0.5 s into it. A thread whose
// event loop does nothing else hands each chunk over as soon as the last is compressed. It is
// started for the first copy (a light build only) and ended by `endBrotliThread`, and holds nothing
// of the build. It costs CPU: about 30 ms to start, and an edit's four copies took 60 to 110 ms more
// of the process's CPU on it than on the main thread (its own isolate compiles the stream code again).
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../util/sibling-module.ts';

/** A copy asked for: `<target>.br` made from `source` at brotli's `quality`. */
export interface CopyJob {
  id: number;
  source: string;
  target: string;
  quality: number;
}

/** A copy done (`error` null) or failed. */
export interface CopyAnswer {
  id: number;
  error: string | null;
}

interface BrotliThread {
  worker: Worker;
  waiting: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
  /** The copies not yet done, for `endBrotliThread`. */
  copies: Set<Promise<void>>;
  next: number;
}

let thread: BrotliThread | null = null;

function started(): BrotliThread {
  const worker = new Worker(siblingModule(import.meta.url, 'brotli-thread-entry'));
  const made: BrotliThread = { worker, waiting: new Map(), copies: new Set(), next: 0 };
  worker.on('message', (answer: CopyAnswer) => {
    const waiting = made.waiting.get(answer.id);
    made.waiting.delete(answer.id);
    if (answer.error === null) waiting?.resolve();
    else waiting?.reject(new Error(answer.error));
    // Idle, it does not keep the process alive (a build that failed before its compress stage).
    if (made.waiting.size === 0) worker.unref();
  });
  const fail = (error: Error) => {
    if (thread === made) thread = null;
    for (const waiting of made.waiting.values()) waiting.reject(error);
    made.waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the brotli thread stopped with code ${code}`)));
  return made;
}

/** Makes `<target>.br` from `source` on the brotli thread (started if need be): the bytes `brotliCopy` makes. */
export function brotliCopyOnThread(source: string, target: string, quality: number): Promise<void> {
  thread ??= started();
  const { worker, waiting, copies } = thread;
  const id = thread.next++;
  const copy = new Promise<void>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, source, target, quality } satisfies CopyJob);
  });
  copies.add(copy);
  const settled = () => void copies.delete(copy);
  copy.then(settled, settled);
  return copy;
}

/** Ends the brotli thread, if started, once every copy asked of it is done. */
export async function endBrotliThread(): Promise<void> {
  const ending = thread;
  if (!ending) return;
  thread = null;
  await Promise.allSettled(ending.copies);
  await ending.worker.terminate();
}
