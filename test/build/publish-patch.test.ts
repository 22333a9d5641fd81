// Publishing as a patch, on its own: the previous output comes back whole when a build dies
// half-way through moving files in, and the next build undoes what it had done.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishPatch, type Patch } from '../../src/build/publish-patch.ts';
import { recoverAbandoned } from '../../src/build/staging.ts';
import { buildMarkerFile } from '../../src/outputs/output-sink.ts';
import { readAll } from '../helpers/build.ts';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
}

/** An output, and a staging folder beside it (of a process that is gone) holding a patch's new files. */
async function outputAndPatch(): Promise<{ outDir: string; stagingDir: string; patch: Patch }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'datashelf-patch-'));
  made.push(parent);
  const outDir = path.join(parent, 'dist');
  await writeTree(outDir, { 'index.html': 'old home', 'dataset/a/index.html': 'old a', 'dataset/gone/index.html': 'gone', 'api/x.json': 'x', [buildMarkerFile]: 'old marker' });
  // Process id 999999999 is never running: the staging folder is an abandoned build's.
  const stagingDir = path.join(parent, '.dist-building-999999999-abc');
  await writeTree(path.join(stagingDir, 'site'), { 'index.html': 'new home', 'dataset/a/index.html': 'new a', 'dataset/new/index.html': 'new' });
  const patch: Patch = {
    changed: [
      { path: 'dataset/a/index.html', existed: true },
      { path: 'dataset/new/index.html', existed: false },
      { path: 'index.html', existed: true },
    ],
    removed: ['dataset/gone/index.html'],
  };
  return { outDir, stagingDir, patch };
}

describe('publishing a patch', () => {
  it('moves the new and changed files in, takes the removed ones and their empty folders out, and writes the marker last', async () => {
    const { outDir, stagingDir, patch } = await outputAndPatch();
    publishPatch(stagingDir, path.join(stagingDir, 'site'), outDir, patch, 'new marker');
    expect(Object.fromEntries([...(await readAll(outDir))].map(([file, bytes]) => [file, bytes.toString()]))).toEqual({
      'index.html': 'new home',
      'dataset/a/index.html': 'new a',
      'dataset/new/index.html': 'new',
      'api/x.json': 'x',
      [buildMarkerFile]: 'new marker',
    });
    await expect(readFile(path.join(outDir, 'dataset/gone/index.html'))).rejects.toThrow(/ENOENT/);
    await expect(rm(path.join(outDir, 'dataset/gone'))).rejects.toThrow(/ENOENT/);
  });

  it('is undone by the next build when the build applying it was killed part-way', async () => {
    const { outDir, stagingDir, patch } = await outputAndPatch();
    const before = await readAll(outDir);
    // What a build killed after two of the three moves leaves: the journal, the undo folder, the marker gone.
    const undo = path.join(stagingDir, 'undo');
    await mkdir(undo);
    await writeFile(path.join(stagingDir, 'patch.json'), JSON.stringify(patch));
    await rename(path.join(outDir, buildMarkerFile), path.join(undo, 'marker'));
    await rename(path.join(outDir, 'dataset/gone/index.html'), path.join(undo, 'r0'));
    await rm(path.join(outDir, 'dataset/gone'), { recursive: true });
    await rename(path.join(outDir, 'dataset/a/index.html'), path.join(undo, 'c0'));
    await rename(path.join(stagingDir, 'site/dataset/a/index.html'), path.join(outDir, 'dataset/a/index.html'));
    await mkdir(path.join(outDir, 'dataset/new'));
    await rename(path.join(stagingDir, 'site/dataset/new/index.html'), path.join(outDir, 'dataset/new/index.html'));
    expect(await recoverAbandoned(outDir)).toEqual([stagingDir]);
    expect(await readAll(outDir)).toEqual(before);
    await expect(rm(path.join(outDir, 'dataset/new'))).rejects.toThrow(/ENOENT/);
  });
});
