// What each dataset contributed to a whole-catalogue output last time (its rows of an export, its
// DCAT-AP nodes, its CKAN package dict…), kept between builds by the dataset's digest, so that an
// edit to one dataset works out one dataset's part again and reuses every other. One file per
// output in the build's cache folder, written by whichever thread writes that output; only what this
// build used is kept for the next. Like the build cache, a store made by another datashelf, another
// Node or other options (the cache key) is ignored whole, and so is one made under another
// `context` (what the output reads besides the dataset: the site's address, the topics' titles…).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** Where the stores live and whether the previous ones may be read: handed to every thread. */
export interface FragmentsConfig {
  dir: string;
  /** The build cache's key (build-cache.ts `cacheKey`). */
  key: string;
  /** False for `--no-cache`: nothing is read, everything is written anew. */
  reuse: boolean;
}

let config: FragmentsConfig | null = null;

/** Set once per build (and once per writer thread, from what the build hands it); null: no cache. */
export function configureFragments(next: FragmentsConfig | null): void {
  config = next;
}

export function fragmentsConfig(): FragmentsConfig | null {
  return config;
}

interface Stored {
  key: string;
  context: string;
  entries: [string, unknown][];
}

/**
 * One output's fragments for this build. `get` answers from the previous build's store when the
 * digest is there, else makes the value; `save` keeps what this build used. Without a cache it only
 * makes values, so an output's code is the same either way.
 */
export class Fragments<T> {
  private readonly previous: Map<string, T>;
  private readonly used = new Map<string, T>();
  /** Values made this build (not found in the store), for the tests and the build's report. */
  made = 0;
  /** Whether `set` put a value the previous store did not hold. */
  private changed = false;

  readonly name: string;
  private readonly context: string;
  private readonly store: FragmentsConfig | null;

  constructor(name: string, context: string, store: FragmentsConfig | null = config) {
    this.name = name;
    this.context = context;
    this.store = store;
    this.previous = store?.reuse ? readStore<T>(store, name, context) : new Map();
  }

  get(digest: string, make: () => T): T {
    let value = this.used.get(digest) ?? this.previous.get(digest);
    if (value === undefined) {
      value = make();
      this.made++;
    }
    this.used.set(digest, value);
    return value;
  }

  /** The value this build or the previous one has for `digest`, without making one or keeping it (a writer that first decides whether it needs the rest). */
  peek(digest: string): T | undefined {
    return this.used.get(digest) ?? this.previous.get(digest);
  }

  /** The kept value of `digest` (kept again for the next build), or undefined: then `set` it once made (a value made asynchronously). */
  find(digest: string): T | undefined {
    const value = this.used.get(digest) ?? this.previous.get(digest);
    if (value !== undefined) this.used.set(digest, value);
    return value;
  }

  /** Keeps `value` for `digest`, in place of what the previous build had: a value made only once the work it describes is done. */
  set(digest: string, value: T): void {
    if (this.previous.get(digest) !== value) this.changed = true;
    this.used.set(digest, value);
    this.made++;
  }

  /** Replaces the store by what this build used; false when the folder cannot be written (the build stands). */
  save(): boolean {
    if (!this.store) return false;
    // Every value used came from the previous store, and all of them: the file holds this already.
    if (this.made === 0 && this.used.size === this.previous.size && !this.changed) return true;
    const file = storeFile(this.store, this.name);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, serialize({ key: this.store.key, context: this.context, entries: [...this.used] } satisfies Stored));
      renameSync(temporary, file);
      return true;
    } catch {
      rmSync(temporary, { force: true });
      return false;
    }
  }
}

function storeFile(store: FragmentsConfig, name: string): string {
  return path.join(store.dir, 'fragments', `${name.replace(/[^a-z0-9.-]/gi, '_')}.v8`);
}

function readStore<T>(store: FragmentsConfig, name: string, context: string): Map<string, T> {
  try {
    const stored = deserialize(readFileSync(storeFile(store, name))) as Stored;
    return stored && stored.key === store.key && stored.context === context ? new Map(stored.entries as [string, T][]) : new Map();
  } catch {
    return new Map();
  }
}
