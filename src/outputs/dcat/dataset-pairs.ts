// A dataset's DCAT-AP graph as plain [predicate, value] pairs by subject: what dataset-graph.ts
// builds with n3's terms and quads, without them (a value is an IRI string or a literal with n3's
// id), for dataset-text.ts to write. Sorted and made unique as GraphNode.quads does when written.
import { datasetTimeFrame, lastChanged } from '../dataset-dates.ts';
import type { Contact, Licence, Place, PublisherType, Topic } from '../../catalogue/model.ts';
import type { DcatDataset, DcatResource, DcatSite, DcatTeam } from './input.ts';
import { iriValue, prefixes, rdfType } from './namespaces.ts';
import { compare } from './triples.ts';
import { accessRights, availability, fileType, ianaMediaType, languageIri, licenceTypes, md5Algorithm, publisherType, type Concept } from './vocabularies.ts';


/** `make` of a string, made once per argument: the vocabularies' IRIs of a format, a media type, a language come back in every dataset. */
function once<T>(make: (argument: string) => T): (argument: string) => T {
  const made = new Map<string, T>();
  return (argument) => {
    let value = made.get(argument);
    if (value === undefined) {
      if (made.size >= 1000) made.clear();
      made.set(argument, (value = make(argument)));
    }
    return value;
  };
}

const languageValue = once((tag) => languageIri(tag).value);
const mediaTypeValue = once((mediaType) => ianaMediaType(mediaType)?.value ?? null);
const fileTypeValue = once((format) => fileType(format)?.value ?? null);

/** A literal as n3's DataFactory makes it: its language in lower case, or its datatype (none: xsd:string). */
export interface Literal {
  termType: 'Literal';
  value: string;
  language: string;
  datatype: string;
  /** n3's `term.id`: `"value"`, `"value"@language`, `"value"^^datatype`, what objects are sorted by. */
  id: string;
}

export type Value = string | Literal;

/** One [predicate, value] of a node, with the value's id. */
export interface Pair {
  predicate: string;
  value: Value;
  id: string;
}

/** A namespace's IRIs, each made once: the same string object every time, whose hash and comparisons v8 then does not redo (a dataset says a few dozen). */
const ns = (prefix: keyof typeof prefixes) => {
  const made = new Map<string, string>();
  return (local: string) => {
    let iri = made.get(local);
    if (iri === undefined) made.set(local, (iri = `${prefixes[prefix]}${local}`));
    return iri;
  };
};
const dcat = ns('dcat');
const dct = ns('dct');
const foaf = ns('foaf');
const skos = ns('skos');
const vcard = ns('vcard');
const spdx = ns('spdx');
const dcatap = ns('dcatap');
const gsp = ns('gsp');
export const xsd = ns('xsd');
export const type = rdfType.value;
export const xsdString = xsd('string');

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
export class Graph {
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

  /** Pairs made already (sharedNodes), added as they are, in their order. */
  addAll(subject: string, pairs: readonly Pair[]): void {
    let known = this.nodes.get(subject);
    if (!known) this.nodes.set(subject, (known = []));
    for (let index = 0; index < pairs.length; index++) known.push(pairs[index]!);
  }

  concept(concept: Concept): string {
    return sharedNodes(this, concept, null, conceptFields, () => {
      const graph = new Graph();
      graph.type(concept.iri.value, skos('Concept'));
      graph.add(concept.iri.value, skos('prefLabel'), text(concept.label, 'en'));
      graph.add(concept.iri.value, skos('inScheme'), concept.scheme.value);
      return { graph, subject: concept.iri.value };
    });
  }
}

/** What a source said, once: the nodes and pairs its function added to a graph of its own, and the subject it gave back. */
interface Said {
  url: string;
  language: string;
  /** The source's fields it was said from, in `fields`' order: a source changed in place since is said again. */
  fields: readonly unknown[];
  nodes: [string, Pair[]][];
  subject: string;
}

function sameFields(said: readonly unknown[], now: readonly unknown[]): boolean {
  for (let index = 0; index < now.length; index++) if (said[index] !== now[index]) return false;
  return said.length === now.length;
}

const conceptFields = (concept: Concept) => [concept.iri.value, concept.label, concept.scheme.value];
const teamFields = (team: DcatTeam) => [team.id, team.title, team.email, team.url, team.type];
const placeFields = (place: Place) => [place.uri, place.label, ...(place.bbox ?? [null, null, null, null]), ...(place.centroid ?? [null, null])];
const topicFields = (topic: Topic) => [topic.id, topic.title, topic.description];
const licenceFields = (licence: Licence) => [licence.id, licence.url, licence.title];

/** Said of a source (a team, a topic, a licence, a place, a concept) under a site, by the source object. */
const saidBy = new WeakMap<object, Said>();

/**
 * What `say` adds of a source that many datasets name (their team, topic, licence, place, a
 * vocabulary's concept) added to `graph`: said once under a site and its language, then the same
 * Pair objects added to every dataset's graph at the same point, in the same order, as `say` would
 * add them. Their ids and subjects are then the same strings each time, whose hashes v8 keeps:
 * finding the shared node (dataset-text.ts sharedSlot) looked up a new string of each (its name, a
 * topic's description) for every dataset, and a licence's or place's URL was parsed (`new URL`) as
 * often. Keyed by the object (a model whose datasets hold copies of it only says it again), and
 * said again when a field it was said from has changed since.
 */
function sharedNodes<T extends object>(graph: Graph, source: T, site: DcatSite | null, fields: (source: T) => unknown[], say: () => { graph: Graph; subject: string }): string {
  const url = site?.url ?? '';
  const language = site?.language ?? '';
  let said = saidBy.get(source);
  if (said === undefined || said.url !== url || said.language !== language || !sameFields(said.fields, fields(source))) {
    const made = say();
    saidBy.set(source, (said = { url, language, fields: fields(source), nodes: [...made.graph.nodes], subject: made.subject }));
  }
  for (const [subject, pairs] of said.nodes) graph.addAll(subject, pairs);
  return said.subject;
}

/** Pair order: rdf:type first, then by predicate, then by value id (GraphNode.quads). */
function pairOrder(a: Pair, b: Pair): number {
  const aType = a.predicate === type;
  if (aType !== (b.predicate === type)) return aType ? -1 : 1;
  return compare(a.predicate, b.predicate) || compare(a.id, b.id);
}

/**
 * In pairOrder, each pair once. A node of up to 32 pairs (nearly all: a dataset's own node is the
 * largest) is sorted by insertion, in place: mostly in order already, and Array's sort copied each
 * node's pairs into new storage (a twentieth of what the output allocated). A longer one (a dataset
 * with many tags or files) by Array's sort, whose time does not grow with the square of its length.
 * Both are stable, so the first of equal pairs is the one kept.
 */
export function sortedPairs(pairs: Pair[]): Pair[] {
  if (pairs.length > 32) pairs.sort(pairOrder);
  else {
    for (let index = 1; index < pairs.length; index++) {
      const pair = pairs[index]!;
      let at = index;
      while (at > 0 && pairOrder(pairs[at - 1]!, pair) > 0) {
        pairs[at] = pairs[at - 1]!;
        at--;
      }
      pairs[at] = pair;
    }
  }
  let kept = 1;
  for (let index = 1; index < pairs.length; index++) {
    const pair = pairs[index]!;
    const last = pairs[kept - 1]!;
    if (pair.predicate !== last.predicate || pair.id !== last.id) pairs[kept++] = pair;
  }
  pairs.length = kept;
  return pairs;
}

/** The dataset's pairs, as dataset-graph.ts builds its graph. */
export function datasetGraph(graph: Graph, site: DcatSite, dataset: DcatDataset): void {
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
  const linguistic = languageValue(language);
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
  const mediaType = resource.mediaType ? mediaTypeValue(resource.mediaType) : null;
  if (mediaType) graph.type(mediaType, dct('MediaType'));
  graph.add(node, dcat('mediaType'), mediaType);
  const format = fileTypeValue(resource.format);
  if (format) graph.type(format, dct('MediaTypeOrExtent'));
  graph.add(node, dct('format'), format);
  // The dataset's licence document, whose pairs dataset-graph.ts says again for each distribution (the same, made unique when written).
  graph.add(node, dct('license'), licence);
  graph.add(node, dcatap('availability'), graph.concept(resource.kind === 'file' ? availability.stable : availability.available));
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
  return sharedNodes(graph, team, site, teamFields, () => {
    const own = new Graph();
    return { graph: own, subject: agentNode(own, site, team) };
  });
}

function agentNode(graph: Graph, site: DcatSite, team: DcatTeam): string {
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
  return sharedNodes(graph, place, site, placeFields, () => {
    const own = new Graph();
    return { graph: own, subject: locationNode(own, site, place) };
  });
}

function locationNode(graph: Graph, site: DcatSite, place: Place): string {
  const node = iriValue(place.uri);
  graph.type(node, dct('Location'));
  graph.add(node, skos('prefLabel'), text(place.label, site.language));
  const wkt = gsp('wktLiteral');
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
  return sharedNodes(graph, topic, site, topicFields, () => {
    const own = new Graph();
    return { graph: own, subject: topicNode(own, site, topic) };
  });
}

function topicNode(graph: Graph, site: DcatSite, topic: Topic): string {
  const node = `${site.url}topic/${topic.id}/#topic`;
  graph.type(node, skos('Concept'));
  graph.add(node, skos('prefLabel'), text(topic.title, site.language));
  if (topic.description) graph.add(node, skos('definition'), text(topic.description, site.language));
  graph.add(node, skos('inScheme'), `${site.url}#topics`);
  return node;
}

function licenceDocument(graph: Graph, site: DcatSite, licence: Licence): string {
  return sharedNodes(graph, licence, site, licenceFields, () => {
    const own = new Graph();
    return { graph: own, subject: licenceNode(own, site, licence) };
  });
}

function licenceNode(graph: Graph, site: DcatSite, licence: Licence): string {
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
