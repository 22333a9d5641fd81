// Writes the CKAN action API (v3) as files: every answer of the registry (actions.ts) at the path
// docs/decisions/ckan-static-api.md gives it, each other key or path of the same answer a hard link.
// Each dataset's package dict is built and serialised once; pages are joins of those strings.
import type { WriterCatalogue, WriterDataset } from '../../build/writer-input.ts';
import { servedAsMarkup } from '../hosts/media-types.ts';
import { jsonText } from '../json-text.ts';
import { valueDigest } from '../value-digest.ts';
import { rmSync } from 'node:fs';
import { Fragments, fragmentsConfig, storeFolder } from '../../build/fragments.ts';
import { sinkFor, type OutputEntry, type OutputSink } from '../output-sink.ts';
import { servedAnswers, searchDatasetFields, type CkanApi, type PreparedDataset, type ServedAnswer } from './actions.ts';
import { byText, ckanContext, type CkanContext } from './context.ts';
import { AnswerMemo, keyOf } from './answer-memo.ts';
import { ok, okJson } from './envelope.ts';
import { packageDict, project, solrFields } from './package.ts';
import { keptFacts, preparedDataset, preparedOrder } from './prepared-store.ts';
import { actionFile, defaultPageSize, errorFile, keyVariants, pageFile, pageSizes, pathAliases, showFile, writtenPageStarts } from './paths.ts';

/** Longest file name most file systems take, in bytes; a longer key spelling is not written (the UUID always is). */
const maxFileNameBytes = 255;

/**
 * The prepared API of each catalogue the action API was written for: the v1/v2 writer and the
 * handler's index, which the CKAN output writes after it from the same catalogue, read its facts
 * and its dicts in the same order instead of working them out again (each dataset's UUID, dates and
 * tags, the dicts' keys and the sort: a third of the thread's CPU, docs/performance.md "exports-api").
 */
const preparedFor = new WeakMap<WriterCatalogue, CkanApi>();

export async function writeCkanActionApi(catalogue: WriterCatalogue, outDir: string): Promise<{ files: number; links: number }> {
  const api = prepareCkanApi(catalogue);
  preparedFor.set(catalogue, api);
  // Two stores: an addition or a removal changes every page's key, and pages kept beside the ten
  // thousand package_show entries, one in each shard, had every shard of those written again.
  const siteDigest = valueDigest(catalogue.site);
  const files = new FileWriter(outDir, { shows: new ShowRuns(siteDigest), pages: new AnswerMemo('ckan-pages', siteDigest) });
  for (const answer of servedAnswers) writeAnswer(answer, api, files);
  files.memo.shows.save();
  files.memo.pages.save();
  return { files: files.written, links: files.linked };
}

/** The catalogue's prepared API: the action API's when it was written for this catalogue, else made now. */
export function preparedCkanApi(catalogue: WriterCatalogue): CkanApi {
  return preparedFor.get(catalogue) ?? prepareCkanApi(catalogue);
}

/**
 * The catalogue's CKAN facts, and its datasets in search order when the action API has them in
 * that order already (its prepared dicts are sorted by the same keys: `metadata_modified`, then UUID).
 */
export function preparedLegacyFacts(catalogue: WriterCatalogue): [CkanContext, WriterDataset[] | null] {
  const api = preparedFor.get(catalogue);
  if (!api) return [ckanContext(catalogue), null];
  const byId = new Map(catalogue.datasets.map((dataset) => [dataset.id, dataset]));
  return [api.context, api.datasets.map((prepared) => byId.get(prepared.id)!)];
}

/** Lets the prepared API go (the last writer to read it is done). */
export function forgetPreparedCkanApi(catalogue: WriterCatalogue): void {
  preparedFor.delete(catalogue);
}

/** The package dicts, each built and serialised once, in the search order. */
export function prepareCkanApi(catalogue: WriterCatalogue): CkanApi {
  // Each dataset's UUID, dates and tag names from its kept dict, where the last build made one of it.
  const context = ckanContext(catalogue, keptFacts(catalogue.site));
  const datasets: PreparedDataset[] = catalogue.datasets.map((dataset) =>
    // The same strings as the last build's when the dataset and what its dict reads are (prepared-store.ts).
    preparedDataset(dataset, context, () => {
      const dict = packageDict(dataset, context);
      const json = jsonText(dict);
      return {
        id: dataset.id,
        name: dataset.name,
        uuid: dict.id,
        modified: dict.metadata_modified,
        json,
        jsonLength: json.length,
        projectionJson: jsonText(project(solrFields(dict), searchDatasetFields)),
      };
    }),
  );
  // Newest first, then CKAN id: one stable order, so pages neither overlap nor skip.
  datasets.sort((a, b) => byText(b.modified, a.modified) || byText(a.uuid, b.uuid));
  // The order the answers hold the dicts in: their texts are kept in shards of neighbours in it.
  preparedOrder(datasets);
  return { catalogue, context, datasets };
}

function writeAnswer(answer: ServedAnswer, api: CkanApi, files: FileWriter): void {
  const { site } = api.catalogue;
  switch (answer.form) {
    case 'query-less': {
      const file = actionFile(answer.name);
      files.write(file, jsonText(ok(site, answer.name, answer.result(api))));
      for (const alias of pathAliases(file)) files.link(file, alias);
      return;
    }
    case 'show': {
      // A spelling already taken keeps its first answer; letter case does not count, as on the
      // file systems of macOS and Windows (tags `FOI` and `foi`), so every machine writes the same files.
      // A spelling a by-extension host would serve as a page (a tag `report.html`) is not written either.
      const taken = new Set<string>();
      // The envelope around every answer of the action: the same text for each (okJson's pieces).
      const [open, close] = [...okJson(site, answer.name, [])];
      const runs = files.memo.shows.runs();
      for (const { keys, json, key } of answer.answers(api)) {
        const names: string[] = [];
        for (const name of keys.flatMap((key) => keyVariants(key))) {
          if (taken.has(name.toLowerCase()) || Buffer.byteLength(name) > maxFileNameBytes || servedAsMarkup(name)) continue;
          taken.add(name.toLowerCase());
          names.push(name);
        }
        const [first, ...others] = names;
        if (first === undefined) continue;
        // One string, so the file is hashed in one call, not through a hash object of its own (one
        // for each of tens of thousands of small files), and the envelope is serialised once.
        const show: Show = { file: showFile(answer.name, first), others: others.map((other) => showFile(answer.name, other)), text: () => open + json() + close };
        // A package dict kept from the last build: written with its run of neighbours (ShowRuns).
        if (key !== undefined && runs) runs.add(show, key, files);
        else files.writeShow(show);
      }
      runs?.end(files);
      return;
    }
    case 'paged': {
      const count = api.datasets.length;
      for (const size of pageSizes(answer.name)) {
        for (const start of writtenPageStarts(answer.name, count, size)) {
          const file = pageFile(answer.name, size, start);
          const datasets = api.datasets.slice(start, start + size);
          // A page shows the count and its dicts: the same count and the same kept dicts, the same bytes.
          const { pages } = files.memo;
          const kept = pages.active ? { memo: pages, key: `${file}\n${count}\n${keyOf(datasets.map((dataset) => dataset.key!))}` } : undefined;
          files.write(file, () => okJson(site, answer.envelopeAction, answer.page(api, datasets)), kept);
        }
      }
      if (answer.queryLess) {
        // Without a query: CKAN's defaults, rows/limit 10 from 0.
        const file = actionFile(answer.name);
        files.link(pageFile(answer.name, defaultPageSize, 0), file);
        for (const alias of pathAliases(file)) files.link(file, alias);
      }
      return;
    }
    case 'error':
      files.write(errorFile(answer.name), jsonText(answer.body(api)));
      return;
  }
}

/** A `*_show` answer's file, its other names (hard links) and its text, made only when written. */
interface Show {
  file: string;
  others: string[];
  text: () => string;
}

/** A kept run of `package_show` files: each file's path, its other names, its dict's key and its entry. */
type ShowRun = [file: string, others: string[], key: string, entry: OutputEntry][];

/**
 * The `package_show` files of kept dicts, in runs of neighbours (in the search order), each run kept
 * between builds by its first file's path: every file's other names, its dict's key and its entry.
 * A file whose dict and names are the run's last time, and whose bytes the previous output holds, is
 * kept as that output has it; any other is made and written. One lookup a run, where an entry kept
 * for each file (sessions 11 to 15's `ckan-shows`) had a lookup by a new key string for each, in a
 * store of 10,000 entries read and saved, every edit (50 to 70 ms of the writer thread at 10,000
 * datasets, session 16). A run ends where a file's path says (a hash of it), so an addition or a
 * removal changes the run it falls in, not every run after it; a run found is matched by path.
 */
class ShowRuns {
  private readonly store: Fragments<ShowRun> | null;

  constructor(context: string) {
    const config = fragmentsConfig();
    this.store = config ? new Fragments<ShowRun>('ckan-show-runs', context) : null;
    // The store of one entry a file it replaces, in a cache made before session 16: let go.
    if (config) rmSync(storeFolder(config, 'ckan-shows'), { recursive: true, force: true });
  }

  /** A run being gathered, or null without a cache (each file made and written). */
  runs(): { add: (show: Show, key: string, files: FileWriter) => void; end: (files: FileWriter) => void } | null {
    if (!this.store) return null;
    let run: { show: Show; key: string }[] = [];
    const end = (files: FileWriter) => {
      if (run.length > 0) this.write(run, files);
      run = [];
    };
    return {
      add: (show, key, files) => {
        run.push({ show, key });
        if (run.length >= maxShowRun || (run.length >= minShowRun && endsShowRun(show.file))) end(files);
      },
      end,
    };
  }

  save(): void {
    this.store?.save();
  }

  private write(run: readonly { show: Show; key: string }[], files: FileWriter): void {
    const runKey = `run ${run[0]!.show.file}`;
    const kept = this.store!.peek(runKey);
    const before = new Map(kept?.map((stored) => [stored[0], stored]));
    const written: ShowRun = run.map(({ show, key }) => {
      const stored = before.get(show.file);
      const same = stored !== undefined && stored[2] === key && sameNames(stored[1], show.others) && files.previousHash(show.file) === stored[3].hash;
      return [show.file, show.others, key, files.writeShow(show, same ? stored[3] : undefined)];
    });
    // The same run: the very value read kept, so its shard is not written again (fragments.ts).
    const unchanged = kept?.length === written.length && written.every((show, index) => show[3] === kept[index]![3]);
    if (unchanged) this.store!.find(runKey);
    else this.store!.set(runKey, written);
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}

/** A run of `package_show` files holds at least this many, at most that many. */
const minShowRun = 8;
const maxShowRun = 256;

/** Whether a run ends after this file: FNV-1a of its path, one in 32 (runs of some 40 files). */
function endsShowRun(file: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < file.length; index++) hash = Math.imul(hash ^ file.charCodeAt(index), 0x01000193);
  return (hash & 31) === 0;
}

/**
 * Synchronous writes: tens of thousands of small files go several times faster than through the
 * promise API's thread pool, and the order of writes (hence of links) is fixed.
 */
class FileWriter {
  written = 0;
  linked = 0;

  private readonly sink: OutputSink;
  readonly memo: { shows: ShowRuns; pages: AnswerMemo };

  constructor(outDir: string, memo: { shows: ShowRuns; pages: AnswerMemo }) {
    this.sink = sinkFor(outDir);
    this.memo = memo;
  }

  /**
   * Writes text given whole or in pieces; pieces are gathered into chunks, so no page is ever one big
   * string. With a `key` (what the text is made of) in a memo: not made when the last build's output holds it.
   */
  write(relativePath: string, text: string | Iterable<string> | (() => string | Iterable<string>), kept?: { memo: AnswerMemo; key: string }): void {
    this.check(relativePath);
    this.written++;
    if (kept && kept.memo.kept(this.sink, relativePath, kept.key)) return;
    const made = typeof text === 'function' ? text() : text;
    const entry = typeof made === 'string' ? this.sink.write(relativePath, made) : this.sink.writePieces(relativePath, made);
    kept?.memo.remember(kept.key, entry);
  }

  /**
   * A `*_show` answer's file and its other names; `kept`: its entry, which the previous output holds
   * (ShowRuns checked), so nothing is made. Its entry.
   */
  writeShow(show: Show, kept?: OutputEntry): OutputEntry {
    this.check(show.file);
    this.written++;
    let entry = kept;
    if (!entry || !this.sink.keepIfPrevious(show.file, entry)) entry = this.sink.write(show.file, show.text());
    for (const other of show.others) this.link(show.file, other);
    return entry;
  }

  /** The hash of the previous output's file at `relativePath`, if it may be patched. */
  previousHash(relativePath: string): string | undefined {
    return this.sink.previousEntry(relativePath)?.hash;
  }

  /** A second name for the same file (same inode: no second copy of the bytes). */
  link(existingPath: string, newPath: string): void {
    this.check(newPath);
    this.sink.link(existingPath, newPath);
    this.linked++;
  }

  private check(relativePath: string): void {
    if (servedAsMarkup(relativePath)) throw new Error(`${relativePath}: an API answer must not have a name hosts serve as a page`);
  }
}
