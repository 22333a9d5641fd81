// The JSON-LD of a graph, compacted with a context of the vocabularies' prefixes only: the document
// jsonld's fromRDF and compact make of the same quads, built from the graph directly. Their general
// algorithms took 2 to 4 ms a dataset (most of the DCAT output's time at 10,000 datasets); with a
// context of prefixes only, compaction comes down to the few rules below. The tests compare the two
// byte for byte, and read the result back with jsonld to the Turtle's graph (test/outputs/dcat*.test.ts).
import type { Quad_Object } from 'n3';
import { prefixes, rdfType } from './namespaces.ts';
import type { GraphNode, Triples } from './triples.ts';

type JsonValue = string | { '@id': string } | { '@language': string; '@value': string } | { '@type': string; '@value': string };
type JsonNode = Record<string, string | string[] | JsonValue | JsonValue[]>;

const xsdString = `${prefixes.xsd}string`;
const namespaces = Object.entries(prefixes);

/**
 * `prefix:rest` for an IRI in a prefix's namespace (with something after it), else the IRI: what
 * JSON-LD's IRI compaction gives with only prefixes defined. Our namespaces do not nest, so at most
 * one matches, and every IRI here is http(s) or mailto, so none can be mistaken for a compact IRI.
 */
export function compactIri(iri: string): string {
  // Every namespace is http:, and most IRIs here (the site's, a licence's page) are https:.
  if (!iri.startsWith('http:')) return iri;
  for (const [prefix, namespace] of namespaces) {
    if (iri.length > namespace.length && iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  }
  return iri;
}

/** The vocabularies' IRIs (properties, classes, datatypes: a few dozen) compacted once each. */
const compactedTerms = new Map<string, string>();

function compactTerm(iri: string): string {
  let compacted = compactedTerms.get(iri);
  if (compacted === undefined) compactedTerms.set(iri, (compacted = compactIri(iri)));
  return compacted;
}

/** An object as compaction writes it: a plain string needs no wrapper, text keeps its language, other literals their type. */
function compactObject(object: Quad_Object): JsonValue {
  if (object.termType !== 'Literal') return { '@id': compactIri(object.value) };
  if (object.language) return { '@language': object.language, '@value': object.value };
  if (object.datatype.value === xsdString) return object.value;
  return { '@type': compactTerm(object.datatype.value), '@value': object.value };
}

/**
 * One node: `@id`, `@type`, then its properties in order of their full IRIs (the order of its
 * sorted quads), each with its values in order, one value as itself and several as a list.
 */
function compactNode(graphNode: GraphNode): JsonNode {
  const quads = graphNode.quads();
  const node: JsonNode = { '@id': compactIri(graphNode.subject) };
  let index = 0;
  const types: string[] = [];
  for (; index < quads.length && quads[index]!.predicate.value === rdfType.value; index++) types.push(compactTerm(quads[index]!.object.value));
  if (types.length > 0) node['@type'] = types.length === 1 ? types[0]! : types;
  while (index < quads.length) {
    const predicate = quads[index]!.predicate.value;
    const values: JsonValue[] = [];
    for (; index < quads.length && quads[index]!.predicate.value === predicate; index++) values.push(compactObject(quads[index]!.object));
    node[compactTerm(predicate)] = values.length === 1 ? values[0]! : values;
  }
  return node;
}

/** The compacted document: its nodes in order of their IRIs (as jsonld's fromRDF orders them); one node alone stands at the top, with no `@graph`. */
export function compactJsonLd(triples: Triples): Record<string, unknown> {
  // A page's nodes are mostly its datasets' own, compacted already for their files.
  const nodes = triples.sortedNodes().map((node) => (node.compacted ??= compactNode(node)));
  const context = { ...prefixes };
  return nodes.length === 1 ? { '@context': context, ...nodes[0] } : { '@context': context, '@graph': nodes };
}
