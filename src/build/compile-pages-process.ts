// The page compiler's process (started by page-bundle.ts): runs Astro's build once, in the work
// folder it was started in, making the pages into a server bundle that renders a page from a view
// (src/site/render-entry.ts) and the client assets beside it. No catalogue is needed: pages are
// rendered later, by worker threads (render-worker.ts). A process of its own, so that Vite's and
// Rolldown's memory is returned before any page is rendered.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

export interface CompileJob {
  /** The package's folder: Astro config, src/ and public/. */
  packageRoot: string;
  /** Astro's project root: the work folder. */
  root: string;
  /** Where the bundle goes: `server/` (entry.mjs and its chunks) and `client/` (public files and `_astro/`). */
  outDir: string;
  site: string;
  base: string;
}

export type CompileOutcome = { ok: true } | { ok: false; error: { message: string; code?: string; path?: string; stack?: string } };

/** An adapter of our own: the server bundle is only ever loaded by our renderer, never served. */
function renderAdapter(entry: string): AstroIntegration {
  return {
    name: 'datashelf:render',
    hooks: {
      'astro:config:done': ({ setAdapter }) =>
        setAdapter({ name: 'datashelf-render', entrypointResolution: 'auto', serverEntrypoint: entry, supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable' } }),
    },
  };
}

/**
 * A component's `<script>` is bundled from a module named after the component's absolute path
 * (`/…/src/site/components/DatasetSearch.astro?astro&type=script&index=0&lang.ts`); Astro takes a
 * path outside its root for a root-relative one, and our sources sit outside the root (the work
 * folder). Vite's `/@fs` prefix says it is a file-system path; the script's own imports are then
 * resolved from the component's real folder.
 */
function componentScriptsPlugin(srcDir: string): Plugin {
  const prefix = `${srcDir.replace(/\\/g, '/').replace(/\/$/, '')}/`;
  const fileSystem = '/@fs';
  return {
    name: 'datashelf:component-scripts',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id.startsWith(prefix) && /\.astro\?astro&type=script&/.test(id)) return `${fileSystem}${id}`;
      if (importer?.startsWith(`${fileSystem}${prefix}`) && id.startsWith('.')) return this.resolve(path.posix.join(path.posix.dirname(importer.slice(fileSystem.length).replace(/\?.*$/, '')), id), undefined, { skipSelf: true });
      return undefined;
    },
  };
}

async function compile(job: CompileJob): Promise<void> {
  const { build } = await import('astro');
  const { default: siteConfig } = await import(pathToFileURL(path.join(job.packageRoot, 'astro.config.mjs')).href);
  await build({
    ...siteConfig,
    output: 'server',
    adapter: renderAdapter(path.join(job.packageRoot, 'src', 'site', 'render-entry.ts')),
    configFile: false,
    root: job.root,
    outDir: job.outDir,
    build: { ...siteConfig.build, client: path.join(job.outDir, 'client'), server: path.join(job.outDir, 'server'), serverEntry: 'entry.mjs' },
    cacheDir: path.join(job.root, 'cache'),
    site: job.site,
    base: job.base,
    logLevel: 'error',
    vite: { logLevel: 'error', cacheDir: path.join(job.root, 'cache', 'vite'), plugins: [componentScriptsPlugin(path.join(job.packageRoot, 'src'))] },
  });
}

// A build that was killed cannot use the pages: stop compiling them.
process.once('disconnect', () => process.exit(1));

// The job comes as the process's one argument (page-bundle.ts), so it starts without waiting for the build.
const job = JSON.parse(process.argv[2]!) as CompileJob;
compile(job).then(
  () => process.send!({ ok: true } satisfies CompileOutcome, () => process.exit(0)),
  (error: NodeJS.ErrnoException) => {
    const outcome: CompileOutcome = { ok: false, error: { message: error.message, code: error.code, path: error.path, stack: error.stack } };
    process.send!(outcome, () => process.exit(1));
  },
);
