// The manifest as text: one line a file, `path NUL hash NUL size LF`, sorted by path (UTF-16 code
// units). The build marker is the hash of exactly this text (output-sink.ts `buildMarker`), and the
// cache keeps the same text for the next build (build-cache.ts). So a build that patches the
// previous output makes its text from the previous one, the lines of the files that changed put in
// or taken out where a binary search finds them, and hashes it once: at 10,000 datasets (57,000
// files) an edit no longer sorts every entry, builds 57,000 lines for the marker and writes them
// all out again as JSON for the cache (about 60 ms of its main thread), and both threads that read
// the previous manifest parse lines instead of JSON (docs/performance.md, "start-cost").
import { hash } from 'node:crypto';
import { sameEntry, type Manifest, type OutputEntry } from './output-sink.ts';

export function manifestLine(file: string, entry: OutputEntry): string {
  return `${file}\0${entry.hash}\0${entry.size}\n`;
}

/** The build marker's text for the manifest whose text this is (the same as `buildMarker` of it). */
export function markerOf(text: string): string {
  return `${JSON.stringify({ manifest: hash('sha256', text) })}\n`;
}

/** A path a line can hold unambiguously: none with a NUL or a line break (a file name may have them). */
function plainPath(file: string): boolean {
  return !file.includes('\n') && !file.includes('\0');
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The manifest's text, all of it sorted; null when a path could not be read back from it. */
export function manifestText(manifest: Manifest): string | null {
  const files = [...manifest.keys()].sort(byPath);
  let text = '';
  for (const file of files) {
    if (!plainPath(file)) return null;
    text += manifestLine(file, manifest.get(file)!);
  }
  return text;
}

/**
 * The manifest a text holds; null when it is not one this module wrote: a line that does not end,
 * or paths out of order (the patch below finds lines by a binary search, which needs the order).
 */
export function parseManifestText(text: string): Manifest | null {
  const manifest: Manifest = new Map();
  let last = '';
  let at = 0;
  while (at < text.length) {
    const hashAt = text.indexOf('\0', at);
    const sizeAt = hashAt === -1 ? -1 : text.indexOf('\0', hashAt + 1);
    const end = sizeAt === -1 ? -1 : text.indexOf('\n', sizeAt + 1);
    if (end === -1) return null;
    const file = text.slice(at, hashAt);
    if (manifest.size > 0 && !(last < file)) return null;
    manifest.set(file, { hash: text.slice(hashAt + 1, sizeAt), size: Number(text.slice(sizeAt + 1, end)) });
    last = file;
    at = end + 1;
  }
  return manifest;
}

/** One file's line put in (`entry`: added or changed) or taken out (`entry` null). */
export interface ManifestEdit {
  file: string;
  entry: OutputEntry | null;
}

/**
 * What changed from `previous` to `manifest`: each file added or whose entry differs, and each
 * removed. `differs`: the files of `manifest` whose entry is not `previous`'s, when known (the
 * build's sink keeps them, output-sink.ts): only those are looked at, the few an edit changed;
 * else every file of `manifest` is looked up. The previous files are gone through only when some
 * are missing from this build (a removal): the files kept are those of `manifest` but the added.
 */
export function manifestEdits(manifest: Manifest, previous: ReadonlyMap<string, OutputEntry>, differs?: Iterable<string>): { edits: ManifestEdit[]; removed: string[] } {
  const edits: ManifestEdit[] = [];
  let kept = differs ? manifest.size : 0;
  if (differs) {
    for (const file of differs) {
      const entry = manifest.get(file);
      if (!entry) throw new Error(`${file}: said to differ, but not in the manifest`);
      if (!previous.has(file)) kept--;
      edits.push({ file, entry });
    }
  } else {
    for (const [file, entry] of manifest) {
      const before = previous.get(file);
      if (before) kept++;
      if (!sameEntry(entry, before)) edits.push({ file, entry });
    }
  }
  const removed: string[] = [];
  if (kept < previous.size) {
    for (const file of previous.keys()) {
      if (manifest.has(file)) continue;
      removed.push(file);
      edits.push({ file, entry: null });
    }
  }
  return { edits, removed: removed.sort(byPath) };
}

/**
 * `previousText` (sorted, as `manifestText` and this make it) with `edits` applied: the text of
 * the manifest they lead to, as `manifestText` would make it whole. Null when an added path could
 * not be read back.
 */
export function patchedManifestText(previousText: string, edits: readonly ManifestEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => byPath(a.file, b.file));
  const pieces: string[] = [];
  let cursor = 0;
  for (const { file, entry } of sorted) {
    if (entry && !plainPath(file)) return null;
    const at = lineAtOrAfter(previousText, file, cursor);
    pieces.push(previousText.slice(cursor, at));
    cursor = at;
    // The file's own line, if the previous text has one, is replaced or taken out.
    if (at < previousText.length && previousText.startsWith(`${file}\0`, at)) cursor = previousText.indexOf('\n', at) + 1;
    if (entry) pieces.push(manifestLine(file, entry));
  }
  pieces.push(previousText.slice(cursor));
  return pieces.join('');
}

/** Where the first line from `from` (a line's start) whose path is not before `file` starts (the text's length if none). */
function lineAtOrAfter(text: string, file: string, from: number): number {
  let low = from;
  let high = text.length;
  // Both are lines' starts (or the end); the answer is between them.
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = text.lastIndexOf('\n', middle - 1) + 1;
    const line = Math.max(start, low);
    const path = text.slice(line, text.indexOf('\0', line));
    if (path < file) low = text.indexOf('\n', line) + 1;
    else high = line;
  }
  return low;
}
