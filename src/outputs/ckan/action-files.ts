// Writes the CKAN action API (v3) as files: every answer of the registry (actions.ts) at the path
// docs/decisions/ckan-static-api.md gives it, each other key or path of the same answer a hard link.
// Each dataset's package dict is built and serialised once; pages are joins of those strings.
import type { WriterCatalogue, WriterDataset } from '../../build/writer-input.ts';
import { servedAsMarkup } from '../hosts/media-types.ts';
import { jsonText } from '../json-text.ts';
import { valueDigest } from '../value-digest.ts';
import { sinkFor, type OutputSink } from '../output-sink.ts';
import { servedAnswers, searchDatasetFields, type CkanApi, type PreparedDataset, type ServedAnswer } from './actions.ts';
import { byText, ckanContext, type CkanContext } from './context.ts';
import { AnswerMemo, keyOf } from './answer-memo.ts';
import { ok, okJson } from './envelope.ts';
import { packageDict, project, solrFields } from './package.ts';
import { preparedDataset, preparedOrder } from './prepared-store.ts';
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
  const files = new FileWriter(outDir, { shows: new AnswerMemo('ckan-shows', siteDigest), pages: new AnswerMemo('ckan-pages', siteDigest) });
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
  const context = ckanContext(catalogue);
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
      for (const { keys, json, key } of answer.answers(api)) {
        const names: string[] = [];
        for (const name of keys.flatMap((key) => keyVariants(key))) {
          if (taken.has(name.toLowerCase()) || Buffer.byteLength(name) > maxFileNameBytes || servedAsMarkup(name)) continue;
          taken.add(name.toLowerCase());
          names.push(name);
        }
        const [first, ...others] = names;
        if (first === undefined) continue;
        const file = showFile(answer.name, first);
        // One string, so the file is hashed in one call, not through a hash object of its own (one
        // for each of tens of thousands of small files), and the envelope is serialised once.
        // A package dict kept from the last build: its file is the last build's (answer-memo.ts).
        files.write(file, () => open + json() + close, key === undefined ? undefined : { memo: files.memo.shows, key: `${file}\n${key}` });
        for (const other of others) files.link(file, showFile(answer.name, other));
      }
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

/**
 * Synchronous writes: tens of thousands of small files go several times faster than through the
 * promise API's thread pool, and the order of writes (hence of links) is fixed.
 */
class FileWriter {
  written = 0;
  linked = 0;

  private readonly sink: OutputSink;
  readonly memo: { shows: AnswerMemo; pages: AnswerMemo };

  constructor(outDir: string, memo: { shows: AnswerMemo; pages: AnswerMemo }) {
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
