// A graph as Turtle (n3's Writer) and as JSON-LD (compact-jsonld.ts), the same bytes for the same
// graph however it was built: both writers walk it in one fixed order. Each node is serialised once
// (`nodeText`), and a file is its nodes' texts joined: a dataset's nodes serve its own files and its
// catalogue page alike (docs/decisions/dcat.md, Cost).
import { DataFactory, Parser, Writer, type Quad } from 'n3';
import { compactJsonLd, nodeJson, type NodeJson } from './compact-jsonld.ts';
import { namespaceCuts, prefixes, rdfType } from './namespaces.ts';
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
function iriBits(iri: string, siteUrl: string): number {
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

  constructor(siteUrl: string) {
    const sink = {
      write: (chunk: string, _encoding?: string, done?: () => void) => {
        this.written += chunk;
        done?.();
        return true;
      },
      end: (done?: () => void) => done?.(),
    };
    this.writer = new Writer(sink as unknown as NodeJS.WritableStream, { baseIRI: siteUrl, prefixes, format: 'Turtle', end: false });
  }

  statement(node: GraphNode): string {
    // The same subject twice in a row would continue the statement: another subject comes between.
    if (node.subject === this.last) this.writer.addQuad(separator);
    this.written = '';
    this.writer.addQuads(node.quads() as Quad[]);
    this.last = node.subject;
    // The writer ends the previous statement when the next begins.
    return this.written.startsWith('.\n') ? this.written.slice(2) : this.written;
  }
}

const separatorIri = 'urn:x-datashelf:separator';
const separator = DataFactory.quad(DataFactory.namedNode(separatorIri), DataFactory.namedNode(separatorIri), DataFactory.namedNode(separatorIri));

const nodeWriters = new Map<string, NodeWriter>();

/** A node serialised for every file it goes into. */
export function nodeText(node: GraphNode, siteUrl: string): NodeText {
  let writer = nodeWriters.get(siteUrl);
  if (!writer) nodeWriters.set(siteUrl, (writer = new NodeWriter(siteUrl)));
  return { subject: node.subject, turtle: writer.statement(node), turtlePrefixes: turtlePrefixBits(node, siteUrl), json: nodeJson(node, siteUrl) };
}

/**
 * Every node of a graph, serialised, in code-unit order of their IRIs. Nodes whose IRI is not under
 * `own` (a dataset's page: its team, topics, licence, the EU concepts) are said alike by many
 * datasets: each is serialised once and its text shared, by what is said of it.
 */
export function nodeTexts(triples: Triples, siteUrl: string, own?: string): NodeText[] {
  return triples.sortedNodes().map((node) => (own === undefined || node.subject.startsWith(own) ? nodeText(node, siteUrl) : sharedNodeText(node, siteUrl)));
}

function sharedNodeText(node: GraphNode, siteUrl: string): NodeText {
  let key = `${siteUrl}\n${node.subject}`;
  for (const quad of node.quads()) key += `\n${quad.predicate.value} ${quad.object.id}`;
  let text = sharedTexts.get(key);
  if (!text) {
    if (sharedTexts.size >= 10_000) sharedTexts.clear();
    sharedTexts.set(key, (text = nodeText(node, siteUrl)));
  }
  return text;
}

/** Shared nodes' texts by what is said of them (a few hundred in a catalogue). */
const sharedTexts = new Map<string, NodeText>();

/**
 * One node from several graphs that each say something of it (a topic on a catalogue page, said by
 * the catalogue and by its datasets): their statements read back and put together. Rare (a few a
 * page), so reading Turtle back costs nothing much, and it works the same for nodes kept between builds.
 */
export function mergedNodeText(texts: readonly NodeText[], siteUrl: string): NodeText {
  const head = `@base <${siteUrl}>.\n${prefixList.map(([prefix, namespace]) => `@prefix ${prefix}: <${namespace}>.\n`).join('')}`;
  const triples = new Triples();
  for (const text of texts) for (const quad of new Parser({ baseIRI: siteUrl }).parse(`${head}${text.turtle}.\n`)) triples.addQuad(quad);
  const [node] = triples.sortedNodes();
  return nodeText(node!, siteUrl);
}

/** The site's nodes first (the catalogue before its datasets, as `#catalog` sorts), then the vocabularies' nodes, each group in code-unit order. */
function turtleOrder(nodes: readonly NodeText[], siteUrl: string): NodeText[] {
  return [...nodes.filter((node) => node.subject.startsWith(siteUrl)), ...nodes.filter((node) => !node.subject.startsWith(siteUrl))];
}

/** `@base` and the prefixes a file uses, as n3's writer starts a file; a few distinct sets a site. */
function turtleHead(siteUrl: string, bits: number): string {
  const key = `${siteUrl}\n${bits}`;
  let head = turtleHeads.get(key);
  if (head === undefined) {
    const used = Object.fromEntries(prefixList.filter(([prefix]) => bits & prefixBit.get(prefix)!));
    new Writer({ baseIRI: siteUrl, writeBase: true, prefixes: used, format: 'Turtle' }).end((_error, result: string) => (head = result));
    turtleHeads.set(key, head!);
  }
  return head!;
}

const turtleHeads = new Map<string, string>();

/**
 * Turtle with the site's address as its base (`<dataset/roads/#dataset>`) and the prefixes it
 * uses: n3's writer relativises every IRI of the site and groups a subject's predicates and a
 * predicate's objects. `nodes` in code-unit order of their IRIs; within a node rdf:type comes first,
 * then by predicate and object (GraphNode.quads), so each node is one statement.
 */
export function turtleOf(nodes: readonly NodeText[], siteUrl: string): string {
  let bits = 0;
  for (const node of nodes) bits |= node.turtlePrefixes;
  const head = turtleHead(siteUrl, bits);
  if (nodes.length === 0) return head;
  return `${head}${turtleOrder(nodes, siteUrl)
    .map((node) => node.turtle)
    .join('.\n')}.\n`;
}

/**
 * Compacted with the file's own context (compact-jsonld.ts: its prefixes, `site:` for the site's
 * IRIs, and short terms where they save bytes), which every value's datatype or language is in or
 * beside: a reader needs no remote context. A dataset's file is one line; a catalogue page has a
 * line per node (a node of one dataset is one line to read or grep, with no indentation to pay for).
 * `nodes` in code-unit order of their IRIs.
 */
export function jsonLdOf(nodes: readonly NodeText[], siteUrl: string, { lines = false }: { lines?: boolean } = {}): string {
  const { context, nodes: json } = compactJsonLd(
    nodes.map((node) => node.json),
    siteUrl,
  );
  // One node alone stands at the top, with no `@graph`, as compaction writes it.
  if (json.length === 1) return `{"@context":${context},${json[0]!.slice(1)}\n`;
  if (!lines) return `{"@context":${context},"@graph":[${json.join(',')}]}\n`;
  return `{"@context":${context},\n"@graph":[\n${json.join(',\n')}\n]}\n`;
}

/** A graph as Turtle (turtleOf). */
export async function toTurtle(triples: Triples, siteUrl: string): Promise<string> {
  return turtleOf(nodeTexts(triples, siteUrl), siteUrl);
}

/** A graph as JSON-LD (jsonLdOf). */
export function toJsonLd(triples: Triples, siteUrl: string, options: { lines?: boolean } = {}): string {
  return jsonLdOf(nodeTexts(triples, siteUrl), siteUrl, options);
}
