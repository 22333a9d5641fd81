// A dataset's DCAT-AP nodes written straight from the model: the same statements as
// dataset-graph.ts builds and serialise.ts writes (n3's Writer for Turtle, compact-jsonld.ts for
// JSON-LD), without n3's terms, quads and Writer, and without rewriting the page's texts for the
// dataset's own files (file-nodes.ts): each node is a list of plain [predicate, value] pairs
// (dataset-pairs.ts), sorted as GraphNode.quads sorts, and written twice, relative to the site (its
// catalogue page) and to its folder (its own files): Turtle by turtle-text.ts, JSON-LD's pieces
// here. Building, serialising and rewriting each dataset's graph was about 45% of a profile of the
// DCAT-AP thread at 10,000 datasets (docs/performance.md, section `dcat-fast`). Whatever this does
// not write exactly as n3 would (an IRI that needs escaping, one on the site's host outside its
// address, a site whose address is not a folder), it declines (null), and the output builds the
// dataset's graph as before; the tests hold both ways to each other.
import { flat } from '../flat-string.ts';
import { baseFits, externalIriJson, siteBit, type NodeJson, type PropertyJson } from './compact-jsonld.ts';
import { datasetGraph, Graph, sortedPairs, type, type Literal, type Pair, type Value } from './dataset-pairs.ts';
import type { DcatDataset, DcatSite } from './input.ts';
import { jsonLdRelative, rootOf, turtleResolve } from './relative.ts';
import type { NodeText } from './serialise.ts';
import { Declined, turtleBits, turtleStatement, turtleStatements } from './turtle-text.ts';

// --- JSON-LD: compact-jsonld.ts nodeJson, over plain pairs, for the page and the folder at once ---

/** An IRI's JSON in a node: on the catalogue page (`site:…`, a compact IRI, the IRI) and in the dataset's own files (relative to its folder; null: not read back). */
interface IriJson {
  page: string;
  file: string | null;
  /** Its prefixes on the page; in the folder's files the same without `site:`. */
  bits: number;
  /**
   * `{"@id":…}` of `page` and of `file`, made when first asked for (wrappedIds): once for an IRI that
   * comes back (a team's, a vocabulary's). Made with the object (undefined), so that setting them
   * later does not give each IriJson a separate store of properties.
   */
  pageWrapped: string | undefined;
  fileWrapped: string | undefined;
}

/** An IRI outside the site as every file writes it (the same object each time: its wrapped forms made once). */
const externalJson = new Map<string, IriJson>();

/** As nodeJson's compactId and prefixBitsOf: the site's IRIs `site:x` on the page and relative in the folder (jsonLdRelative), any other its compact IRI (the same in both). */
function iriJson(iri: string, context: JsonContext): IriJson {
  // The site's IRIs outside the datasets' folders (teams, topics) read the same from every dataset's folder.
  if (context.standard && iri.startsWith(context.siteUrl) && !iri.startsWith(context.datasets)) {
    // By site: the same IRI is `site:x/…` under one address and `site:…` under another (and its folder form differs too).
    let bySite = siteJson.get(context.siteUrl);
    if (!bySite) siteJson.set(context.siteUrl, (bySite = new Map()));
    let known = bySite.get(iri);
    if (known === undefined) {
      known = siteIriJson(iri, context);
      if (bySite.size >= 10_000) bySite.clear();
      bySite.set(iri, known);
    }
    return known;
  }
  // The dataset's own IRIs come back (a distribution is a node and a value): each made once a dataset.
  if (!iri.startsWith(context.own)) return siteIriJson(iri, context);
  let known = context.ownJson.get(iri);
  if (known === undefined) context.ownJson.set(iri, (known = siteIriJson(iri, context)));
  return known;
}

const siteJson = new Map<string, Map<string, IriJson>>();

function siteIriJson(iri: string, context: JsonContext): IriJson {
  if (iri.startsWith(context.siteUrl)) {
    const page = iri.length > context.siteUrl.length ? `site:${iri.slice(context.siteUrl.length)}` : iri;
    const relative = context.fits ? jsonLdRelative(iri, context.own) : null;
    return { page: JSON.stringify(page), file: relative === null ? null : JSON.stringify(relative), bits: iri.length > context.siteUrl.length ? context.siteBit : 0, pageWrapped: undefined, fileWrapped: undefined };
  }
  let known = externalJson.get(iri);
  if (known === undefined) {
    const made = externalIriJson(iri, context.siteUrl);
    if (made === null) throw new Declined();
    known = { page: made.json, file: made.json, bits: made.bits, pageWrapped: undefined, fileWrapped: undefined };
    if (externalJson.size >= 10_000) externalJson.clear();
    externalJson.set(iri, known);
  }
  // Under the site's root but not its address (a site in a sub-folder): nodeJson writes it relative when it has no compact IRI.
  if (iri.startsWith(context.root)) throw new Declined();
  return known;
}

interface JsonContext {
  siteUrl: string;
  /** The site's `dataset/` folder, and whether the dataset's folder is `dataset/<id>/` in it (so the site's other IRIs read the same relative to any dataset's). */
  datasets: string;
  standard: boolean;
  root: string;
  own: string;
  fits: boolean;
  siteBit: number;
  /** The IriJson of each IRI under `own` this dataset wrote so far. */
  ownJson: Map<string, IriJson>;
}

/** The kind nodeJson's kindOf gives a value: `id`, '' (a plain string), `@language`, `^^datatype`; each made once (a few a site). */
function kindOfValue(value: Value): string {
  if (typeof value === 'string') return 'id';
  if (value.language) {
    let kind = languageKinds.get(value.language);
    if (kind === undefined) languageKinds.set(value.language, (kind = `@${value.language}`));
    return kind;
  }
  if (!value.datatype) return '';
  let kind = datatypeKinds.get(value.datatype);
  if (kind === undefined) datatypeKinds.set(value.datatype, (kind = `^^${value.datatype}`));
  return kind;
}

const languageKinds = new Map<string, string>();
const datatypeKinds = new Map<string, string>();

/** A property's kinds when its values are all of one (most are): the same list each time, which the contexts only read. */
function oneKind(kind: string): string[] {
  let list = oneKinds.get(kind);
  if (list === undefined) oneKinds.set(kind, (list = [kind]));
  return list;
}

const oneKinds = new Map<string, string[]>();

const idKind = oneKind('id');

/** A literal as compaction writes it without a term: plain, `{"@language":…,"@value":…}` or `{"@type":…,"@value":…}` (`written`: its value as JSON). */
function literalWrapped(value: Literal, kind: string, written: string, context: JsonContext): string {
  if (kind === '') return written;
  if (value.language) return `${languageOpening(value.language)}${written}}`;
  return `{"@type":${iriJson(value.datatype, context).page},"@value":${written}}`;
}

/** An IRI's `{"@id":…}` on the page and in the folder's files. */
function pageWrapped(json: IriJson): string {
  return (json.pageWrapped ??= `{"@id":${json.page}}`);
}

function fileWrapped(json: IriJson): string {
  return (json.fileWrapped ??= `{"@id":${json.file}}`);
}

/** `{"@language":"en","@value":`, as text in a language opens without a term: one or two languages a site. */
function languageOpening(language: string): string {
  let opening = languageOpenings.get(language);
  if (opening === undefined) languageOpenings.set(language, (opening = `{"@language":${JSON.stringify(language)},"@value":`));
  return opening;
}

const languageOpenings = new Map<string, string>();

/** The node's NodeJson on the catalogue page, and in the dataset's own files (null when one of its IRIs is not read back relative to the folder): nodeJson's, both at once. */
function nodeJsons(subject: string, pairs: readonly Pair[], context: JsonContext): [NodeJson, NodeJson | null] {
  const id = iriJson(subject, context);
  let pageBits = id.bits;
  let fileOk = id.file !== null;
  const classes: string[] = [];
  let index = 0;
  for (; index < pairs.length && pairs[index]!.predicate === type; index++) {
    const value = pairs[index]!.value as string;
    pageBits |= iriJson(value, context).bits;
    classes.push(value);
  }
  const pageProperties: PropertyJson[] = [];
  const fileProperties: PropertyJson[] = [];
  while (index < pairs.length) {
    const predicate = pairs[index]!.predicate;
    pageBits |= iriJson(predicate, context).bits;
    // One value (most properties): its pieces as they are, no lists.
    if (index + 1 === pairs.length || pairs[index + 1]!.predicate !== predicate) {
      const value = pairs[index++]!.value;
      let property: PropertyJson;
      let fileProperty: PropertyJson | null = null;
      if (typeof value === 'string') {
        const json = iriJson(value, context);
        pageBits |= json.bits;
        if (json.file === null) fileOk = false;
        property = [predicate, idKind, 1, json.page, pageWrapped(json)];
        // The files' values differ from the page's only for the site's IRIs.
        if (json.file !== json.page && fileOk) fileProperty = [predicate, idKind, 1, json.file, fileWrapped(json)];
      } else {
        const kind = kindOfValue(value);
        const written = JSON.stringify(value.value);
        property = [predicate, oneKind(kind), 1, kind === '' ? null : written, literalWrapped(value, kind, written, context)];
        if (kind !== '' && !value.language) pageBits |= iriJson(value.datatype, context).bits;
      }
      pageProperties.push(property);
      fileProperties.push(fileProperty ?? property);
      continue;
    }
    const kinds: string[] = [];
    const bare: string[] = [];
    const wrapped: string[] = [];
    let fileBare: string[] | null = null;
    let fileWrappedValues: string[] | null = null;
    for (; index < pairs.length && pairs[index]!.predicate === predicate; index++) {
      const value = pairs[index]!.value;
      const kind = kindOfValue(value);
      if (!kinds.includes(kind)) kinds.push(kind);
      if (typeof value === 'string') {
        const json = iriJson(value, context);
        pageBits |= json.bits;
        if (json.file === null) fileOk = false;
        // The files' values differ from the page's only for the site's IRIs.
        if (json.file !== json.page && fileOk) {
          fileBare ??= bare.slice();
          fileWrappedValues ??= wrapped.slice();
        }
        bare.push(json.page);
        wrapped.push(pageWrapped(json));
        if (fileBare) {
          fileBare.push(json.file ?? '');
          fileWrappedValues!.push(fileWrapped(json));
        }
        continue;
      }
      const written = JSON.stringify(value.value);
      const wrap = literalWrapped(value, kind, written, context);
      if (kind !== '' && !value.language) pageBits |= iriJson(value.datatype, context).bits;
      bare.push(written);
      wrapped.push(wrap);
      if (fileBare) {
        fileBare.push(written);
        fileWrappedValues!.push(wrap);
      }
    }
    const coercible = kinds.length === 1 && kinds[0] !== '';
    const one = (values: string[]) => (values.length === 1 ? values[0]! : `[${values.join(',')}]`);
    const property: PropertyJson = [predicate, kinds.length === 1 ? oneKind(kinds[0]!) : kinds, bare.length, coercible ? one(bare) : null, one(wrapped)];
    pageProperties.push(property);
    fileProperties.push(fileBare ? [predicate, property[1], bare.length, coercible ? one(fileBare) : null, one(fileWrappedValues!)] : property);
  }
  const page: NodeJson = { relative: false, id: id.page, prefixes: pageBits, classes, properties: pageProperties };
  if (!fileOk || !context.fits) return [page, null];
  return [page, { relative: true, id: id.file!, prefixes: pageBits & ~context.siteBit, classes, properties: fileProperties }];
}

// --- A dataset's nodes, both ways ------------------------------------------------------------

/** A node said alike by many datasets (a team, a topic, a licence, a concept), by what is said of it: its page text, and its files' when that is the same in every dataset's folder. */
interface Shared {
  page: NodeText;
  file: FileText | null;
}

/** A node for a dataset's own files; its JSON-LD null when one of its IRIs does not read back relative to the folder. */
type FileText = Omit<NodeText, 'json'> & { json: NodeJson | null };

/**
 * Shared nodes of a site by subject, then by each pair's predicate and id in turn: found with a
 * few lookups of strings that exist already, where a key joined from them was a new string to
 * flatten and hash for each of a dataset's dozen shared nodes.
 */
interface SharedSlot {
  next: Map<string, SharedSlot>;
  shared: Shared | null;
}

const sharedBySite = new Map<string, { root: SharedSlot; count: number }>();

function step(slot: SharedSlot, key: string): SharedSlot {
  let next = slot.next.get(key);
  if (next === undefined) slot.next.set(key, (next = { next: new Map(), shared: null }));
  return next;
}

/** The slot of a node by its subject and sorted pairs (a few hundred distinct a catalogue; let go past 10,000). */
function sharedSlot(siteUrl: string, subject: string, pairs: readonly Pair[]): SharedSlot {
  let bySite = sharedBySite.get(siteUrl);
  if (!bySite || bySite.count >= 10_000) sharedBySite.set(siteUrl, (bySite = { root: { next: new Map(), shared: null }, count: 0 }));
  let slot = step(bySite.root, subject);
  for (const pair of pairs) slot = step(step(slot, pair.predicate), pair.id);
  if (slot.shared === null) bySite.count++;
  return slot;
}

export interface DatasetTexts {
  /** Its nodes for its catalogue page (relative to the site), as serialise.ts nodeTexts makes them. */
  page: NodeText[];
  /** For its own two files (relative to its folder), as file-nodes.ts fileNodesOf (else serialise.ts datasetTexts) makes them. */
  file: NodeText[];
}

/**
 * The dataset's nodes for its page and for its own files, the same as its graph serialised
 * (dataset-graph.ts, serialise.ts, file-nodes.ts), or null where this does not write exactly that
 * (the output then builds the graph).
 */
export function datasetTextsOf(site: DcatSite, dataset: DcatDataset): DatasetTexts | null {
  const siteUrl = site.url;
  const own = dataset.webpage;
  const root = rootOf(siteUrl);
  // What file-nodes.ts and relative.ts need of the site's address: a folder under a root.
  if (root === null || !siteUrl.endsWith('/') || turtleResolve('', siteUrl) === null || !own.startsWith(siteUrl)) return null;
  const graph = new Graph();
  try {
    datasetGraph(graph, site, dataset);
    // Every dataset's folder is `dataset/<id>/` under the site: a shared node's relative IRIs are the same in each, unless it names a dataset's folder.
    const standardFolder = own === `${siteUrl}dataset/${dataset.id}/` && !dataset.id.includes('/');
    const datasets = `${siteUrl}dataset/`;
    const bit = siteBit(siteUrl);
    if (bit === null) return null;
    const context: JsonContext = { siteUrl, datasets, standard: standardFolder, root, own, fits: baseFits(own), siteBit: bit, ownJson: new Map() };
    // Code-unit order, as compare's: Array's own order for strings.
    const subjects = [...graph.nodes.keys()].sort();
    const page: NodeText[] = [];
    const file: FileText[] = [];
    let relative = true;
    for (const subject of subjects) {
      const pairs = sortedPairs(graph.nodes.get(subject)!);
      if (subject.startsWith(own)) {
        const [pageJson, fileJson] = nodeJsons(subject, pairs, context);
        const [pageTurtle, fileTurtle] = turtleStatements(subject, pairs, siteUrl, own, root);
        const text: NodeText = { subject, turtle: pageTurtle, turtlePrefixes: turtleBits(subject, pairs, siteUrl), json: pageJson };
        page.push(text);
        file.push({ subject, turtle: fileTurtle, turtlePrefixes: text.turtlePrefixes, json: fileJson });
        relative &&= fileJson !== null;
        continue;
      }
      const slot = sharedSlot(siteUrl, subject, pairs);
      let known = slot.shared;
      let fileJson: NodeJson | null | undefined;
      if (!known) {
        const [pageJson, madeFile] = nodeJsons(subject, pairs, context);
        fileJson = madeFile;
        slot.shared = known = { page: { subject, turtle: flat(turtleStatement(subject, pairs, siteUrl, root)), turtlePrefixes: turtleBits(subject, pairs, siteUrl), json: pageJson }, file: null };
      }
      let fileText = standardFolder ? known.file : null;
      if (!fileText) {
        fileText = { subject, turtle: flat(turtleStatement(subject, pairs, own, root)), turtlePrefixes: known.page.turtlePrefixes, json: fileJson !== undefined ? fileJson : nodeJsons(subject, pairs, context)[1] };
        if (standardFolder && !namesFolder(subject, pairs, datasets)) known.file = fileText;
      }
      page.push(known.page);
      file.push(fileText);
      relative &&= fileText.json !== null;
    }
    // JSON-LD relative to the folder only when every IRI reads back so; else the page's form in every node (as file-nodes.ts).
    return { page, file: relative ? (file as NodeText[]) : file.map((text, index) => ({ ...text, json: page[index]!.json })) };
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}

/** Whether a node names an IRI under the site's `dataset/` folder, whose relative form depends on which dataset's folder it is written in. */
function namesFolder(subject: string, pairs: readonly Pair[], datasets: string): boolean {
  return subject.startsWith(datasets) || pairs.some((pair) => typeof pair.value === 'string' && pair.value.startsWith(datasets));
}
