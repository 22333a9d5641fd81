// The worker thread's entry: the TypeScript loader first (a thread does not share the main
// thread's), then the API writers on the catalogue it was handed.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { apiGroups, writeOutputs } = await import('../outputs/index.ts');
const stages = [];
const timed = async (name, work) => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    stages.push({ name, ms: Math.round(performance.now() - started) });
  }
};
await writeOutputs(workerData.catalogue, workerData.outDir, apiGroups, timed);
parentPort.postMessage({ stages });
