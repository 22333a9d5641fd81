// The RDF vocabularies the DCAT-AP output speaks, once: their namespaces (which are also the
// prefixes of the Turtle files and the JSON-LD context) and the term factories built on n3's.
import { DataFactory, type Literal, type NamedNode } from 'n3';

/**
 * Prefix → namespace IRI, in the order the files declare them; a file declares those it uses.
 * The vocabularies, then the tables of values most datasets use (the EU's access rights, file
 * types, languages and planned availability, ADMS's licence and publisher types), which each
 * dataset names twice or more (its value and the value's class).
 */
export const prefixes = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  euaccess: 'http://publications.europa.eu/resource/authority/access-right/',
  eufiletype: 'http://publications.europa.eu/resource/authority/file-type/',
  eulanguage: 'http://publications.europa.eu/resource/authority/language/',
  euavailability: 'http://publications.europa.eu/resource/authority/planned-availability/',
  admslicence: 'http://purl.org/adms/licencetype/',
  admspublisher: 'http://purl.org/adms/publishertype/',
  // IANA's media types, one prefix a top-level type (`text:csv`): each distribution names its
  // media type twice (its value and the value's class), 64 bytes a time in full; a Turtle local
  // name cannot hold the `/` of `text/csv`, so one prefix for the registry would not do.
  application: 'https://www.iana.org/assignments/media-types/application/',
  audio: 'https://www.iana.org/assignments/media-types/audio/',
  font: 'https://www.iana.org/assignments/media-types/font/',
  image: 'https://www.iana.org/assignments/media-types/image/',
  model: 'https://www.iana.org/assignments/media-types/model/',
  text: 'https://www.iana.org/assignments/media-types/text/',
  video: 'https://www.iana.org/assignments/media-types/video/',
} as const;

type Prefix = keyof typeof prefixes;

/** No namespace (nor a site's address, `https://a.b/`) is shorter. */
const shortestNamespace = 10;

/**
 * Each way of cutting `iri` into a namespace of `namespaces` (namespace IRI → prefix) and a
 * non-empty rest, as `[prefix, index of the rest]`. Every namespace ends with `/` or `#`, so only
 * the cuts after those characters are looked up: a few map lookups, not one test per prefix.
 */
export function namespaceCuts(iri: string, namespaces: ReadonlyMap<string, string>): readonly [string, number][] {
  let cache = cutCaches.get(namespaces);
  if (!cache) cutCaches.set(namespaces, (cache = new Map()));
  let cuts = cache.get(iri);
  if (cuts) return cuts;
  // An IRI on no namespace's host (a file's URL elsewhere, most of a dataset's own) has no cut: no slice looked up.
  const origins = originsOf(namespaces);
  if (origins !== null && !origins.has(originOf(iri))) return noCuts;
  cuts = [];
  for (let index = shortestNamespace - 1; index < iri.length - 1; index++) {
    const character = iri.charCodeAt(index);
    // '/' and '#'
    if (character !== 47 && character !== 35) continue;
    const prefix = namespaces.get(iri.slice(0, index + 1));
    if (prefix !== undefined) cuts.push([prefix, index + 1]);
  }
  // The vocabularies' IRIs come back in every dataset; a file's own URLs do not, so the cache is emptied now and then.
  if (cache.size >= 10_000) cache.clear();
  cache.set(iri, cuts);
  return cuts;
}

const cutCaches = new WeakMap<ReadonlyMap<string, string>, Map<string, [string, number][]>>();

const noCuts: readonly [string, number][] = [];

/** `scheme://host` of an IRI, or '' when it has no authority. */
const originOf = (iri: string): string => {
  const start = iri.indexOf('://');
  if (start < 0) return '';
  const end = iri.indexOf('/', start + 3);
  return end < 0 ? iri : iri.slice(0, end);
};

/** The origins of the namespaces (each namespace starts with its origin and a `/`), or null when one has none. */
function originsOf(namespaces: ReadonlyMap<string, string>): Set<string> | null {
  let origins = originCaches.get(namespaces);
  if (origins === undefined) {
    const all = [...namespaces.keys()].map(originOf);
    origins = all.every((origin, index) => origin !== '' && [...namespaces.keys()][index]!.startsWith(`${origin}/`)) ? new Set(all) : null;
    originCaches.set(namespaces, origins);
  }
  return origins;
}

const originCaches = new WeakMap<ReadonlyMap<string, string>, Set<string> | null>();

/** `term('dcat', 'Dataset')` → the named node dcat:Dataset. */
export function term(prefix: Prefix, local: string): NamedNode {
  // The same few dozen terms, said thousands of times a dataset page: made once.
  const terms = termCache[prefix];
  let named = terms.get(local);
  if (!named) terms.set(local, (named = DataFactory.namedNode(`${prefixes[prefix]}${local}`)));
  return named;
}

const termCache = Object.fromEntries(Object.keys(prefixes).map((prefix) => [prefix, new Map<string, NamedNode>()])) as Record<Prefix, Map<string, NamedNode>>;

/** Written `a` in Turtle and `@type` in JSON-LD, so it needs no prefix of its own. */
export const rdfType = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

/**
 * A named node for a URL: an IRI must not hold spaces, quotes, angle brackets and the like, which
 * a publisher's URL may (`new URL` accepts `a b.csv`) and which would break a Turtle file, so they
 * are percent-encoded the way a browser sends them.
 */
export function iri(url: string): NamedNode {
  return DataFactory.namedNode(iriValue(url));
}

/** `iri`'s IRI as a string (dataset-text.ts writes text without n3's terms). */
export function iriValue(url: string): string {
  return new URL(url).href.replace(/[\u0000-\u0020<>"{}|^`\\\u007f]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Text in the catalogue's language (a BCP 47 tag, as RDF language tags are; n3 writes it in lower case). */
export function text(value: string, language: string): Literal {
  return DataFactory.literal(value, language);
}

/** A plain string: names and identifiers, which are in no language. */
export function plain(value: string): Literal {
  return DataFactory.literal(value);
}

export function typed(value: string, datatype: string): Literal {
  return DataFactory.literal(value, term('xsd', datatype));
}

/** A geometry as GeoSPARQL's Well-Known Text, in WGS 84 longitude and latitude (its default, CRS84): what DCAT's bbox and centroid take. */
export function wkt(geometry: string): Literal {
  return DataFactory.literal(geometry, term('gsp', 'wktLiteral'));
}
