// When a build wrote its first page, read from the finished output rather than from the build's
// internals (which stage renders pages, in which process or worker, changes): the earliest
// modification time of an HTML file. Moving the site into place renames files, which keeps their
// times. The benchmark subtracts the time it started the build's process: the fixed cost a user
// pays before any page exists (Node's start, loading the catalogue, compiling the site).
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Epoch milliseconds of the earliest HTML file in `outDir` written at or after `notBefore` (pages
 * a build reused from an earlier one are older and left out); null when there is none.
 */
export async function firstPageWritten(outDir: string, notBefore = 0): Promise<number | null> {
  const pages = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.html'));
  let earliest: number | null = null;
  const batch = 512;
  for (let index = 0; index < pages.length; index += batch) {
    const stats = await Promise.all(pages.slice(index, index + batch).map((entry) => lstat(path.join(entry.parentPath, entry.name))));
    for (const { mtimeMs } of stats) if (mtimeMs >= notBefore && (earliest === null || mtimeMs < earliest)) earliest = mtimeMs;
  }
  return earliest;
}
