// Writes an answer once and hard-links every other path that gives the same answer, so a lookup
// by name, by UUID or under an alias path costs a directory entry, not a copy.
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { servedAsMarkup } from '../hosts/media-types.ts';

// Synchronous on purpose: a large catalogue makes hundreds of thousands of tiny file system calls,
// several times faster without the promise API's thread pool, and the build has nothing else to do.

/** Answers this short are often the same bytes (`[]`, an empty page): one file holds each. */
const sharedContentLength = 64;

export class LinkedFiles {
  private readonly folders = new Set<string>();
  private readonly shortContents = new Map<string, string>();
  /** Files written and links made, for the build's figures and the tests. */
  files = 0;
  links = 0;

  private readonly outDir: string;

  /** The paths written are relative to `outDir`, `/`-separated. */
  constructor(outDir: string) {
    this.outDir = path.resolve(outDir).split(path.sep).join('/');
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
      const target = `${this.outDir}/${relative}`;
      this.folder(target.slice(0, target.lastIndexOf('/')));
      try {
        if (first !== null) {
          linkSync(first, target);
          this.links++;
          continue;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        // A file system's limit of links to one file (65,000 on ext4): start a new copy.
        if (code !== 'EMLINK') throw error;
      }
      try {
        writeFileSync(target, content, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      first = target;
      this.files++;
      if (short) this.shortContents.set(content, target);
    }
  }

  private folder(absolute: string): void {
    if (this.folders.has(absolute)) return;
    if (absolute !== this.outDir) this.folder(absolute.slice(0, absolute.lastIndexOf('/')));
    try {
      mkdirSync(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    this.folders.add(absolute);
  }
}
