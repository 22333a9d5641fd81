// The brotli thread's entry (brotli-thread.ts): makes each copy it is asked for and says when it is done.
import { parentPort } from 'node:worker_threads';
import { brotliCopy } from './brotli-copy.ts';
import type { CopyAnswer, CopyJob } from './brotli-thread.ts';

parentPort!.on('message', (job: CopyJob) => {
  const answer = (error: string | null) => parentPort!.postMessage({ id: job.id, error } satisfies CopyAnswer);
  brotliCopy(job.source, job.target, job.quality).then(
    () => answer(null),
    (error: unknown) => answer(error instanceof Error ? error.message : String(error)),
  );
});
