// Writes an answer once and hard-links every other path that gives the same answer, so a lookup
// by name, by UUID or under an alias path costs a directory entry, not a copy.
import { servedAsMarkup } from '../hosts/media-types.ts';
import { sinkFor, type OutputSink } from '../output-sink.ts';

// Synchronous on purpose: a large catalogue makes hundreds of thousands of tiny file system calls,
// several times faster without the promise API's thread pool, and the build has nothing else to do.

/** Answers this short are often the same bytes (`[]`, an empty page): one file holds each. */
const sharedContentLength = 64;

export class LinkedFiles {
  private readonly shortContents = new Map<string, string>();
  /** Files written and links made, for the build's figures and the tests. */
  files = 0;
  links = 0;
  /** Every path given, written or linked, in order (what the build may keep as it is next time). */
  readonly paths: string[] = [];

  private readonly sink: OutputSink;

  /** The paths written are relative to `outDir`, `/`-separated. */
  constructor(outDir: string) {
    this.sink = sinkFor(outDir);
  }

  /**
   * Writes `content` at the first of `paths` (relative, `/`-separated) and links the others to it.
   * A path already taken keeps its first answer (a tag named like another's UUID cannot take it).
   * Short content already written is linked to, not written again.
   */
  write(paths: readonly string[], content: string): void {
    const markup = paths.find(servedAsMarkup);
    if (markup !== undefined) throw new Error(`${markup}: an API answer must not have a name hosts serve as a page`);
    const short = content.length <= sharedContentLength;
    let first: string | null = (short && this.shortContents.get(content)) || null;
    for (const relative of new Set(paths)) {
      if (this.sink.has(relative)) continue;
      if (first !== null) {
        try {
          this.sink.link(first, relative);
          this.links++;
          this.paths.push(relative);
          continue;
        } catch (error) {
          // A file system's limit of links to one file (65,000 on ext4): start a new copy.
          if ((error as NodeJS.ErrnoException).code !== 'EMLINK') throw error;
        }
      }
      this.sink.write(relative, content);
      first = relative;
      this.files++;
      this.paths.push(relative);
      if (short) this.shortContents.set(content, relative);
    }
  }
}
