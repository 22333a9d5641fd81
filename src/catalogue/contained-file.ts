// Where a path written in content/ leads, refusing anything that would publish a file from outside it.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ContainedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

// Synchronous on purpose: thousands of tiny metadata calls are several times faster than through
// the promise API's thread pool, and a build has nothing else to do meanwhile.

/**
 * `reference` resolved from `baseDir` to a regular file inside content/, or why not. Absolute paths,
 * `..` out of content/ and symbolic links that lead out of it are refused.
 */
export async function containedFile(contentDir: string, realContentDir: string, baseDir: string, reference: string): Promise<ContainedFile | string> {
  if (path.isAbsolute(reference) || /^[a-zA-Z]:[\\/]/.test(reference) || reference.startsWith('\\')) return 'is an absolute path; give a path relative to the dataset';
  if (reference.includes('\0')) return 'is not a valid path';
  const resolved = path.resolve(baseDir, reference);
  const inside = (candidate: string, root: string) => {
    const relative = path.relative(root, candidate);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (!inside(resolved, contentDir)) return 'leads outside content/';
  const info = lstatSync(resolved, { throwIfNoEntry: false });
  if (!info) return 'does not exist';
  const real = realOrNull(resolved);
  if (!real || !inside(real, realContentDir)) return 'is a link that leads outside content/';
  const target = statSync(real, { throwIfNoEntry: false });
  if (!target?.isFile()) return 'is not a regular file';
  return { path: resolved, size: target.size, mtimeMs: target.mtimeMs };
}

function realOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
