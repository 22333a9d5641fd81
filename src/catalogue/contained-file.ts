// Where a path written in content/ leads, refusing anything that would publish a file from outside it.
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface ContainedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

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
  const info = await lstat(resolved).catch(() => null);
  if (!info) return 'does not exist';
  const real = await realpath(resolved).catch(() => null);
  if (!real || !inside(real, realContentDir)) return 'is a link that leads outside content/';
  const target = await stat(real).catch(() => null);
  if (!target?.isFile()) return 'is not a regular file';
  return { path: resolved, size: target.size, mtimeMs: target.mtimeMs };
}
