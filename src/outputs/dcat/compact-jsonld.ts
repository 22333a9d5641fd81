// The JSON-LD of a graph: the document jsonld's fromRDF and compact make of the same quads with the
// context `jsonLdContext` chooses for it, built from the graph directly. Their general algorithms
// took 2 to 4 ms a dataset (most of the DCAT output's time at 10,000 datasets); with the contexts
// chosen here (prefixes, and terms that each map one IRI with at most one coercion that fits every
// value of it in the file) compaction comes down to the few rules below. The tests compare the two
// byte for byte, and read the result back with jsonld to the Turtle's graph (test/outputs/dcat*.test.ts).
import type { Quad_Object } from 'n3';
import { flat } from '../flat-string.ts';
import { namespaceCuts, prefixes, rdfType } from './namespaces.ts';
import { jsonLdRelative, rootOf } from './relative.ts';
import type { GraphNode } from './triples.ts';

type JsonValue = string | { '@id': string } | { '@language': string; '@value': string } | { '@type': string; '@value': string };
type JsonNode = Record<string, string | string[] | JsonValue | JsonValue[]>;


/** How a term writes every value of its property: as a bare string of one kind, or (null) each value as compaction writes it without a term. */
type Coercion = { kind: 'id' } | { kind: 'language'; language: string } | { kind: 'type'; datatype: string } | null;

interface Term {
  name: string;
  coercion: Coercion;
  /** The name as JSON, as a key or type is written (made once a site). */
  json: string;
}

export interface JsonLdContext {
  /** The `@context` as written in the file. */
  json: string;
  /** Namespace → prefix name, for compact IRIs (`dct:title`, `site:team/roads/#team`). */
  byNamespace: ReadonlyMap<string, string>;
  /** Property or class IRI → its term, for those that have one. */
  terms: ReadonlyMap<string, Term>;
  siteUrl: string;
  /** Namespaces.siteAlone. */
  siteAlone: boolean;
  /** The `@base` the file's IRIs are relative to (a dataset's folder, in its own file), or null (`site:` compact IRIs). */
  base: string | null;
}

/** The site's own prefix: its IRIs are most of a file's (`site:dataset/roads/#dataset`). */
export const sitePrefix = 'site';

/**
 * `prefix:rest` for an IRI in a prefix's namespace (with something after it), else the IRI, as
 * JSON-LD's IRI compaction chooses among prefixes: the shortest compact IRI, then the least in
 * code-unit order. Every IRI here is http(s) or mailto, so none can be mistaken for a compact IRI.
 */
export function compactIri(iri: string, context: JsonLdContext): string {
  // The site's IRIs (most of them) have one way only: `site:`, or none under a base (relative, compactId).
  if (context.siteAlone && iri.startsWith(context.siteUrl)) return iri.length > context.siteUrl.length && context.base === null ? `${sitePrefix}:${iri.slice(context.siteUrl.length)}` : iri;
  let chosen: string | null = null;
  for (const [prefix, rest] of namespaceCuts(iri, context.byNamespace)) {
    const curie = `${prefix}:${iri.slice(rest)}`;
    if (chosen === null || curie.length < chosen.length || (curie.length === chosen.length && curie < chosen)) chosen = curie;
  }
  return chosen ?? iri;
}

/**
 * An IRI where compaction writes it as a node or an `@id` value: its compact IRI if it has one,
 * else, under a context with `@base`, relative to the base as jsonld's IRI compaction writes it
 * (relative.ts), else as it is.
 */
function compactId(iri: string, context: JsonLdContext): string | null {
  const compacted = compactIri(iri, context);
  if (context.base === null || compacted !== iri) return compacted;
  return jsonLdRelative(iri, context.base);
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

/** compactVocabulary's answer as JSON, as a key or type without a term is written: made once a site. */
const vocabularyJsonCache = new Map<string, Map<string, string>>();

function compactVocabularyJson(iri: string, context: JsonLdContext): string {
  let cache = vocabularyJsonCache.get(context.siteUrl);
  if (!cache) vocabularyJsonCache.set(context.siteUrl, (cache = new Map()));
  let json = cache.get(iri);
  if (json === undefined) cache.set(iri, (json = JSON.stringify(compactVocabulary(iri, context))));
  return json;
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
  /** prefixBitsOf's answers. */
  iriBits: Map<string, number>;
}

const namespacesBySite = new Map<string, Namespaces>();

/**
 * The site's prefixes. A file relative to a base (a dataset's own) has the same but for `site:`,
 * which no IRI of it takes: the site's IRIs are in no other namespace (siteAlone, which baseFits
 * implies), and compactIri and prefixBitsOf leave them to the base.
 */
function namespacesOf(siteUrl: string): Namespaces {
  let namespaces = namespacesBySite.get(siteUrl);
  if (!namespaces) {
    const entries = [...Object.entries(prefixes), [sitePrefix, siteUrl] as const];
    const siteAlone = Object.values(prefixes).every((namespace) => !namespace.startsWith(siteUrl) && !siteUrl.startsWith(namespace));
    namespaces = { byNamespace: new Map(entries.map(([prefix, namespace]) => [namespace, prefix])), bits: new Map(entries.map(([prefix], index) => [prefix, 1 << index])), siteAlone, iriBits: new Map() };
    namespacesBySite.set(siteUrl, namespaces);
  }
  return namespaces;
}

/** The bit of `site:` in a site's NodeJson prefixes, or null when another namespace could take its IRIs (Namespaces.siteAlone; never, in practice). */
export function siteBit(siteUrl: string): number | null {
  const namespaces = namespacesOf(siteUrl);
  return namespaces.siteAlone ? namespaces.bits.get(sitePrefix)! : null;
}

/** Whether a file whose IRIs are relative to `base` is still one compaction writes with `@base`: no vocabulary lives under its root (always, in practice), so neither under the site. */
export function baseFits(base: string): boolean {
  const root = rootOf(base);
  return root !== null && Object.values(prefixes).every((namespace) => !namespace.startsWith(root));
}

/**
 * One node's JSON-LD, worked out once whatever file it goes into (its dataset's own, its catalogue
 * page): what the context needs of it (the prefixes its IRIs are in, its classes, each property's
 * kinds of value and number of values) and its values already serialised both ways, bare (under a
 * term coerced to their one kind) and as compaction writes them without a term. A file's node is
 * then `@id`, `@type` and each property's key and one of the two, joined: only the keys (a term or
 * a compact IRI) depend on the file's context; the compact IRIs of values do not (compactIri).
 */
export interface NodeJson {
  /** Whether its IRIs are written relative to a base (the file's `@base`), or with `site:` compact IRIs: every node of a file alike. */
  relative: boolean;
  /** The compacted `@id`, as JSON. */
  id: string;
  /** Bits of `namespacesOf(site).bits`: the prefixes its IRIs are in. */
  prefixes: number;
  classes: string[];
  properties: PropertyJson[];
}

/** [predicate IRI, its kinds of value, its number of values, the values bare as JSON (null when they are of more than one kind, or plain strings), the values as JSON without a term]. */
export type PropertyJson = [string, string[], number, string | null, string];

/**
 * Worked out from the node's sorted quads: once a node (docs/decisions/dcat.md, Cost). With a
 * `base`, its IRIs are written relative to it (a dataset's own file, `#dataset` for
 * `…/dataset/roads/#dataset`), or null when one of them cannot be (relative.ts).
 */
export function nodeJson(node: GraphNode, siteUrl: string): NodeJson;
export function nodeJson(node: GraphNode, siteUrl: string, base: string | null): NodeJson | null;
export function nodeJson(node: GraphNode, siteUrl: string, base: string | null = null): NodeJson | null {
  if (base !== null && !baseFits(base)) return null;
  const namespaces = namespacesOf(siteUrl);
  const relative = base !== null;
  const context = base === null ? siteContext(siteUrl, namespaces) : baseContext(siteUrl, namespaces, base);
  const id = compactId(node.subject, context);
  if (id === null) return null;
  const json: NodeJson = { relative: base !== null, id: JSON.stringify(id), prefixes: prefixBitsOf(node.subject, siteUrl, namespaces, relative), classes: [], properties: [] };
  const quads = node.quads();
  let index = 0;
  for (; index < quads.length && quads[index]!.predicate.value === rdfType.value; index++) {
    const object = quads[index]!.object;
    if (object.termType !== 'Literal') json.prefixes |= prefixBitsOf(object.value, siteUrl, namespaces, relative);
    json.classes.push(object.value);
  }
  // A node's quads are grouped by predicate.
  while (index < quads.length) {
    const predicate = quads[index]!.predicate.value;
    json.prefixes |= prefixBitsOf(predicate, siteUrl, namespaces, relative);
    const kinds: string[] = [];
    const bare: string[] = [];
    const wrapped: string[] = [];
    for (; index < quads.length && quads[index]!.predicate.value === predicate; index++) {
      const object = quads[index]!.object;
      const kind = kindOf(object);
      if (!kinds.includes(kind)) kinds.push(kind);
      // Each value as compaction writes it, bare (under a term coerced to its kind) and without a term.
      if (kind === 'id') {
        json.prefixes |= prefixBitsOf(object.value, siteUrl, namespaces, relative);
        const compacted = compactId(object.value, context);
        if (compacted === null) return null;
        const value = JSON.stringify(compacted);
        bare.push(value);
        wrapped.push(`{"@id":${value}}`);
        continue;
      }
      const value = JSON.stringify(object.value);
      bare.push(value);
      if (kind === '') wrapped.push(value);
      else if (kind.startsWith('@')) wrapped.push(`{"@language":${JSON.stringify(kind.slice(1))},"@value":${value}}`);
      else {
        // A typed literal's datatype (a plain string's xsd:string and text's rdf:langString are never written).
        json.prefixes |= prefixBitsOf(kind.slice(2), siteUrl, namespaces, relative);
        wrapped.push(`{"@type":${compactVocabularyJson(kind.slice(2), context)},"@value":${value}}`);
      }
    }
    const coercible = kinds.length === 1 && coercionOf(kinds[0]!) !== null;
    const one = (values: string[]) => (values.length === 1 ? values[0]! : `[${values.join(',')}]`);
    json.properties.push([predicate, kinds, bare.length, coercible ? one(bare) : null, one(wrapped)]);
  }
  return json;
}

/** The prefixes (bits of `namespaces.bits`) an IRI is in: a few hundred distinct IRIs a site come back in every dataset. */
function prefixBitsOf(iri: string, siteUrl: string, namespaces: Namespaces, relative: boolean): number {
  // The site's own IRIs (mostly a dataset's own) are not kept; relative to a base, they take no prefix.
  if (namespaces.siteAlone && iri.startsWith(siteUrl)) return iri.length > siteUrl.length && !relative ? namespaces.bits.get(sitePrefix)! : 0;
  let bits = namespaces.iriBits.get(iri);
  if (bits !== undefined) return bits;
  bits = 0;
  for (const [prefix] of namespaceCuts(iri, namespaces.byNamespace)) bits |= namespaces.bits.get(prefix)!;
  if (namespaces.iriBits.size >= 10_000) namespaces.iriBits.clear();
  namespaces.iriBits.set(iri, bits);
  return bits;
}

/** A context with no terms: how values are written without one (a datatype never has a term: jsonLdContext). */
function siteContext(siteUrl: string, namespaces: Namespaces): JsonLdContext {
  let context = siteContexts.get(namespaces);
  if (!context) siteContexts.set(namespaces, (context = { json: '{}', byNamespace: namespaces.byNamespace, terms: new Map(), siteUrl, siteAlone: namespaces.siteAlone, base: null }));
  return context;
}

const siteContexts = new Map<Namespaces, JsonLdContext>();

/** The same, relative to a base: a dataset's folder, for each of its nodes in turn (kept for the last one only). */
function baseContext(siteUrl: string, namespaces: Namespaces, base: string): JsonLdContext {
  if (lastBaseContext?.base !== base || lastBaseContext.siteUrl !== siteUrl) lastBaseContext = { ...siteContext(siteUrl, namespaces), base };
  return lastBaseContext;
}

let lastBaseContext: JsonLdContext | null = null;

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
export function jsonLdContext(nodes: readonly NodeJson[], siteUrl: string, base: string | null = null): JsonLdContext {
  if (nodes.some((node) => node.relative !== (base !== null))) throw new Error(base === null ? 'A JSON-LD node written relative to a base, in a file without one' : 'A JSON-LD node with compact IRIs of the site, in a file with a base');
  const all = namespacesOf(siteUrl);
  const file = ++fileCount;
  if (usages.size >= 10_000) usages.clear();
  if (names.size >= 10_000) names.clear();
  let bits = 0;
  // Per property: its nodes, its one kind of value (or 'mixed'), its values; per class, its nodes: each IRI's one record, in the order first met.
  const properties: Usage[] = [];
  const classes: Usage[] = [];
  // Indexed, not destructured: a dataset's own file is small, and the iterators were a fifth of what this allocated.
  for (let node = 0; node < nodes.length; node++) {
    const summary = nodes[node]!;
    bits |= summary.prefixes;
    for (let index = 0; index < summary.classes.length; index++) {
      const usage = usageIn(summary.classes[index]!, file);
      if (usage.classNodes++ === 0) classes.push(usage);
    }
    for (let index = 0; index < summary.properties.length; index++) {
      const property = summary.properties[index]!;
      const kinds = property[1];
      const values = property[2];
      const kind = kinds.length === 1 ? kinds[0]! : 'mixed';
      if (kind.charCodeAt(0) === 94 /* ^ */ || kinds.length > 1) for (const each of kinds) if (each.startsWith('^^')) usageIn(datatypeOf(each), file).datatype = true;
      const usage = usageIn(property[0], file);
      if (usage.nodes === 0) {
        properties.push(usage);
        usage.kind = kind;
      } else if (usage.kind !== kind) usage.kind = 'mixed';
      usage.nodes++;
      usage.values += values;
    }
  }
  // Compact IRIs may look among all the site's prefixes: those an IRI of the file is in are the ones it declares.
  const used: JsonLdContext = { json: '{}', byNamespace: all.byNamespace, terms: noTerms, siteUrl, siteAlone: all.siteAlone, base };

  // Names wanted by more than one IRI (none in the vocabularies here) get no term, so no name is ever ambiguous (an IRI both a property and a class wants its name twice).
  for (let index = 0; index < properties.length; index++) wantName(properties[index]!, file);
  for (let index = 0; index < classes.length; index++) wantName(classes[index]!, file);
  const chosen: [string, Candidate][] = [];
  const consider = (usage: Usage, kind: string, count: number, values: number) => {
    const name = usage.name;
    // A datatype never gets a term (none is also a property or class here): values keep their compact `@type` (nodeJson).
    if (!name || usage.wanted!.count !== 1 || bits & (all.bits.get(name) ?? 0) || usage.datatype) return;
    const candidate = candidateTerm(usage.iri, name, kind, used);
    const saved = count * candidate.shorter + values * candidate.wrapper;
    if (saved <= candidate.cost) return;
    chosen.push([name, candidate]);
  };
  for (let index = 0; index < properties.length; index++) consider(properties[index]!, properties[index]!.kind, properties[index]!.nodes, properties[index]!.values);
  for (let index = 0; index < classes.length; index++) if (classes[index]!.nodes === 0) consider(classes[index]!, 'class', classes[index]!.classNodes, 0);
  chosen.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Most files of a site have one of a few contexts: each is built and serialised once, found by its prefixes and its terms' candidates (no key joined).
  let slot = contextRoot(siteUrl, bits);
  for (let index = 0; index < chosen.length; index++) {
    const candidate = chosen[index]![1];
    let next = slot.next.get(candidate);
    if (next === undefined) slot.next.set(candidate, (next = { next: new Map(), json: null, terms: noTerms }));
    slot = next;
  }
  if (slot.json === null) {
    const usedList = [...all.byNamespace].filter(([, prefix]) => bits & all.bits.get(prefix)!);
    const document = Object.fromEntries([...usedList.map(([namespace, prefix]) => [prefix, namespace] as const), ...chosen.map(([name, candidate]) => [name, candidate.definition] as const)]);
    slot.json = JSON.stringify(document);
    slot.terms = new Map(chosen.map(([, candidate]) => [candidate.iri, candidate.term]));
    contextCount++;
  }
  used.terms = slot.terms;
  const cached = slot.json;
  // The base first, where a reader looks for it; every file of a dataset has its own, so it is not in the cached part.
  used.json = base === null ? cached : `{"@base":${JSON.stringify(base)}${cached === '{}' ? '}' : `,${cached.slice(1)}`}`;
  return used;
}

/**
 * What a file says of one IRI as a property or a class (its record kept for the site's few dozen
 * vocabulary IRIs, its counts begun again for each file by `file`): where a map of each kind for
 * each of 20,000 files was a fifth of what choosing a context cost.
 */
interface Usage {
  iri: string;
  name: string | null;
  /** The file (fileCount) these counts are of. */
  file: number;
  nodes: number;
  kind: string;
  values: number;
  classNodes: number;
  /** Whether some value in the file has it as its datatype. */
  datatype: boolean;
  /** Its name's record, counted for this file (wantName). */
  wanted: NameUse | null;
}

interface NameUse {
  file: number;
  count: number;
}

let fileCount = 0;
const usages = new Map<string, Usage>();
const names = new Map<string, NameUse>();
const noTerms: ReadonlyMap<string, Term> = new Map();

function usageIn(iri: string, file: number): Usage {
  let usage = usages.get(iri);
  if (usage === undefined) usages.set(iri, (usage = { iri, name: localName(iri), file, nodes: 0, kind: '', values: 0, classNodes: 0, datatype: false, wanted: null }));
  else if (usage.file !== file) {
    usage.file = file;
    usage.nodes = usage.values = usage.classNodes = 0;
    usage.kind = '';
    usage.datatype = false;
    usage.wanted = null;
  }
  return usage;
}

/** Counts the usage's name once more for this file (once as a property, once more if it is a class too). */
function wantName(usage: Usage, file: number): void {
  const name = usage.name;
  if (!name) return;
  let use = names.get(name);
  if (use === undefined) names.set(name, (use = { file, count: 0 }));
  else if (use.file !== file) {
    use.file = file;
    use.count = 0;
  }
  use.count++;
  usage.wanted = use;
}

/** Contexts by site and prefixes, then each chosen term's candidate in name order (a few dozen distinct a site; let go past 1,000). */
interface ContextSlot {
  next: Map<Candidate, ContextSlot>;
  json: string | null;
  terms: ReadonlyMap<string, Term>;
}

let contextCount = 0;
const contextRoots = new Map<string, Map<number, ContextSlot>>();

function contextRoot(siteUrl: string, bits: number): ContextSlot {
  if (contextCount >= 1000) {
    contextRoots.clear();
    contextCount = 0;
  }
  let bySite = contextRoots.get(siteUrl);
  if (bySite === undefined) contextRoots.set(siteUrl, (bySite = new Map()));
  let root = bySite.get(bits);
  if (root === undefined) bySite.set(bits, (root = { next: new Map(), json: null, terms: noTerms }));
  return root;
}

/** The datatype IRI of a kind `^^<IRI>` (a few a site). */
function datatypeOf(kind: string): string {
  let datatype = datatypeByKind.get(kind);
  if (datatype === undefined) datatypeByKind.set(kind, (datatype = kind.slice(2)));
  return datatype;
}

const datatypeByKind = new Map<string, string>();


/** Term definitions by site, IRI and the kind of its values (the same in many files), with what they cost and save. */
const candidateCache = new Map<string, Map<string, Map<string, Candidate>>>();

interface Candidate {
  /** The property's or class's IRI. */
  iri: string;
  /** The term it defines (the same object in every file that takes it). */
  term: Term;
  coercion: Coercion;
  definition: string | Record<string, string>;
  cost: number;
  /** Bytes a value saves (its wrapper), and a key or class (its compact IRI's length over the name's). */
  wrapper: number;
  shorter: number;
}

function candidateTerm(iri: string, name: string, kind: string, context: JsonLdContext): Candidate {
  let bySite = candidateCache.get(context.siteUrl);
  if (!bySite) candidateCache.set(context.siteUrl, (bySite = new Map()));
  let byKind = bySite.get(iri);
  if (!byKind) bySite.set(iri, (byKind = new Map()));
  let candidate = byKind.get(kind);
  if (!candidate) {
    const coercion = coercionOf(kind);
    const definition = termDefinition(iri, coercion, context);
    // `"name":definition,` in the context.
    const cost = JSON.stringify(name).length + JSON.stringify(definition).length + 2;
    byKind.set(kind, (candidate = { iri, term: { name, coercion, json: JSON.stringify(name) }, coercion, definition, cost, wrapper: wrapperBytes(coercion, context), shorter: compactVocabulary(iri, context).length - name.length }));
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

/** A vocabulary IRI (a property, a class, a datatype) as a key or type: its term, else its compact IRI, as JSON. */
function vocabularyJson(iri: string, context: JsonLdContext): string {
  return context.terms.get(iri)?.json ?? compactVocabularyJson(iri, context);
}

/**
 * One node in a file's context: `@id`, `@type`, then its properties in order of their full IRIs
 * (the order of its sorted quads), each with its values in order, one value as itself and several
 * as a list: the JSON `JSON.stringify` writes of the object compaction makes, joined from the
 * node's pieces (no key is integer-like, so the keys keep this order in an object too).
 */
export function nodeJsonIn(node: NodeJson, context: JsonLdContext): string {
  let text = `{"@id":${node.id}`;
  if (node.classes.length === 1) text += `,"@type":${vocabularyJson(node.classes[0]!, context)}`;
  else if (node.classes.length > 1) text += `,"@type":[${node.classes.map((iri) => vocabularyJson(iri, context)).join(',')}]`;
  for (let index = 0; index < node.properties.length; index++) {
    const property = node.properties[index]!;
    const term = context.terms.get(property[0]);
    const bare = property[3];
    const wrapped = property[4];
    const predicate = property[0];
    // A coerced term's values are all of its kind in this file, so this node's have their bare form.
    text += `,${term?.json ?? compactVocabularyJson(predicate, context)}:${term?.coercion ? bare : wrapped}`;
  }
  return `${text}}`;
}

export interface CompactedDocument {
  /** The context, serialised. */
  context: string;
  /** The nodes in order of their IRIs (as jsonld's fromRDF orders them), each as JSON. */
  nodes: string[];
}

/** More nodes than a dataset's own file holds. */
const manyNodes = 200;

/** The compacted document's parts, for serialise.ts to lay out; `nodes` in order of their IRIs. */
export function compactJsonLd(nodes: readonly NodeJson[], siteUrl: string, base: string | null = null): CompactedDocument {
  const context = jsonLdContext(nodes, siteUrl, base);
  // A catalogue page's twenty thousand nodes are all made before they are joined: each flattened as it is made, its pieces garbage at once. A dataset's few are joined at once.
  if (nodes.length > manyNodes) return { context: context.json, nodes: nodes.map((node) => flat(nodeJsonIn(node, context))) };
  return { context: context.json, nodes: nodes.map((node) => nodeJsonIn(node, context)) };
}

/**
 * An IRI outside the site's address as nodeJson writes it in any file of the site (its compact IRI,
 * else itself, as JSON) and the prefixes it is in: what dataset-text.ts keeps per IRI. Null for an
 * IRI nodeJson writes otherwise: one under the site, or a site another namespace could take.
 */
export function externalIriJson(iri: string, siteUrl: string): { json: string; bits: number } | null {
  const namespaces = namespacesOf(siteUrl);
  if (!namespaces.siteAlone || iri.startsWith(siteUrl)) return null;
  return { json: JSON.stringify(compactIri(iri, siteContext(siteUrl, namespaces))), bits: prefixBitsOf(iri, siteUrl, namespaces, false) };
}
