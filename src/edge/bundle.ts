// Bundles the Worker and the Edge Function into one ES module each, with esbuild: the runtime
// (api-answer.ts and the CKAN handler, from this package's `src/`) and the build's own data (its
// host rules; for Netlify, the handler's index). Always from `src/` with paths relative to the
// package, so the bytes do not depend on where the package is installed (builds are byte-identical).
import { build, type Plugin } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's folder: this file is `src/edge/bundle.ts`, or `lib/edge/bundle.js` once compiled. */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * One ES module: `entry` is its source, importing from `src/edge/…` (package-relative, `./src/…`)
 * and from the virtual modules `datashelf:<name>`, each a default export of one JSON value.
 */
export async function bundleModule(entry: string, data: Record<string, unknown>): Promise<string> {
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
    plugins: [dataModules(data)],
  });
  return result.outputFiles[0]!.text;
}

function dataModules(data: Record<string, unknown>): Plugin {
  return {
    name: 'datashelf-data',
    setup(builder) {
      builder.onResolve({ filter: /^datashelf:/ }, (args) => ({ path: args.path.slice('datashelf:'.length), namespace: 'datashelf-data' }));
      builder.onLoad({ filter: /.*/, namespace: 'datashelf-data' }, (args) => {
        if (!Object.hasOwn(data, args.path)) throw new Error(`No data module ${args.path}`);
        return { contents: `export default ${JSON.stringify(data[args.path])};`, loader: 'js' };
      });
    },
  };
}
