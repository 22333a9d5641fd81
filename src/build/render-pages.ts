// Renders the HTML site with Astro in a child process, handing it the already-loaded catalogue.
// A process of its own lets Astro work in a folder beside the output (Astro puts its server chunks
// under the working folder, and a process may not change another's), so nothing is written inside
// the installed package and every rename stays on the output's file system; and nothing of one
// build (modules, cached routes) is left in the process for the next.
import { fork } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../catalogue/model.ts';
import type { SiteOutputs } from '../outputs/index.ts';
import { siblingModule } from '../util/sibling-module.ts';
import type { RenderJob, RenderOutcome } from './render-pages-process.ts';

/** The package's own folder: the Astro project (config, pages, styles) ships inside it. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Renders every page of `catalogue` into `outDir`, using `workDir` (beside it) for Astro's own files; pages link only to `outputs`. */
export async function renderPages(catalogue: Catalogue, outputs: SiteOutputs, outDir: string, workDir: string): Promise<void> {
  await mkdir(workDir, { recursive: true });
  const modules = { catalogue: path.join(workDir, 'catalogue.json'), outputs: path.join(workDir, 'outputs.json') };
  await writeFile(modules.catalogue, JSON.stringify(catalogue));
  await writeFile(modules.outputs, JSON.stringify(outputs));
  await linkPackageDependencies(workDir);
  await runRenderProcess({ packageRoot, root: workDir, outDir, modules, site: catalogue.site.url, base: catalogue.site.basePath });
}

/**
 * Astro's server chunks are written under the work folder and import Astro by name; a link to the
 * folder the package's dependencies are installed in lets Node find them from there.
 */
async function linkPackageDependencies(workDir: string): Promise<void> {
  const astroEntry = fileURLToPath(import.meta.resolve('astro'));
  const marker = `${path.sep}node_modules${path.sep}`;
  const dependencies = astroEntry.slice(0, astroEntry.lastIndexOf(marker) + marker.length - 1);
  await symlink(dependencies, path.join(workDir, 'node_modules'), 'junction');
}

function runRenderProcess(job: RenderJob): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(siblingModule(import.meta.url, 'render-pages-process'), {
      cwd: job.root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      execArgv: ['--max-semi-space-size=8'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    let outcome: RenderOutcome | null = null;
    child.on('message', (message: RenderOutcome) => {
      outcome = message;
    });
    child.once('spawn', () => child.send(job));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (outcome?.ok && code === 0) return resolve();
      const failure = outcome && !outcome.ok ? outcome.error : null;
      const error = new Error(failure?.message ?? `the page renderer stopped (${signal ?? `exit code ${code}`})\n${output}`) as NodeJS.ErrnoException;
      if (failure?.code) error.code = failure.code;
      if (failure?.path) error.path = failure.path;
      if (failure?.stack) error.stack = failure.stack;
      reject(error);
    });
  });
}
