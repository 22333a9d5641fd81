// The entries (hash and size) of CKAN answers made of parts the build keeps between builds (the
// prepared package dicts, prepared-store.ts), by a key of those parts, so that a build patching the
// previous output neither makes nor hashes an answer none of whose parts changed: an edit of one
// dataset's title at 10,000 datasets made and hashed every page of package_search (37 MB) again to
// write one. The key names exactly what the answer is made of (its path, the dataset count it
// shows, each dict's fragment key), and the store's context what all of them read (the site), so
// an entry found is the entry the answer would have; the previous output must still hold those
// bytes at that path (`keepIfPrevious`), else the answer is made and written as without a memo.
import { hash } from 'node:crypto';
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import type { OutputEntry, OutputSink } from '../output-sink.ts';

export class AnswerMemo {
  /** Null without a cache: nothing to reuse, nothing kept, no key worked out. */
  private readonly store: Fragments<OutputEntry> | null;

  constructor(name: string, context: string) {
    this.store = fragmentsConfig() ? new Fragments<OutputEntry>(name, context) : null;
  }

  get active(): boolean {
    return this.store !== null;
  }

  /**
   * True when the answer at `path` with this key is the previous output's, recorded as it is there.
   * False: the caller makes and writes it, then `remember`s its entry.
   */
  kept(sink: OutputSink, path: string, key: string): boolean {
    const entry = this.store?.find(key);
    return entry !== undefined && sink.keepIfPrevious(path, entry);
  }

  remember(key: string, entry: OutputEntry): void {
    this.store?.set(key, entry);
  }

  save(): void {
    this.store?.save();
  }
}

/** A short key of many parts' keys (a page's hundred dicts): the memo keeps this, not the parts. */
export function keyOf(parts: readonly string[]): string {
  return hash('sha256', parts.join('\n'), 'base64url');
}
