// A graph as Turtle (n3's Writer) and as JSON-LD (compact-jsonld.ts), the same bytes for the same
// graph however it was built: both writers walk it in one fixed order.
import { Writer, type Quad } from 'n3';
import { compactJsonLd } from './compact-jsonld.ts';
import { namespaceCuts, prefixes, rdfType } from './namespaces.ts';
import type { GraphNode, Triples } from './triples.ts';

/**
 * The graph's nodes in Turtle's order: the site's own nodes first (the catalogue before its
 * datasets, as `#catalog` sorts), then the vocabularies' nodes. Within a node rdf:type comes first,
 * then by predicate and object (GraphNode.quads). Turtle groups a subject's quads only when they
 * are adjacent, so this order also makes each node one block.
 */
function turtleNodes(triples: Triples, siteUrl: string): GraphNode[] {
  const nodes = triples.sortedNodes();
  return [...nodes.filter((node) => node.subject.startsWith(siteUrl)), ...nodes.filter((node) => !node.subject.startsWith(siteUrl))];
}

/** What n3's writer takes as a prefixed name's local part (anything else it writes as `<IRI>`). */
const turtleLocalName = /^[_a-zA-Z0-9](?:\.?[-_a-zA-Z0-9])*$/;
const xsdString = `${prefixes.xsd}string`;
const prefixList = Object.entries(prefixes);
const byNamespace = new Map(prefixList.map(([prefix, namespace]) => [namespace, prefix]));
const prefixBit = new Map(prefixList.map(([prefix], index) => [prefix, 1 << index]));

/** The IRIs a node's quads write (its subject, properties but rdf:type, IRI values, datatypes but those never written). */
export function nodeIris(node: GraphNode): Set<string> {
  const iris = new Set<string>([node.subject]);
  for (const quad of node.quads()) {
    if (quad.predicate.value !== rdfType.value) iris.add(quad.predicate.value);
    const object = quad.object;
    if (object.termType !== 'Literal') iris.add(object.value);
    else if (!object.language && object.datatype.value !== xsdString) iris.add(object.datatype.value);
  }
  return iris;
}

/** The prefixes n3's writer will use for a node, as bits of `prefixList`: worked out once a node (a page writes its datasets' nodes again). */
function turtlePrefixBits(node: GraphNode, siteUrl: string): number {
  const key = `ttl ${siteUrl}`;
  let bits = node.memo?.get(key) as number | undefined;
  if (bits !== undefined) return bits;
  bits = 0;
  for (const iri of nodeIris(node)) {
    // The site's IRIs are written relative to the base, never with a prefix.
    if (iri.startsWith(siteUrl)) continue;
    for (const [prefix, rest] of namespaceCuts(iri, byNamespace)) if (turtleLocalName.test(iri.slice(rest))) bits |= prefixBit.get(prefix)!;
  }
  (node.memo ??= new Map()).set(key, bits);
  return bits;
}

/** The prefixes the writer will use for these nodes, in the order of `prefixes`: a prefix no name uses is not declared. */
function turtlePrefixes(nodes: readonly GraphNode[], siteUrl: string): Record<string, string> {
  let bits = 0;
  for (const node of nodes) bits |= turtlePrefixBits(node, siteUrl);
  return Object.fromEntries(prefixList.filter(([prefix]) => bits & prefixBit.get(prefix)!));
}

/**
 * Turtle with the site's address as its base (`<dataset/roads/#dataset>`) and the prefixes it
 * uses: n3's writer relativises every IRI of the site and groups a subject's predicates and a
 * predicate's objects.
 */
export function toTurtle(triples: Triples, siteUrl: string): Promise<string> {
  const nodes = turtleNodes(triples, siteUrl);
  const writer = new Writer({ baseIRI: siteUrl, writeBase: true, prefixes: turtlePrefixes(nodes, siteUrl), format: 'Turtle' });
  for (const node of nodes) writer.addQuads(node.quads() as Quad[]);
  // n3 ends the last statement without a line break; a text file ends with one.
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result.endsWith('\n') ? result : `${result}\n`))));
}

/**
 * Compacted with the file's own context (compact-jsonld.ts: its prefixes, `site:` for the site's
 * IRIs, and short terms where they save bytes), which every value's datatype or language is in or
 * beside: a reader needs no remote context. A dataset's file is one line; a catalogue page has a
 * line per node (a node of one dataset is one line to read or grep, with no indentation to pay for).
 */
export function toJsonLd(triples: Triples, siteUrl: string, { lines = false }: { lines?: boolean } = {}): string {
  const { context, nodes } = compactJsonLd(triples.sortedNodes(), siteUrl);
  // One node alone stands at the top, with no `@graph`, as compaction writes it.
  if (nodes.length === 1) return `{"@context":${context},${JSON.stringify(nodes[0]).slice(1)}\n`;
  if (!lines) return `{"@context":${context},"@graph":${JSON.stringify(nodes)}}\n`;
  return `{"@context":${context},\n"@graph":[\n${nodes.map((node) => JSON.stringify(node)).join(',\n')}\n]}\n`;
}
