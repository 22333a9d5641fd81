// A large file made of per-dataset parts (export.json, the exports' CSVs, data.json), written with
// the bytes of its gzip copy made from deflated pieces kept between builds (deflated-pieces.ts): an
// edit deflates one run of datasets again instead of gzipping tens of megabytes. The copy is
// offered to the compress stage (src/build/precompress.ts), which alone decides which files get one.
//
// One pass: each run of datasets is made into text once, and its bytes are written to the file,
// hashed for the manifest and deflated (unless kept) from the same buffer. Made twice (once for the
// file, once for its copy) and written a dataset at a time through a stream, then read back to be
// hashed, the exports' text cost twice its CPU (docs/performance.md, "exports-api").
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { gzipOfPieces } from './gzip-of-pieces.ts';
import { contentRuns, endsRun, type DeflatedPieces, type RunLengths } from './deflated-pieces.ts';
import type { FileLayout, FileLayouts, KeptPart, PreviousFile } from './file-layout.ts';
import { sinkFor } from './output-sink.ts';
import { deflateNow, EncodingRing, type DeflatedPiece } from './zip-file.ts';
import { offerGzip } from '../build/precompress.ts';
import { datasetDigest } from '../catalogue/dataset-digest.ts';
import type { Dataset } from '../catalogue/model.ts';

/** One dataset's part of the file: its text (with any separator before it), made only when needed. */
export interface FilePart {
  id: string;
  digest: string;
  text: () => string;
}

/**
 * A whole file's parts by index, in order: each dataset's id and digest, its text (with any
 * separator before it) made only when asked for. On a patch, the previous file's parts are found
 * for all of them in one pass over the digests, and the runs are cut and put together from
 * numbers, with no object made for a dataset whose part is kept (`keptRuns`).
 */
export interface IndexedParts {
  ids: readonly string[];
  digests: readonly string[];
  text: (index: number) => string;
}

/** A run as written: its datasets' digests (its piece's key), its bytes, whether they are in the ring. */
interface Run {
  digests: () => string;
  bytes: Buffer;
  inRing: boolean;
}

/** A part as written: its text made, or its bytes as the previous output holds them. */
interface ResolvedPart {
  id: string;
  digest: string;
  text: string | null;
  kept: KeptPart | null;
}

/** Pieces compressed at once: enough to keep a thread busy, few enough to bound memory. */
const piecesInFlight = 3;

/**
 * Writes `headText`, the parts and `tailText` to `relativePath`, records it in the build's manifest, and
 * offers its gzip copy. `parts` is read once, a run of datasets at a time. With `layouts` (a build
 * with a cache), an unchanged dataset's part is taken from the previous output's copy of the file
 * when it still holds it (file-layout.ts), and where each part lies is kept for the next build.
 */
export async function writeWithGzip(outDir: string, relativePath: string, headText: string, parts: Iterable<FilePart> | IndexedParts, tailText: string, pieces: DeflatedPieces, layouts: FileLayouts | null = null): Promise<void> {
  const target = path.join(outDir, relativePath);
  // Read before the file is written in its place (in a build the previous output is elsewhere).
  const previous = layouts?.previous(outDir, relativePath) ?? null;
  await mkdir(path.dirname(target), { recursive: true });
  const file = await open(target, 'w');
  // The file's length, and its entry's hash made from its runs' SHA-256 (`fileHash`), as it is written.
  let size = 0;
  const hash = createHash('sha256');
  const gzipped: (DeflatedPiece | Promise<DeflatedPiece>)[] = [];
  // A run's write and its deflating, both reading its bytes: settled in order. A run encoded into
  // the ring is read by its deflating until it ends, so that is awaited before the ring comes round
  // to its buffer again (a full build: every run). Another (a patch's changed run: its kept parts'
  // bytes and its new ones put together, in a buffer of its own) is left deflating on the thread
  // pool while this thread writes the next files; its piece is awaited by the copy, in the compress
  // stage. Awaited here, an edit's exports waited for a run of each file deflated again (1 to 4 MB,
  // tens of milliseconds each).
  const inFlight: { written: Promise<unknown>; deflated: DeflatedPiece | Promise<DeflatedPiece>; ring: boolean }[] = [];
  const deflating: Promise<DeflatedPiece>[] = [];
  const settle = async () => {
    const oldest = inFlight.shift()!;
    await oldest.written;
    if (oldest.ring || !(oldest.deflated instanceof Promise)) {
      gzipped.push(await oldest.deflated);
      return;
    }
    gzipped.push(oldest.deflated);
    deflating.push(oldest.deflated);
    // Bounded all the same (many runs changed: each one's buffer held until deflated).
    if (deflating.length > piecesInFlight) await deflating.shift();
  };
  const encoded = new EncodingRing(piecesInFlight + 1);
  const layout: FileLayout | null = layouts && { hash: '', size: 0, start: 0, digests: [], bytes: [], chars: [] };
  try {
    const add = async (bytes: Buffer, piece: DeflatedPiece | Promise<DeflatedPiece>, ring = true, textHash: Uint8Array = createHash('sha256').update(bytes).digest()) => {
      // Written at its place while the next runs are made and hashed: a write awaited before going
      // on left this thread idle for a turn of the thread pool each run (some 25 runs an edit).
      const written = file.write(bytes, 0, bytes.length, size);
      size += bytes.length;
      hash.update(textHash);
      // Awaited in turn below; a failure before its turn must not go unhandled meanwhile.
      written.catch(() => {});
      if (piece instanceof Promise) piece.catch(() => {});
      inFlight.push({ written, deflated: piece, ring });
      if (inFlight.length >= piecesInFlight) await settle();
    };
    const head = encoded.encode(headText);
    // Head and tail are short: deflated at once, not on the thread pool (zip-file.ts `deflateNow`).
    await add(head, deflateNow(head));
    if (layout) layout.start = size;
    let first = true;
    const runs = previous && isIndexed(parts) ? keptRuns(parts, previous, pieces.runs, encoded, layout) : resolvedRuns(isIndexed(parts) ? fileParts(parts) : parts, previous, pieces.runs, encoded, layout);
    for (const run of runs) {
      // A part's text may depend on its being the first (no separator before it): that is in the key.
      const key = pieces.keeps ? [relativePath, String(first), run.digests()] : null;
      // A view of the previous file (a run kept whole) is read by its deflating, if its piece was
      // not kept, as a ring's buffer is: awaited before the previous file's buffer is given back.
      const { piece, textHash } = pieces.pieceOf(key, run.bytes);
      await add(run.bytes, piece, run.inRing || (previous !== null && run.bytes.buffer === previous.bytes.buffer), textHash);
      first = false;
    }
    const tail = encoded.encode(tailText);
    await add(tail, deflateNow(tail));
    while (inFlight.length > 0) await settle();
    // Every write and deflating of its bytes done: the next file may be read into its buffer.
    previous?.release();
  } finally {
    // After every write it started (a failed one, too): none may write to the handle once closed.
    await Promise.allSettled(inFlight.map((run) => run.written));
    await file.close();
  }
  // Not the bytes' SHA-256, as the manifest's other entries (output-sink.ts `contentHash`), but a
  // SHA-256 of its head's, runs' and tail's, in order: the same whenever the bytes are (a full build
  // cuts the same runs as a patch, deflated-pieces.ts), and a kept run's was kept with its piece,
  // so an edit hashes the runs it made, not the 70 MB its files hold at 10,000 datasets
  // (docs/decisions/pieces-hash.md).
  const fileHash = `${piecesHashPrefix}${hash.digest('hex').slice(0, 32)}`;
  sinkFor(outDir).written(relativePath, fileHash);
  if (layout && layouts) layouts.set(relativePath, { ...layout, hash: fileHash, size });
  // The copy holds the file's bytes: each run's piece is made from them or kept under a key naming
  // their very text, with as many bytes (deflated-pieces.ts `pieceOf`). Made once the runs left
  // deflating are (the compress stage awaits it).
  offerGzip(outDir, relativePath, gzipped.every((piece) => !(piece instanceof Promise)) ? gzipOfPieces(gzipped as DeflatedPiece[]) : Promise.all(gzipped).then(gzipOfPieces));
}

/** Marks an entry's hash made from its pieces' (`writeWithGzip`), so it is never taken for the bytes' own SHA-256. */
export const piecesHashPrefix = 'pieces-';

const keysOf = new WeakMap<readonly Dataset[], { ids: string[]; digests: string[] }>();

/** The datasets' ids and digests, in order: worked out once for the files made of the same datasets (export.json, its CSVs, data.json). */
export function datasetKeys(datasets: readonly Dataset[]): { ids: readonly string[]; digests: readonly string[] } {
  let keys = keysOf.get(datasets);
  if (!keys || keys.ids.length !== datasets.length) {
    keys = { ids: datasets.map((dataset) => dataset.id), digests: datasets.map((dataset) => datasetDigest(dataset)) };
    keysOf.set(datasets, keys);
  }
  return keys;
}

const isIndexed = (parts: Iterable<FilePart> | IndexedParts): parts is IndexedParts => !(Symbol.iterator in parts);

function* fileParts(parts: IndexedParts): Generator<FilePart> {
  for (let index = 0; index < parts.ids.length; index++) yield { id: parts.ids[index]!, digest: parts.digests[index]!, text: () => parts.text(index) };
}

/** The runs of `parts` (a full build's, or any given one at a time), each part resolved on its own. */
function* resolvedRuns(parts: Iterable<FilePart>, previous: PreviousFile | null, lengths: RunLengths, ring: EncodingRing, layout: FileLayout | null): Generator<Run> {
  for (const run of contentRuns(resolved(parts, previous), (part) => part.id, (part) => part.text?.length ?? part.kept!.chars, lengths)) {
    if (layout) {
      for (const part of run) {
        layout.digests.push(part.digest);
        layout.bytes.push(part.kept ? part.kept.length : Buffer.byteLength(part.text!));
        layout.chars.push(part.kept ? part.kept.chars : part.text!.length);
      }
    }
    yield { digests: () => run.map((part) => part.digest).join(' '), bytes: runBytes(run, ring, previous?.bytes ?? null), inRing: run.every((part) => part.kept === null) };
  }
}

/**
 * The runs of a patch's file: where each part lies in the previous file found in one pass over
 * the digests, the runs cut as `contentRuns` cuts them (the same ids, the same lengths in
 * characters: the same runs), a kept part's lengths read from the previous layout; only the parts
 * not kept are made. An edit's 10,000 datasets a file were 10,000 parts, resolved parts and kept
 * views made and let go (four files, every edit).
 */
function* keptRuns(parts: IndexedParts, previous: PreviousFile, lengths: RunLengths, ring: EncodingRing, layout: FileLayout | null): Generator<Run> {
  const { ids, digests } = parts;
  const at = previous.locate(digests);
  // The texts made for the current run's parts that are not kept, by their index in it.
  const made: string[] = [];
  let start = 0;
  let held = 0;
  for (let index = 0; index < ids.length; index++) {
    const kept = at[index]!;
    if (kept >= 0) held += previous.charsOf(kept);
    else {
      const text = parts.text(index);
      made[index - start] = text;
      held += text.length;
    }
    if (!(held >= lengths.maximum || (held >= lengths.minimum && endsRun(ids[index]!)) || index === ids.length - 1)) continue;
    const end = index + 1;
    if (layout) {
      for (let part = start; part < end; part++) {
        const from = at[part]!;
        layout.digests.push(digests[part]!);
        layout.bytes.push(from >= 0 ? previous.lengthOf(from) : Buffer.byteLength(made[part - start]!));
        layout.chars.push(from >= 0 ? previous.charsOf(from) : made[part - start]!.length);
      }
    }
    const runStart = start;
    yield { digests: () => digests.slice(runStart, end).join(' '), ...keptRunBytes(at, runStart, end, made, previous, ring) };
    made.length = 0;
    start = end;
    held = 0;
  }
}

/** A patch's run's bytes: one slice of the previous file when its parts lie there one after the other; its text in the ring when none is kept; else put together. */
function keptRunBytes(at: Int32Array, start: number, end: number, made: readonly string[], previous: PreviousFile, ring: EncodingRing): { bytes: Buffer; inRing: boolean } {
  let contiguous = at[start]! >= 0;
  let none = true;
  for (let part = start; part < end; part++) {
    if (at[part]! >= 0) none = false;
    if (part > start && at[part] !== at[part - 1]! + 1) contiguous = false;
  }
  if (contiguous) {
    const last = at[end - 1]!;
    return { bytes: previous.bytes.subarray(previous.offsetOf(at[start]!), previous.offsetOf(last) + previous.lengthOf(last)), inRing: false };
  }
  if (none) return { bytes: ring.encode(made.join('')), inRing: true };
  const buffers: Buffer[] = [];
  for (let part = start; part < end; part++) {
    const from = at[part]!;
    buffers.push(from >= 0 ? previous.bytes.subarray(previous.offsetOf(from), previous.offsetOf(from) + previous.lengthOf(from)) : Buffer.from(made[part - start]!, 'utf8'));
  }
  return { bytes: Buffer.concat(buffers), inRing: false };
}

/** Each part with its bytes from the previous file when it holds them, else its text made. */
function* resolved(parts: Iterable<FilePart>, previous: PreviousFile | null): Generator<ResolvedPart> {
  let first = true;
  for (const part of parts) {
    const kept = previous?.part(part.digest, first) ?? null;
    yield { id: part.id, digest: part.digest, text: kept ? null : part.text(), kept };
    first = false;
  }
}

/**
 * A run's bytes: its text encoded into the ring when every part was made; else its parts' bytes,
 * one slice of the previous file (`previous`) where they lie one after the other there (an
 * unchanged run).
 */
function runBytes(run: readonly ResolvedPart[], ring: EncodingRing, previous: Buffer | null): Buffer {
  if (run.every((part) => part.kept === null)) {
    let text = '';
    for (const part of run) text += part.text;
    return ring.encode(text);
  }
  let contiguous = previous !== null;
  for (let index = 0; contiguous && index < run.length; index++) {
    const { kept } = run[index]!;
    const before = index > 0 ? run[index - 1]!.kept : null;
    contiguous = kept !== null && (index === 0 || (before !== null && before.offset + before.length === kept.offset));
  }
  if (contiguous) {
    const start = run[0]!.kept!.offset;
    const last = run.at(-1)!.kept!;
    return previous!.subarray(start, last.offset + last.length);
  }
  return Buffer.concat(run.map((part) => (part.kept ? previous!.subarray(part.kept.offset, part.kept.offset + part.kept.length) : Buffer.from(part.text!, 'utf8'))));
}
