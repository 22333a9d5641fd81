// Bundles the Worker and the Edge Function into one ES module each, with esbuild: the runtime
// (api-answer.ts and the CKAN handler, from this package's `src/`), preceded by the build's own data
// (its host rules; for Netlify, the handler's index) as constants. Always from `src/` with paths
// relative to the package, so the bytes do not depend on where the package is installed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder: this file is `src/edge/bundle.ts`, or `lib/edge/bundle.js` once compiled. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * One ES module: `entry` is its source, importing from `src/edge/…` (package-relative, `./src/…`);
 * each of `data` is a constant of the module, declared before the bundled code, which `entry` names
 * as a global (`__datashelfSite`). The data does not go through esbuild: a catalogue's index is tens
 * of megabytes, which esbuild parses and prints far slower than it is written here.
 */
export async function bundleModule(entry: string, data: Record<string, unknown>): Promise<string> {
  // Imported here: only a build asked for a host's code (--edge) bundles anything.
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: entry, resolveDir: packageRoot, sourcefile: 'datashelf-entry.js', loader: 'js' },
    absWorkingDir: packageRoot,
    bundle: true,
    format: 'esm',
    // Web-standard APIs only: a Node.js built-in in the handler fails the build here.
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const constants = Object.entries(data).map(([name, value]) => {
    if (!/^__datashelf[A-Z]\w*$/.test(name)) throw new Error(`${name} is no name for the generated module's data`);
    return `const ${name} = ${JSON.stringify(value)};\n`;
  });
  return `${constants.join('')}${result.outputFiles[0]!.text}`;
}
