// Finds a module that runs in another thread or process, beside the module asking for it. Run from
// the sources (tests, this repository) modules end in .ts and Node strips their types; an installed
// package runs the compiled .js. The sibling has the asker's extension, so both work unchanged.
//
// One exception: with DATASHELF_COMPILED_SIBLINGS=1 (the test suite sets it, having compiled lib/
// first), a sibling asked for from the sources is taken from lib/. Node strips types with a
// WebAssembly compiler, and several threads each loading .ts modules at once can crash V8 (its
// WebAssembly code registry is shared across a process's threads); a publisher's build runs lib/.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sources = fileURLToPath(new URL('../', import.meta.url));
const compiled = fileURLToPath(new URL('../../lib/', import.meta.url));

export function siblingModule(askerUrl: string, name: string): URL {
  const extension = path.extname(fileURLToPath(askerUrl));
  const sibling = new URL(`./${name}${extension}`, askerUrl);
  if (extension !== '.ts' || process.env.DATASHELF_COMPILED_SIBLINGS !== '1') return sibling;
  const relative = path.relative(sources, fileURLToPath(sibling));
  if (relative.startsWith('..')) return sibling;
  return pathToFileURL(path.join(compiled, relative.replace(/\.ts$/, '.js')));
}
