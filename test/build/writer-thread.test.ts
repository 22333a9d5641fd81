// The build's one writer thread (src/build/api-thread.ts): it writes its first job (the CKAN API)
// at once and its later job (DCAT-AP) only once told the pages have ended, the same files as the
// outputs written on the main thread; and a failure in either job fails both of the build's waits,
// the later one too when the thread was never told to go on.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWriterThread } from '../../src/build/api-thread.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { ckanApiOutput } from '../../src/outputs/ckan/output.ts';
import { dcatOutput } from '../../src/outputs/dcat/output.ts';
import { writeOutputs } from '../../src/outputs/index.ts';
import { listFiles } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';

let work: string;
let catalogue: Catalogue;
let reference: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-writer-thread-'));
  catalogue = (await loadCatalogue({ contentDir: path.join(repoRoot, 'content'), today: '2026-11-20' })).catalogue;
  reference = path.join(work, 'reference');
  await writeOutputs(catalogue, reference, [ckanApiOutput, dcatOutput]);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every file under the folders, by path relative to its folder, with its bytes. */
async function filesOf(...dirs: string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const dir of dirs) for (const file of await listFiles(dir)) files.set(file, (await readFile(path.join(dir, file))).toString('base64'));
  return files;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the writer thread', () => {
  it('writes the later job only once the pages have ended, and the same files as the main thread', { timeout: 120_000 }, async () => {
    const [api, later] = [path.join(work, 'a', 'api'), path.join(work, 'a', 'later')];
    const writer = startWriterThread(catalogue, { outputs: [ckanApiOutput], outDir: api }, { outputs: [dcatOutput], outDir: later }, new AbortController().signal);
    const first = await writer.first!;
    expect(first.stages.map((stage) => stage.name)).toEqual(ckanApiOutput.parts.map((part) => part.name));
    // Told nothing yet: the thread waits (a thread that went on would have written DCAT-AP's
    // first files of this small catalogue by now).
    await pause(1000);
    expect(existsSync(later)).toBe(false);
    writer.pagesEnded();
    const report = await writer.later!;
    expect(report.stages.map((stage) => stage.name)).toEqual(['dcat']);
    expect(report.dcatPages).toBeNull();
    expect(await filesOf(api, later)).toEqual(await filesOf(reference));
  });

  it('without a first job, starts when the pages end and writes the later one', { timeout: 120_000 }, async () => {
    const later = path.join(work, 'b', 'later');
    const writer = startWriterThread(catalogue, null, { outputs: [dcatOutput], outDir: later }, new AbortController().signal);
    expect(writer.first).toBeNull();
    writer.pagesEnded();
    await writer.later!;
    const dcatOnly = path.join(work, 'b', 'reference');
    await writeOutputs(catalogue, dcatOnly, [dcatOutput]);
    expect(await filesOf(later)).toEqual(await filesOf(dcatOnly));
  });

  it('fails both waits when the first job fails, though never told the pages ended', { timeout: 120_000 }, async () => {
    const blocker = path.join(work, 'c-file');
    await writeFile(blocker, 'not a folder');
    const writer = startWriterThread(catalogue, { outputs: [ckanApiOutput], outDir: path.join(blocker, 'api') }, { outputs: [dcatOutput], outDir: path.join(work, 'c', 'later') }, new AbortController().signal);
    await expect(writer.first).rejects.toThrow(/ENOTDIR/);
    await expect(writer.later).rejects.toThrow(/ENOTDIR/);
    expect(existsSync(path.join(work, 'c', 'later'))).toBe(false);
  });

  it('fails the later wait when the later job fails, after the first job was written', { timeout: 120_000 }, async () => {
    const blocker = path.join(work, 'd-file');
    await writeFile(blocker, 'not a folder');
    const writer = startWriterThread(catalogue, { outputs: [ckanApiOutput], outDir: path.join(work, 'd', 'api') }, { outputs: [dcatOutput], outDir: path.join(blocker, 'later') }, new AbortController().signal);
    await writer.first;
    writer.pagesEnded();
    await expect(writer.later).rejects.toThrow(/ENOTDIR/);
  });

  it('ends when the build stops it while it waits for the pages', { timeout: 120_000 }, async () => {
    const stop = new AbortController();
    const writer = startWriterThread(catalogue, { outputs: [ckanApiOutput], outDir: path.join(work, 'e', 'api') }, { outputs: [dcatOutput], outDir: path.join(work, 'e', 'later') }, stop.signal);
    await writer.first;
    stop.abort();
    await expect(writer.later).rejects.toThrow(/stopped with code/);
  });
});
