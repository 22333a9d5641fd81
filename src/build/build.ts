// `datashelf build`: content → catalogue → pages, exports and files, written to a temporary
// folder and moved into place only when everything succeeded.
import { readdirSync, renameSync, rmdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../catalogue/load.ts';
import { withLinkCheck, type LinkCheckResults } from '../qa/results.ts';
import type { Catalogue } from '../catalogue/model.ts';
import type { ContentProblem } from '../catalogue/errors.ts';
import { exportJsonPath } from '../outputs/datapress.ts';
import { hostTable } from '../outputs/hosts/table.ts';
import type { EdgeHost } from '../edge/files.ts';
import { writeHostConfigs } from '../outputs/hosts/write.ts';
import { enabledOutputs, siteOutputs, writeOutputs, type OutputChoice } from '../outputs/index.ts';
import type { Output } from '../outputs/output.ts';
import { writeOnApiThread, type ThreadReport } from './api-thread.ts';
import { UserError } from '../util/user-error.ts';
import { renderPages } from './render-pages.ts';
import { precompress } from './precompress.ts';
import { publishFiles } from './publish-files.ts';
import { closeStaging, openStaging, publishStaged, recoverAbandoned } from './staging.ts';

export interface BuildOptions extends OutputChoice {
  contentDir: string;
  /** The hosts whose code (with the CKAN request handler) the build writes: none unless asked. */
  edge?: readonly EdgeHost[];
  outDir: string;
  includePrivate?: boolean;
  /** Results of `datashelf qa`, for the links' QA fields. */
  linkCheck?: LinkCheckResults | null;
  /** The build's day, `YYYY-MM-DD`, for review dates (default: SOURCE_DATE_EPOCH, else the latest commit). */
  today?: string;
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
  const loaded = await timed('load', () => loadCatalogue({ contentDir: options.contentDir, includePrivate: options.includePrivate, ...(options.today ? { today: options.today } : {}) }));
  const { warnings } = loaded;
  const catalogue = options.linkCheck ? withLinkCheck(loaded.catalogue, options.linkCheck) : loaded.catalogue;
  const outDir = path.resolve(options.outDir);
  await assertReplaceable(outDir, path.resolve(options.contentDir));
  const staging = await openStaging(outDir);
  const outputs = enabledOutputs(options);
  const onThread = (thread: Output['thread']) => outputs.filter((output) => output.thread === thread);
  const apiFiles = path.join(staging.dir, 'api-files');
  const laterFiles = path.join(staging.dir, 'after-pages-files');
  const stopThreads = new AbortController();
  // The API goes to its own folder on a second thread while Astro renders (and empties) `site`.
  const apiThread = onThread('api').length ? writeOnApiThread(catalogue, onThread('api'), apiFiles, stopThreads.signal) : null;
  apiThread?.catch(() => {});
  let laterThread: Promise<ThreadReport> | null = null;
  try {
    await timed('pages', () => renderPages(catalogue, siteOutputs(catalogue, outputs), staging.site, path.join(staging.dir, 'render')));
    // Astro's process has ended: CPU-bound outputs get the core it had, beside this thread's outputs.
    laterThread = onThread('after-pages').length ? writeOnApiThread(catalogue, onThread('after-pages'), laterFiles, stopThreads.signal) : null;
    laterThread?.catch(() => {});
    await writeOutputs(catalogue, staging.site, onThread('main'), timed);
    await timed('files', () => publishFiles(catalogue, staging.site));
    for (const [name, thread, files] of [['api', apiThread, apiFiles], ['after pages', laterThread, laterFiles]] as const) {
      if (!thread) continue;
      await timed(`${name} (waiting)`, async () => {
        const report = await thread;
        stages.push(...report.stages.map((stage) => ({ name: `${stage.name} (thread)`, ms: stage.ms })));
        moveInto(files, staging.site);
      });
    }
    // Every build, after its outputs: how hosts (and the preview) serve exactly the outputs it holds.
    await timed('hosts', () => writeHostConfigs(catalogue, staging.site, outputs, options.edge ?? []));
    await timed('compress', () => precompress(staging.site, hostTable(outputs)));
    await timed('publish', () => publishStaged(staging, outDir));
  } catch (error) {
    stopThreads.abort();
    await apiThread?.catch(() => {});
    await laterThread?.catch(() => {});
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
 * Moves every entry of `from` into `to`, merging folders that both hold (renames only, no copies).
 * Where `to`'s folder holds fewer entries and none of the same name (the site's `dataset/` has a
 * folder a dataset, DCAT-AP's two files a dataset), those are moved the other way and the folder
 * put in place whole: half the renames. Synchronous: thousands of renames are several times
 * faster than through the promise API's thread pool.
 */
function moveInto(from: string, to: string): void {
  const entries = readdirSync(from, { withFileTypes: true });
  const existing = new Map(readdirSync(to, { withFileTypes: true }).map((entry) => [entry.name, entry]));
  if (existing.size < entries.length && entries.every((entry) => !existing.has(entry.name))) {
    for (const name of existing.keys()) renameSync(path.join(to, name), path.join(from, name));
    rmdirSync(to);
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
