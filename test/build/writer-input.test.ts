// The writer thread's input (src/build/writer-input.ts): the catalogue without what only the pages
// read, and the CKAN API and DCAT-AP written from it are the files written from the whole catalogue.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readsWriterInput } from '../../src/build/api-thread.ts';
import { writerInput } from '../../src/build/writer-input.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { exportsOutput } from '../../src/outputs/exports.ts';
import { writeOutputs } from '../../src/outputs/index.ts';
import { listFiles } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';

let work: string;
let catalogue: Catalogue;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-writer-input-'));
  catalogue = (await loadCatalogue({ contentDir: path.join(repoRoot, 'content'), today: '2026-11-20' })).catalogue;
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir)) files.set(file, (await readFile(path.join(dir, file))).toString('base64'));
  return files;
}

describe("the writer thread's input", () => {
  it('leaves out the previews’ rows, the source paths and the edit links', () => {
    const resources = catalogue.datasets.flatMap((dataset) => dataset.resources);
    // Not vacuous: the example catalogue has tables with rows, local files and edit links.
    expect(resources.some((resource) => resource.preview?.kind === 'table' && resource.preview.rows.length > 0)).toBe(true);
    expect(resources.some((resource) => resource.sourcePath !== null)).toBe(true);
    const input = writerInput(catalogue);
    expect(input.datasets.map((dataset) => dataset.id)).toEqual(catalogue.datasets.map((dataset) => dataset.id));
    for (const dataset of input.datasets) {
      expect(dataset).not.toHaveProperty('sourceFile');
      expect(dataset).not.toHaveProperty('editUrl');
      expect(dataset).not.toHaveProperty('masthead');
      for (const resource of dataset.resources) {
        expect(resource).not.toHaveProperty('sourcePath');
        expect(resource).not.toHaveProperty('publishedPath');
        if (resource.preview) expect(resource.preview).not.toHaveProperty('rows');
      }
    }
    // The model is left as it was (the pages render from it).
    expect(resources.some((resource) => resource.preview?.kind === 'table' && resource.preview.rows.length > 0)).toBe(true);
  });

  it('gives the CKAN API and DCAT-AP the same files as the whole catalogue', { timeout: 120_000 }, async () => {
    const whole = path.join(work, 'whole');
    const slim = path.join(work, 'slim');
    await writeOutputs(catalogue, whole, [ckanApiOutput, dcatOutput]);
    await writeOutputs(writerInput(catalogue) as Catalogue, slim, [ckanApiOutput, dcatOutput]);
    const files = await filesOf(whole);
    // Not vacuous: a table's Table Schema (its columns) is in its CKAN resource.
    expect([...files.values()].some((bytes) => Buffer.from(bytes, 'base64').toString().includes('"schema":{"fields"'))).toBe(true);
    expect(await filesOf(slim)).toEqual(files);
  });

  it('is handed to the thread only when every output on it reads no more', () => {
    const job = (outputs: (typeof ckanApiOutput)[]) => ({ outputs, outDir: work });
    expect(readsWriterInput(job([ckanApiOutput]), job([dcatOutput]))).toBe(true);
    expect(readsWriterInput(job([ckanApiOutput]), null)).toBe(true);
    // An output that reads the whole catalogue on the thread.
    expect(readsWriterInput(job([ckanApiOutput, { ...exportsOutput, thread: 'api' }]), job([dcatOutput]))).toBe(false);
    expect(readsWriterInput(job([ckanApiOutput]), job([dcatOutput, { ...exportsOutput, thread: 'after-pages' }]))).toBe(false);
  });
});
