// A second thread for a full build's loading. Loading is one thread's work (validation, then
// derivation), and while it runs the machine's other core is idle (10,000 datasets: 1.65 s of the
// main thread's CPU). Two parts of derivation are pure functions of a file's bytes, and the most
// costly: a description's HTML (Markdown rendered and sanitised) and a local file's facts (MD5,
// and for a table its preview). This thread does them beside the main thread:
//
// - descriptions from the start of loading: it lists the dataset files as validation does, reads
//   each one and renders its body, while the main thread validates (it has read nothing yet);
// - local files once derivation starts (only validation says which files, and how to read them).
//
// Each piece of work is claimed by one thread only (a shared flag per item): the main thread
// claims in its own order and does what it claims; what this thread claimed, the main thread waits
// for. A description is taken only if this thread rendered the very text the main thread read; a
// file this thread could not read is read again on the main thread, which reports its error as it
// always did. What is published is the same whichever thread did the work: each result depends
// only on its input. Only for a full load (no earlier build's records to reuse): an edit's load
// reuses almost everything, and this thread would read and render 10,000 datasets for nothing.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeriveHelper } from '../catalogue/derive.ts';
import type { FileFacts, LocalFile } from '../catalogue/previews/file-preview.ts';
import { cutMarkdown, decodeText } from '../catalogue/read-files.ts';
import { siblingModule } from '../util/sibling-module.ts';

/** Below this many entries in datasets/, the thread's start (about 0.1 s of CPU) is more than it saves. */
export const fewestDatasets = 500;

/** Who holds an item: nobody yet, the main thread, the load thread. */
export const unclaimed = 0;
export const mainThread = 1;
export const loadThread = 2;

/** A rendered description, with the text it was rendered from (null: the file was not one the main thread reads). */
export type DescriptionDone = [index: number, markdown: string | null, html: string, text: string];
/** A local file's facts (null: reading it failed; the main thread reads it again for its error). */
export type FactsDone = [index: number, facts: FileFacts | null];

/** What the thread tells, as it goes; `idle`: it has nothing left to claim. */
export type LoadThreadNews = { kind: 'listed'; files: string[]; claims: SharedArrayBuffer } | { kind: 'descriptions'; done: DescriptionDone[] } | { kind: 'facts'; done: FactsDone[] } | { kind: 'idle' };
/** Each with the CPU time the thread has used so far. */
export type FromLoadThread = LoadThreadNews & { cpuMs: number };

/** Derivation has begun: the local files it reads (perhaps none), and who claims each. */
export type ToLoadThread = { kind: 'local files'; files: LocalFile[]; claims: SharedArrayBuffer };

export interface LoadThread extends DeriveHelper {
  /**
   * What this thread did, as of its last message: descriptions rendered and local files read (for
   * tests), the time from its start to that message and its CPU time (the build's stages).
   */
  readonly done: { descriptions: number; files: number; ms: number; cpuMs: number };
  /** Resolves when this thread has nothing left to claim of what it was given (tests). */
  idle(): Promise<void>;
  /** Ends the thread (loading ended, or failed). */
  end(): void;
}

export interface LoadThreadOptions {
  /** At least this many entries in datasets/ (default `fewestDatasets`), or no thread is started. */
  fewest?: number;
}

/** The load thread for `contentDir`, started; null when datasets/ holds too few entries for it to pay. */
export function startLoadThread(contentDir: string, options: LoadThreadOptions = {}): LoadThread | null {
  const root = path.resolve(contentDir);
  let entries = 0;
  try {
    entries = readdirSync(path.join(root, 'datasets')).length;
  } catch {
    return null;
  }
  if (entries < (options.fewest ?? fewestDatasets)) return null;
  return new StartedLoadThread(root);
}

class StartedLoadThread implements LoadThread {
  readonly done = { descriptions: 0, files: 0, ms: 0, cpuMs: 0 };
  private readonly worker: Worker;
  private stopped = false;
  /** Dataset file → its place in the thread's list, and who claims it. */
  private listed: Promise<{ places: Map<string, number>; claims: Int32Array } | null>;
  private readonly descriptions = new Waiting<[markdown: string | null, html: string, text: string]>();
  private readonly facts = new Waiting<FileFacts | null>();
  private fileClaims: Int32Array | null = null;
  private idleWaiters: (() => void)[] = [];
  private isIdle = false;

  constructor(root: string) {
    const started = performance.now();
    this.worker = new Worker(siblingModule(import.meta.url, 'load-thread-entry'), { workerData: { contentDir: root } });
    // Never what keeps the process alive: a build that failed does not wait for it.
    this.worker.unref();
    let listed!: (found: { places: Map<string, number>; claims: Int32Array } | null) => void;
    this.listed = new Promise((resolve) => (listed = resolve));
    this.worker.on('message', (message: FromLoadThread) => {
      this.done.cpuMs = message.cpuMs;
      this.done.ms = Math.round(performance.now() - started);
      if (message.kind === 'listed') {
        listed({ places: new Map(message.files.map((file, index) => [path.join(root, file), index])), claims: new Int32Array(message.claims) });
      } else if (message.kind === 'descriptions') {
        for (const [index, markdown, html, text] of message.done) this.descriptions.arrived(index, [markdown, html, text]);
        this.done.descriptions += message.done.length;
      } else if (message.kind === 'facts') {
        for (const [index, facts] of message.done) this.facts.arrived(index, facts);
        this.done.files += message.done.filter(([, facts]) => facts !== null).length;
      } else {
        this.isIdle = true;
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    });
    // A thread that failed or ended has done all it will: the main thread does the rest.
    const gone = () => {
      this.stopped = true;
      listed(null);
      this.descriptions.stop();
      this.facts.stop();
      this.isIdle = true;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    };
    this.worker.on('error', gone);
    this.worker.on('exit', gone);
  }

  async description(file: string, markdown: string): Promise<{ html: string; text: string } | null> {
    const listed = await this.listed;
    const index = listed?.places.get(file);
    if (!listed || index === undefined || this.stopped) return null;
    if (Atomics.compareExchange(listed.claims, index, unclaimed, mainThread) === unclaimed) return null;
    if (Atomics.load(listed.claims, index) !== loadThread) return null;
    const found = await this.descriptions.take(index);
    return found && found[0] === markdown ? { html: found[1], text: found[2] } : null;
  }

  localFiles(files: LocalFile[]): void {
    // Sent when there are none too: it tells the thread derivation has begun (it takes descriptions from the back then).
    if (this.stopped) return;
    const claims = new SharedArrayBuffer(files.length * Int32Array.BYTES_PER_ELEMENT);
    this.fileClaims = new Int32Array(claims);
    this.isIdle = false;
    this.worker.postMessage({ kind: 'local files', files, claims } satisfies ToLoadThread);
  }

  async localFile(index: number): Promise<FileFacts | null> {
    const claims = this.fileClaims;
    if (!claims || index >= claims.length || this.stopped) return null;
    if (Atomics.compareExchange(claims, index, unclaimed, mainThread) === unclaimed) return null;
    if (Atomics.load(claims, index) !== loadThread) return null;
    return (await this.facts.take(index)) ?? null;
  }

  idle(): Promise<void> {
    return this.isIdle ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  end(): void {
    this.stopped = true;
    this.descriptions.stop();
    this.facts.stop();
    void this.worker.terminate();
  }
}

/** A dataset file's description as read-files.ts `readMarkdownFile` cuts it; null where that reports a problem instead. */
export function descriptionOf(bytes: Buffer): string | null {
  const text = decodeText(bytes);
  if (text === 'binary' || text === 'not utf-8') return null;
  const cut = cutMarkdown(text);
  return typeof cut === 'string' ? null : cut.body;
}

/**
 * Results by item, each handed over once: to whoever waits for it, or kept until asked. Asked again,
 * or once the thread is gone, an item is null (the main thread works it out itself).
 */
class Waiting<T> {
  private readonly arrivedItems = new Map<number, T>();
  private readonly waiting = new Map<number, (found: T | null) => void>();
  private readonly taken = new Set<number>();
  private stopped = false;

  arrived(index: number, found: T): void {
    const waiter = this.waiting.get(index);
    if (waiter) {
      this.waiting.delete(index);
      waiter(found);
    } else this.arrivedItems.set(index, found);
  }

  take(index: number): Promise<T | null> {
    if (this.taken.has(index) || this.waiting.has(index)) return Promise.resolve(null);
    this.taken.add(index);
    if (this.arrivedItems.has(index)) {
      const found = this.arrivedItems.get(index)!;
      this.arrivedItems.delete(index);
      return Promise.resolve(found);
    }
    if (this.stopped) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.set(index, resolve));
  }

  /** No more will arrive; what did and was not taken is let go (private datasets' descriptions too). */
  stop(): void {
    this.stopped = true;
    for (const waiter of this.waiting.values()) waiter(null);
    this.waiting.clear();
    this.arrivedItems.clear();
  }
}
