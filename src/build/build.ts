// `datashelf build`: content → catalogue → pages, exports and files, written to a temporary
// folder and moved into place only when everything succeeded.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { ContentProblem } from '../catalogue/errors.ts';
import { exportJsonPath } from '../outputs/datapress.ts';
import { writeHostConfigs } from '../outputs/hosts/write.ts';
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
  const besideOutputs = outputs.filter((output) => output.thread === 'beside-pages');
  const besideFiles = path.join(staging.dir, 'beside-pages');
  let beside: Promise<void> | null = null;
  try {
    const pages = timed('pages', () => renderPages(catalogue, siteOutputs(catalogue, outputs), staging.site, path.join(staging.dir, 'render')));
    // This thread only waits for the renderer's process: CPU-bound outputs are written meanwhile, beside the site.
    beside = besideOutputs.length ? writeOutputs(catalogue, besideFiles, besideOutputs, (name, work) => timed(`${name} (beside pages)`, work)) : null;
    beside?.catch(() => {});
    await pages;
    if (beside) {
      const written = beside;
      await timed('beside pages (waiting)', async () => {
        await written;
        moveInto(besideFiles, staging.site);
      });
    }
    await writeOutputs(catalogue, staging.site, outputs.filter((output) => output.thread === 'main'), timed);
    await timed('files', () => publishFiles(catalogue, staging.site));
    if (apiThread) {
      await timed('api (waiting)', async () => {
        const report = await apiThread;
        stages.push(...report.stages.map((stage) => ({ name: `${stage.name} (thread)`, ms: stage.ms })));
        moveInto(apiFiles, staging.site);
      });
    }
    // Every build, after its outputs: how hosts (and the preview) serve exactly the outputs it holds.
    await timed('hosts', () => writeHostConfigs(catalogue, staging.site, outputs));
    await timed('publish', () => publishStaged(staging, outDir));
  } catch (error) {
    stopApi.abort();
    await apiThread?.catch(() => {});
    await beside?.catch(() => {});
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

/**
 * Moves every entry of `from` into `to`, merging folders that both hold (renames only, no copies);
 * an entry of `from` replaces a file of the same name in `to`. Where `to`'s folder holds fewer
 * entries (the site's `dataset/` has a folder a dataset, the DCAT output's two files a dataset),
 * those are moved the other way and the folder put in place whole: half the renames. Synchronous:
 * thousands of renames are several times faster than through the promise API's thread pool.
 */
function moveInto(from: string, to: string): void {
  const entries = readdirSync(from, { withFileTypes: true });
  const existing = new Map(readdirSync(to, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  if (existing.size < entries.length) {
    const names = new Set(entries.map((entry) => entry.name));
    for (const entry of existing.values()) {
      if (!names.has(entry.name)) renameSync(path.join(to, entry.name), path.join(from, entry.name));
    }
    // What both hold, `from`'s wins: merged into it (folders), or `to`'s dropped (files).
    for (const entry of entries) {
      const other = existing.get(entry.name);
      if (other?.isDirectory() && entry.isDirectory()) moveBack(path.join(to, entry.name), path.join(from, entry.name));
    }
    rmSync(to, { recursive: true });
    renameSync(from, to);
    return;
  }
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory() && existing.get(entry.name)?.isDirectory()) moveInto(source, target);
    else renameSync(source, target);
  }
}

/** Moves into `to` what `from` holds and `to` does not (folders that both hold: merged the same way): `to`'s entries win. */
function moveBack(from: string, to: string): void {
  const existing = new Map(readdirSync(to, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const other = existing.get(entry.name);
    if (!other) renameSync(path.join(from, entry.name), path.join(to, entry.name));
    else if (other.isDirectory() && entry.isDirectory()) moveBack(path.join(from, entry.name), path.join(to, entry.name));
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
