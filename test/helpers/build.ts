// Builds of test catalogues, and reading back every file a build wrote.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite, type BuildReport } from '../../src/build/build.ts';

export async function buildInto(contentDir: string, outDir: string, includePrivate = false): Promise<BuildReport> {
  return buildSite({ contentDir, outDir, includePrivate });
}

/** Every file under `dir`, by path relative to it (with `/`), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The first file by which `actual` differs from `expected` (missing, extra, other bytes), or null: two builds compared. */
export async function firstDifference(expected: string, actual: string): Promise<string | null> {
  const [wanted, got] = [await listFiles(expected), await listFiles(actual)];
  const gotSet = new Set(got);
  const wantedSet = new Set(wanted);
  for (const file of wanted) if (!gotSet.has(file)) return `${file}: missing`;
  for (const file of got) if (!wantedSet.has(file)) return `${file}: not in the full build`;
  for (const file of wanted) {
    if (!(await readFile(path.join(expected, file))).equals(await readFile(path.join(actual, file)))) return `${file}: other bytes`;
  }
  return null;
}

export async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) files.set(file, await readFile(path.join(dir, file)));
  return files;
}
