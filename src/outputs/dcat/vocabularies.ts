// The controlled vocabularies DCAT-AP asks values from (the EU Publications Office's authority
// tables, ADMS, IANA, SPDX), and how the model's plain values map onto them. Where the model does
// not say enough to pick a value (a licence we do not know, an unregistered media type), there is
// none: a harvester can live with a missing recommended property, not with a wrong one.
import { DataFactory, type NamedNode } from 'n3';
import type { Licence, PublisherType } from '../../catalogue/model.ts';
import { term } from './namespaces.ts';

const authority = 'http://publications.europa.eu/resource/authority/';

/** A concept of a vocabulary, with the English label DCAT-AP's shapes want of a skos:Concept. */
export interface Concept {
  iri: NamedNode;
  label: string;
  scheme: NamedNode;
}

// --- File types: dct:format ------------------------------------------------------------------

/** Our format names (file extensions in capitals) whose EU file-type code is spelt otherwise. */
const fileTypeCodes: Record<string, string> = {
  GZ: 'GZIP',
  HTM: 'HTML',
  JPG: 'JPEG',
  JSONLD: 'JSON_LD',
  MD: 'MARKDOWN',
  NC: 'NETCDF',
  NQ: 'RDF_N_QUADS',
  NT: 'RDF_N_TRIPLES',
  RDF: 'RDF_XML',
  TGZ: 'TAR_GZ',
  TIF: 'TIFF',
  TRIG: 'RDF_TRIG',
  TTL: 'RDF_TURTLE',
  YML: 'YAML',
};

/** Codes of the EU file-type table that are the format's own name. */
const sameNamedFileTypes = new Set([
  '7Z', 'ATOM', 'BMP', 'CSV', 'DBF', 'DOC', 'DOCX', 'DWG', 'DXF', 'EPUB', 'GEOJSON', 'GIF', 'GML', 'GPKG', 'GPX', 'GZIP', 'HTML',
  'ICS', 'JPEG', 'JSON', 'KML', 'KMZ', 'MDB', 'MARKDOWN', 'N3', 'NETCDF', 'ODP', 'ODS', 'ODT', 'PARQUET', 'PDF', 'PNG', 'PPT', 'PPTX', 'RAR',
  'RSS', 'RTF', 'SHP', 'SQL', 'SVG', 'TAR', 'TIFF', 'TSV', 'TXT', 'WEBP', 'XHTML', 'XLS', 'XLSM', 'XLSX', 'XML', 'YAML', 'ZIP',
]);

/** The EU file type of a format name (CSV, XLSX, GEOJSON), or null when the table has none we know. */
export function fileType(format: string): NamedNode | null {
  const code = fileTypeCodes[format] ?? (sameNamedFileTypes.has(format) ? format : null);
  return code === null ? null : DataFactory.namedNode(`${authority}file-type/${code}`);
}

// --- Media types: dcat:mediaType -------------------------------------------------------------

/**
 * The IANA register's page for a media type. `x-` subtypes (application/x-esri-shape) are not
 * registered, so they have no page and are left out, as is any parameter (`; charset=…`).
 */
export function ianaMediaType(mediaType: string): NamedNode | null {
  const [type, subtype] = mediaType.split(';')[0]!.trim().toLowerCase().split('/');
  if (!type || !subtype || subtype.startsWith('x-')) return null;
  return DataFactory.namedNode(`https://www.iana.org/assignments/media-types/${type}/${subtype}`);
}

// --- Languages: dct:language -----------------------------------------------------------------

/** ISO 639-1 → the EU language table's code, for the languages European portals publish in. */
const euLanguages: Record<string, string> = {
  bg: 'BUL', bs: 'BOS', ca: 'CAT', cs: 'CES', cy: 'CYM', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST',
  eu: 'EUS', fi: 'FIN', fr: 'FRA', ga: 'GLE', gd: 'GLA', gl: 'GLG', hr: 'HRV', hu: 'HUN', is: 'ISL', it: 'ITA', lb: 'LTZ',
  lt: 'LIT', lv: 'LAV', mk: 'MKD', mt: 'MLT', nb: 'NOB', nl: 'NLD', nn: 'NNO', no: 'NOR', pl: 'POL', pt: 'POR', ro: 'RON',
  ru: 'RUS', sk: 'SLK', sl: 'SLV', sq: 'SQI', sr: 'SRP', sv: 'SWE', tr: 'TUR', uk: 'UKR',
};

/**
 * The language of a BCP 47 tag (`en-GB` → English) as DCAT-AP wants it: the EU table's concept;
 * for a language it has no code for here, the Library of Congress's ISO 639 one, which DCAT names.
 */
export function languageIri(tag: string): NamedNode {
  const primary = tag.split('-')[0]!.toLowerCase();
  const eu = euLanguages[primary];
  if (eu) return DataFactory.namedNode(`${authority}language/${eu}`);
  return DataFactory.namedNode(`http://id.loc.gov/vocabulary/iso639-${primary.length === 2 ? '1' : '2'}/${primary}`);
}

// --- Licence types: dct:type of a dct:LicenseDocument ----------------------------------------

const licenceTypeScheme = DataFactory.namedNode('http://purl.org/adms/licencetype/1.0');
const licenceType = (local: string, label: string): Concept => ({ iri: DataFactory.namedNode(`http://purl.org/adms/licencetype/${local}`), label, scheme: licenceTypeScheme });
const attribution = licenceType('Attribution', 'Attribution');
const shareAlike = licenceType('ViralEffect-ShareAlike', 'Viral effect (a.k.a. Share-alike)');
const publicDomain = licenceType('PublicDomain', 'Public domain');
const otherRestrictive = licenceType('OtherRestrictiveClauses', 'Other restrictive clauses');

/** Licences we know by their page (so a licence redefined in licences.yaml under another id is still known). */
const licenceTypesByUrl: Record<string, Concept[]> = {
  'www.nationalarchives.gov.uk/doc/open-government-licence/version/3': [attribution],
  'creativecommons.org/licenses/by/4.0': [attribution],
  'creativecommons.org/licenses/by-sa/4.0': [attribution, shareAlike],
  'creativecommons.org/publicdomain/zero/1.0': [publicDomain],
  'opendatacommons.org/licenses/by/1-0': [attribution],
  'opendatacommons.org/licenses/odbl/1-0': [attribution, shareAlike],
  'opendatacommons.org/licenses/pddl/1-0': [publicDomain],
};

/** The ADMS licence types of a licence: what it asks of a reuser. Empty when we do not know the licence. */
export function licenceTypes(licence: Licence): Concept[] {
  if (licence.url) {
    const key = licence.url.replace(/^https?:\/\//, '').replace(/\/(legalcode)?$/, '').replace(/\/$/, '');
    const known = licenceTypesByUrl[key];
    if (known) return known;
  }
  // The built-in "Other (not open)" has no page: not open means some clause restricts reuse.
  return licence.id === 'other-closed' ? [otherRestrictive] : [];
}

// --- Publisher types: dct:type of a foaf:Agent ----------------------------------------------

const publisherTypeScheme = DataFactory.namedNode('http://purl.org/adms/publishertype/1.0');

/** catalogue.yaml's spelling → the ADMS concept's name and English label. */
const publisherTypeConcepts: Record<PublisherType, [local: string, label: string]> = {
  'academia-scientific-organisation': ['Academia-ScientificOrganisation', 'Academia/Scientific organisation'],
  company: ['Company', 'Company'],
  'industry-consortium': ['IndustryConsortium', 'Industry consortium'],
  'local-authority': ['LocalAuthority', 'Local Authority'],
  'national-authority': ['NationalAuthority', 'National authority'],
  'non-governmental-organisation': ['NonGovernmentalOrganisation', 'Non-Governmental Organisation'],
  'non-profit-organisation': ['NonProfitOrganisation', 'Non-Profit Organisation'],
  'private-individuals': ['PrivateIndividual(s)', 'Private Individual(s)'],
  'regional-authority': ['RegionalAuthority', 'Regional authority'],
  'standardisation-body': ['StandardisationBody', 'Standardisation body'],
  'supra-national-authority': ['SupraNationalAuthority', 'Supra-national authority'],
};

/** The ADMS publisher type (http://purl.org/adms/publishertype/LocalAuthority, …) of an agent. */
export function publisherType(type: PublisherType): Concept {
  let concept = publisherTypes.get(type);
  if (concept === undefined) {
    const [local, label] = publisherTypeConcepts[type];
    publisherTypes.set(type, (concept = { iri: DataFactory.namedNode(`http://purl.org/adms/publishertype/${local}`), label, scheme: publisherTypeScheme }));
  }
  return concept;
}

/** Each type's concept made once: the same object for every team of that type (dataset-pairs.ts says a concept once, by its object). */
const publisherTypes = new Map<PublisherType, Concept>();

// --- Availability, access rights, checksums --------------------------------------------------

const availabilityScheme = DataFactory.namedNode(`${authority}planned-availability`);

/** How long a distribution stays where it is: our /download/ URLs are immutable (SPEC §3); others we cannot promise. */
export const availability = {
  stable: { iri: DataFactory.namedNode(`${authority}planned-availability/STABLE`), label: 'stable', scheme: availabilityScheme },
  available: { iri: DataFactory.namedNode(`${authority}planned-availability/AVAILABLE`), label: 'available', scheme: availabilityScheme },
} satisfies Record<string, Concept>;

export const accessRights = {
  public: DataFactory.namedNode(`${authority}access-right/PUBLIC`),
  nonPublic: DataFactory.namedNode(`${authority}access-right/NON_PUBLIC`),
};

export const md5Algorithm = term('spdx', 'checksumAlgorithm_md5');
