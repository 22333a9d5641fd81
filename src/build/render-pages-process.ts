// The page renderer's process (started by render-pages.ts): runs Astro's build once, in the work
// folder it was started in, with the catalogue provided to the pages as a virtual module.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

export interface RenderJob {
  /** The package's folder: Astro config, src/ and public/. */
  packageRoot: string;
  /** Astro's project root: the work folder, beside the output. */
  root: string;
  outDir: string;
  /** The JSON file behind each of the site's virtual modules (`virtual:datashelf/<name>`). */
  modules: Record<'catalogue' | 'outputs', string>;
  site: string;
  base: string;
}

export type RenderOutcome = { ok: true } | { ok: false; error: { message: string; code?: string; path?: string; stack?: string } };

/** `import catalogue from 'virtual:datashelf/catalogue'` gives the pages the build's catalogue; likewise its outputs. */
function buildModulesPlugin(modules: RenderJob['modules']): Plugin {
  const prefix = 'virtual:datashelf/';
  const files = new Map(Object.entries(modules).map(([name, file]) => [`\0${prefix}${name}`, file]));
  return {
    name: 'datashelf:build-modules',
    resolveId: (id) => (id.startsWith(prefix) && files.has(`\0${id}`) ? `\0${id}` : undefined),
    load: (id) => {
      const file = files.get(id);
      return file === undefined ? undefined : `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
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

async function render(job: RenderJob): Promise<void> {
  const { build } = await import('astro');
  const { default: siteConfig } = await import(pathToFileURL(path.join(job.packageRoot, 'astro.config.mjs')).href);
  await build({
    ...siteConfig,
    configFile: false,
    root: job.root,
    outDir: job.outDir,
    cacheDir: path.join(job.root, 'cache'),
    site: job.site,
    base: job.base,
    logLevel: 'error',
    vite: { logLevel: 'error', cacheDir: path.join(job.root, 'cache', 'vite'), plugins: [buildModulesPlugin(job.modules), componentScriptsPlugin(path.join(job.packageRoot, 'src'))] },
  });
}

// A build that was killed cannot collect the pages: stop rendering them.
process.once('disconnect', () => process.exit(1));

process.once('message', (job: RenderJob) => {
  render(job).then(
    () => process.send!({ ok: true } satisfies RenderOutcome, () => process.exit(0)),
    (error: NodeJS.ErrnoException) => {
      const outcome: RenderOutcome = { ok: false, error: { message: error.message, code: error.code, path: error.path, stack: error.stack } };
      process.send!(outcome, () => process.exit(1));
    },
  );
});
