// A graph as Turtle (n3's Writer) and as JSON-LD (compact-jsonld.ts), the same bytes for the same
// graph however it was built: both writers walk it in one fixed order.
import { Writer, type Quad } from 'n3';
import { compactJsonLd } from './compact-jsonld.ts';
import { prefixes } from './namespaces.ts';
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

export function toTurtle(triples: Triples, siteUrl: string): Promise<string> {
  const writer = new Writer({ prefixes, format: 'Turtle' });
  writer.addQuads(sortedQuads(triples, siteUrl));
  // n3 ends the last statement without a line break; a text file ends with one.
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result.endsWith('\n') ? result : `${result}\n`))));
}

/**
 * Compacted with a context of the vocabularies' prefixes only (`dct:title`, `dcat:Dataset`), so
 * that every value keeps its datatype or language explicitly: a reader needs no remote context.
 */
export function toJsonLd(triples: Triples, { indent = true }: { indent?: boolean } = {}): string {
  return `${JSON.stringify(compactJsonLd(triples), null, indent ? 2 : undefined)}\n`;
}
