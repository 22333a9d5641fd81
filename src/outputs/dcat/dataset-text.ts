// A dataset's DCAT-AP nodes written straight from the model: the same statements as
// dataset-graph.ts builds and serialise.ts writes (n3's Writer for Turtle, compact-jsonld.ts for
// JSON-LD), without n3's terms, quads and Writer, and without rewriting the page's texts for the
// dataset's own files (file-nodes.ts): each node is a list of plain [predicate, value] pairs, sorted
// as GraphNode.quads sorts, and written twice, relative to the site (its catalogue page) and to its
// folder (its own files). Those were two thirds of the DCAT-AP thread's CPU at 10,000 datasets
// (docs/performance.md, section `dcat-fast`). Whatever this does not write exactly as n3 would (an
// IRI that needs escaping, a site whose address is not a folder), it declines (null), and the
// output builds the dataset's graph as before; the tests hold both ways to each other.
import { jsonLdRelative, rootOf, turtleRelative, turtleResolve } from './relative.ts';
import { baseFits, externalIriJson, siteBit, type NodeJson, type PropertyJson } from './compact-jsonld.ts';
import { iriBits, type NodeText } from './serialise.ts';
import { iriValue, prefixes, rdfType } from './namespaces.ts';
import { accessRights, availability, fileType, ianaMediaType, languageIri, licenceTypes, md5Algorithm, publisherType, type Concept } from './vocabularies.ts';
import { datasetTimeFrame, lastChanged } from '../dataset-dates.ts';
import { compare } from './triples.ts';
import type { DcatDataset, DcatResource, DcatSite, DcatTeam } from './input.ts';
import type { Contact, Licence, Place, PublisherType, Topic } from '../../catalogue/model.ts';

/** A literal as n3's DataFactory makes it: its language in lower case, or its datatype (none: xsd:string). */
interface Literal {
  termType: 'Literal';
  value: string;
  language: string;
  datatype: string;
  /** n3's `term.id`: `"value"`, `"value"@language`, `"value"^^datatype`, what objects are sorted by. */
  id: string;
}

type Value = string | Literal;

/** One [predicate, value] of a node, with the value's id. */
interface Pair {
  predicate: string;
  value: Value;
  id: string;
}

const ns = (prefix: keyof typeof prefixes) => (local: string) => `${prefixes[prefix]}${local}`;
const dcat = ns('dcat');
const dct = ns('dct');
const foaf = ns('foaf');
const skos = ns('skos');
const vcard = ns('vcard');
const spdx = ns('spdx');
const xsd = ns('xsd');
const type = rdfType.value;
const xsdString = xsd('string');

function text(value: string, language: string): Literal {
  const lower = language.toLowerCase();
  return { termType: 'Literal', value, language: lower, datatype: '', id: `"${value}"@${lower}` };
}

function plain(value: string): Literal {
  return { termType: 'Literal', value, language: '', datatype: '', id: `"${value}"` };
}

function typed(value: string, datatype: string): Literal {
  return { termType: 'Literal', value, language: '', datatype, id: `"${value}"^^${datatype}` };
}

/** Subjects and what is said of them, in the order said; sorted and made unique when written (`sortedPairs`). */
class Graph {
  readonly nodes = new Map<string, Pair[]>();

  add(subject: string, predicate: string, value: Value | null | undefined): void {
    if (value === null || value === undefined) return;
    let pairs = this.nodes.get(subject);
    if (!pairs) this.nodes.set(subject, (pairs = []));
    pairs.push({ predicate, value, id: typeof value === 'string' ? value : value.id });
  }

  type(subject: string, nodeClass: string): void {
    this.add(subject, type, nodeClass);
  }

  concept(concept: Concept): string {
    this.type(concept.iri.value, skos('Concept'));
    this.add(concept.iri.value, skos('prefLabel'), text(concept.label, 'en'));
    this.add(concept.iri.value, skos('inScheme'), concept.scheme.value);
    return concept.iri.value;
  }
}

/** rdf:type first, then by predicate, then by value id (GraphNode.quads), each pair once. */
function sortedPairs(pairs: Pair[]): Pair[] {
  pairs.sort((a, b) => {
    const aType = a.predicate === type;
    if (aType !== (b.predicate === type)) return aType ? -1 : 1;
    return compare(a.predicate, b.predicate) || compare(a.id, b.id);
  });
  let kept = 1;
  for (let index = 1; index < pairs.length; index++) {
    const pair = pairs[index]!;
    const last = pairs[kept - 1]!;
    if (pair.predicate !== last.predicate || pair.id !== last.id) pairs[kept++] = pair;
  }
  pairs.length = kept;
  return pairs;
}

// --- The dataset's graph, as dataset-graph.ts builds it --------------------------------------

function datasetGraph(graph: Graph, site: DcatSite, dataset: DcatDataset): void {
  const page = dataset.webpage;
  const node = `${page}#dataset`;
  const language = site.language;
  graph.type(node, dcat('Dataset'));
  graph.add(node, dct('identifier'), plain(dataset.id));
  graph.add(node, dct('title'), text(dataset.title, language));
  graph.add(node, dct('description'), text(dataset.descriptionText || dataset.title, language));
  graph.add(node, dcat('landingPage'), document(graph, iriValue(page)));
  graph.add(node, dct('publisher'), agent(graph, site, dataset.team));
  if (dataset.contact) graph.add(node, dcat('contactPoint'), contactPoint(graph, `${page}#contact`, dataset.contact));
  for (const tag of dataset.tags) graph.add(node, dcat('keyword'), text(tag.name, language));
  for (const topic of dataset.topics) graph.add(node, dcat('theme'), topicConcept(graph, site, topic));
  const linguistic = languageIri(language).value;
  graph.type(linguistic, dct('LinguisticSystem'));
  graph.add(node, dct('language'), linguistic);
  graph.add(node, dct('issued'), dateTime(dataset.createdAt));
  graph.add(node, dct('modified'), dateTime(lastChanged(dataset)));
  graph.add(node, dct('temporal'), periodOfTime(graph, `${page}#temporal`, dataset));
  if (dataset.spatial) graph.add(node, dct('spatial'), location(graph, site, dataset.spatial));
  const rights = (dataset.sharing === 'private' ? accessRights.nonPublic : accessRights.public).value;
  graph.type(rights, dct('RightsStatement'));
  graph.add(node, dct('accessRights'), rights);
  const licence = dataset.licence ? licenceDocument(graph, site, dataset.licence) : null;
  graph.add(node, dct('license'), licence);
  for (const link of dataset.links) {
    const linkPage = document(graph, iriValue(link.url));
    graph.add(node, foaf('page'), linkPage);
    graph.add(linkPage, dct('title'), text(link.title, language));
    if (link.description) graph.add(linkPage, dct('description'), text(link.description, language));
  }
  for (const relationship of dataset.relationships) graph.add(node, dct('relation'), `${site.url}dataset/${relationship.dataset}/#dataset`);
  for (const resource of dataset.resources) graph.add(node, dcat('distribution'), distribution(graph, site, dataset, resource, licence));
}

function distribution(graph: Graph, site: DcatSite, dataset: DcatDataset, resource: DcatResource, licence: string | null): string {
  const node = `${dataset.webpage}#distribution-${resource.id}`;
  const language = site.language;
  graph.type(node, dcat('Distribution'));
  graph.add(node, dct('title'), text(resource.title, language));
  if (resource.description) graph.add(node, dct('description'), text(resource.description, language));
  const url = iriValue(resource.url);
  graph.add(node, dcat('accessURL'), url);
  graph.add(node, dcat('downloadURL'), url);
  const mediaType = resource.mediaType ? ianaMediaType(resource.mediaType)?.value : null;
  if (mediaType) graph.type(mediaType, dct('MediaType'));
  graph.add(node, dcat('mediaType'), mediaType);
  const format = fileType(resource.format)?.value;
  if (format) graph.type(format, dct('MediaTypeOrExtent'));
  graph.add(node, dct('format'), format);
  // The dataset's licence document, whose pairs dataset-graph.ts says again for each distribution (the same, made unique when written).
  graph.add(node, dct('license'), licence);
  graph.add(node, ns('dcatap')('availability'), graph.concept(resource.kind === 'file' ? availability.stable : availability.available));
  graph.add(node, dct('modified'), resource.timestamp === null ? null : typed(`${resource.timestamp}Z`, xsd('dateTime')));
  if (resource.size !== null) graph.add(node, dcat('byteSize'), typed(String(resource.size), xsd('nonNegativeInteger')));
  if (resource.hash !== null) {
    const checksum = `${dataset.webpage}#checksum-${resource.id}`;
    graph.type(checksum, spdx('Checksum'));
    graph.type(md5Algorithm.value, spdx('ChecksumAlgorithm'));
    graph.add(checksum, spdx('algorithm'), md5Algorithm.value);
    graph.add(checksum, spdx('checksumValue'), typed(resource.hash, xsd('hexBinary')));
    graph.add(node, spdx('checksum'), checksum);
  }
  return node;
}

function agent(graph: Graph, site: DcatSite, team: DcatTeam): string {
  const node = `${site.url}team/${team.id}/#team`;
  graph.type(node, foaf('Agent'));
  graph.add(node, foaf('name'), plain(team.title));
  if (team.email) graph.add(node, foaf('mbox'), iriValue(`mailto:${team.email}`));
  if (team.url) graph.add(node, foaf('homepage'), iriValue(team.url));
  agentType(graph, node, team.type);
  return node;
}

function agentType(graph: Graph, node: string, publisher: PublisherType | null): void {
  if (publisher) graph.add(node, dct('type'), graph.concept(publisherType(publisher)));
}

function location(graph: Graph, site: DcatSite, place: Place): string {
  const node = iriValue(place.uri);
  graph.type(node, dct('Location'));
  graph.add(node, skos('prefLabel'), text(place.label, site.language));
  const wkt = ns('gsp')('wktLiteral');
  if (place.bbox) {
    const [west, south, east, north] = place.bbox;
    graph.add(node, dcat('bbox'), typed(`POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`, wkt));
  }
  if (place.centroid) graph.add(node, dcat('centroid'), typed(`POINT(${place.centroid[0]} ${place.centroid[1]})`, wkt));
  return node;
}

function contactPoint(graph: Graph, node: string, contact: Contact): string {
  graph.type(node, vcard('Kind'));
  graph.add(node, vcard('fn'), plain(contact.title));
  if (contact.email) graph.add(node, vcard('hasEmail'), iriValue(`mailto:${contact.email}`));
  if (contact.url) graph.add(node, vcard('hasURL'), iriValue(contact.url));
  return node;
}

function topicConcept(graph: Graph, site: DcatSite, topic: Topic): string {
  const node = `${site.url}topic/${topic.id}/#topic`;
  graph.type(node, skos('Concept'));
  graph.add(node, skos('prefLabel'), text(topic.title, site.language));
  if (topic.description) graph.add(node, skos('definition'), text(topic.description, site.language));
  graph.add(node, skos('inScheme'), `${site.url}#topics`);
  return node;
}

function licenceDocument(graph: Graph, site: DcatSite, licence: Licence): string {
  const node = licence.url ? iriValue(licence.url) : `${site.url}#licence-${encodeURIComponent(licence.id)}`;
  graph.type(node, dct('LicenseDocument'));
  graph.add(node, dct('title'), text(licence.title, site.language));
  for (const licenceType of licenceTypes(licence)) graph.add(node, dct('type'), graph.concept(licenceType));
  return node;
}

function document(graph: Graph, url: string): string {
  graph.type(url, foaf('Document'));
  return url;
}

function dateTime(value: string | null): Literal | null {
  return value === null ? null : typed(value, xsd('dateTime'));
}

function periodOfTime(graph: Graph, node: string, dataset: DcatDataset): string | null {
  const frame = datasetTimeFrame(dataset);
  if (frame === null) return null;
  graph.type(node, dct('PeriodOfTime'));
  if (frame.from !== null) graph.add(node, dcat('startDate'), typed(frame.from, xsd('gYearMonth')));
  if (frame.to !== null) graph.add(node, dcat('endDate'), typed(frame.to, xsd('gYearMonth')));
  return node;
}

// --- Turtle, as n3's Writer writes a node ----------------------------------------------------

// n3's Writer (N3Writer.js): the characters it escapes, how, its prefix matcher and local names.
const escape = /["\\\t\n\r\b\f\u0000-\u0019\ud800-\udbff]/;
const escapeAll = /["\\\t\n\r\b\f\u0000-\u0019]|[\ud800-\udbff][\udc00-\udfff]/g;
const escapedCharacters: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' };
function characterReplacer(character: string): string {
  let result = escapedCharacters[character];
  if (result === undefined) {
    if (character.length === 1) {
      result = character.charCodeAt(0).toString(16);
      result = '\\u0000'.substr(0, 6 - result.length) + result;
    } else {
      result = ((character.charCodeAt(0) - 0xd800) * 0x400 + character.charCodeAt(1) + 0x2400).toString(16);
      result = '\\U00000000'.substr(0, 10 - result.length) + result;
    }
  }
  return result;
}
const localNameStart = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD_:0-9';
const localNameChar = `${localNameStart}\\-\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const percent = '%[0-9A-Fa-f]{2}';
const n3LocalName = new RegExp(`^(?:(?:[${localNameStart}]|${percent})(?:(?:[${localNameChar}.]|${percent})*(?:[${localNameChar}]|${percent}))?)?$`);
const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const prefixEntries = Object.entries(prefixes);
const prefixRegex = new RegExp(
  `^(${prefixEntries.map(([, namespace]) => escapeRegex(namespace)).join('|')})([_a-zA-Z0-9](?:\\.?[\\-_a-zA-Z0-9])*)$|^(?:${prefixEntries.map(([prefix]) => escapeRegex(`${prefix}:`)).join('|')})`,
);
const prefixNames = new Map<string, string>(prefixEntries.map(([prefix, namespace]) => [namespace, `${prefix}:`]));

/** Thrown where this module would not write what n3 writes (an IRI that needs escaping): the output then serialises the dataset's graph. */
class Declined extends Error {}

/** An IRI as n3's Writer with `base` as its baseIRI and every prefix writes it (`_encodeIriOrBlank`). */
function turtleIri(iri: string, base: string, root: string): string {
  // Not under the site's root: the same whatever the base (a vocabulary's, a licence's), so kept.
  const external = !iri.startsWith(root);
  if (external) {
    const known = externalIris.get(iri);
    if (known !== undefined) return known;
  }
  const relative = external ? iri : turtleRelative(iri, base);
  if (escape.test(relative)) throw new Declined();
  // No colon: neither a namespace's IRI nor a prefixed name's look (most of the site's relative IRIs).
  if (!external && !relative.includes(':')) return `<${relative}>`;
  const match = prefixRegex.exec(relative);
  let written: string;
  if (!match) written = `<${relative}>`;
  else if (match[1]) written = prefixNames.get(match[1])! + match[2];
  else written = n3LocalName.test(relative.slice(match[0].length)) ? relative : `<${relative}>`;
  if (external) {
    if (externalIris.size >= 10_000) externalIris.clear();
    externalIris.set(iri, written);
  }
  return written;
}

const externalIris = new Map<string, string>();

/** A literal as n3's Writer writes it in Turtle (`_encodeLiteral`). */
function turtleLiteral(literal: Literal, base: string, root: string): string {
  let value = literal.value;
  if (escape.test(value)) value = value.replace(escapeAll, characterReplacer);
  if (literal.language) return `"${value}"@${literal.language}`;
  switch (literal.datatype) {
    case '':
    case xsdString:
      return `"${value}"`;
    case xsd('boolean'):
      if (value === 'true' || value === 'false') return value;
      break;
    case xsd('integer'):
      if (/^[+-]?\d+$/.test(value)) return value;
      break;
    case xsd('decimal'):
      if (/^[+-]?\d*\.\d+$/.test(value)) return value;
      break;
    case xsd('double'):
      if (/^[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+$/.test(value)) return value;
      break;
  }
  return `"${value}"^^${turtleIri(literal.datatype, base, root)}`;
}

/** A node's statement as n3's Writer writes it (serialise.ts NodeWriter): without the `.\n` that ends it. */
function turtleStatement(subject: string, pairs: readonly Pair[], base: string, root: string): string {
  let statement = turtleIri(subject, base, root);
  let last: string | null = null;
  for (const pair of pairs) {
    const value = typeof pair.value === 'string' ? turtleIri(pair.value, base, root) : turtleLiteral(pair.value, base, root);
    if (pair.predicate === last) statement += `, ${value}`;
    else {
      statement += `${last === null ? ' ' : ';\n    '}${pair.predicate === type ? 'a' : turtleIri(pair.predicate, base, root)} ${value}`;
      last = pair.predicate;
    }
  }
  return statement;
}

/** The prefixes n3 may write the node's names with (serialise.ts turtlePrefixBits). */
function turtleBits(subject: string, pairs: readonly Pair[], siteUrl: string): number {
  let bits = iriBits(subject, siteUrl);
  for (const pair of pairs) {
    if (pair.predicate !== type) bits |= iriBits(pair.predicate, siteUrl);
    const value = pair.value;
    if (typeof value === 'string') bits |= iriBits(value, siteUrl);
    else if (!value.language && value.datatype && value.datatype !== xsdString) bits |= iriBits(value.datatype, siteUrl);
  }
  return bits;
}

// --- JSON-LD: compact-jsonld.ts nodeJson, over plain pairs, for the page and the folder at once ---

/** An IRI's JSON in a node: on the catalogue page (`site:…`, a compact IRI, the IRI) and in the dataset's own files (relative to its folder; null: not read back). */
interface IriJson {
  page: string;
  file: string | null;
  /** Its prefixes on the page; in the folder's files the same without `site:`. */
  bits: number;
}

const externalJson = new Map<string, { json: string; bits: number }>();

/** As nodeJson's compactId and prefixBitsOf: the site's IRIs `site:x` on the page and relative in the folder (jsonLdRelative), any other its compact IRI (the same in both). */
function iriJson(iri: string, context: JsonContext): IriJson {
  // The site's IRIs outside the datasets' folders (teams, topics) read the same from every dataset's folder.
  if (context.standard && iri.startsWith(context.siteUrl) && !iri.startsWith(context.datasets)) {
    // By site: the same IRI is `site:x/…` under one address and `site:…` under another (and its folder form differs too).
    let bySite = siteJson.get(context.siteUrl);
    if (!bySite) siteJson.set(context.siteUrl, (bySite = new Map()));
    let known = bySite.get(iri);
    if (known === undefined) {
      known = siteIriJson(iri, context);
      if (bySite.size >= 10_000) bySite.clear();
      bySite.set(iri, known);
    }
    return known;
  }
  return siteIriJson(iri, context);
}

const siteJson = new Map<string, Map<string, IriJson>>();

function siteIriJson(iri: string, context: JsonContext): IriJson {
  if (iri.startsWith(context.siteUrl)) {
    const page = iri.length > context.siteUrl.length ? `site:${iri.slice(context.siteUrl.length)}` : iri;
    const relative = context.fits ? jsonLdRelative(iri, context.own) : null;
    return { page: JSON.stringify(page), file: relative === null ? null : JSON.stringify(relative), bits: iri.length > context.siteUrl.length ? context.siteBit : 0 };
  }
  let known = externalJson.get(iri);
  if (known === undefined) {
    const made = externalIriJson(iri, context.siteUrl);
    if (made === null) throw new Declined();
    known = made;
    if (externalJson.size >= 10_000) externalJson.clear();
    externalJson.set(iri, known);
  }
  // Under the site's root but not its address (a site in a sub-folder): nodeJson writes it relative when it has no compact IRI.
  if (iri.startsWith(context.root)) throw new Declined();
  return { page: known.json, file: known.json, bits: known.bits };
}

interface JsonContext {
  siteUrl: string;
  /** The site's `dataset/` folder, and whether the dataset's folder is `dataset/<id>/` in it (so the site's other IRIs read the same relative to any dataset's). */
  datasets: string;
  standard: boolean;
  root: string;
  own: string;
  fits: boolean;
  siteBit: number;
}

/** The kind nodeJson's kindOf gives a value: `id`, '' (a plain string), `@language`, `^^datatype`. */
function kindOfValue(value: Value): string {
  if (typeof value === 'string') return 'id';
  if (value.language) return `@${value.language}`;
  return value.datatype ? `^^${value.datatype}` : '';
}

/** The node's NodeJson on the catalogue page, and in the dataset's own files (null when one of its IRIs is not read back relative to the folder): nodeJson's, both at once. */
function nodeJsons(subject: string, pairs: readonly Pair[], context: JsonContext): [NodeJson, NodeJson | null] {
  const id = iriJson(subject, context);
  let pageBits = id.bits;
  let fileOk = id.file !== null;
  const classes: string[] = [];
  let index = 0;
  for (; index < pairs.length && pairs[index]!.predicate === type; index++) {
    const value = pairs[index]!.value as string;
    pageBits |= iriJson(value, context).bits;
    classes.push(value);
  }
  const pageProperties: PropertyJson[] = [];
  const fileProperties: PropertyJson[] = [];
  while (index < pairs.length) {
    const predicate = pairs[index]!.predicate;
    pageBits |= iriJson(predicate, context).bits;
    const kinds: string[] = [];
    const bare: string[] = [];
    const wrapped: string[] = [];
    let fileBare: string[] | null = null;
    let fileWrapped: string[] | null = null;
    for (; index < pairs.length && pairs[index]!.predicate === predicate; index++) {
      const value = pairs[index]!.value;
      const kind = kindOfValue(value);
      if (!kinds.includes(kind)) kinds.push(kind);
      if (typeof value === 'string') {
        const json = iriJson(value, context);
        pageBits |= json.bits;
        if (json.file === null) fileOk = false;
        // The files' values differ from the page's only for the site's IRIs.
        if (json.file !== json.page && fileOk) {
          fileBare ??= bare.slice();
          fileWrapped ??= wrapped.slice();
        }
        bare.push(json.page);
        wrapped.push(`{"@id":${json.page}}`);
        if (fileBare) {
          fileBare.push(json.file ?? '');
          fileWrapped!.push(`{"@id":${json.file}}`);
        }
        continue;
      }
      const written = JSON.stringify(value.value);
      let wrap: string;
      if (kind === '') wrap = written;
      else if (value.language) wrap = `{"@language":${JSON.stringify(value.language)},"@value":${written}}`;
      else {
        const datatype = iriJson(value.datatype, context);
        pageBits |= datatype.bits;
        wrap = `{"@type":${datatype.page},"@value":${written}}`;
      }
      bare.push(written);
      wrapped.push(wrap);
      if (fileBare) {
        fileBare.push(written);
        fileWrapped!.push(wrap);
      }
    }
    const coercible = kinds.length === 1 && kinds[0] !== '';
    const one = (values: string[]) => (values.length === 1 ? values[0]! : `[${values.join(',')}]`);
    const property: PropertyJson = [predicate, kinds, bare.length, coercible ? one(bare) : null, one(wrapped)];
    pageProperties.push(property);
    fileProperties.push(fileBare ? [predicate, kinds, bare.length, coercible ? one(fileBare) : null, one(fileWrapped!)] : property);
  }
  const page: NodeJson = { relative: false, id: id.page, prefixes: pageBits, classes, properties: pageProperties };
  if (!fileOk || !context.fits) return [page, null];
  return [page, { relative: true, id: id.file!, prefixes: pageBits & ~context.siteBit, classes, properties: fileProperties }];
}

// --- A dataset's nodes, both ways ------------------------------------------------------------

/** A node said alike by many datasets (a team, a topic, a licence, a concept), by what is said of it: its page text, and its files' when that is the same in every dataset's folder. */
interface Shared {
  page: NodeText;
  file: { turtle: string; json: NodeJson | null } | null;
}

const sharedBySite = new Map<string, Map<string, Shared>>();

export interface DatasetTexts {
  /** Its nodes for its catalogue page (relative to the site), as serialise.ts nodeTexts makes them. */
  page: NodeText[];
  /** For its own two files (relative to its folder), as file-nodes.ts fileNodesOf (else serialise.ts datasetTexts) makes them. */
  file: NodeText[];
}

/**
 * The dataset's nodes for its page and for its own files, the same as its graph serialised
 * (dataset-graph.ts, serialise.ts, file-nodes.ts), or null where this does not write exactly that
 * (the output then builds the graph).
 */
export function datasetTextsOf(site: DcatSite, dataset: DcatDataset): DatasetTexts | null {
  const siteUrl = site.url;
  const own = dataset.webpage;
  const root = rootOf(siteUrl);
  // What file-nodes.ts and relative.ts need of the site's address: a folder under a root.
  if (root === null || !siteUrl.endsWith('/') || turtleResolve('', siteUrl) === null || !own.startsWith(siteUrl)) return null;
  const graph = new Graph();
  try {
    datasetGraph(graph, site, dataset);
    // Every dataset's folder is `dataset/<id>/` under the site: a shared node's relative IRIs are the same in each, unless it names a dataset's folder.
    const standardFolder = own === `${siteUrl}dataset/${dataset.id}/` && !dataset.id.includes('/');
    const datasets = `${siteUrl}dataset/`;
    const bit = siteBit(siteUrl);
    if (bit === null) return null;
    const context: JsonContext = { siteUrl, datasets, standard: standardFolder, root, own, fits: baseFits(own), siteBit: bit };
    let shared = sharedBySite.get(siteUrl);
    if (!shared) sharedBySite.set(siteUrl, (shared = new Map()));
    const subjects = [...graph.nodes.keys()].sort(compare);
    const page: NodeText[] = [];
    const file: { subject: string; turtle: string; turtlePrefixes: number; json: NodeJson | null }[] = [];
    for (const subject of subjects) {
      const pairs = sortedPairs(graph.nodes.get(subject)!);
      if (subject.startsWith(own)) {
        const [pageJson, fileJson] = nodeJsons(subject, pairs, context);
        const text: NodeText = { subject, turtle: turtleStatement(subject, pairs, siteUrl, root), turtlePrefixes: turtleBits(subject, pairs, siteUrl), json: pageJson };
        page.push(text);
        file.push({ subject, turtle: turtleStatement(subject, pairs, own, root), turtlePrefixes: text.turtlePrefixes, json: fileJson });
        continue;
      }
      let key = subject;
      for (const pair of pairs) key += `\n${pair.predicate} ${pair.id}`;
      let known = shared.get(key);
      let fileJson: NodeJson | null | undefined;
      if (!known) {
        const [pageJson, madeFile] = nodeJsons(subject, pairs, context);
        fileJson = madeFile;
        known = { page: { subject, turtle: turtleStatement(subject, pairs, siteUrl, root), turtlePrefixes: turtleBits(subject, pairs, siteUrl), json: pageJson }, file: null };
        if (shared.size >= 10_000) shared.clear();
        shared.set(key, known);
      }
      let fileText = standardFolder ? known.file : null;
      if (!fileText) {
        fileText = { turtle: turtleStatement(subject, pairs, own, root), json: fileJson !== undefined ? fileJson : nodeJsons(subject, pairs, context)[1] };
        if (standardFolder && !namesFolder(subject, pairs, datasets)) known.file = fileText;
      }
      page.push(known.page);
      file.push({ subject, turtle: fileText.turtle, turtlePrefixes: known.page.turtlePrefixes, json: fileText.json });
    }
    // JSON-LD relative to the folder only when every IRI reads back so; else the page's form in every node (as file-nodes.ts).
    const relative = file.every((text) => text.json !== null);
    return { page, file: file.map((text, index) => ({ subject: text.subject, turtle: text.turtle, turtlePrefixes: text.turtlePrefixes, json: relative ? text.json! : page[index]!.json })) };
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}

/** Whether a node names an IRI under the site's `dataset/` folder, whose relative form depends on which dataset's folder it is written in. */
function namesFolder(subject: string, pairs: readonly Pair[], datasets: string): boolean {
  return subject.startsWith(datasets) || pairs.some((pair) => typeof pair.value === 'string' && pair.value.startsWith(datasets));
}
