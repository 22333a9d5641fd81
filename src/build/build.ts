// `datashelf build`: content → catalogue → pages, exports and files, written to a temporary
// folder and moved into place only when everything succeeded.
import { readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { ContentProblem } from '../catalogue/errors.ts';
import { exportJsonPath } from '../outputs/datapress.ts';
import { enabledOutputs, siteOutputs, writeOutputs, type OutputChoice } from '../outputs/index.ts';
import { writeOnApiThread } from './api-thread.ts';
import { UserError } from '../util/user-error.ts';
import { renderPages } from './render-pages.ts';
import { publishFiles } from './publish-files.ts';
import { closeStaging, openStaging, publishStaged, recoverAbandoned } from './staging.ts';

export interface BuildOptions extends OutputChoice {
  contentDir: string;
  outDir: string;
  includePrivate?: boolean;
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

  // Before anything can fail: an output stranded by a build killed while publishing is put back.
  await recoverAbandoned(path.resolve(options.outDir));
  const { catalogue, warnings } = await timed('load', () => loadCatalogue({ contentDir: options.contentDir, includePrivate: options.includePrivate }));
  const outDir = path.resolve(options.outDir);
  await assertReplaceable(outDir, path.resolve(options.contentDir));
  const staging = await openStaging(outDir);
  const outputs = enabledOutputs(options);
  const threadOutputs = outputs.filter((output) => output.thread === 'api');
  const apiFiles = path.join(staging.dir, 'api-files');
  const stopApi = new AbortController();
  // The API goes to its own folder on a second thread while Astro renders (and empties) `site`.
  const apiThread = threadOutputs.length ? writeOnApiThread(catalogue, threadOutputs, apiFiles, stopApi.signal) : null;
  apiThread?.catch(() => {});
  try {
    await timed('pages', () => renderPages(catalogue, siteOutputs(catalogue, outputs), staging.site, path.join(staging.dir, 'render')));
    await writeOutputs(catalogue, staging.site, outputs.filter((output) => output.thread === 'main'), timed);
    await timed('files', () => publishFiles(catalogue, staging.site));
    if (apiThread) {
      await timed('api (waiting)', async () => {
        const report = await apiThread;
        stages.push(...report.stages.map((stage) => ({ name: `${stage.name} (thread)`, ms: stage.ms })));
        await moveInto(apiFiles, staging.site);
      });
    }
    await timed('publish', () => publishStaged(staging, outDir));
  } catch (error) {
    stopApi.abort();
    await apiThread?.catch(() => {});
    throw machineRefusal(error, outDir) ?? error;
  } finally {
    await closeStaging(staging);
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

/**
 * The machine's refusals (a full disk, no permission) are not bugs: one sentence naming where,
 * and the reassurance that matters, instead of a trace from whichever library was writing.
 */
function machineRefusal(error: unknown, outDir: string): UserError | null {
  const { code, message } = error as NodeJS.ErrnoException;
  const found = (code && refusals[code]) || Object.entries(refusals).find(([name]) => message?.includes(name))?.[1];
  if (!found) return null;
  return new UserError(`datashelf build: ${found.what} while writing ${outDir}; the previous site is unchanged.`, found.hint);
}

const refusals: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: 'no space left on device', hint: 'Free some space on that disk, or build to a folder on another (--out), and run the build again.' },
  EDQUOT: { what: 'disk quota exceeded', hint: 'Free some space within your quota, or build to a folder elsewhere (--out), and run the build again.' },
  EACCES: { what: 'permission denied', hint: 'Build to a folder you may write to (--out), or give yourself write access to this one.' },
  EPERM: { what: 'operation not permitted', hint: 'Build to a folder you may write to (--out), or give yourself write access to this one.' },
  EROFS: { what: 'the file system is read-only', hint: 'Build to a folder on a writable disk (--out).' },
};
