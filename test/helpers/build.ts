// Builds of test catalogues, and reading back every file a build wrote.
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type BuildReport } from '../../src/build/build.ts';
import { repoRoot } from './content.ts';
import { git } from './git.ts';

export async function buildInto(contentDir: string, outDir: string, includePrivate = false): Promise<BuildReport> {
  return buildSite({ contentDir, outDir, includePrivate });
}

/**
 * A temporary folder for a series of builds: a copy of the example catalogue (`content`), and the
 * site's and the cache's folders beside it (not made). With `inGit`, the copy is a Git repository
 * of one commit (2026-01-05T10:00:00Z), so its dates come from Git, as in a publisher's repository.
 */
export async function exampleWorkspace(name: string, options: { inGit?: boolean } = {}): Promise<{ root: string; contentDir: string; siteDir: string; cacheDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), `datashelf-${name}-`));
  const contentDir = path.join(root, 'content');
  await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  if (options.inGit) {
    await git(contentDir, ['init', '-q']);
    await git(contentDir, ['add', '-A']);
    await git(contentDir, ['commit', '-qm', 'The catalogue'], '2026-01-05T10:00:00Z');
  }
  return { root, contentDir, siteDir: path.join(root, 'site'), cacheDir: path.join(root, 'cache') };
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
