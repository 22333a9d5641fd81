// Which files of a build the preview may serve: a path counts only when its real location, with
// symbolic links resolved, is inside the build folder's own real location. A link in the build to
// `/etc/passwd` or to a folder elsewhere is therefore absent, as it would be on a static host.
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildFiles } from './route.ts';

export interface ServableFiles extends BuildFiles {
  /** The real path of a site-relative path's file, or null when there is none inside the build. */
  realFile(relative: string): Promise<string | null>;
}

/**
 * The build at `root` as one request sees it. The root's real path is read per request, not once at
 * start, so a build moved into place while the preview runs (or a root that is itself a link) is
 * judged by where it is now.
 */
export function servableFiles(root: string): ServableFiles {
  const realRoot = realpath(root).catch(() => null);
  const locate = async (relative: string): Promise<{ real: string; stats: Stats } | null> => {
    const rootNow = await realRoot;
    if (rootNow === null || relative.includes('\0')) return null;
    const real = await realpath(path.join(rootNow, relative)).catch(() => null);
    if (real === null || !isWithin(rootNow, real)) return null;
    const stats = await stat(real).catch(() => null);
    return stats && { real, stats };
  };
  return {
    isFile: async (relative) => Boolean((await locate(relative))?.stats.isFile()),
    isFolder: async (relative) => Boolean((await locate(relative))?.stats.isDirectory()),
    realFile: async (relative) => {
      const found = await locate(relative);
      return found?.stats.isFile() ? found.real : null;
    },
  };
}

function isWithin(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
