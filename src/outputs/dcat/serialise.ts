// A graph as Turtle (n3's Writer) and as JSON-LD (compact-jsonld.ts), the same bytes for the same
// graph however it was built: both writers walk it in one fixed order.
import { Writer, type Quad } from 'n3';
import { compactJsonLd } from './compact-jsonld.ts';
import { prefixes, rdfType } from './namespaces.ts';
import type { Triples } from './triples.ts';

/**
 * The graph's quads in Turtle's order: the site's own nodes first (the catalogue before its
 * datasets, as `#catalog` sorts), then the vocabularies' nodes; within a node rdf:type first, then
 * by predicate and object. Turtle groups a subject's quads only when they are adjacent, so this
 * order also makes each node one block.
 */
export function sortedQuads(triples: Triples, siteUrl: string): Quad[] {
  const nodes = triples.sortedNodes();
  const quads: Quad[] = [];
  for (const node of nodes) if (node.subject.startsWith(siteUrl)) quads.push(...node.quads());
  for (const node of nodes) if (!node.subject.startsWith(siteUrl)) quads.push(...node.quads());
  return quads;
}

/** What n3's writer takes as a prefixed name's local part (anything else it writes as `<IRI>`). */
const turtleLocalName = /^[_a-zA-Z0-9](?:\.?[-_a-zA-Z0-9])*$/;
const xsdString = `${prefixes.xsd}string`;

/** The prefixes the writer will use for these quads, in the order of `prefixes`: a prefix no name uses is not declared. */
function turtlePrefixes(quads: readonly Quad[], siteUrl: string): Record<string, string> {
  const iris = new Set<string>();
  for (const quad of quads) {
    if (quad.predicate.value !== rdfType.value) iris.add(quad.predicate.value);
    const object = quad.object;
    if (object.termType !== 'Literal') iris.add(object.value);
    else if (!object.language && object.datatype.value !== xsdString) iris.add(object.datatype.value);
  }
  // Subjects, one per node (quads are grouped by subject).
  for (let index = 0; index < quads.length; index++) if (index === 0 || quads[index]!.subject !== quads[index - 1]!.subject) iris.add(quads[index]!.subject.value);
  const used: Record<string, string> = {};
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    for (const iri of iris) {
      // The site's IRIs are written relative to the base, never with a prefix.
      if (iri.startsWith(namespace) && !iri.startsWith(siteUrl) && turtleLocalName.test(iri.slice(namespace.length))) {
        used[prefix] = namespace;
        break;
      }
    }
  }
  return used;
}

/**
 * Turtle with the site's address as its base (`<dataset/roads/#dataset>`) and the prefixes it
 * uses: n3's writer relativises every IRI of the site and groups a subject's predicates and a
 * predicate's objects.
 */
export function toTurtle(triples: Triples, siteUrl: string): Promise<string> {
  const quads = sortedQuads(triples, siteUrl);
  const writer = new Writer({ baseIRI: siteUrl, writeBase: true, prefixes: turtlePrefixes(quads, siteUrl), format: 'Turtle' });
  writer.addQuads(quads);
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
  if (nodes.length === 1) return `${JSON.stringify({ '@context': context, ...nodes[0] })}\n`;
  if (!lines) return `${JSON.stringify({ '@context': context, '@graph': nodes })}\n`;
  return `{"@context":${JSON.stringify(context)},\n"@graph":[\n${nodes.map((node) => JSON.stringify(node)).join(',\n')}\n]}\n`;
}
