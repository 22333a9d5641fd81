// `datashelf build`: content → catalogue → pages, exports and files, written to a temporary
// folder and moved into place only when everything succeeded: the whole folder, or, when the
// build's cache describes the previous output, only the files that changed (a patch).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
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
import { dcatOutput, finishSharedPages, takeFrom, writeSharedPages } from '../outputs/dcat/output.ts';
import type { Output } from '../outputs/output.ts';
import { buildMarker, buildMarkerFile, closeSink, openSink, OutputSink, type Manifest } from '../outputs/output-sink.ts';
import { manifestEdits, manifestText, markerOf, parseManifestText, patchedManifestText } from '../outputs/manifest-text.ts';
import { startWriterThread, type PreviousOutput, type WriterThread } from './api-thread.ts';
import { cacheKey, readCache, writeCache, type CachedOutput, type CacheContents } from './build-cache.ts';
import { configureFragments } from './fragments.ts';
import { emptyLoadMemo, LoadMemo } from './load-memo.ts';
import { packLoad } from './load-memo-file.ts';
import { startLoadThread } from './load-thread.ts';
import { boundHeapGrowth, returnMemory, withBoundedHeapGrowth } from './memory.ts';
import { publishPatch, type Patch } from './publish-patch.ts';
import { UserError } from '../util/user-error.ts';
import { pageBundle, sharedBundles } from './page-bundle.ts';
import { startPagesAhead } from './pages-ahead.ts';
import { stageTimer } from './stage-timer.ts';
import { batchSize, renderPages, sortAsBefore } from './render-pages.ts';
import { compressEarly, earlyCopiesWritten, precompress } from './precompress.ts';
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
  /**
   * The build's cache folder (build-cache.ts); none: no cache. `reuse: false` (`--no-cache`) builds
   * from scratch and writes the cache anew.
   */
  cache?: { dir: string; reuse: boolean } | null;
}

/** What the build wrote, and what it could leave as it was. */
export interface OutputFigures {
  /** `patch`: the changed files were moved into the previous output; `full`: the output was replaced whole. */
  publish: 'full' | 'patch';
  /** Files of the output (the manifest). */
  files: number;
  /** Files written (new or changed). */
  written: number;
  removed: number;
  /** Local data files whose hash and preview came from the cache, and those read. */
  localFilesReused: number;
  localFilesRead: number;
  /** Pages rendered, and pages kept as the previous output holds them (their keys unchanged). */
  pagesRendered: number;
  pagesKept: number;
  /** Whether the cache was written for the next build (false: no cache, or its folder is not writable). */
  cacheSaved: boolean;
}

export interface BuildReport {
  catalogue: Catalogue;
  warnings: ContentProblem[];
  /** Milliseconds per stage, in the order they ran (`cpuMs`: the main thread's CPU time in it). */
  stages: { name: string; ms: number; cpuMs?: number }[];
  output: OutputFigures;
}

export async function buildSite(options: BuildOptions): Promise<BuildReport> {
  const stages: BuildReport['stages'] = [];
  const timed = stageTimer(stages);

  // Before anything can fail: an output stranded by a build killed while publishing is put back.
  await recoverAbandoned(path.resolve(options.outDir));
  const outDir = path.resolve(options.outDir);
  await assertReplaceable(outDir, path.resolve(options.contentDir));
  const staging = await openStaging(outDir);
  const stopThreads = new AbortController();
  // The compiled pages (compiled only when none are kept for this package and address, page-bundle.ts)
  // and their renderer threads, started beside loading (pages-ahead.ts). Before the cache is read:
  // a kept bundle's thread then starts (its modules, a second or more of the other core) while this
  // thread hashes the sources and reads the cache (58 MB at 10,000 datasets), not after.
  const bundles = options.cache ? path.join(options.cache.dir, 'pages') : sharedBundles();
  const ahead = await startPagesAhead(options.contentDir, bundles, path.join(staging.dir, 'render'), stopThreads.signal);
  let loaded: Awaited<ReturnType<typeof loadCatalogue>>;
  let key = '';
  let cached: CacheContents | null = null;
  let memo: LoadMemo;
  try {
    key = options.cache ? cacheKey({ contentDir: path.resolve(options.contentDir), outDir, includePrivate: options.includePrivate ?? false, ckanApi: options.ckanApi ?? true, today: options.today ?? null }) : '';
    cached = options.cache?.reuse ? await timed('cache: read', async () => readCache(options.cache!.dir, key)) : null;
    // Outputs keep each dataset's part by its digest only where the whole cache is in use.
    configureFragments(options.cache ? { dir: options.cache.dir, key, reuse: options.cache.reuse } : null);
    // Without a cache folder nothing is recorded for a next build.
    memo = new LoadMemo(cached?.load ?? emptyLoadMemo, Boolean(options.cache));
    // The memo holds the previous records now; the cache's copy of them is let go with them once loaded.
    if (cached) cached.load = emptyLoadMemo;
    // Nothing to reuse (a full build): the other core renders descriptions and reads local files beside this one.
    const helper = cached ? null : startLoadThread(options.contentDir);
    try {
      loaded = await timed('load', () => withBoundedHeapGrowth(() => loadCatalogue({ contentDir: options.contentDir, includePrivate: options.includePrivate, ...(options.today ? { today: options.today } : {}), memo, helper })));
    } finally {
      helper?.end();
    }
    if (helper) stages.push({ name: 'load (thread)', ms: helper.done.ms, cpuMs: helper.done.cpuMs });
  } catch (error) {
    stopThreads.abort();
    await ahead.end();
    await closeStaging(staging);
    throw error;
  }
  memo.forgetPrevious();
  const { warnings } = loaded;
  const catalogue = options.linkCheck ? withLinkCheck(loaded.catalogue, options.linkCheck) : loaded.catalogue;
  // With the output the cache describes, unchanged files are not written and the output is patched.
  const previous = matchingOutput(cached?.output ?? null, outDir);
  const sink = openSink(new OutputSink(staging.site, previous && { manifest: previous, dir: outDir }));
  const threadPrevious: PreviousOutput = previous && { manifestText: cached!.output!.manifestText, dir: outDir };
  const outputs = enabledOutputs(options);
  const onThread = (thread: Output['thread']) => outputs.filter((output) => output.thread === thread);
  const apiFiles = path.join(staging.dir, 'api-files');
  const laterFiles = path.join(staging.dir, 'after-pages-files');
  let cacheSaved = false;
  let writer: WriterThread | null = null;
  let rendering: Promise<unknown> | null = null;
  let figures: Omit<OutputFigures, 'cacheSaved'>;
  let pageKeys: Record<string, string> = {};
  let pageCounts = { rendered: 0, reused: 0 };
  try {
    // The compiled pages first (started before loading, or now if loading found another address):
    // the compiler's tooling memory is returned before the API thread takes its copy of the catalogue.
    const bundle = await timed('pages: compile', () => {
      const compiled = ahead.bundleFor(catalogue.site) ?? pageBundle(catalogue.site, bundles, path.join(staging.dir, 'render-loaded'), stopThreads.signal);
      // While the compiler's process (or the renderer threads' start) works: loading's garbage returned
      // before the threads start. Not when patching the previous output (see `light` below).
      if (!previous) returnMemory();
      return compiled;
    });
    const threads = ahead.bundleFor(catalogue.site) ? await ahead.threads() : null;
    // DCAT-AP's pages are shared with this thread once its own outputs are done (dcat/output.ts `writeSharedPages`).
    const dcatPages = onThread('after-pages').includes(dcatOutput) ? new Int32Array(new SharedArrayBuffer(4)) : null;
    // The API goes to its own folder on another thread while the pages render; the same thread
    // writes the after-pages outputs into another once told the pages have ended (api-thread.ts).
    const job = (outputs: Output[], outDir: string, shared: Int32Array | null = null) => (outputs.length ? { outputs, outDir, dcatPages: shared } : null);
    writer = startWriterThread(catalogue, job(onThread('api'), apiFiles), job(onThread('after-pages'), laterFiles, dcatPages), stopThreads.signal, threadPrevious, { bytes: (dataset) => memo.storedBytes(dataset), gone: memo.gone, added: memo.added });
    memo.forgetStoredBytes();
    // A page is rendered again only when its key changed since the output the cache describes.
    const previousKeys = previous ? (cached?.pages ?? null) : null;
    // Before the site's outputs (their feeds) sort the catalogue whole: sorted from the previous build's order.
    sortAsBefore(catalogue, previousKeys);
    let planned: (counts: { rendered: number; reused: number }) => void = () => {};
    const plan = new Promise<{ rendered: number; reused: number }>((resolve) => (planned = resolve));
    const pagesRendered = timed('pages', () => renderPages(catalogue, siteOutputs(catalogue, outputs), bundle, { sink, previousKeys, stop: stopThreads.signal, timed, stages, threads, onPlanned: (counts) => planned(counts) }));
    rendering = pagesRendered;
    pagesRendered.catch(() => {});
    const pagesDone = async () => {
      const pages = await pagesRendered;
      await ahead.end();
      pageKeys = pages.keys;
      pageCounts = pages;
    };
    // Every page's key worked out (or, failing, the error): how many pages this build renders.
    const counts = await Promise.race([pagesRendered, plan]);
    // A build that patches the previous output and renders few of its pages is light. One that
    // renders almost none (an edit) leaves little garbage: the returns' full collections (0.3 s
    // each on a quiet machine, 1 to 2 s under load) are skipped; an addition or a removal (a tenth
    // of the pages) peaked 0.2 GiB higher without them (docs/performance.md, "inc-main").
    const light = previous !== null && counts.rendered * 4 <= counts.rendered + counts.reused;
    const fewPages = light && counts.rendered * 50 <= counts.rendered + counts.reused;
    // Pages that fit one batch (an edit's dozen, on the thread started before loading) render
    // beside this thread's outputs, which write other files; they are awaited before the other
    // threads' folders are moved in. The turn of the event loop lets renderOnThreads post the
    // batch before this thread goes on. More pages keep both cores busy: awaited now.
    const beside = light && counts.rendered < batchSize;
    if (beside) await new Promise((resolve) => setImmediate(resolve));
    else await pagesDone();
    const giveBack = async (name: string) => (fewPages ? undefined : timed(name, async () => returnMemory()));
    // The page renderers have ended: CPU-bound outputs get the cores they had, beside this thread's
    // outputs (on the writer thread once the API is written).
    const pagesEndedAt = performance.timeOrigin + performance.now();
    writer.pagesEnded();
    // Until it ends: its heap and this thread's, beside each other, grow to twice what is alive at
    // most. Not on an edit: its outputs make little garbage beside a large live heap, and each full
    // collection the bound brings marks all of it again on V8's helper threads.
    if (!fewPages) boundHeapGrowth(true);
    // Beside that thread: what the pages left on this thread returned before the exports grow it again.
    await giveBack('return memory: pages');
    // On a light build, the brotli copies of the few large files each output changed are made on
    // the brotli thread beside the next outputs, not all in the compress stage (precompress.ts).
    const earlyRules = light ? hostTable(outputs) : null;
    for (const output of onThread('main')) {
      await writeOutputs(catalogue, staging.site, [output], timed);
      if (earlyRules) compressEarly(staging.site, earlyRules);
      // The two that leave the most garbage (about 100 and 150 MiB at 10,000 datasets), returned
      // while the after-pages thread still works and grows: the build's peak is the two together.
      if (output.id === 'exports' || output.id === 'search') await giveBack(`return memory: ${output.id}`);
    }
    if (beside) await timed('pages (waiting)', pagesDone);
    await timed('files', () => publishFiles(catalogue, staging.site));
    // Its own sink over the thread's folder: the two sinks' records are put together at the end.
    const dcatSink = dcatPages && new OutputSink(laterFiles, previous && { manifest: previous, dir: outDir });
    // The model itself, not a copy of what DCAT-AP reads (dcat/input.ts): the writer reads the same fields of either.
    const dcatShare = dcatPages && (await timed('dcat (main thread)', async () => writeSharedPages(catalogue, dcatSink!, takeFrom(dcatPages))));
    // The load memo (most of the cache's bytes) serialised now, while the threads still work: this
    // thread waits for them next (an edit's CKAN API thread, 0.6 s), not after publishing. Only
    // its changed shards: the others' bytes are read again from the cache file (load-memo-file.ts).
    const packedLoad = options.cache ? await timed('cache: load memo', async () => packLoad(memo.toRecord(), memo.origin)) : null;
    for (const [name, thread, files] of [['api', writer.first, apiFiles], ['after pages', writer.later, laterFiles]] as const) {
      if (!thread) continue;
      await timed(`${name} (waiting)`, async () => {
        const report = await thread;
        // How long after the pages' end the thread began them: the API still being written delays them.
        if (name === 'after pages') stages.push({ name: 'after pages: start (thread)', ms: Math.max(0, Math.round(report.startedAt - pagesEndedAt)) });
        stages.push(...report.stages.map((stage) => ({ name: `${stage.name} (thread)`, ms: stage.ms, cpuMs: stage.cpuMs })));
        sink.absorb(report.dcatPages && dcatShare ? finishSharedPages(catalogue, [report.dcatPages, dcatShare], [report.sink, dcatSink!.toRecord()]) : report.sink);
        if (!existsSync(files)) return;
        // The early brotli copies of this thread's files are written first: moving may set the site's folders aside.
        if (earlyRules) await earlyCopiesWritten(staging.site);
        moveInto(files, staging.site);
      });
    }
    boundHeapGrowth(false);
    // Every build, after its outputs: how hosts (and the preview) serve exactly the outputs it holds.
    await timed('hosts', () => writeHostConfigs(catalogue, staging.site, outputs, options.edge ?? []));
    await timed('compress', () => precompress(staging.site, hostTable(outputs)));
    // The manifest's text (manifest-text.ts), the marker's hash of it, and kept for the next build:
    // when patching, the previous text with the lines of what changed put in or taken out. Null when
    // a path cannot be a line: the marker is then made from the entries, and the cache keeps no
    // output (the next build publishes whole).
    const { text, marker, removed } = await timed('marker', async () => {
      const changes = previous ? manifestEdits(sink.entries, previous, sink.differs) : null;
      const text = changes ? patchedManifestText(cached!.output!.manifestText, changes.edits) : manifestText(sink.entries);
      return { text, marker: text === null ? buildMarker(sink.entries) : markerOf(text), removed: changes?.removed ?? [] };
    });
    const patch = previous ? patchFrom(previous, sink, removed) : null;
    await timed('publish', async () => {
      if (patch) return publishPatch(staging.dir, staging.site, outDir, patch, marker);
      writeFileSync(path.join(staging.site, buildMarkerFile), marker);
      await publishStaged(staging, outDir);
    });
    figures = {
      publish: patch ? 'patch' : 'full',
      files: sink.entries.size,
      written: patch ? patch.changed.length : sink.entries.size,
      removed: patch ? patch.removed.length : 0,
      localFilesReused: memo.filesReused,
      localFilesRead: memo.filesRead,
      pagesRendered: pageCounts.rendered,
      pagesKept: pageCounts.reused,
    };
    if (options.cache) {
      const output: CachedOutput | null = text === null ? null : { dir: outDir, marker, manifestText: text };
      cacheSaved = await timed('cache', async () => writeCache(options.cache!.dir, { key, output, load: packedLoad!, pages: pageKeys }));
    }
  } catch (error) {
    boundHeapGrowth(false);
    stopThreads.abort();
    await writer?.first?.catch(() => {});
    await writer?.later?.catch(() => {});
    await rendering?.catch(() => {});
    throw machineRefusal(error, outDir) ?? error;
  } finally {
    await ahead.end();
    closeSink(sink);
    await closeStaging(staging);
  }
  return { catalogue, warnings, stages, output: { ...figures, cacheSaved } };
}

/** The cached manifest, when `outDir` is the output it describes and holds its marker unchanged. */
function matchingOutput(cached: CachedOutput | null, outDir: string): Manifest | null {
  if (!cached || cached.dir !== outDir) return null;
  let marker: string;
  try {
    marker = readFileSync(path.join(outDir, buildMarkerFile), 'utf8');
  } catch {
    return null;
  }
  return marker === cached.marker ? parseManifestText(cached.manifestText) : null;
}

/** What to move into the previous output, and what to take out of it (`removed`, sorted: manifestEdits), sorted for a fixed order. */
function patchFrom(previous: Manifest, sink: OutputSink, removed: string[]): Patch {
  const changed = [...sink.staged].filter((file) => sink.entries.has(file) && !sink.unchanged(file)).sort();
  return { changed: changed.map((file) => ({ path: file, existed: previous.has(file) })), removed };
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
