// Test catalogues: a fixture copied to a temporary `content/` folder, with files changed or removed.
import { cp, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentError, formatProblem, sortProblems } from '../../src/catalogue/errors.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const repoRoot = path.resolve(fixturesDir, '..', '..');

/** A workspace folder holding `content/` (a copy of the fixture with `changes` applied: text, or null to delete). */
export async function contentFrom(fixture: string, changes: Record<string, string | Buffer | null> = {}): Promise<{ root: string; contentDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'datashelf-test-'));
  const contentDir = path.join(root, 'content');
  await cp(path.join(fixturesDir, fixture), contentDir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) {
    const target = path.join(contentDir, file);
    if (text === null) {
      await rm(target, { recursive: true, force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
    }
  }
  // Files outside Git are dated by modification time: fix it, so outputs are the same on every checkout.
  for (const entry of await readdir(contentDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), fixedTime, fixedTime);
  }
  return { root, contentDir };
}

/** The modification time given to every file of a test catalogue. */
export const fixedTime = new Date('2024-05-01T08:00:00Z');

/** Every problem the loader reports for `contentDir`, as a publisher reads them (paths from its parent). */
export async function problemsIn(contentDir: string): Promise<string[]> {
  try {
    const { warnings } = await loadCatalogue({ contentDir, includePrivate: true });
    return sortProblems(warnings).map((problem) => formatProblem(problem, path.dirname(contentDir)));
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return sortProblems(error.problems).map((problem) => formatProblem(problem, path.dirname(contentDir)));
  }
}

/** Only the errors (not warnings such as "not in Git"), as a publisher reads them. */
export async function errorsIn(contentDir: string): Promise<string[]> {
  return (await problemsIn(contentDir)).filter((line) => !/: warning: /.test(line.split('\n')[0]!));
}
