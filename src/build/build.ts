// `datashelf build`: content → catalogue → pages, exports and files, written to a temporary
// folder and moved into place only when everything succeeded.
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { ContentProblem } from '../catalogue/errors.ts';
import { exportJsonPath } from '../outputs/datapress.ts';
import { exportGroups, writeOutputs } from '../outputs/index.ts';
import { writeApiOnThread } from './api-thread.ts';
import { UserError } from '../util/user-error.ts';
import { renderPages } from './pages.ts';
import { publishFiles } from './publish-files.ts';

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  includePrivate?: boolean;
  /** Write the CKAN API and the host configurations that serve it (default true). */
  ckanApi?: boolean;
}

export interface BuildReport {
  catalogue: Catalogue;
  warnings: ContentProblem[];
  /** Milliseconds per stage, in the order they ran. */
  stages: { name: string; ms: number }[];
}

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const stages: BuildReport['stages'] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      stages.push({ name, ms: Math.round(performance.now() - started) });
    }
  };

  const { catalogue, warnings } = await timed('load', () => loadCatalogue({ contentDir: options.contentDir, includePrivate: options.includePrivate }));
  const outDir = path.resolve(options.outDir);
  await assertReplaceable(outDir, path.resolve(options.contentDir));
  const parent = path.dirname(outDir);
  await mkdir(parent, { recursive: true });
  // Beside the output folder, so the final move is a rename on the same file system.
  const staging = await mkdtemp(path.join(parent, `.${path.basename(outDir)}-building-`));
  const site = path.join(staging, 'site');
  const apiFiles = path.join(staging, 'api-files');
  try {
    // The API goes to its own folder on a second thread while Astro renders (and empties) `site`.
    const apiThread = options.ckanApi === false ? null : writeApiOnThread(catalogue, apiFiles);
    apiThread?.catch(() => {});
    await timed('pages', () => renderPages(catalogue, site, path.join(staging, 'cache')));
    await writeOutputs(catalogue, site, exportGroups, timed);
    await timed('files', () => publishFiles(catalogue, site));
    if (apiThread) {
      await timed('api (waiting)', async () => {
        const report = await apiThread;
        stages.push(...report.stages.map((stage) => ({ name: `${stage.name} (thread)`, ms: stage.ms })));
        await moveInto(apiFiles, site);
      });
    }
    await timed('publish', () => swapInto(site, outDir, staging));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { catalogue, warnings, stages };
}

/**
 * The output folder is replaced whole, so it must be one we may replace: absent, empty, or an
 * earlier build; never the content, a folder holding it, or the working folder.
 */
async function assertReplaceable(outDir: string, contentDir: string): Promise<void> {
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + path.sep);
  if (within(contentDir, outDir) || within(outDir, contentDir) || within(process.cwd(), outDir)) {
    throw new UserError(`--out ${outDir} overlaps the content folder or the working folder, and the build replaces it whole.`, 'Choose a separate folder for the site, e.g. --out dist.');
  }
  const entries = await readdir(outDir).catch(() => null);
  if (!entries || entries.length === 0) return;
  const earlierBuild = await stat(path.join(outDir, exportJsonPath)).catch(() => null);
  if (!earlierBuild) {
    throw new UserError(`${outDir} is not empty and does not hold an earlier build, and the build replaces it whole.`, 'Choose a new or empty folder for --out, or remove this one yourself.');
  }
}

/** Moves every entry of `from` into `to`, merging folders that both hold (renames only, no copies). */
async function moveInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const existing = await stat(target).catch(() => null);
    if (entry.isDirectory() && existing?.isDirectory()) await moveInto(source, target);
    else await rename(source, target);
  }
}

/** Replaces `outDir` with `built`; the old output is kept until the new one is in place. */
async function swapInto(built: string, outDir: string, staging: string): Promise<void> {
  const existing = await stat(outDir).catch(() => null);
  if (existing) await rename(outDir, path.join(staging, 'previous'));
  await rename(built, outDir);
}
