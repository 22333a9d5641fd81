// Where each dataset's part lies in a large file made of per-dataset parts (export.json, the
// exports' CSVs, data.json) as the last build wrote it, kept between builds beside the file's hash.
// When the previous output still holds that file, a build takes each unchanged dataset's bytes from
// it instead of making its text again or reading it from the fragments store: an edit makes one
// dataset's part, an addition or a removal none but its own. Reading the exports' fragments store
// whole (77 MB at 10,000 datasets) was most of an edit's exports (docs/performance.md, "inc-outputs").
import { readFileSync } from 'node:fs';
import { Fragments } from '../build/fragments.ts';
import { sinkFor } from './output-sink.ts';

/** A file as written: its manifest entry, where its parts start, and each part's digest and lengths. */
export interface FileLayout {
  hash: string;
  size: number;
  /** Byte offset of the first part (the file's head before it). */
  start: number;
  digests: string[];
  /** Each part's length in bytes and in characters (runs are cut by characters, deflated-pieces.ts). */
  bytes: number[];
  chars: number[];
}

/** A part's bytes as the previous output holds them, and its length in characters. */
export interface KeptPart {
  bytes: Buffer;
  chars: number;
}

/** The layouts of one output's files: read by `previous`, each file's new one `set`, then `save`. */
export class FileLayouts {
  private readonly store: Fragments<FileLayout>;

  constructor(name: string, context: string) {
    this.store = new Fragments<FileLayout>(`${name}-layout`, context);
  }

  /**
   * The previous output's copy of `relativePath` with its parts, when the kept layout describes the
   * very file the previous output holds (same hash and size in its manifest); else null.
   */
  previous(outDir: string, relativePath: string): PreviousFile | null {
    const layout = this.store.peek(relativePath);
    const sink = sinkFor(outDir);
    const entry = sink.previousEntry(relativePath);
    if (!layout || !entry || entry.hash !== layout.hash || entry.size !== layout.size) return null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(sink.source(relativePath));
    } catch {
      return null;
    }
    return bytes.length === layout.size ? new PreviousFile(layout, bytes) : null;
  }

  set(relativePath: string, layout: FileLayout): void {
    this.store.set(relativePath, layout);
  }

  save(): void {
    this.store.save();
  }
}

/**
 * The previous file's parts by digest. A build asks for them in the order the previous file holds
 * them (the catalogue's, sorted by id), so each is looked for first where the last one found ends;
 * only a part found elsewhere (after an addition, a removal or an edit) looks in a map of every
 * digest, made then. A map of each file's 10,000 digests, made and looked in for every part, was
 * about 20 ms of an edit's CPU at 10,000 datasets (export.json, its CSVs and data.json).
 */
export class PreviousFile {
  private at: Map<string, number> | null = null;
  private readonly offsets: number[];
  private readonly layout: FileLayout;
  private readonly bytes: Buffer;
  /** Where the next part is looked for first: after the last one found. */
  private next = 0;

  constructor(layout: FileLayout, bytes: Buffer) {
    this.layout = layout;
    this.bytes = bytes;
    this.offsets = new Array<number>(layout.digests.length);
    let offset = layout.start;
    for (let index = 0; index < layout.digests.length; index++) {
      this.offsets[index] = offset;
      offset += layout.bytes[index]!;
    }
  }

  /**
   * The part of the dataset with `digest`, when the previous file held it in the same place as to
   * being first or not (a part's text may begin with a separator the first one has not).
   */
  part(digest: string, first: boolean): KeptPart | undefined {
    const { digests } = this.layout;
    const index = this.next < digests.length && digests[this.next] === digest ? this.next : this.indexOf(digest);
    if (index === undefined || (index === 0) !== first) return undefined;
    this.next = index + 1;
    const offset = this.offsets[index]!;
    return { bytes: this.bytes.subarray(offset, offset + this.layout.bytes[index]!), chars: this.layout.chars[index]! };
  }

  /** Where the part of `digest` lies, from a map of every part (a digest names one dataset: it is held once). */
  private indexOf(digest: string): number | undefined {
    if (!this.at) {
      this.at = new Map();
      for (let index = 0; index < this.layout.digests.length; index++) this.at.set(this.layout.digests[index]!, index);
    }
    return this.at.get(digest);
  }
}
