// What loading learnt from files that have not changed since the last build: a local file's MD5
// and preview, a description's rendered HTML, a dataset file's checked front matter (by its text). A local file is known by its size, modification time
// and inode; when those changed (a fresh checkout resets every time) its MD5 is worked out again
// and, the same bytes found, its preview is reused: the preview (parsing a table, a workbook) is
// the expensive part. Only what this build used is kept for the next.
import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { DeriveMemo } from '../catalogue/derive.ts';
import type { CheckMemo } from '../catalogue/read-files.ts';
import { md5File } from '../catalogue/file-facts.ts';
import type { FilePreview } from '../catalogue/model.ts';
import type { FileFacts, LocalFile } from '../catalogue/previews/file-preview.ts';

export interface LoadMemoRecord {
  /** Path, size, mtime, inode and how it is read → its facts. */
  byStat: [string, FileFacts][];
  /** MD5 and how it is read → its preview. */
  byContent: [string, FilePreview | null][];
  /** SHA-256 of a description's Markdown → its HTML and text. */
  markdown: [string, { html: string; text: string }][];
  /**
   * SHA-256 of a front matter's text (read-files.ts `CheckMemo`) → its checked value,
   * serialised on their own (`v8.serialize`): reading the cache copies their bytes instead of
   * rebuilding 10,000 objects, each build deserialises only those it uses (a copy of its own, which
   * it may change), and the next cache is written with the same bytes.
   */
  checked?: [string, Uint8Array][];
}

export const emptyLoadMemo: LoadMemoRecord = { byStat: [], byContent: [], markdown: [], checked: [] };

export class LoadMemo implements DeriveMemo, CheckMemo {
  private readonly previousChecked: Map<string, Uint8Array>;
  private readonly usedChecked = new Map<string, Uint8Array>();
  private readonly previous: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> };
  private readonly used: { byStat: Map<string, FileFacts>; byContent: Map<string, FilePreview | null>; markdown: Map<string, { html: string; text: string }> } = { byStat: new Map(), byContent: new Map(), markdown: new Map() };
  /** Local files read whole this build (not found in the cache), for the build's report and the tests. */
  filesRead = 0;
  filesReused = 0;

  /**
   * `keep: false` (a build without a cache): nothing is recorded for a next build. At 100,000
   * datasets the records were 150 MB held through the whole build (docs/performance.md).
   */
  private readonly keep: boolean;

  constructor(record: LoadMemoRecord, keep = true) {
    this.keep = keep;
    this.previous = { byStat: new Map(record.byStat), byContent: new Map(record.byContent), markdown: new Map(record.markdown) };
    this.previousChecked = new Map(record.checked ?? []);
  }

  checked(key: string, check: () => unknown): unknown {
    // The build may change what it is handed (a catalogue is made from these values): it gets a
    // copy, and the cache keeps values as they were checked (their serialised bytes). Deserialising
    // one entry costs about what copying it did (structuredClone), without the whole cache's objects.
    const previous = this.previousChecked.get(key);
    if (previous) {
      if (this.keep) this.usedChecked.set(key, previous);
      return deserialize(previous);
    }
    const fresh = check();
    if (fresh !== null && this.keep) this.usedChecked.set(key, serialize(fresh));
    return fresh;
  }

  async localFile(file: LocalFile, read: () => Promise<FileFacts>): Promise<FileFacts> {
    const reading = `${file.format}\0${JSON.stringify(file.describedColumns)}`;
    // Nanoseconds, and the change time too: a file rewritten within the same millisecond is still seen.
    const stats = statSync(file.path, { bigint: true });
    const statKey = `${file.path}\0${stats.size}\0${stats.mtimeNs}\0${stats.ctimeNs}\0${stats.ino}\0${reading}`;
    let facts = this.previous.byStat.get(statKey);
    if (!facts) {
      const md5 = await md5File(file.path, Number(stats.size));
      const preview = this.previous.byContent.get(`${md5}\0${reading}`);
      if (preview !== undefined) facts = { hash: md5, preview };
    }
    if (facts) this.filesReused++;
    else {
      facts = await read();
      this.filesRead++;
    }
    if (this.keep) {
      this.used.byStat.set(statKey, facts);
      this.used.byContent.set(`${facts.hash}\0${reading}`, facts.preview);
    }
    return facts;
  }

  markdown(markdown: string, render: (markdown: string) => { html: string; text: string }): { html: string; text: string } {
    if (!this.keep && this.previous.markdown.size === 0) return render(markdown);
    const key = hash('sha256', markdown);
    const rendered = this.previous.markdown.get(key) ?? render(markdown);
    if (this.keep) this.used.markdown.set(key, rendered);
    return rendered;
  }

  /** Loading has ended: the previous build's records are not asked again (the cache written later holds this build's). */
  forgetPrevious(): void {
    this.previous.byStat.clear();
    this.previous.byContent.clear();
    this.previous.markdown.clear();
    this.previousChecked.clear();
  }

  toRecord(): LoadMemoRecord {
    return { byStat: [...this.used.byStat], byContent: [...this.used.byContent], markdown: [...this.used.markdown], checked: [...this.usedChecked] };
  }
}
