// One dataset as DCAT-AP 3: the dcat:Dataset, a dcat:Distribution per resource, and every node
// they point to (team, contact, licence, topics, time frame), so that a dataset's own file is
// complete and valid on its own. docs/decisions/dcat.md has the mapping as a table.
import type { Contact, Licence, Place, PublisherType, Topic } from '../../catalogue/model.ts';
import { datasetTimeFrame, lastChanged } from '../dataset-dates.ts';
import type { DcatDataset as Dataset, DcatResource as Resource, DcatSite as Site, DcatTeam as Team } from './input.ts';
import { iri, plain, term, text, typed, wkt } from './namespaces.ts';
import { datasetIri, datasetNodes, siteNodes } from './paths.ts';
import { Triples, type Node } from './triples.ts';
import { accessRights, availability, fileType, ianaMediaType, languageIri, licenceTypes, md5Algorithm, publisherType } from './vocabularies.ts';

const dcat = (local: string) => term('dcat', local);
const dct = (local: string) => term('dct', local);
const foaf = (local: string) => term('foaf', local);

export function datasetGraph(triples: Triples, site: Site, dataset: Dataset): void {
  const nodes = datasetNodes(dataset);
  const node = nodes.dataset;
  const language = site.language;
  triples.type(node, dcat('Dataset'));
  triples.add(node, dct('identifier'), plain(dataset.id));
  triples.add(node, dct('title'), text(dataset.title, language));
  // dct:description is mandatory; a dataset whose body is empty is described by its title.
  triples.add(node, dct('description'), text(dataset.descriptionText || dataset.title, language));
  triples.add(node, dcat('landingPage'), document(triples, dataset.webpage));
  triples.add(node, dct('publisher'), agent(triples, site, dataset.team));
  if (dataset.contact) triples.add(node, dcat('contactPoint'), contactPoint(triples, nodes.contact, dataset.contact));
  for (const tag of dataset.tags) triples.add(node, dcat('keyword'), text(tag.name, language));
  for (const topic of dataset.topics) triples.add(node, dcat('theme'), topicConcept(triples, site, topic));
  triples.add(node, dct('language'), linguisticSystem(triples, language));
  triples.add(node, dct('issued'), dateTime(dataset.createdAt));
  triples.add(node, dct('modified'), dateTime(lastChanged(dataset)));
  triples.add(node, dct('temporal'), periodOfTime(triples, nodes.temporal, dataset));
  if (dataset.spatial) triples.add(node, dct('spatial'), location(triples, site, dataset.spatial));
  // Only an internal build (--include-private) has private datasets; it marks them as the EU table does.
  const rights = dataset.sharing === 'private' ? accessRights.nonPublic : accessRights.public;
  triples.type(rights, dct('RightsStatement'));
  triples.add(node, dct('accessRights'), rights);
  if (dataset.licence) triples.add(node, dct('license'), licenceDocument(triples, site, dataset.licence));
  // Links are web pages about the dataset (documentation, the source's site): foaf:page, DCAT's "documentation".
  for (const link of dataset.links) {
    const page = document(triples, link.url);
    triples.add(node, foaf('page'), page);
    triples.add(page, dct('title'), text(link.title, language));
    if (link.description) triples.add(page, dct('description'), text(link.description, language));
  }
  // CKAN's relationship types have no exact DCAT-AP property each: dct:relation says "related" for all.
  for (const relationship of dataset.relationships) triples.add(node, dct('relation'), datasetIri(site, relationship.dataset));
  for (const resource of dataset.resources) triples.add(node, dcat('distribution'), distribution(triples, site, dataset, resource));
}

function distribution(triples: Triples, site: Site, dataset: Dataset, resource: Resource): Node {
  const nodes = datasetNodes(dataset);
  const node = nodes.distribution(resource);
  const language = site.language;
  triples.type(node, dcat('Distribution'));
  triples.add(node, dct('title'), text(resource.title, language));
  if (resource.description) triples.add(node, dct('description'), text(resource.description, language));
  // A resource is a file (SPEC §2), here or elsewhere: its URL both gives access to it and downloads it.
  triples.add(node, dcat('accessURL'), iri(resource.url));
  triples.add(node, dcat('downloadURL'), iri(resource.url));
  const mediaType = resource.mediaType ? ianaMediaType(resource.mediaType) : null;
  if (mediaType) triples.type(mediaType, dct('MediaType'));
  triples.add(node, dcat('mediaType'), mediaType);
  const format = fileType(resource.format);
  if (format) triples.type(format, dct('MediaTypeOrExtent'));
  triples.add(node, dct('format'), format);
  // Licences apply to what is downloaded, so DCAT-AP puts them on distributions (and we on the dataset too).
  if (dataset.licence) triples.add(node, dct('license'), licenceDocument(triples, site, dataset.licence));
  triples.add(node, term('dcatap', 'availability'), triples.concept(resource.kind === 'file' ? availability.stable : availability.available));
  triples.add(node, dct('modified'), resource.timestamp === null ? null : typed(`${resource.timestamp}Z`, 'dateTime'));
  if (resource.size !== null) triples.add(node, dcat('byteSize'), typed(String(resource.size), 'nonNegativeInteger'));
  if (resource.hash !== null) {
    const checksum = nodes.checksum(resource);
    triples.type(checksum, term('spdx', 'Checksum'));
    triples.type(md5Algorithm, term('spdx', 'ChecksumAlgorithm'));
    triples.add(checksum, term('spdx', 'algorithm'), md5Algorithm);
    triples.add(checksum, term('spdx', 'checksumValue'), typed(resource.hash, 'hexBinary'));
    triples.add(node, term('spdx', 'checksum'), checksum);
  }
  return node;
}

/** A team as the dataset's publisher (CKAN's organization). */
export function agent(triples: Triples, site: Site, team: Team): Node {
  const node = siteNodes(site).team(team.id);
  triples.type(node, foaf('Agent'));
  triples.add(node, foaf('name'), plain(team.title));
  if (team.email) triples.add(node, foaf('mbox'), iri(`mailto:${team.email}`));
  if (team.url) triples.add(node, foaf('homepage'), iri(team.url));
  agentType(triples, node, team.type);
  return node;
}

/** What kind of organisation an agent is (local authority, …): a concept of ADMS's publisher types. */
export function agentType(triples: Triples, node: Node, type: PublisherType | null): void {
  if (type) triples.add(node, dct('type'), triples.concept(publisherType(type)));
}

/**
 * A place by its gazetteer's IRI (GeoNames, the ONS), typed dct:Location as DCAT-AP's range
 * shapes ask, with the name the publisher gave it (GeoDCAT-AP's skos:prefLabel of a place), and
 * where it is when catalogue.yaml says: its box and centre, which DCAT-AP recommends for maps.
 */
export function location(triples: Triples, site: Site, place: Place): Node {
  const node = iri(place.uri);
  triples.type(node, dct('Location'));
  triples.add(node, term('skos', 'prefLabel'), text(place.label, site.language));
  if (place.bbox) {
    const [west, south, east, north] = place.bbox;
    triples.add(node, dcat('bbox'), wkt(`POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`));
  }
  if (place.centroid) triples.add(node, dcat('centroid'), wkt(`POINT(${place.centroid[0]} ${place.centroid[1]})`));
  return node;
}

function contactPoint(triples: Triples, node: string, contact: Contact): Node {
  const vcard = (local: string) => term('vcard', local);
  triples.type(node, vcard('Kind'));
  triples.add(node, vcard('fn'), plain(contact.title));
  if (contact.email) triples.add(node, vcard('hasEmail'), iri(`mailto:${contact.email}`));
  if (contact.url) triples.add(node, vcard('hasURL'), iri(contact.url));
  return node;
}

export function topicConcept(triples: Triples, site: Site, topic: Topic): Node {
  const nodes = siteNodes(site);
  const node = nodes.topic(topic.id);
  triples.type(node, term('skos', 'Concept'));
  triples.add(node, term('skos', 'prefLabel'), text(topic.title, site.language));
  if (topic.description) triples.add(node, term('skos', 'definition'), text(topic.description, site.language));
  triples.add(node, term('skos', 'inScheme'), nodes.topicScheme);
  return node;
}

export function licenceDocument(triples: Triples, site: Site, licence: Licence): Node {
  const node = licence.url ? iri(licence.url) : siteNodes(site).licence(licence.id);
  triples.type(node, dct('LicenseDocument'));
  triples.add(node, dct('title'), text(licence.title, site.language));
  for (const licenceType of licenceTypes(licence)) triples.add(node, dct('type'), triples.concept(licenceType));
  return node;
}

export function linguisticSystem(triples: Triples, language: string): Node {
  const node = languageIri(language);
  triples.type(node, dct('LinguisticSystem'));
  return node;
}

export function document(triples: Triples, url: string): Node {
  const node = iri(url);
  triples.type(node, foaf('Document'));
  return node;
}

export function dateTime(value: string | null) {
  return value === null ? null : typed(value, 'dateTime');
}

/** The months the dataset's files cover together (dataset-dates.ts, as every output says), as xsd:gYearMonth. */
function periodOfTime(triples: Triples, node: string, dataset: Dataset): Node | null {
  const frame = datasetTimeFrame(dataset);
  if (frame === null) return null;
  triples.type(node, dct('PeriodOfTime'));
  if (frame.from !== null) triples.add(node, dcat('startDate'), typed(frame.from, 'gYearMonth'));
  if (frame.to !== null) triples.add(node, dcat('endDate'), typed(frame.to, 'gYearMonth'));
  return node;
}
