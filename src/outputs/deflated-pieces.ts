// A large zip entry (a workbook's sheet) deflated in pieces that are kept between builds, so an
// edit deflates again only the piece that holds the changed dataset. The entry's text is cut into
// runs of whole datasets where the content says (content-defined chunking): a run ends after a
// dataset whose id's checksum ends in a given pattern, once the run holds enough text; so adding or
// removing a dataset changes the run it falls in, and the next runs cut where they cut before (by
// the id, not the dataset's digest: an edit does not move where runs end). A
// full build cuts the same way, so the bytes never depend on what was built before. Each run's
// deflated bytes are kept by a key that names everything its text is made of (its datasets'
// digests, in order, and the numbers it starts from: a row's number is in its text).
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Fragments } from '../build/fragments.ts';
import { deflatePiece, type DeflatedPiece } from './zip-file.ts';

/**
 * A run ends after a dataset matching the pattern only once it holds this many characters…
 * (deflated apart, runs of 256 KB take 2% more bytes than runs of 1 MB, runs of 96 KB 6% more:
 * the 10,000-dataset workbook's sheets).
 */
export const minimumRun = 256 * 1024;
/** …and after any dataset once it holds this many. */
export const maximumRun = 1024 * 1024;
/** 1 in 16 datasets ends a run (past the minimum): runs of the minimum and some 16 datasets more. */
const boundaryMask = 15;

/** Whether a run may end after the dataset with this id. */
function endsRun(id: string): boolean {
  return (crc32(id) & boundaryMask) === 0;
}

/** The items cut into runs by content: each item's id and its length in characters decide. */
export function* contentRuns<T>(items: Iterable<T>, id: (item: T) => string, length: (item: T) => number): Generator<T[]> {
  let run: T[] = [];
  let held = 0;
  for (const item of items) {
    run.push(item);
    held += length(item);
    if (held >= maximumRun || (held >= minimumRun && endsRun(id(item)))) {
      yield run;
      run = [];
      held = 0;
    }
  }
  if (run.length > 0) yield run;
}

/** One build's kept pieces of an output: `piece` each run, then `save`. */
export class DeflatedPieces {
  private readonly store: Fragments<DeflatedPiece>;

  /** `context`: what the pieces' text reads besides the datasets (the columns…), as for any fragments store. */
  constructor(name: string, context: string) {
    // zlib's level is part of what the bytes are.
    this.store = new Fragments<DeflatedPiece>(name, `${context} deflate default level, sync flush`);
  }

  /** The run's deflated piece: kept from the last build when `key` names the same text, else deflated from `text()`. */
  piece(key: readonly string[], text: () => string): DeflatedPiece | Promise<DeflatedPiece> {
    const digest = createHash('sha256').update(key.join('\n')).digest('base64url');
    const kept = this.store.find(digest);
    if (kept) return kept;
    return deflatePiece(text()).then((piece) => {
      this.store.set(digest, piece);
      return piece;
    });
  }

  /** Runs deflated this build (not found in the store). */
  get made(): number {
    return this.store.made;
  }

  save(): void {
    this.store.save();
  }
}
