// The load thread's entry (load-thread.ts): lists the dataset files, renders their descriptions
// from the first while the main thread validates, and, once derivation hands it the local files,
// reads those. From derivation's start on, it takes work from the end of each list while the main
// thread takes it from the front, so the two meet in the middle instead of waiting on each other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { findDatasetFiles } from '../catalogue/dataset-files.ts';
import { ProblemList } from '../catalogue/errors.ts';
import { renderDescription } from '../catalogue/markdown.ts';
import { readLocalFile } from '../catalogue/previews/file-preview.ts';
import { descriptionOf, loadThread, unclaimed, type DescriptionDone, type FactsDone, type FromLoadThread, type LoadThreadNews, type ToLoadThread } from './load-thread.ts';

/** Items done between two messages: fewer messages, and a short wait where the two threads meet. */
const batch = 32;

const { contentDir } = workerData as { contentDir: string };
const post = (news: LoadThreadNews) => {
  const used = process.threadCpuUsage();
  parentPort!.postMessage({ ...news, cpuMs: Math.round((used.user + used.system) / 1000) } satisfies FromLoadThread);
};

let local: (ToLoadThread & { claimsOf: Int32Array; next: number }) | null = null;
let wake: (() => void) | null = null;
parentPort!.on('message', (message: ToLoadThread) => {
  local = { ...message, claimsOf: new Int32Array(message.claims), next: message.files.length - 1 };
  wake?.();
});

function describe(file: string): { markdown: string | null; html: string; text: string } | null {
  try {
    const markdown = descriptionOf(readFileSync(file));
    if (markdown === null) return null;
    return { markdown, ...renderDescription(markdown) };
  } catch {
    return null;
  }
}

async function run(): Promise<void> {
  const files = (await findDatasetFiles(contentDir, new ProblemList())).map((relative) => path.join(contentDir, relative));
  const claims = new Int32Array(new SharedArrayBuffer(files.length * Int32Array.BYTES_PER_ELEMENT));
  post({ kind: 'listed', files: files.map((file) => path.relative(contentDir, file)), claims: claims.buffer as SharedArrayBuffer });
  let front = 0;
  let back = files.length - 1;
  const claimed = (flags: Int32Array, index: number) => Atomics.compareExchange(flags, index, unclaimed, loadThread) === unclaimed;
  for (;;) {
    let didSomething = false;
    // Descriptions: from the front until derivation starts (the main thread renders none yet), then from the back.
    const descriptions: DescriptionDone[] = [];
    while (descriptions.length < batch && front <= back) {
      const index = local ? back-- : front++;
      if (!claimed(claims, index)) continue;
      const found = describe(files[index]!);
      descriptions.push(found ? [index, found.markdown, found.html, found.text] : [index, null, '', '']);
    }
    if (descriptions.length > 0) {
      post({ kind: 'descriptions', done: descriptions });
      didSomething = true;
    }
    const current = local as (ToLoadThread & { claimsOf: Int32Array; next: number }) | null;
    if (current) {
      const facts: FactsDone[] = [];
      while (facts.length < batch && current.next >= 0) {
        const index = current.next--;
        if (!claimed(current.claimsOf, index)) continue;
        facts.push([index, await readLocalFile(current.files[index]!).catch(() => null)]);
      }
      if (facts.length > 0) {
        post({ kind: 'facts', done: facts });
        didSomething = true;
      }
    }
    if (didSomething) {
      // A turn of the event loop: the local files may have arrived.
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    post({ kind: 'idle' });
    // Nothing left to claim: wait for (more) local files; the main thread ends this thread when loading ends.
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

await run();
