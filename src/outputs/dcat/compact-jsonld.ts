// The JSON-LD of a graph: the document jsonld's fromRDF and compact make of the same quads with the
// context `jsonLdContext` chooses for it, built from the graph directly. Their general algorithms
// took 2 to 4 ms a dataset (most of the DCAT output's time at 10,000 datasets); with the contexts
// chosen here (prefixes, and terms that each map one IRI with at most one coercion that fits every
// value of it in the file) compaction comes down to the few rules below. The tests compare the two
// byte for byte, and read the result back with jsonld to the Turtle's graph (test/outputs/dcat*.test.ts).
import type { Quad_Object } from 'n3';
import { prefixes, rdfType } from './namespaces.ts';
import type { GraphNode } from './triples.ts';

type JsonValue = string | { '@id': string } | { '@language': string; '@value': string } | { '@type': string; '@value': string };
type JsonNode = Record<string, string | string[] | JsonValue | JsonValue[]>;

const xsdString = `${prefixes.xsd}string`;

/** How a term writes every value of its property: as a bare string of one kind, or (null) each value as compaction writes it without a term. */
type Coercion = { kind: 'id' } | { kind: 'language'; language: string } | { kind: 'type'; datatype: string } | null;

interface Term {
  name: string;
  coercion: Coercion;
}

export interface JsonLdContext {
  /** The `@context` as written in the file. */
  document: Record<string, unknown>;
  /** Prefix name and namespace, for compact IRIs (`dct:title`, `site:team/roads/#team`). */
  prefixes: readonly (readonly [string, string])[];
  /** Property or class IRI → its term, for those that have one. */
  terms: ReadonlyMap<string, Term>;
}

/** The site's own prefix: its IRIs are most of a file's (`site:dataset/roads/#dataset`). */
export const sitePrefix = 'site';

/**
 * `prefix:rest` for an IRI in a prefix's namespace (with something after it), else the IRI, as
 * JSON-LD's IRI compaction chooses among prefixes: the shortest compact IRI, then the least in
 * code-unit order. Every IRI here is http(s) or mailto, so none can be mistaken for a compact IRI.
 */
export function compactIri(iri: string, namespaces: JsonLdContext['prefixes']): string {
  let chosen: string | null = null;
  for (const [prefix, namespace] of namespaces) {
    if (iri.length <= namespace.length || !iri.startsWith(namespace)) continue;
    const curie = `${prefix}:${iri.slice(namespace.length)}`;
    if (chosen === null || curie.length < chosen.length || (curie.length === chosen.length && curie < chosen)) chosen = curie;
  }
  return chosen ?? iri;
}

/** A term's name: the IRI's local name, when it is a plain word (every property and class of the vocabularies here is). */
const localName = (iri: string) => /[#/]([A-Za-z][A-Za-z0-9]*)$/.exec(iri)?.[1] ?? null;

/** What one value is, for choosing a coercion: an IRI, text in a language, a typed literal, or a plain string. */
function kindOf(object: Quad_Object): string {
  if (object.termType !== 'Literal') return 'id';
  if (object.language) return `language ${object.language}`;
  return object.datatype.value === xsdString ? 'plain' : `type ${object.datatype.value}`;
}

/** Bytes a coerced value saves: its wrapper (`{"@id":…}`, `{"@language":"en","@value":…}`, `{"@type":"xsd:date","@value":…}`). */
function wrapperBytes(coercion: Coercion, namespaces: JsonLdContext['prefixes']): number {
  if (coercion === null) return 0;
  if (coercion.kind === 'id') return '{"@id":}'.length;
  if (coercion.kind === 'language') return `{"@language":${JSON.stringify(coercion.language)},"@value":}`.length;
  return `{"@type":${JSON.stringify(compactIri(coercion.datatype, namespaces))},"@value":}`.length;
}

function termDefinition(iri: string, coercion: Coercion, namespaces: JsonLdContext['prefixes']): string | Record<string, string> {
  const id = compactIri(iri, namespaces);
  if (coercion === null) return id;
  if (coercion.kind === 'id') return { '@id': id, '@type': '@id' };
  if (coercion.kind === 'language') return { '@id': id, '@language': coercion.language };
  return { '@id': id, '@type': compactIri(coercion.datatype, namespaces) };
}

/**
 * The context of one file: the prefixes its IRIs use (the vocabularies', and `site:` for the
 * site's own), and a term for each property and class whose term makes the file smaller than its
 * compact IRI would: a property used on many nodes, or whose every value is of one kind (an IRI,
 * text in one language, one datatype), so that the term's coercion writes them as bare strings. A
 * catalogue page (1,000 datasets) gets a term for nearly everything; a dataset's own file, for
 * the few properties it repeats. Still self-contained: a reader needs no remote context.
 */
export function jsonLdContext(nodes: readonly GraphNode[], siteUrl: string): JsonLdContext {
  const all: [string, string][] = [...Object.entries(prefixes), [sitePrefix, siteUrl]];
  // Every IRI of the file, once, to see which prefixes it uses.
  const iris = new Set<string>();
  const properties = new Map<string, { nodes: number; kinds: Set<string>; values: number }>();
  const classes = new Map<string, number>();
  for (const node of nodes) {
    iris.add(node.subject);
    let previous = '';
    for (const quad of node.quads()) {
      const predicate = quad.predicate.value;
      const object = quad.object;
      // A plain string's xsd:string and text's rdf:langString are never written.
      if (object.termType !== 'Literal') iris.add(object.value);
      else if (!object.language && object.datatype.value !== xsdString) iris.add(object.datatype.value);
      if (predicate === rdfType.value) {
        classes.set(object.value, (classes.get(object.value) ?? 0) + 1);
        continue;
      }
      iris.add(predicate);
      let usage = properties.get(predicate);
      if (!usage) properties.set(predicate, (usage = { nodes: 0, kinds: new Set(), values: 0 }));
      // A node's quads are grouped by predicate: a new predicate is a new key.
      if (predicate !== previous) usage.nodes++;
      previous = predicate;
      usage.kinds.add(kindOf(object));
      usage.values++;
    }
  }
  const used = all.filter(([, namespace]) => [...iris].some((iri) => iri.length > namespace.length && iri.startsWith(namespace)));
  const prefixNames = new Set(used.map(([name]) => name));

  // Names wanted by more than one IRI (none in the vocabularies here) get no term, so no name is ever ambiguous.
  const candidates = [...properties.keys(), ...classes.keys()];
  const wanted = new Map<string, number>();
  for (const iri of candidates) {
    const name = localName(iri);
    if (name) wanted.set(name, (wanted.get(name) ?? 0) + 1);
  }
  const terms = new Map<string, Term>();
  const definitions: [string, string | Record<string, string>][] = [];
  for (const iri of candidates) {
    const name = localName(iri);
    if (!name || wanted.get(name) !== 1 || prefixNames.has(name)) continue;
    const curie = compactIri(iri, used);
    const property = properties.get(iri);
    let coercion: Coercion = null;
    let saved: number;
    if (property) {
      if (property.kinds.size === 1) coercion = coercionOf([...property.kinds][0]!);
      saved = property.nodes * (curie.length - name.length) + property.values * wrapperBytes(coercion, used);
    } else {
      saved = classes.get(iri)! * (curie.length - name.length);
    }
    const definition = termDefinition(iri, coercion, used);
    // `"name":definition,` in the context.
    const cost = JSON.stringify(name).length + JSON.stringify(definition).length + 2;
    if (saved <= cost) continue;
    terms.set(iri, { name, coercion });
    definitions.push([name, definition]);
  }
  definitions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const document = Object.fromEntries([...used, ...definitions]);
  return { document, prefixes: used, terms };
}

function coercionOf(kind: string): Coercion {
  if (kind === 'id') return { kind: 'id' };
  if (kind.startsWith('language ')) return { kind: 'language', language: kind.slice('language '.length) };
  if (kind.startsWith('type ')) return { kind: 'type', datatype: kind.slice('type '.length) };
  // Plain strings need no coercion: a term without one writes them bare.
  return null;
}

/** A vocabulary IRI (a property, a class, a datatype) as a key or type: its term, else its compact IRI. */
function vocabulary(iri: string, context: JsonLdContext): string {
  return context.terms.get(iri)?.name ?? compactIri(iri, context.prefixes);
}

/** An object as compaction writes it: bare when its property's term is coerced to its kind; else a plain string as itself, text with its language, other literals with their type, an IRI as `@id`. */
function compactObject(object: Quad_Object, coercion: Coercion, context: JsonLdContext): JsonValue {
  if (object.termType !== 'Literal') return coercion ? compactIri(object.value, context.prefixes) : { '@id': compactIri(object.value, context.prefixes) };
  if (coercion) return object.value;
  if (object.language) return { '@language': object.language, '@value': object.value };
  if (object.datatype.value === xsdString) return object.value;
  return { '@type': vocabulary(object.datatype.value, context), '@value': object.value };
}

/**
 * One node: `@id`, `@type`, then its properties in order of their full IRIs (the order of its
 * sorted quads), each with its values in order, one value as itself and several as a list.
 */
function compactNode(graphNode: GraphNode, context: JsonLdContext): JsonNode {
  const quads = graphNode.quads();
  const node: JsonNode = { '@id': compactIri(graphNode.subject, context.prefixes) };
  let index = 0;
  const types: string[] = [];
  for (; index < quads.length && quads[index]!.predicate.value === rdfType.value; index++) types.push(vocabulary(quads[index]!.object.value, context));
  if (types.length > 0) node['@type'] = types.length === 1 ? types[0]! : types;
  while (index < quads.length) {
    const predicate = quads[index]!.predicate.value;
    const term = context.terms.get(predicate);
    const coercion = term?.coercion ?? null;
    const values: JsonValue[] = [];
    for (; index < quads.length && quads[index]!.predicate.value === predicate; index++) values.push(compactObject(quads[index]!.object, coercion, context));
    node[term?.name ?? compactIri(predicate, context.prefixes)] = values.length === 1 ? values[0]! : values;
  }
  return node;
}

export interface CompactedDocument {
  context: Record<string, unknown>;
  /** The nodes in order of their IRIs (as jsonld's fromRDF orders them). */
  nodes: JsonNode[];
}

/** The compacted document's parts, for serialise.ts to lay out. */
export function compactJsonLd(nodes: readonly GraphNode[], siteUrl: string): CompactedDocument {
  const context = jsonLdContext(nodes, siteUrl);
  return { context: context.document, nodes: nodes.map((node) => compactNode(node, context)) };
}
