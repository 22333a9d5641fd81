// Finds a module that runs in another thread or process, beside the module asking for it. Run from
// the sources (tests, this repository) modules end in .ts and Node strips their types; an installed
// package runs the compiled .js. The sibling has the asker's extension, so both work unchanged.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function siblingModule(askerUrl: string, name: string): URL {
  return new URL(`./${name}${path.extname(fileURLToPath(askerUrl))}`, askerUrl);
}
