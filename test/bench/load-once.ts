// One measured load of a catalogue (the build's `load` stage alone) in its own process, with the
// build's memo. Prints JSON: the process's CPU time during the load (thread pool and collector
// threads included) and the main thread's, and the wall time; the machine's other work changes
// the wall time far more than the CPU time (docs/performance.md, "load-fast").
//
//   node test/bench/load-once.ts <content> none             no cache (as build-once builds)
//   node test/bench/load-once.ts <content> record <file>    with a cache: keep the memo's record in <file>
//   node test/bench/load-once.ts <content> memo <file>      with the record of an earlier `record` run
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { emptyLoadMemo, LoadMemo, type LoadMemoRecord } from '../../src/build/load-memo.ts';
import { useSmallNursery, withBoundedHeapGrowth } from '../../src/build/memory.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';

useSmallNursery();
const [contentDir, mode = 'none', recordFile] = process.argv.slice(2);
if (mode !== 'none' && !recordFile) throw new Error('record and memo need a file');
const memo = mode === 'memo' ? new LoadMemo(deserialize(readFileSync(recordFile!)) as LoadMemoRecord) : new LoadMemo(emptyLoadMemo, mode === 'record');
const cpu = process.cpuUsage();
const thread = process.threadCpuUsage();
const started = performance.now();
const loaded = await withBoundedHeapGrowth(() => loadCatalogue({ contentDir: contentDir!, memo }));
const wallMs = Math.round(performance.now() - started);
const used = process.cpuUsage(cpu);
const threadUsed = process.threadCpuUsage(thread);
memo.forgetPrevious();
if (mode === 'record') writeFileSync(recordFile!, serialize(memo.toRecord()));
const ms = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: ms(used), mainThreadCpuMs: ms(threadUsed), datasets: loaded.catalogue.datasets.length, warnings: loaded.warnings.length, localFilesRead: memo.filesRead, localFilesReused: memo.filesReused })}\n`);
