// A graph as Turtle (n3's Writer) and as JSON-LD (compact-jsonld.ts), the same bytes for the same
// graph however it was built: both writers walk it in one fixed order. Each node is serialised once
// (`nodeText`), and a file is its nodes' texts joined: a dataset's nodes serve its own files and its
// catalogue page alike (docs/decisions/dcat.md, Cost).
import { DataFactory, Parser, Writer, type NamedNode, type Quad } from 'n3';
import { compactJsonLd, nodeJson, type NodeJson } from './compact-jsonld.ts';
import { fileNodesOf } from './file-nodes.ts';
import { namespaceCuts, prefixes, rdfType } from './namespaces.ts';
import { rootOf as relativeRoot, turtleRelative } from './relative.ts';
import { Triples, type GraphNode } from './triples.ts';

/** One node of a graph, serialised: what any file holding it is made of. Plain data (a dataset's nodes are kept between builds). */
export interface NodeText {
  subject: string;
  /** n3's Turtle statement of the node, without the `.\n` that ends it. */
  turtle: string;
  /** The prefixes that statement uses, as bits of `prefixList`. */
  turtlePrefixes: number;
  json: NodeJson;
}

/** What n3's writer takes as a prefixed name's local part (anything else it writes as `<IRI>`). */
const turtleLocalName = /^[_a-zA-Z0-9](?:\.?[-_a-zA-Z0-9])*$/;
const xsdString = `${prefixes.xsd}string`;
const prefixList = Object.entries(prefixes);
const byNamespace = new Map(prefixList.map(([prefix, namespace]) => [namespace, prefix]));
const prefixBit = new Map(prefixList.map(([prefix], index) => [prefix, 1 << index]));

/** The prefixes n3's writer uses for a node, as bits of `prefixList`: for each IRI it writes (its subject, properties but rdf:type, IRI values, datatypes but those never written). */
function turtlePrefixBits(node: GraphNode, siteUrl: string): number {
  let bits = iriBits(node.subject, siteUrl);
  for (const quad of node.quads()) {
    if (quad.predicate.value !== rdfType.value) bits |= iriBits(quad.predicate.value, siteUrl);
    const object = quad.object;
    if (object.termType !== 'Literal') bits |= iriBits(object.value, siteUrl);
    else if (!object.language && object.datatype.value !== xsdString) bits |= iriBits(object.datatype.value, siteUrl);
  }
  return bits;
}

/** The prefixes n3's writer may write an IRI with: the vocabularies' IRIs come back in every dataset. */
export function iriBits(iri: string, siteUrl: string): number {
  // The site's IRIs are written relative to the base, never with a prefix.
  if (iri.startsWith(siteUrl)) return 0;
  let bits = turtleBits.get(iri);
  if (bits !== undefined) return bits;
  bits = 0;
  for (const [prefix, rest] of namespaceCuts(iri, byNamespace)) if (turtleLocalName.test(iri.slice(rest))) bits |= prefixBit.get(prefix)!;
  if (turtleBits.size >= 10_000) turtleBits.clear();
  turtleBits.set(iri, bits);
  return bits;
}

const turtleBits = new Map<string, number>();

/**
 * One n3 Writer per site, with the site's address as its base and every prefix, writing node after
 * node into a string it hands back per node: its base-IRI matcher and prefix pattern are built
 * once, not per file. A node's statement is the same as in a file's own writer that declares only
 * the prefixes the file uses: every prefix a name of the node can take is among them (turtlePrefixBits),
 * and n3 picks among those in the same order.
 */
class NodeWriter {
  private written = '';
  private last: string | null = null;
  private readonly writer: Writer;

  /** `base`: the site's address; none for a dataset's own files, whose quads come relative already (fileNodeText). */
  constructor(base?: string) {
    const sink = {
      write: (chunk: string, _encoding?: string, done?: () => void) => {
        this.written += chunk;
        done?.();
        return true;
      },
      end: (done?: () => void) => done?.(),
    };
    this.writer = new Writer(sink as unknown as NodeJS.WritableStream, { ...(base === undefined ? {} : { baseIRI: base }), prefixes, format: 'Turtle', end: false });
  }

  statement(quads: readonly Quad[]): string {
    const subject = quads[0]!.subject.value;
    // The same subject twice in a row would continue the statement: another subject comes between.
    if (subject === this.last) this.writer.addQuad(separator);
    this.written = '';
    this.writer.addQuads(quads as Quad[]);
    this.last = subject;
    // The writer ends the previous statement when the next begins.
    return this.written.startsWith('.\n') ? this.written.slice(2) : this.written;
  }
}

const separatorIri = 'urn:x-datashelf:separator';
const separator = DataFactory.quad(DataFactory.namedNode(separatorIri), DataFactory.namedNode(separatorIri), DataFactory.namedNode(separatorIri));

/** The site's writer (a few sites in the tests), and one with no base for datasets' own files. */
const nodeWriters = new Map<string, NodeWriter>();
const relativeWriter = new NodeWriter();

/** A node serialised for every file it goes into: its IRIs relative to the site's address (catalogue pages). */
export function nodeText(node: GraphNode, siteUrl: string): NodeText {
  let writer = nodeWriters.get(siteUrl);
  if (!writer) nodeWriters.set(siteUrl, (writer = new NodeWriter(siteUrl)));
  return { subject: node.subject, turtle: writer.statement(node.quads() as Quad[]), turtlePrefixes: turtlePrefixBits(node, siteUrl), json: nodeJson(node, siteUrl) };
}

/**
 * A node for a dataset's own files: its IRIs relative to the dataset's folder (`base`), `<#dataset>`
 * and `"#dataset"`, `<../../team/roads/#team>` (no triple changes: the file says its base). Its
 * quads are made relative as n3's writer would with `base` as its baseIRI (relative.ts) and written
 * by a writer without one: one writer, not one per dataset. The JSON-LD is null when one of its
 * IRIs cannot be written relative (relative.ts).
 */
function fileNodeText(node: GraphNode, pageText: NodeText, siteUrl: string, base: string): FileNodeText {
  const root = rootOf(siteUrl);
  const relative = (term: NamedNode) => (term.value.startsWith(root) ? DataFactory.namedNode(turtleRelative(term.value, base)) : term);
  const quads = (node.quads() as Quad[]).map((quad) => {
    const object = quad.object;
    let written = object;
    if (object.termType === 'NamedNode') written = relative(object);
    // A datatype under the site is never made here, but n3 would write it relative too.
    else if (object.termType === 'Literal' && object.datatype.value.startsWith(root)) written = DataFactory.literal(object.value, relative(object.datatype));
    const subject = relative(quad.subject as NamedNode);
    const predicate = relative(quad.predicate as NamedNode);
    return subject === quad.subject && predicate === quad.predicate && written === object ? quad : DataFactory.quad(subject, predicate, written as Quad['object']);
  });
  return { subject: node.subject, turtle: relativeWriter.statement(quads), turtlePrefixes: pageText.turtlePrefixes, json: nodeJson(node, siteUrl, base) };
}

type FileNodeText = Omit<NodeText, 'json'> & { json: NodeJson | null };

/**
 * Every node of a graph, serialised, in code-unit order of their IRIs. Nodes whose IRI is not under
 * `own` (a dataset's page: its team, topics, licence, the EU concepts) are said alike by many
 * datasets: each is serialised once and its text shared, by what is said of it.
 */
export function nodeTexts(triples: Triples, siteUrl: string, own?: string): NodeText[] {
  return triples.sortedNodes().map((node) => (own === undefined || node.subject.startsWith(own) ? nodeText(node, siteUrl) : sharedNodeText(node, siteUrl).page));
}

/**
 * A dataset's nodes, for its catalogue page (`page`: relative to the site's address, as
 * nodeTexts) and for its own two files (`file`: relative to its folder `own`, its page, which all
 * its own IRIs are under), in code-unit order of their IRIs. The files' Turtle is always relative
 * (n3's rules write in full what they cannot); their JSON-LD when every IRI reads back the same
 * relative to the folder, else as on the catalogue page (`site:` compact IRIs, and no `@base`).
 */
export function datasetTexts(triples: Triples, siteUrl: string, own: string): { page: NodeText[]; file: NodeText[] } {
  const page: NodeText[] = [];
  const file: FileNodeText[] = [];
  for (const node of triples.sortedNodes()) {
    if (node.subject.startsWith(own)) {
      const text = nodeText(node, siteUrl);
      page.push(text);
      file.push(fileNodeText(node, text, siteUrl, own));
      continue;
    }
    const shared = sharedNodeText(node, siteUrl);
    page.push(shared.page);
    // Naming nothing of the site (an EU concept, a licence elsewhere): the same relative to any base. Else (a team, a topic) the dataset's own.
    file.push(shared.underRoot ? fileNodeText(node, shared.page, siteUrl, own) : (shared.file ??= { ...shared.page, json: { ...shared.page.json, relative: true } }));
  }
  if (file.every((text) => text.json !== null)) return { page, file: file as NodeText[] };
  return { page, file: file.map((text, index) => ({ ...text, json: page[index]!.json })) };
}

/** The site's root as a string (`https://a.example`): an IRI that starts with it may be written relative to a base. */
const rootOf = (siteUrl: string) => {
  let root = roots.get(siteUrl);
  if (root === undefined) roots.set(siteUrl, (root = relativeRoot(siteUrl) ?? siteUrl));
  return root;
};

const roots = new Map<string, string>();

interface SharedText {
  page: NodeText;
  /** Whether it names an IRI under the site's root, which a dataset's own files write relative to their folder. */
  underRoot: boolean;
  /** Else its text for any dataset's own files. */
  file?: NodeText;
}

function sharedNodeText(node: GraphNode, siteUrl: string): SharedText {
  let key = `${siteUrl}\n${node.subject}`;
  for (const quad of node.quads()) key += `\n${quad.predicate.value} ${quad.object.id}`;
  let text = sharedTexts.get(key);
  if (!text) {
    if (sharedTexts.size >= 10_000) sharedTexts.clear();
    const root = rootOf(siteUrl);
    const underRoot = node.subject.startsWith(root) || node.quads().some((quad) => quad.object.termType === 'NamedNode' && quad.object.value.startsWith(root));
    sharedTexts.set(key, (text = { page: nodeText(node, siteUrl), underRoot }));
  }
  return text;
}

/** Shared nodes' texts by what is said of them (a few hundred in a catalogue). */
const sharedTexts = new Map<string, SharedText>();

/**
 * One node from several graphs that each say something of it (a topic on a catalogue page, said by
 * the catalogue and by its datasets): their statements read back and put together. Rare (a few a
 * page), so reading Turtle back costs nothing much, and it works the same for nodes kept between builds.
 */
export function mergedNodeText(texts: readonly NodeText[], siteUrl: string): NodeText {
  // Only the prefixes the statements may use (their turtlePrefixes): read the same as with every one, where the thirty-odd of them were most of what was parsed.
  let bits = 0;
  for (const text of texts) bits |= text.turtlePrefixes;
  const head = `@base <${siteUrl}>.\n${prefixList.map(([prefix, namespace]) => (bits & prefixBit.get(prefix)! ? `@prefix ${prefix}: <${namespace}>.\n` : '')).join('')}`;
  const triples = new Triples();
  for (const text of texts) for (const quad of new Parser({ baseIRI: siteUrl }).parse(`${head}${text.turtle}.\n`)) triples.addQuad(quad);
  const [node] = triples.sortedNodes();
  return nodeText(node!, siteUrl);
}

/** The site's nodes first (the catalogue before its datasets, as `#catalog` sorts), then the vocabularies' nodes, each group in code-unit order. */
function turtleOrder(nodes: readonly NodeText[], siteUrl: string): NodeText[] {
  return [...nodes.filter((node) => node.subject.startsWith(siteUrl)), ...nodes.filter((node) => !node.subject.startsWith(siteUrl))];
}

/** `@base` and the prefixes a file uses, as n3's writer starts a file; a few distinct sets a site (the base aside). */
function turtleHead(base: string, bits: number): string {
  let prefixBlock = turtleHeads.get(bits);
  if (prefixBlock === undefined) {
    const used = Object.fromEntries(prefixList.filter(([prefix]) => bits & prefixBit.get(prefix)!));
    new Writer({ prefixes: used, format: 'Turtle' }).end((_error, result: string) => (prefixBlock = result));
    turtleHeads.set(bits, prefixBlock!);
  }
  // As n3's writer writes the base (`writeBase`), before the prefixes.
  return `@base <${base}>.\n${prefixBlock!}`;
}

const turtleHeads = new Map<number, string>();

/**
 * Turtle with a base (the site's address on the catalogue pages, `<dataset/roads/#dataset>`; the
 * dataset's folder in its own file, `<#dataset>`: `base`, which the nodes were written for) and the
 * prefixes it uses: n3's writer relativises every IRI of the site and groups a subject's predicates
 * and a predicate's objects. `nodes` in code-unit order of their IRIs; within a node rdf:type comes
 * first, then by predicate and object (GraphNode.quads), so each node is one statement.
 */
export function turtleOf(nodes: readonly NodeText[], siteUrl: string, base = siteUrl): string {
  let bits = 0;
  for (const node of nodes) bits |= node.turtlePrefixes;
  const head = turtleHead(base, bits);
  if (nodes.length === 0) return head;
  return joinedFlat(head, turtleOrder(nodes, siteUrl).map((node) => node.turtle), '.\n', '.\n');
}

/**
 * `${head}${parts.join(separator)}${tail}` as one flat string, made by the join alone: the same
 * text through a template literal is a tree over the join's result, which the file's hash then
 * flattens into a second copy (each file's bytes allocated and copied twice: 155 MB at 10,000
 * datasets, docs/performance.md, section `dcat2`). `parts` is the caller's own, and is changed.
 */
function joinedFlat(head: string, parts: string[], separator: string, tail: string): string {
  if (parts.length === 0) return `${head}${tail}`;
  parts[0] = head + parts[0]!;
  parts[parts.length - 1] += tail;
  return parts.join(separator);
}

/**
 * Compacted with the file's own context (compact-jsonld.ts: its prefixes, `site:` for the site's
 * IRIs or, in a dataset's own file, its folder as `@base` (`"#dataset"`), and short terms where
 * they save bytes), which every value's datatype or language is in or
 * beside: a reader needs no remote context. A dataset's file is one line; a catalogue page has a
 * line per node (a node of one dataset is one line to read or grep, with no indentation to pay for).
 * `nodes` in code-unit order of their IRIs.
 */
export function jsonLdOf(nodes: readonly NodeText[], siteUrl: string, { lines = false, base }: { lines?: boolean; base?: string } = {}): string {
  // A dataset's own file has its folder as `@base` when its nodes were written relative to it (datasetFileTexts).
  const relative = base !== undefined && nodes.length > 0 && nodes[0]!.json.relative;
  const { context, nodes: json } = compactJsonLd(
    nodes.map((node) => node.json),
    siteUrl,
    relative ? base : null,
  );
  // One node alone stands at the top, with no `@graph`, as compaction writes it.
  if (json.length === 1) return `{"@context":${context},${json[0]!.slice(1)}\n`;
  if (!lines) return joinedFlat(`{"@context":${context},"@graph":[`, json, ',', ']}\n');
  return joinedFlat(`{"@context":${context},\n"@graph":[\n`, json, ',\n', '\n]}\n');
}

/** A dataset's nodes for its own files as the output makes them: rewritten from its catalogue page's (file-nodes.ts), else serialised from its graph. */
function fileNodes(triples: Triples, siteUrl: string, own: string): NodeText[] {
  return fileNodesOf(nodeTexts(triples, siteUrl, own), siteUrl, own) ?? datasetTexts(triples, siteUrl, own).file;
}

/** A graph as Turtle (turtleOf); with `own` (a dataset's folder), as that dataset's own file. */
export async function toTurtle(triples: Triples, siteUrl: string, own?: string): Promise<string> {
  if (own === undefined) return turtleOf(nodeTexts(triples, siteUrl), siteUrl);
  return turtleOf(fileNodes(triples, siteUrl, own), siteUrl, own);
}

/** A graph as JSON-LD (jsonLdOf); with `own` (a dataset's folder), as that dataset's own file. */
export function toJsonLd(triples: Triples, siteUrl: string, options: { lines?: boolean; own?: string } = {}): string {
  const { own, ...layout } = options;
  if (own === undefined) return jsonLdOf(nodeTexts(triples, siteUrl), siteUrl, layout);
  return jsonLdOf(fileNodes(triples, siteUrl, own), siteUrl, { ...layout, base: own });
}
