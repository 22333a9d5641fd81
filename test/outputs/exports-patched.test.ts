// The exports and data.json when a build patches the previous output: each unchanged dataset's part
// is taken from the previous output's copy of the file (src/outputs/file-layout.ts), the workbook's
// runs cut by each dataset's kept sizes. Whatever changed and wherever it falls (the first part has
// no separator before it), the files are the bytes of a build without a cache.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configureFragments } from '../../src/build/fragments.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { exportDatasetsCsvPath, exportResourcesCsvPath } from '../../src/outputs/csv.ts';
import { exportJsonPath } from '../../src/outputs/datapress.ts';
import { dataJsonPath, writeDataJson } from '../../src/outputs/datajson.ts';
import { exportsOutput } from '../../src/outputs/exports.ts';
import { closeSink, openSink, OutputSink, type Manifest } from '../../src/outputs/output-sink.ts';
import { exportXlsxPath } from '../../src/outputs/xlsx.ts';
import { loadExportsFixture } from './exports-fixture.ts';

const files = [exportJsonPath, exportDatasetsCsvPath, exportResourcesCsvPath, exportXlsxPath, dataJsonPath];

const dirs: string[] = [];
const folder = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `datashelf-patched-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  configureFragments(null);
});

/** The fixture's datasets copied `count` times: files of several runs each (export.json is over 4 MB). */
async function copies(count: number, edit: (datasets: Catalogue['datasets']) => void): Promise<Catalogue> {
  const catalogue = await loadExportsFixture();
  const models = catalogue.datasets;
  catalogue.datasets = Array.from({ length: count }, (_, index) => ({ ...structuredClone(models[index % models.length]!), id: `copy-${String(index).padStart(4, '0')}`, title: `Copy ${index}` }));
  edit(catalogue.datasets);
  return catalogue;
}

async function writeAll(catalogue: Catalogue, site: string): Promise<void> {
  for (const part of exportsOutput.parts) await part.write(catalogue, site);
  await writeDataJson(catalogue, site);
}

interface Output {
  dir: string;
  manifest: Manifest;
}

/** A build with the cache over `previous`: the files it wrote put over a copy of the previous output, as publishing does. */
async function patchedBuild(catalogue: Catalogue, cache: string, previous: Output | null): Promise<Output> {
  configureFragments({ dir: cache, key: 'test', reuse: true });
  const staging = folder('staging');
  const sink = openSink(new OutputSink(staging, previous));
  try {
    await writeAll(catalogue, staging);
  } finally {
    closeSink(sink);
    configureFragments(null);
  }
  const dir = folder('output');
  if (previous) cpSync(previous.dir, dir, { recursive: true });
  for (const file of sink.staged) cpSync(path.join(staging, file), path.join(dir, file));
  return { dir, manifest: sink.entries };
}

async function freshBuild(catalogue: Catalogue): Promise<string> {
  const dir = folder('fresh');
  await writeAll(catalogue, dir);
  return dir;
}

describe('the exports and data.json on a patched output', () => {
  it('give the bytes of a build without a cache after edits, additions and removals anywhere', { timeout: 240_000 }, async () => {
    const cache = folder('cache');
    const added = (datasets: Catalogue['datasets'], at: number, id: string) => datasets.splice(at, 0, { ...structuredClone(datasets[3]!), id, title: `Added ${id}` });
    const steps: [string, (datasets: Catalogue['datasets']) => void][] = [
      ['as it was', () => {}],
      ['one title edited', (datasets) => void (datasets[700]!.title = 'An edited title, “quoted”, with a comma')],
      ['the first dataset edited', (datasets) => void (datasets[0]!.title = 'The first, edited')],
      ['one added at the start', (datasets) => added(datasets, 0, 'aaa-first')],
      ['one added at the end', (datasets) => added(datasets, datasets.length, 'zzz-last')],
      ['one moved from the middle to the start', (datasets) => datasets.unshift(...datasets.splice(900, 1).map((dataset) => ({ ...dataset, id: 'aaa-moved' })))],
      ['the first one removed', (datasets) => void datasets.splice(0, 1)],
      ['the last one removed', (datasets) => void datasets.pop()],
      ['two removed and one edited in the middle', (datasets) => void (datasets.splice(400, 2), (datasets[401]!.descriptionHtml = '<p>A new description</p>'))],
    ];
    let previous: Output | null = null;
    for (const [index, [step]] of steps.entries()) {
      // Each step on top of the ones before it.
      const edit = (datasets: Catalogue['datasets']) => steps.slice(0, index + 1).forEach(([, change]) => change(datasets));
      const patched = await patchedBuild(await copies(1500, edit), cache, previous);
      const fresh = await freshBuild(await copies(1500, edit));
      for (const file of files) expect(readFileSync(path.join(patched.dir, file)).equals(readFileSync(path.join(fresh, file))), `${step}: ${file}`).toBe(true);
      previous = patched;
    }
    expect(readFileSync(path.join(previous!.dir, exportJsonPath), 'utf8')).toContain('"title":"An edited title, “quoted”, with a comma"');
  });

  it("take an unchanged dataset's part from the previous output's file", { timeout: 120_000 }, async () => {
    const cache = folder('cache');
    const first = await patchedBuild(await copies(300, () => {}), cache, null);
    // Only a build that reads the previous file shows what was planted in it (same length, same manifest).
    for (const file of [exportJsonPath, dataJsonPath]) {
      const target = path.join(first.dir, file);
      writeFileSync(target, readFileSync(target, 'utf8').replace('"title":"Copy 5"', '"title":"Pl4nt!"'));
    }
    const next = await patchedBuild(await copies(300, (datasets) => void (datasets[200]!.title = 'Edited')), cache, first);
    for (const file of [exportJsonPath, dataJsonPath]) expect(readFileSync(path.join(next.dir, file), 'utf8'), file).toContain('"title":"Pl4nt!"');
  });
});
