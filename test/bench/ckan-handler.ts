// `node --expose-gc test/bench/ckan-handler.ts [--datasets 10000] [--runs 30]`: how fast the CKAN request
// handler answers package_search over a synthetic catalogue (test/bench/synthetic.ts) once its
// index is loaded: each request through the whole handler (parameters, search, sort, facets, the
// answer's bytes), timed after a warm-up: wall time (median, 95th percentile, slowest) and CPU time
// (median; less sensitive to a busy machine). Also the index's size,
// the time to load it and the heap it takes. Figures go in docs/decisions/ckan-handler.md.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { createCkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { writeCkanActionApi } from '../../src/outputs/ckan/action-files.ts';
import { writeCkanIndex } from '../../src/outputs/ckan/index-files.ts';
import { ckanIndexFiles } from '../../src/outputs/ckan/paths.ts';
import { writeSyntheticCatalogue } from './synthetic.ts';

const { values } = parseArgs({ options: { datasets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '30' } } });
const datasets = Number(values.datasets);
const runs = Number(values.runs);

const queries = [
  '',
  'q=air quality',
  'q=parking fines library',
  'q="road safety"',
  'q=title:air* OR notes:borough',
  'q=tags:"air quality 3" OR groups:transport -organization:digital',
  'fq=organization:place&sort=name asc',
  'fq=metadata_modified:[2025-06-01T00:00:00Z TO *]&sort=metadata_modified asc&rows=100',
  'facet.field=["tags","groups","organization","res_format","license_id"]&rows=0',
  'q=recycling&facet.field=["tags","organization"]&facet.limit=-1',
  'rows=1000&start=5000',
  'q=waste&fl=id,name,metadata_modified,organization&rows=1000',
];

const root = await mkdtemp(path.join(tmpdir(), 'datashelf-handler-bench-'));
try {
  const timed = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
    const started = performance.now();
    const value = await work();
    return [value, performance.now() - started];
  };
  await writeSyntheticCatalogue(path.join(root, 'content'), datasets);
  const [{ catalogue }, loadMs] = await timed(() => loadCatalogue({ contentDir: path.join(root, 'content') }));
  // The action API first, not timed (it prepares the package dicts the index then reuses, as in a build).
  await writeCkanActionApi(catalogue, path.join(root, 'dist'));
  const [, writeMs] = await timed(() => writeCkanIndex(catalogue, path.join(root, 'dist')));
  const { packageFiles } = JSON.parse(await readFile(path.join(root, 'dist', ckanIndexFiles.catalogue), 'utf8')) as { packageFiles: string[] };
  const bytes = (await Promise.all([ckanIndexFiles.catalogue, ...packageFiles].map((file) => stat(path.join(root, 'dist', file))))).map((file) => file.size);
  // With --expose-gc (npm's `node --expose-gc test/bench/ckan-handler.ts`) the heap is measured after collections.
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  // The heap and the typed arrays' memory outside it.
  const memory = () => {
    collect();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const memoryBefore = memory();
  const cpuBefore = process.cpuUsage();
  const [handler, readyMs] = await timed(async () => createCkanHandler(await readCkanIndex(path.join(root, 'dist'))));
  const readyCpu = process.cpuUsage(cpuBefore);
  const memoryAfter = memory();
  console.log(`${catalogue.datasets.length} public datasets (catalogue loaded in ${Math.round(loadMs)} ms)`);
  console.log(`index: written in ${Math.round(writeMs)} ms; catalogue.json ${bytes[0]} bytes; the package dicts read from ${packageFiles.length} gzipped file(s) of its own, ${(bytes.slice(1).reduce((sum, size) => sum + size, 0) / 2 ** 20).toFixed(1)} MiB`);
  console.log(`handler ready (index read, dicts parsed once, search index built) in ${Math.round(readyMs)} ms (${Math.round((readyCpu.user + readyCpu.system) / 1000)} ms CPU); memory +${((memoryAfter - memoryBefore) / 2 ** 20).toFixed(0)} MiB (heap and typed arrays)`);
  console.log(`\nms per package_search request (wall: median, 95th percentile, slowest; cpu: median), ${runs} runs after 3 warm-up runs:`);
  console.log(`${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)} ${'cpu'.padStart(8)} ${'count'.padStart(7)}  query`);
  for (const query of queries) {
    const url = `${catalogue.site.url}api/3/action/package_search?${new URLSearchParams(query.split('&').filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]))}`;
    let count = 0;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let run = 0; run < runs + 3; run++) {
      const cpu = process.cpuUsage();
      // Until the answer's bytes are ready, as a server sends them.
      const [bytes, ms] = await timed(async () => (await handler(new Request(url))).arrayBuffer());
      const used = process.cpuUsage(cpu);
      if (run >= 3) {
        times.push(ms);
        cpuTimes.push((used.user + used.system) / 1000);
      }
      count = JSON.parse(new TextDecoder().decode(bytes)).result.count;
    }
    const at = (list: number[], fraction: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(fraction * list.length))]!.toFixed(1);
    console.log(`${at(times, 0.5).padStart(8)} ${at(times, 0.95).padStart(8)} ${at(times, 1).padStart(8)} ${at(cpuTimes, 0.5).padStart(8)} ${String(count).padStart(7)}  ${query || '(no parameters)'}`);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
