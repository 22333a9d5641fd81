// A page renderer's thread (started by render-pages.ts): loads the compiled pages once, receives the
// site context once, then renders batches of page jobs, each from its view, into the site's folder.
// It never sees the catalogue.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { contentHash } from '../outputs/output-sink.ts';
import { directRenderer, type AstroManifest, type AstroRenderToString } from './direct-render.ts';
import { ListPages, markupBytes, type ListPageCards } from './list-pages.ts';
import { tightenHtmlBytes } from './tight-html.ts';
import { contextForPage, type SiteContext } from '../site/page-context.ts';
import type { ListView } from '../site/page-views.ts';

export interface RendererSetup {
  entry: string;
  /** Absent when the thread was started before the catalogue loaded: a `RendererContext` message brings them, before any batch. */
  context?: SiteContext;
  siteDir?: string;
  /** `app`: every page through `App.render`, as before the direct renderer (the tests compare the two); the build leaves it out. */
  render?: 'direct' | 'app';
}

export interface RendererContext {
  setup: { context: SiteContext; siteDir: string };
}

export interface RenderBatch {
  /** `browse`: the page is given the topic, team and tag counts (src/site/page-views.ts); `list`: a page of a dataset list, with its cards (list-pages.ts). */
  /** `slim`: the view holds of each listed dataset only its team's title: the page is put together from its parts, or sent back (`again`), never rendered from it. */
  jobs: { path: string; file: string; view: unknown; browse?: boolean; list?: ListPageCards | undefined; slim?: boolean }[];
}

/** `first` comes with the first page written, and says how pages are rendered (`direct`: direct-render.ts; `app`: `App.render`). */
/** `cards`: cards cut from list pages Astro rendered, new to this thread; `assembled`: list pages put together from their parts; `again`: the batch's slim jobs not put together (no frame of their list here), to be sent whole. */
/** `unframed`: lists whose frame this thread could not cut (list-pages.ts `unframed`): their pages are sent whole. */
export type RendererReply = { rendered: number; written: [file: string, hash: string][]; cards: [key: string, card: string][]; assembled: number; again: number[]; unframed: string[] } | { first: true; renderer: 'direct' | 'app' } | { error: { message: string; page: string; stack?: string } };

interface RenderApp {
  render(request: Request, options: { locals: object }): Promise<Response>;
  logger: { setDestination(destination: { write(event: { level: string; message: string }): boolean }): void };
  /** Astro's own: each route's page module, by component, as a function importing it. */
  manifest?: AstroManifest;
}

const setup = workerData as RendererSetup;
const { entry } = setup;
let context = setup.context!;
let siteDir = setup.siteDir!;
let lists = context ? new ListPages(context.site) : null;
const { app, renderToString } = (await import(pathToFileURL(entry).href)) as { app: RenderApp; renderToString?: AstroRenderToString };
// A page's component called directly (direct-render.ts); `App.render` for what that does not render
// (the review report's CSV, an endpoint) and for compiled pages it cannot render.
const direct = app.manifest && setup.render !== 'app' ? await directRenderer(app.manifest, renderToString, `Astro v${createRequire(import.meta.url)('astro/package.json').version}`) : null;
// Astro imports a page's module again for every request (`import()` of a module already loaded
// still goes through the module loader: 4% of a renderer's time): each page module's promise is
// kept instead, the first import's, so every later page of the route takes the module as it is.
const pageMap = app.manifest?.pageMap;
if (pageMap instanceof Map) {
  for (const [component, load] of pageMap) {
    let loaded: ReturnType<typeof load> | undefined;
    pageMap.set(component, () => (loaded ??= load()));
  }
}
// A page that throws becomes a 500 answer, the error going to Astro's log: keep it for the build's
// own message instead of printing Astro's.
let lastError: string | null = null;
app.logger.setDestination({
  write(event) {
    if (event.level === 'error') lastError = event.message;
    return true;
  },
});
let wroteOne = false;
// Created folders, so each is made once.
const folders = new Set<string>();
const encoder = new TextEncoder();
// Each page's HTML is encoded into this one buffer, tightened there and written from it: a page
// costs no buffer of its own. Grown when a page needs more. A plain Uint8Array, not a Buffer:
// tightening searches it with `indexOf`, which a Buffer answers through a slower path.
let scratch = new Uint8Array(1 << 20);
const largestKept = 8 << 20;

/** The page's HTML as UTF-8 bytes in `scratch` (valid until the next page), or of its own when larger than `scratch` may grow. */
function encodeInScratch(html: string): Uint8Array {
  // A UTF-16 unit is at most 3 bytes of UTF-8: with that room, one pass always fits.
  if (html.length * 3 > scratch.length) {
    // A rare large page (a long review report) gets bytes of its own rather than a buffer kept at its size.
    if (html.length * 3 > largestKept) return encoder.encode(html);
    scratch = new Uint8Array(html.length * 3);
  }
  const { written } = encoder.encodeInto(html, scratch);
  return scratch.subarray(0, written);
}

/** `chunks` one after the other in `scratch` (valid until the next page). */
function joinInScratch(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  if (length > scratch.length) scratch = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    scratch.set(chunk, at);
    at += chunk.length;
  }
  return scratch.subarray(0, length);
}

/** The page's bytes as rendered: its HTML, or the answer of the page (the review report's CSV) Astro's app gives. */
async function renderedBytes(job: RenderBatch['jobs'][number], locals: object): Promise<Uint8Array> {
  const pathname = `/${job.path === '404.html' ? '404/' : job.path}`;
  const html = await direct?.(pathname, locals);
  if (typeof html === 'string') return encodeInScratch(html);
  const url = new URL(`${context.site.basePath}${pathname.slice(1)}`, 'http://localhost');
  const response = await app.render(new Request(url), { locals });
  const expected = job.path === '404.html' ? 404 : 200;
  if (response.status !== expected) {
    const error = new Error(lastError?.split('\n')[0] ?? `the page answered ${response.status} ${response.statusText}`);
    if (lastError) error.stack = lastError;
    throw error;
  }
  return new Uint8Array(await response.arrayBuffer());
}

// What the batch being rendered learnt and did, for its reply.
let learnt: [string, string][] = [];
let assembled = 0;

/** The page's final bytes: a later list page put together from its parts when it can be (list-pages.ts), else rendered; null for a slim job not put together. */
async function pageBytes(job: RenderBatch['jobs'][number]): Promise<Uint8Array | null> {
  const page = job.list && (job.view as ListView<unknown>).page;
  const parts = job.list && page ? lists!.assemble(job.list, page) : null;
  if (parts !== null) {
    assembled++;
    return joinInScratch(parts);
  }
  if (job.slim) return null;
  // Only the parts of the context the page's key covers (src/site/page-context.ts).
  const rendered = await renderedBytes(job, { context: contextForPage(context, job.path, job.browse ?? false), view: job.view });
  // Pages lose the whitespace no reader sees (tight-html.ts, on the bytes as rendered); the review report's CSV is kept as rendered.
  const body = job.file.endsWith('.html') ? tightenHtmlBytes(rendered) : rendered;
  if (job.list && page) learnt.push(...lists!.learn(job.list, page, markupBytes(body)));
  return body;
}

/** The cards the batch's later list pages lack, rendered together (list-pages.ts `sheet`). */
async function renderSheet(jobs: RenderBatch['jobs']): Promise<void> {
  const sheet = lists?.sheet(jobs);
  if (!sheet) return;
  const rendered = await renderedBytes({ path: sheet.path, file: `${sheet.path}index.html`, view: sheet.view }, { context: contextForPage(context, sheet.path, true), view: sheet.view });
  learnt.push(...lists!.learnSheet(sheet.keys, markupBytes(tightenHtmlBytes(rendered))));
}

/** Renders and writes one page; returns its bytes' hash, for the build's manifest (null: a slim job, sent back). */
async function renderPage(job: RenderBatch['jobs'][number]): Promise<string | null> {
  const body = await pageBytes(job);
  if (body === null) return null;
  const file = path.join(siteDir, job.file);
  const folder = path.dirname(file);
  // Written synchronously: a page is small and goes to the page cache, and a thread of the pool per
  // call (open, write, close) cost more in handing over than the writing itself.
  if (!folders.has(folder)) {
    mkdirSync(folder, { recursive: true });
    folders.add(folder);
  }
  writeFileSync(file, body);
  if (!wroteOne) parentPort!.postMessage({ first: true, renderer: direct ? 'direct' : 'app' } satisfies RendererReply);
  wroteOne = true;
  return contentHash(body);
}

parentPort!.on('message', async (message: RenderBatch | RendererContext) => {
  if ('setup' in message) {
    ({ context, siteDir } = message.setup);
    lists = new ListPages(context.site);
    return;
  }
  const { jobs } = message;
  // One page at a time: rendering waits on nothing but the processor, and files are written synchronously.
  const written: [string, string][] = [];
  const again: number[] = [];
  learnt = [];
  assembled = 0;
  try {
    await renderSheet(jobs);
  } catch (error) {
    const { stack } = error as Error;
    parentPort!.postMessage({ error: { message: stack?.split('\n')[0] ?? String(error), page: 'datasets/2/ (the cards of a batch of list pages)', stack } } satisfies RendererReply);
    return;
  }
  for (const [index, job] of jobs.entries()) {
    try {
      const hash = await renderPage(job);
      if (hash === null) again.push(index);
      else written.push([job.file, hash]);
    } catch (error) {
      const { stack } = error as Error;
      // The error's first line (`TypeError: …`), as Astro's log gave it when `App.render` rendered every page.
      const message = stack?.split('\n')[0] ?? String(error);
      parentPort!.postMessage({ error: { message, page: job.path, stack } } satisfies RendererReply);
      return;
    }
  }
  parentPort!.postMessage({ rendered: written.length, written, cards: learnt, assembled, again, unframed: lists?.unframed() ?? [] } satisfies RendererReply);
});
