// The JSON-LD of a graph: the document jsonld's fromRDF and compact make of the same quads with the
// context `jsonLdContext` chooses for it, built from the graph directly. Their general algorithms
// took 2 to 4 ms a dataset (most of the DCAT output's time at 10,000 datasets); with the contexts
// chosen here (prefixes, and terms that each map one IRI with at most one coercion that fits every
// value of it in the file) compaction comes down to the few rules below. The tests compare the two
// byte for byte, and read the result back with jsonld to the Turtle's graph (test/outputs/dcat*.test.ts).
import type { Quad_Object } from 'n3';
import { namespaceCuts, prefixes, rdfType } from './namespaces.ts';
import type { GraphNode } from './triples.ts';

type JsonValue = string | { '@id': string } | { '@language': string; '@value': string } | { '@type': string; '@value': string };
type JsonNode = Record<string, string | string[] | JsonValue | JsonValue[]>;


/** How a term writes every value of its property: as a bare string of one kind, or (null) each value as compaction writes it without a term. */
type Coercion = { kind: 'id' } | { kind: 'language'; language: string } | { kind: 'type'; datatype: string } | null;

interface Term {
  name: string;
  coercion: Coercion;
}

export interface JsonLdContext {
  /** The `@context` as written in the file, and as JSON. */
  document: Record<string, unknown>;
  json: string;
  /** Namespace → prefix name, for compact IRIs (`dct:title`, `site:team/roads/#team`). */
  byNamespace: ReadonlyMap<string, string>;
  /** Property or class IRI → its term, for those that have one. */
  terms: ReadonlyMap<string, Term>;
  siteUrl: string;
  /** Namespaces.siteAlone. */
  siteAlone: boolean;
}

/** The site's own prefix: its IRIs are most of a file's (`site:dataset/roads/#dataset`). */
export const sitePrefix = 'site';

/**
 * `prefix:rest` for an IRI in a prefix's namespace (with something after it), else the IRI, as
 * JSON-LD's IRI compaction chooses among prefixes: the shortest compact IRI, then the least in
 * code-unit order. Every IRI here is http(s) or mailto, so none can be mistaken for a compact IRI.
 */
export function compactIri(iri: string, context: JsonLdContext): string {
  // The site's IRIs (most of them) have one way only.
  if (context.siteAlone && iri.startsWith(context.siteUrl)) return iri.length > context.siteUrl.length ? `${sitePrefix}:${iri.slice(context.siteUrl.length)}` : iri;
  let chosen: string | null = null;
  for (const [prefix, rest] of namespaceCuts(iri, context.byNamespace)) {
    const curie = `${prefix}:${iri.slice(rest)}`;
    if (chosen === null || curie.length < chosen.length || (curie.length === chosen.length && curie < chosen)) chosen = curie;
  }
  return chosen ?? iri;
}

/**
 * Compact IRIs of the vocabularies' IRIs (properties, classes, datatypes: a few dozen), per site.
 * An IRI's compact form is the same in every file of a site: a file declares every prefix whose
 * namespace one of its IRIs is in, so the prefixes an IRI can take are always there.
 */
const vocabularyCache = new Map<string, Map<string, string>>();

function compactVocabulary(iri: string, context: JsonLdContext): string {
  let cache = vocabularyCache.get(context.siteUrl);
  if (!cache) vocabularyCache.set(context.siteUrl, (cache = new Map()));
  let compacted = cache.get(iri);
  if (compacted === undefined) cache.set(iri, (compacted = compactIri(iri, context)));
  return compacted;
}

/** A term's name: the IRI's local name, when it is a plain word (every property and class of the vocabularies here is). */
function localName(iri: string): string | null {
  let name = localNames.get(iri);
  if (name === undefined) localNames.set(iri, (name = /[#/]([A-Za-z][A-Za-z0-9]*)$/.exec(iri)?.[1] ?? null));
  return name;
}

/** Local names of the vocabularies' properties and classes (a few dozen). */
const localNames = new Map<string, string | null>();

/**
 * What one value is, for choosing a coercion: `id` for an IRI, else the end of n3's id of the
 * literal: '' for a plain string, `@en` for text in a language, `^^<datatype IRI>` for a typed one.
 */
function kindOf(object: Quad_Object): string {
  if (object.termType !== 'Literal') return 'id';
  const id = object.id;
  const end = id.slice(id.lastIndexOf('"') + 1);
  return end.startsWith('@') ? end.toLowerCase() : end;
}

/** Every prefix a site's file may declare (namespace → name), and each one's bit. */
interface Namespaces {
  byNamespace: Map<string, string>;
  bits: Map<string, number>;
  /** Whether the site's IRIs are in no namespace but the site's (no vocabulary lives under the site's address, nor the site under one): always, in practice. */
  siteAlone: boolean;
}

const namespacesBySite = new Map<string, Namespaces>();

function namespacesOf(siteUrl: string): Namespaces {
  let namespaces = namespacesBySite.get(siteUrl);
  if (!namespaces) {
    const entries = [...Object.entries(prefixes), [sitePrefix, siteUrl] as const];
    const siteAlone = Object.values(prefixes).every((namespace) => !namespace.startsWith(siteUrl) && !siteUrl.startsWith(namespace));
    namespaces = { byNamespace: new Map(entries.map(([prefix, namespace]) => [namespace, prefix])), bits: new Map(entries.map(([prefix], index) => [prefix, 1 << index])), siteAlone };
    namespacesBySite.set(siteUrl, namespaces);
  }
  return namespaces;
}

/** What the context needs of one node: the prefixes its IRIs are in (bits), its classes, and each property's kinds of value and number of values. */
interface NodeSummary {
  prefixes: number;
  classes: string[];
  properties: [string, Set<string>, number][];
}

/** Worked out once a node: a catalogue page writes its datasets' nodes again. */
function summaryOf(node: GraphNode, siteUrl: string, namespaces: Namespaces): NodeSummary {
  const key = `jsonld ${siteUrl}`;
  let summary = node.memo?.get(key) as NodeSummary | undefined;
  if (summary) return summary;
  summary = { prefixes: 0, classes: [], properties: [] };
  const siteBit = namespaces.bits.get(sitePrefix)!;
  const mark = (iri: string) => {
    if (namespaces.siteAlone && iri.startsWith(siteUrl)) {
      if (iri.length > siteUrl.length) summary!.prefixes |= siteBit;
      return;
    }
    for (const [prefix] of namespaceCuts(iri, namespaces.byNamespace)) summary!.prefixes |= namespaces.bits.get(prefix)!;
  };
  mark(node.subject);
  let current: [string, Set<string>, number] | null = null;
  for (const quad of node.quads()) {
    const predicate = quad.predicate.value;
    const object = quad.object;
    const kind = kindOf(object);
    if (kind === 'id') mark(object.value);
    // A typed literal's datatype (a plain string's xsd:string and text's rdf:langString are never written).
    else if (kind.startsWith('^^')) mark(kind.slice(2));
    if (predicate === rdfType.value) {
      summary.classes.push(object.value);
      continue;
    }
    // A node's quads are grouped by predicate.
    if (current?.[0] !== predicate) {
      mark(predicate);
      summary.properties.push((current = [predicate, new Set(), 0]));
    }
    current[1].add(kind);
    current[2]++;
  }
  (node.memo ??= new Map()).set(key, summary);
  return summary;
}

/** Bytes a coerced value saves: its wrapper (`{"@id":…}`, `{"@language":"en","@value":…}`, `{"@type":"xsd:date","@value":…}`). */
function wrapperBytes(coercion: Coercion, namespaces: JsonLdContext): number {
  if (coercion === null) return 0;
  if (coercion.kind === 'id') return '{"@id":}'.length;
  if (coercion.kind === 'language') return `{"@language":${JSON.stringify(coercion.language)},"@value":}`.length;
  return `{"@type":${JSON.stringify(compactVocabulary(coercion.datatype, namespaces))},"@value":}`.length;
}

function termDefinition(iri: string, coercion: Coercion, namespaces: JsonLdContext): string | Record<string, string> {
  const id = compactVocabulary(iri, namespaces);
  if (coercion === null) return id;
  if (coercion.kind === 'id') return { '@id': id, '@type': '@id' };
  if (coercion.kind === 'language') return { '@id': id, '@language': coercion.language };
  return { '@id': id, '@type': compactVocabulary(coercion.datatype, namespaces) };
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
  const all = namespacesOf(siteUrl);
  let bits = 0;
  const properties = new Map<string, { nodes: number; kinds: Set<string>; values: number }>();
  const classes = new Map<string, number>();
  for (const node of nodes) {
    const summary = summaryOf(node, siteUrl, all);
    bits |= summary.prefixes;
    for (const iri of summary.classes) classes.set(iri, (classes.get(iri) ?? 0) + 1);
    for (const [predicate, kinds, values] of summary.properties) {
      let usage = properties.get(predicate);
      if (!usage) properties.set(predicate, (usage = { nodes: 0, kinds: new Set(), values: 0 }));
      usage.nodes++;
      for (const kind of kinds) usage.kinds.add(kind);
      usage.values += values;
    }
  }
  const usedList = [...all.byNamespace].filter(([, prefix]) => bits & all.bits.get(prefix)!);
  const usedPrefixes = new Set(usedList.map(([, prefix]) => prefix));
  // Compact IRIs may look among all the site's prefixes: those an IRI of the file is in are the ones it declares.
  const used: JsonLdContext = { document: {}, json: '{}', byNamespace: all.byNamespace, terms: new Map(), siteUrl, siteAlone: all.siteAlone };
  const prefixNames = usedPrefixes;

  // Names wanted by more than one IRI (none in the vocabularies here) get no term, so no name is ever ambiguous.
  const candidates = [...properties.keys(), ...classes.keys()];
  const wanted = new Map<string, number>();
  for (const iri of candidates) {
    const name = localName(iri);
    if (name) wanted.set(name, (wanted.get(name) ?? 0) + 1);
  }
  const terms = used.terms as Map<string, Term>;
  const definitions: [string, string | Record<string, string>][] = [];
  for (const iri of candidates) {
    const name = localName(iri);
    if (!name || wanted.get(name) !== 1 || prefixNames.has(name)) continue;
    const curie = compactVocabulary(iri, used);
    const property = properties.get(iri);
    const kind = property ? (property.kinds.size === 1 ? [...property.kinds][0]! : 'mixed') : 'class';
    const { coercion, definition, cost, wrapper } = candidateTerm(iri, name, kind, used);
    const saved = property ? property.nodes * (curie.length - name.length) + property.values * wrapper : classes.get(iri)! * (curie.length - name.length);
    if (saved <= cost) continue;
    terms.set(iri, { name, coercion });
    definitions.push([name, definition]);
  }
  definitions.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Most files of a site have one of a few contexts: each is built and serialised once.
  const key = `${siteUrl}\n${bits}\n${definitions.map(([name, definition]) => `${name} ${typeof definition === 'string' ? definition : Object.values(definition).join(' ')}`).join('\n')}`;
  let cached = contextCache.get(key);
  if (!cached) {
    const document = Object.fromEntries([...usedList.map(([namespace, prefix]) => [prefix, namespace] as const), ...definitions]);
    if (contextCache.size >= 1000) contextCache.clear();
    contextCache.set(key, (cached = { document, json: JSON.stringify(document) }));
  }
  used.document = cached.document;
  used.json = cached.json;
  return used;
}

const contextCache = new Map<string, { document: Record<string, unknown>; json: string }>();

/** Term definitions by site, IRI and the kind of its values (the same in many files), with what they cost and save. */
const candidateCache = new Map<string, { coercion: Coercion; definition: string | Record<string, string>; cost: number; wrapper: number }>();

function candidateTerm(iri: string, name: string, kind: string, context: JsonLdContext) {
  const key = `${context.siteUrl}\n${iri}\n${kind}`;
  let candidate = candidateCache.get(key);
  if (!candidate) {
    const coercion = coercionOf(kind);
    const definition = termDefinition(iri, coercion, context);
    // `"name":definition,` in the context.
    const cost = JSON.stringify(name).length + JSON.stringify(definition).length + 2;
    candidateCache.set(key, (candidate = { coercion, definition, cost, wrapper: wrapperBytes(coercion, context) }));
  }
  return candidate;
}

function coercionOf(kind: string): Coercion {
  if (kind === 'id') return { kind: 'id' };
  if (kind.startsWith('@')) return { kind: 'language', language: kind.slice(1) };
  if (kind.startsWith('^^')) return { kind: 'type', datatype: kind.slice(2) };
  // Plain strings ('') need no coercion: a term without one writes them bare; nor do mixed kinds and classes.
  return null;
}

/** A vocabulary IRI (a property, a class, a datatype) as a key or type: its term, else its compact IRI. */
function vocabulary(iri: string, context: JsonLdContext): string {
  return context.terms.get(iri)?.name ?? compactVocabulary(iri, context);
}

/** An object as compaction writes it: bare when its property's term is coerced to its kind; else a plain string as itself, text with its language, other literals with their type, an IRI as `@id`. */
function compactObject(object: Quad_Object, coercion: Coercion, context: JsonLdContext): JsonValue {
  if (object.termType !== 'Literal') return coercion ? compactIri(object.value, context) : { '@id': compactIri(object.value, context) };
  if (coercion) return object.value;
  const kind = kindOf(object);
  if (kind === '') return object.value;
  if (kind.startsWith('@')) return { '@language': kind.slice(1), '@value': object.value };
  return { '@type': vocabulary(kind.slice(2), context), '@value': object.value };
}

/**
 * One node: `@id`, `@type`, then its properties in order of their full IRIs (the order of its
 * sorted quads), each with its values in order, one value as itself and several as a list.
 */
function compactNode(graphNode: GraphNode, context: JsonLdContext): JsonNode {
  const quads = graphNode.quads();
  const node: JsonNode = { '@id': compactIri(graphNode.subject, context) };
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
    node[term?.name ?? compactVocabulary(predicate, context)] = values.length === 1 ? values[0]! : values;
  }
  return node;
}

export interface CompactedDocument {
  /** The context, serialised. */
  context: string;
  /** The nodes in order of their IRIs (as jsonld's fromRDF orders them). */
  nodes: JsonNode[];
}

/** The compacted document's parts, for serialise.ts to lay out. */
export function compactJsonLd(nodes: readonly GraphNode[], siteUrl: string): CompactedDocument {
  const context = jsonLdContext(nodes, siteUrl);
  return { context: context.json, nodes: nodes.map((node) => compactNode(node, context)) };
}
