// DCAT-AP 3 as one output: the catalogue in pages (`catalog.ttl`, `catalog/page/2.ttl`, … and the
// same in JSON-LD) and each dataset on its own (`dataset/<id>.ttl`, `.jsonld`), and what pages
// and the /api/ page say of them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Catalogue } from '../../catalogue/model.ts';
import type { Endpoint, Output } from '../output.ts';
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import { contentHash, sinkFor, type OutputEntry, type OutputSink, type SinkRecord } from '../output-sink.ts';
import { catalogueFacts, catalogueGraph, type CatalogueFacts } from './catalogue-graph.ts';
import { datasetGraph } from './dataset-graph.ts';
import { datasetTextsOf } from './dataset-text.ts';
import { fileNodesOf } from './file-nodes.ts';
import { dcatDatasetDigest, dcatInput, dcatKind, dcatSite, planDigest, type DcatCatalogue, type DcatDataset, type DcatSite } from './input.ts';
import { catalogPages, hydraPaging, type CatalogPage } from './paging.ts';
import { catalogPagePath, catalogPageSize, datasetRdfPath, rdfExtensions, rdfPathPatterns } from './paths.ts';
import { datasetTexts, jsonLdOf, mergedNodeText, nodeTexts, turtleOf, type NodeText } from './serialise.ts';
import { compare, Triples } from './triples.ts';

export interface RdfFile {
  /** Site-relative path. */
  path: string;
  text: string;
}

/** A file to write: its bytes' entry, and its text made only if the previous output does not hold them. */
interface PlannedFile {
  path: string;
  entry: OutputEntry;
  text: () => string;
}

/**
 * What a dataset gives every build that finds its digest unchanged: its nodes serialised for its
 * catalogue page, and its two files' entries (in `rdfExtensions` order). Its own files' nodes are
 * made from the page's when a file must be written (file-nodes.ts), not kept: one copy in the store.
 */
interface DatasetFragment {
  /**
   * Its NodeTexts as JSON: one string a dataset, which the store copies as it is, where the objects
   * took the v8 serialiser a value at a time (a vocabulary's IRI in every property of every node):
   * read back only when its page is made again. A node outside its folder stands as its index in
   * `shared` (packNodes).
   */
  nodes: string;
  /**
   * Its nodes outside its folder (a vocabulary's concepts, its team, its topics, its licence), one
   * JSON string each: most are said alike by many datasets of the page (16 of 24 nodes a dataset,
   * 1,028 distinct on a page of 1,000 at 10,000 `files`), so a page made again parses each once.
   */
  shared: string[];
  files: OutputEntry[];
}

/** A dataset's nodes for its fragment: those outside its folder (`folder`, its webpage) one string each, in `shared`. */
function packNodes(nodes: readonly NodeText[], folder: string): Pick<DatasetFragment, 'nodes' | 'shared'> {
  const shared: string[] = [];
  const packed = nodes.map((node) => (node.subject.startsWith(folder) ? node : shared.push(JSON.stringify(node)) - 1));
  return { nodes: JSON.stringify(packed), shared };
}

/** A fragment's nodes in their order, a shared node's text parsed once a page (`parsed`, by its JSON): the same object for every dataset that says it alike. */
function unpackNodes(fragment: DatasetFragment, parsed: Map<string, NodeText>): NodeText[] {
  const packed = JSON.parse(fragment.nodes) as (NodeText | number)[];
  return packed.map((node) => {
    if (typeof node !== 'number') return node;
    const json = fragment.shared[node]!;
    let text = parsed.get(json);
    if (text === undefined) {
      parsed.set(json, (text = JSON.parse(json) as NodeText));
      dcatSharedNodeFigures.parsed++;
    }
    dcatSharedNodeFigures.said++;
    return text;
  });
}

/** Datasets serialised and taken from the last build's fragments by the last run (for the tests and the benchmark). */
export const dcatFragmentFigures = { made: 0, reused: 0 };

/** Catalogue pages (with their datasets' files) the last run took from the previous output as they were, and those it made. */
export const dcatPageFigures = { kept: 0, made: 0, spliced: 0 };

/** Of the pages kept or spliced by the last run, those its plan decided (planKey: no dataset's own digest worked out). */
export const dcatPlanFigures = { planned: 0 };

/** Nodes outside their dataset's folder the last run read back from the fragments: each `said` by a dataset, `parsed` once a page (unpackNodes). */
export const dcatSharedNodeFigures = { said: 0, parsed: 0 };

/**
 * What a catalogue page gives the next build: a digest of its files' paths and entries (its
 * datasets' two files each, then its own two). A page whose key (pageKeys below) is the same and
 * whose files the previous output holds with exactly these entries is that output's as it is.
 * Kept under four names: its key and its plan with its total (`key …`, `plan …`), and both without
 * it (`any …`, `anyplan …`, for splicedPage).
 */
interface PageRecord {
  files: string;
  /** The datasets on all pages when it was made (`hydra:totalItems`), so that its text can be taken again with another total (splicedPage). */
  total: number;
  /** Its key without the total: a page found by its plan is kept under its key again without the key worked out. */
  loose: string;
}

/** What the previous output holds: each file's entry, and its text when it still has those bytes. */
interface PreviousFiles {
  entry: (path: string) => OutputEntry | undefined;
  text: (path: string) => string | null;
}

/** Changed with the serialisation, so that fragments of another version are not reused. */
const fragmentsVersion = 'dcat 6';

function entryOf(text: string): OutputEntry {
  return { hash: contentHash(text), size: Buffer.byteLength(text) };
}

/** Every DCAT-AP file, as text (what the tests read). */
export async function* dcatFiles(catalogue: DcatCatalogue, pageSize = catalogPageSize): AsyncGenerator<RdfFile> {
  const records: PageRecordSets = new Map();
  for (const file of plannedFiles(catalogue, pageSize, null, counter(), records)) yield { path: file.path, text: file.text() };
  savePageRecords(catalogue.site, records);
}

/** Every file of a page, in the order plannedFiles gives them. */
function pagePaths(page: CatalogPage<DcatDataset>): string[] {
  const paths = page.datasets.flatMap((dataset) => rdfExtensions.map((extension) => datasetRdfPath(dataset.id, extension)));
  for (const extension of rdfExtensions) paths.push(catalogPagePath(page.number, extension));
  return paths;
}

function filesDigest(paths: readonly string[], entries: readonly OutputEntry[]): string {
  const digest = createHash('sha256');
  for (const [index, file] of paths.entries()) digest.update(`${file}\0${entries[index]!.hash}\0${entries[index]!.size}\n`);
  return digest.digest('base64url');
}

/**
 * What a page's files are made of but its paging's hydra:totalItems (a record's name adds the
 * total: `key <this> <total>`): the site's fields (the fragments' context), its place among the
 * pages, the catalogue's own nodes as this page states them (its dates and topics are all the
 * datasets', its dcat:dataset list the page's), and each of its datasets' digest.
 */
function looseKey(context: string, page: CatalogPage<DcatDataset>, catalogueNodes: readonly NodeText[], digests: readonly string[]): string {
  const key = createHash('sha256').update(`${context}\n${page.number} ${page.pageCount} ${page.size}\n`);
  for (const node of catalogueNodes) key.update(`${node.turtle}\n`);
  for (const digest of digests) key.update(`${digest}\n`);
  return key.digest('base64url');
}

/**
 * The same page told from small keys (a record's name: `plan <this> <total>`): the catalogue's
 * nodes but its dataset list (`common`: the same on every page), and each dataset's plan digest
 * (input.ts `planDigest`: the model's digest, known without reading the dataset), which names the
 * dataset and so its place in that list. The same plan is the same loose key, so a page whose
 * datasets did not change is decided with no dataset serialised, read or hashed.
 */
function planKey(context: string, page: CatalogPage<DcatDataset>, common: string, plans: readonly string[]): string {
  const key = createHash('sha256').update(`${context}\n${page.number} ${page.pageCount} ${page.size}\n${common}`);
  for (const plan of plans) key.update(`${plan}\n`);
  return key.digest('base64url');
}

/** The catalogue's own nodes with no dataset named, as one text: what every page's catalogue nodes are but for their dcat:dataset list. */
function commonCatalogueText(catalogue: DcatCatalogue, facts: CatalogueFacts): string {
  const graph = new Triples();
  catalogueGraph(graph, catalogue, [], facts);
  return nodeTexts(graph, catalogue.site.url)
    .map((node) => `${node.turtle}\n`)
    .join('');
}

/** Never called: the sink asks for a file's text only when the previous output lacks its bytes, and a kept page's are all there. */
const keptText = (): string => {
  throw new Error('A DCAT-AP file taken from the previous output was asked for its text');
};

/**
 * Every DCAT-AP file, page by page: each dataset of the page on its own, in Turtle and JSON-LD
 * (what a harvester fetches to refresh one dataset), then the catalogue page that holds them. Each
 * dataset's nodes are serialised once (serialise.ts `nodeText`) and serve both: the page is the
 * catalogue's own nodes with its datasets' nodes added, and keeps their texts, not their graphs;
 * the dataset's own files are those texts with the site's IRIs rewritten (file-nodes.ts).
 * With the build's cache, a dataset whose digest is unchanged since the last build takes its nodes
 * and its files' entries from there (one store a page, so that only a page's are in memory): an
 * edit serialises one dataset again, and writes its files and its page. With the previous output
 * too (`previous`, its entries), a page whose key is unchanged is decided from its parts' digests
 * alone: its files are that output's, its store is not even read, nothing is joined or hashed.
 * It is found first by its plan (planKey: the model's digests, which the build knows already), so
 * on an edit only the edited dataset's page reads and hashes its datasets. A writer that finds no
 * page left (the other took them all) reads nothing.
 */
function* plannedFiles(catalogue: DcatCatalogue, pageSize: number, previousFiles: PreviousFiles | null, take: () => number, recordSets: PageRecordSets): Generator<PlannedFile> {
  const previous = previousFiles?.entry ?? null;
  const { site } = catalogue;
  const context = recordsContext(site);
  dcatFragmentFigures.made = dcatFragmentFigures.reused = 0;
  dcatPageFigures.made = dcatPageFigures.kept = dcatPageFigures.spliced = dcatPlanFigures.planned = 0;
  dcatSharedNodeFigures.said = dcatSharedNodeFigures.parsed = 0;
  const pages = catalogPages(catalogue.datasets, pageSize);
  let index = take();
  // No page left (the other writer took them all): nothing read, nothing worked out.
  if (index >= pages.length) return;
  const keep = fragmentsConfig() !== null;
  // Read here, kept by whoever puts every writer's records together (savePageRecords).
  const pageRecords = keep ? new Fragments<PageRecord>('dcat-pages', context) : null;
  const facts = catalogueFacts(catalogue);
  const common = keep ? commonCatalogueText(catalogue, facts) : '';
  for (; index < pages.length; index = take()) {
    const page = pages[index]!;
    const records: [string, PageRecord][] = [];
    recordSets.set(page.number, records);
    let catalogueNodes: NodeText[] | null = null;
    const pageCatalogueNodes = () => {
      if (catalogueNodes) return catalogueNodes;
      const graph = new Triples();
      catalogueGraph(graph, catalogue, page.datasets, facts);
      return (catalogueNodes = nodeTexts(graph, site.url));
    };
    // Without a cache nothing is looked up: the digests would be hashed for nothing.
    const plans = keep ? page.datasets.map(planDigest) : null;
    const plan = plans && planKey(context, page, common, plans);
    // The datasets' own digests and the page's key, worked out only when its plan does not decide it.
    let digests: string[] | null = null;
    const datasetDigests = () => (digests ??= plans!.map((each, position) => (each.startsWith(dcatKind) ? each.slice(dcatKind.length) : dcatDatasetDigest(page.datasets[position]!))));
    let loose: string | null = null;
    const pageLoose = () => (loose ??= looseKey(context, page, pageCatalogueNodes(), datasetDigests()));
    const keepRecord = (record: PageRecord) => {
      for (const name of [`plan ${plan} ${page.total}`, `anyplan ${plan}`, `key ${record.loose} ${page.total}`, `any ${record.loose}`]) records.push([name, record]);
    };
    let record = plan === null ? undefined : pageRecords!.peek(`plan ${plan} ${page.total}`);
    let planned = record !== undefined;
    // The store holds one build's records, all of one total: a page found by its plan under another
    // total (a dataset added or removed) is under no key of this total, and its datasets' own
    // digests are not worked out for that lookup (on the writer thread, reading every field of them).
    const otherTotal = plan !== null && !record && previousFiles !== null && (pageRecords!.peek(`anyplan ${plan}`)?.total ?? page.total) !== page.total;
    if (plan !== null && !record && !otherTotal) record = pageRecords!.peek(`key ${pageLoose()} ${page.total}`);
    if (record && previous) {
      const paths = pagePaths(page);
      const entries = paths.map(previous);
      if (entries.every((entry) => entry !== undefined) && filesDigest(paths, entries) === record.files) {
        keepRecord(record);
        for (const [index, file] of paths.entries()) yield { path: file, entry: entries[index]!, text: keptText };
        dcatPageFigures.kept++;
        if (planned) dcatPlanFigures.planned++;
        dcatFragmentFigures.reused += page.datasets.length;
        continue;
      }
    }
    // The same datasets and catalogue, another total (a dataset added or removed on another page): the previous text, its paging's total said anew.
    record = plan !== null && previousFiles ? pageRecords!.peek(`anyplan ${plan}`) : undefined;
    planned = record !== undefined;
    if (plan !== null && previousFiles && !record) record = pageRecords!.peek(`any ${pageLoose()}`);
    const spliced = record && record.total !== page.total ? splicedPage(site, page, record, previousFiles!) : null;
    if (spliced) {
      const entries = [...spliced.entries];
      for (const [index, file] of spliced.paths.entries()) {
        const text = spliced.texts[index - (spliced.paths.length - rdfExtensions.length)];
        if (text === undefined) {
          yield { path: file, entry: entries[index]!, text: keptText };
          continue;
        }
        entries[index] = entryOf(text);
        yield { path: file, entry: entries[index]!, text: () => text };
      }
      keepRecord({ files: filesDigest(spliced.paths, entries), total: page.total, loose: record!.loose });
      dcatPageFigures.spliced++;
      if (planned) dcatPlanFigures.planned++;
      dcatFragmentFigures.reused += page.datasets.length;
      continue;
    }
    const catalogueNodesOfPage = pageCatalogueNodes();
    const store = new Fragments<DatasetFragment>(`dcat-page-${page.number}`, context);
    const sharedNodes = new Map<string, NodeText>();
    const nodes = new PageNodes();
    for (const node of catalogueNodesOfPage) nodes.add(node);
    const entries: OutputEntry[] = [];
    for (const [position, dataset] of page.datasets.entries()) {
      let made: string[] | null = null;
      let datasetNodes: NodeText[] | null = null;
      const fragment = store.get(keep ? datasetDigests()[position]! : dataset.id, () => {
        // Written straight from the model (dataset-text.ts); its graph only where that declines.
        const direct = datasetTextsOf(site, dataset);
        if (direct) {
          datasetNodes = direct.page;
          made = fileTextsOf(site, dataset, direct.file);
        } else {
          const own = new Triples();
          datasetGraph(own, site, dataset);
          datasetNodes = nodeTexts(own, site.url, dataset.webpage);
          made = fileTexts(site, dataset, datasetNodes, own);
        }
        // Without a cache the store is never written: nothing to put in it.
        return { ...(keep ? packNodes(datasetNodes, dataset.webpage) : { nodes: '', shared: [] }), files: made.map(entryOf) };
      });
      const pageNodes: NodeText[] = datasetNodes ?? unpackNodes(fragment, sharedNodes);
      let reused: string[] | null = null;
      for (const [index, extension] of rdfExtensions.entries()) {
        const text = () => (made ?? (reused ??= fileTexts(site, dataset, pageNodes)))[index]!;
        entries.push(fragment.files[index]!);
        yield { path: datasetRdfPath(dataset.id, extension), entry: fragment.files[index]!, text };
      }
      for (const text of pageNodes) nodes.add(text);
      if (made) dcatFragmentFigures.made++;
      else dcatFragmentFigures.reused++;
    }
    const pageTexts = nodes.sorted(site.url);
    // Each format's page links to that format's pages: the paging description is the one difference.
    for (const extension of rdfExtensions) {
      const paging = new Triples();
      hydraPaging(paging, site, page, extension);
      const all = withNodes(pageTexts, nodeTexts(paging, site.url), site.url);
      const text = extension === 'ttl' ? turtleOf(all, site.url) : jsonLdOf(all, site.url, { lines: true });
      const entry = entryOf(text);
      entries.push(entry);
      yield { path: catalogPagePath(page.number, extension), entry, text: () => text };
    }
    store.save();
    if (keep) keepRecord({ files: filesDigest(pagePaths(page), entries), total: page.total, loose: pageLoose() });
    dcatPageFigures.made++;
  }
}

/**
 * A page whose datasets and catalogue nodes are those of a page the previous output holds (its record
 * `loose`), with another total: that page's two files with their paging's `hydra:totalItems` said
 * anew, and its datasets' files as they are (their entries). The paging description is a statement
 * of its own in Turtle (found whole, between a line's start and its end, once) and a line of its own
 * in JSON-LD (its last property, hydra:totalItems: the same context, whose terms depend on the kinds
 * of values, not on them). Null when the previous output does not hold exactly what the record says,
 * or the paging is not found as written (merged with another node of the same IRI): the page is then
 * made from its store. The tests hold it to a build without the cache.
 */
function splicedPage(site: DcatSite, page: CatalogPage<DcatDataset>, loose: PageRecord, previous: PreviousFiles): { paths: string[]; entries: OutputEntry[]; texts: string[] } | null {
  const paths = pagePaths(page);
  const entries = paths.map(previous.entry);
  if (!entries.every((entry) => entry !== undefined) || filesDigest(paths, entries) !== loose.files) return null;
  const texts: string[] = [];
  for (const extension of rdfExtensions) {
    const before = previous.text(catalogPagePath(page.number, extension));
    if (before === null) return null;
    const [was, now] = [loose.total!, page.total].map((total) => {
      const paging = new Triples();
      hydraPaging(paging, site, { ...page, total }, extension);
      return nodeTexts(paging, site.url)[0]!;
    }) as [NodeText, NodeText];
    const after = extension === 'ttl' ? replaceOnce(before, `\n${was.turtle}.\n`, `\n${now.turtle}.\n`) : splicedJsonLd(before, was, loose.total!, page.total);
    if (after === null) return null;
    texts.push(after);
  }
  return { paths, entries: entries as OutputEntry[], texts };
}

/** `text` with `from` replaced by `to`, when `from` is in it exactly once. */
function replaceOnce(text: string, from: string, to: string): string | null {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) return null;
  return `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

/** A JSON-LD page's paging line (its own `@id`) with its last value, hydra:totalItems, `was` → `now` (bare under a term, or with its `@type`). */
function splicedJsonLd(text: string, paging: NodeText, was: number, now: number): string | null {
  const start = text.indexOf(`\n{"@id":${paging.json.id},`);
  if (start < 0 || text.indexOf(`\n{"@id":${paging.json.id},`, start + 1) >= 0) return null;
  const end = text.indexOf('\n', start + 1);
  let line = text.slice(start + 1, end);
  const comma = line.endsWith(',') ? ',' : '';
  if (comma) line = line.slice(0, -1);
  for (const [before, after] of [[`:"${was}"}`, `:"${now}"}`], [`"@value":"${was}"}}`, `"@value":"${now}"}}`]]) {
    if (line.endsWith(before!)) return `${text.slice(0, start + 1)}${line.slice(0, -before!.length)}${after}${comma}${text.slice(end)}`;
  }
  return null;
}

/**
 * A dataset's own two files (in `rdfExtensions` order), from its catalogue page's nodes: their
 * IRIs relative to its folder (`#dataset`, a tenth of their bytes: docs/performance.md, session 7),
 * rewritten from the page's (file-nodes.ts); when that cannot be done exactly, its graph (`own`, or
 * made again) serialised for the file. One line of JSON-LD: a third of the indented file was its
 * indentation, 10,000 times over (lean-layout.md).
 */
function fileTexts(site: DcatSite, dataset: DcatDataset, nodes: readonly NodeText[], own?: Triples): string[] {
  const base = dataset.webpage;
  let file = fileNodesOf(nodes, site.url, base);
  if (file === null) {
    if (!own) datasetGraph((own = new Triples()), site, dataset);
    file = datasetTexts(own, site.url, base).file;
  }
  return fileTextsOf(site, dataset, file);
}

/** The two files of a dataset's nodes relative to its folder. */
function fileTextsOf(site: DcatSite, dataset: DcatDataset, file: readonly NodeText[]): string[] {
  const base = dataset.webpage;
  return [turtleOf(file, site.url, base), jsonLdOf(file, site.url, { base })];
}

/** The nodes of a catalogue page by subject; a subject that several graphs describe differently is put together once, at the end. */
class PageNodes {
  private readonly nodes = new Map<string, NodeText | NodeText[]>();

  add(text: NodeText): void {
    const had = this.nodes.get(text.subject);
    if (had === undefined) this.nodes.set(text.subject, text);
    // Mostly the same statement (the team of the page's datasets): nothing to add.
    else if (!Array.isArray(had)) {
      if (had !== text && had.turtle !== text.turtle) this.nodes.set(text.subject, [had, text]);
    } else if (!had.some((known) => known === text || known.turtle === text.turtle)) had.push(text);
  }

  /** Every node in code-unit order of its IRI. */
  sorted(siteUrl: string): NodeText[] {
    // Array's own order for strings is code-unit order (compare's), without a call back to JavaScript for each comparison.
    return [...this.nodes.keys()].sort().map((subject) => {
      const node = this.nodes.get(subject)!;
      return Array.isArray(node) ? mergedNodeText(node, siteUrl) : node;
    });
  }
}

/** `sorted` with `more` (a page's paging description) in their places, merged with a node of the same subject. */
function withNodes(sorted: readonly NodeText[], more: readonly NodeText[], siteUrl: string): NodeText[] {
  const all = [...sorted];
  for (const node of more) {
    let index = 0;
    while (index < all.length && compare(all[index]!.subject, node.subject) < 0) index++;
    if (all[index]?.subject === node.subject) all[index] = mergedNodeText([all[index]!, node], siteUrl);
    else all.splice(index, 0, node);
  }
  return all;
}

/**
 * Written synchronously, one after the other: two small files a dataset, and through the promise
 * API (open, write, close, each a round trip to the thread pool) 10,000 small files took ten times
 * the JavaScript CPU time, which is what this output is short of; the time the disk takes, its
 * thread would spend waiting anyway. On a build's thread that shares its pages (`sharePages`), it
 * writes the pages it takes and leaves their records to the build.
 */
export async function writeDcatFiles(catalogue: DcatCatalogue, outDir: string, pageSize = catalogPageSize): Promise<void> {
  const sink = sinkFor(outDir);
  if (shared) {
    writePages(catalogue, sink, pageSize, shared.take, shared.records);
    return;
  }
  const records: PageRecordSets = new Map();
  writePages(catalogue, sink, pageSize, counter(), records);
  savePageRecords(catalogue.site, records);
}

function writePages(catalogue: DcatCatalogue, sink: OutputSink, pageSize: number, take: () => number, records: PageRecordSets): void {
  const previous: PreviousFiles = {
    entry: (file) => sink.previousEntry(file),
    // Read before this build writes it (a page is spliced before its files are written): the previous output's, its bytes checked.
    text: (file) => {
      const entry = sink.previousEntry(file);
      if (!entry) return null;
      try {
        const text = readFileSync(sink.source(file), 'utf8');
        return contentHash(text) === entry.hash ? text : null;
      } catch {
        return null;
      }
    },
  };
  for (const file of plannedFiles(catalogue, pageSize, previous, take, records)) sink.writeKnown(file.path, file.entry, file.text);
}

/** The `dcat-pages` records each writer set, by page number, in the order it set them. */
type PageRecordSets = Map<number, [string, PageRecord][]>;

/** What a thread hands back of its page records (structured-cloned). */
export type SharedPageRecords = [number, [string, PageRecord][]][];

/** The pages in order, for a writer that takes them all. */
function counter(): () => number {
  let next = 0;
  return () => next++;
}

function recordsContext(site: DcatSite): string {
  // A dataset's nodes depend on it and on the site (its address, its language): the fields read, whether of the model's site or of dcatInput's.
  return `${fragmentsVersion} ${contentHash(JSON.stringify(dcatSite(site)))}`;
}

/**
 * The records of every writer's pages kept in page order, so the store is the same whichever
 * writer made which page. Without a cache nothing is kept.
 */
function savePageRecords(site: DcatSite, sets: Iterable<[number, [string, PageRecord][]]>): void {
  if (fragmentsConfig() === null) return;
  const store = new Fragments<PageRecord>('dcat-pages', recordsContext(site));
  for (const [, records] of [...sets].sort(([a], [b]) => a - b)) for (const [key, record] of records) store.set(key, record);
  store.save();
}

/**
 * A build's DCAT-AP pages shared between its thread and, once its own outputs are done, the main
 * thread (build.ts): each takes the next page from one counter until none is left, and writes it
 * whole (its datasets' files, its store) into its own sink over the thread's folder. A page depends
 * on no other, so which writer made it changes no byte; the records and the manifest are put
 * together in page order (`finishSharedPages`).
 */
let shared: { take: () => number; records: PageRecordSets } | null = null;

/** The next page's index (0-based) from a counter both threads hold; past the last page when none is left. */
export function takeFrom(counter: Int32Array): () => number {
  return () => Atomics.add(counter, 0, 1);
}

/** On the thread: take pages with `take` (null: all of them, as on its own). */
export function sharePages(take: (() => number) | null): void {
  shared = take && { take, records: new Map() };
}

/** On the thread, once written: its pages' records, for the build. */
export function sharedPageRecords(): SharedPageRecords | null {
  return shared && [...shared.records];
}

/** On the main thread: the pages left, taken one at a time with `take`; their records. */
export function writeSharedPages(catalogue: DcatCatalogue, sink: OutputSink, take: () => number, pageSize = catalogPageSize): SharedPageRecords {
  const records: PageRecordSets = new Map();
  writePages(catalogue, sink, pageSize, take, records);
  return [...records];
}

/**
 * Both writers' work as one writer's: the page records kept, and one sink record with the files in
 * the order one writer gives them (page by page), so the build's manifest is the same too.
 */
export function finishSharedPages(catalogue: DcatCatalogue, records: readonly SharedPageRecords[], sinks: readonly SinkRecord[], pageSize = catalogPageSize): SinkRecord {
  savePageRecords(catalogue.site, records.flat());
  const entries = new Map(sinks.flatMap((record) => record.entries));
  const staged = new Set(sinks.flatMap((record) => record.staged));
  const order = catalogPages(catalogue.datasets, pageSize).flatMap(pagePaths);
  if (order.length !== entries.size || !order.every((file) => entries.has(file))) throw new Error('DCAT-AP: the shared pages do not hold every file');
  // The files that differ from the previous output, when both sinks know theirs (output-sink.ts `differs`).
  const differing = sinks.every((record) => record.differs) ? new Set(sinks.flatMap((record) => record.differs!)) : null;
  const differs = differing ? { differs: order.filter((file) => differing.has(file)) } : {};
  return { entries: order.map((file) => [file, entries.get(file)!]), staged: order.filter((file) => staged.has(file)), ...differs };
}

export const dcatOutput: Output = {
  id: 'dcat',
  // Two files a dataset, mostly CPU (serialising): its time overlaps the main thread's outputs
  // after the pages (docs/decisions/dcat.md, Cost).
  thread: 'after-pages',
  // One part: the catalogue's pages are made of its datasets' graphs, built once for both.
  // Its thread is handed what it reads of the catalogue, not a copy of all of it (input.ts).
  threadInput: dcatInput,
  // The part takes either (the whole catalogue when called on its own): what it reads is the same.
  parts: [{ name: 'dcat', write: (catalogue, outDir) => writeDcatFiles(dcatInput(catalogue), outDir) }],
  mediaTypes: { ttl: 'text/turtle', jsonld: 'application/ld+json' },
  hostRules: { corsPaths: rdfPathPatterns },
  describe: (catalogue) => {
    const dataset = catalogue.datasets[0];
    const pageCount = catalogPages(catalogue.datasets).length;
    const endpoints: Endpoint[] = [
      { name: 'catalog.ttl', summary: `The catalogue and its datasets in Turtle${pageCount > 1 ? `, ${catalogPageSize} datasets a page; hydra:next links each page to the next` : ''}.`, example: catalogPagePath(1, 'ttl') },
      { name: 'catalog.jsonld', summary: 'The same in JSON-LD.', example: catalogPagePath(1, 'jsonld') },
    ];
    if (pageCount > 1) endpoints.push({ name: 'catalog/page/<n>.ttl', summary: 'Page n of the catalogue (also .jsonld).', example: catalogPagePath(2, 'ttl') });
    if (dataset) {
      endpoints.push(
        { name: 'dataset/<id>.ttl', summary: 'One dataset with its distributions, in Turtle.', example: datasetRdfPath(dataset.id, 'ttl') },
        { name: 'dataset/<id>.jsonld', summary: 'One dataset in JSON-LD.', example: datasetRdfPath(dataset.id, 'jsonld') },
      );
    }
    return {
      summary: 'Harvesters of linked open data (data.europa.eu, ckanext-dcat, udata, piveau) can read the catalogue as DCAT-AP 3, in Turtle or JSON-LD.',
      links: [
        { path: catalogPagePath(1, 'ttl'), label: 'The catalogue as DCAT-AP (Turtle)', footerLabel: 'DCAT-AP (Turtle)' },
        { path: catalogPagePath(1, 'jsonld'), label: 'The catalogue as DCAT-AP (JSON-LD)' },
      ],
      datasetLinks: [
        { label: 'This dataset as DCAT-AP (Turtle)', path: datasetRdfPath('{id}', 'ttl') },
        { label: 'This dataset as DCAT-AP (JSON-LD)', path: datasetRdfPath('{id}', 'jsonld') },
      ],
      reference: [
        {
          id: 'dcat',
          title: 'DCAT-AP 3 (linked data)',
          intro: 'The catalogue as the European DCAT application profile describes catalogues, for harvesters. Dataset IRIs are their pages with #dataset.',
          endpoints,
        },
      ],
    };
  },
};
