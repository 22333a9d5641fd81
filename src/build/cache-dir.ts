// Where a build keeps what a later build of the same output may reuse: a folder beside the output
// (`dist` → `.dist-cache`), so it is on the output's file system (pages are hard-linked from the
// published site) and a CI cache can save and restore it by one path.
import path from 'node:path';

export function buildCacheDir(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-cache`);
}
