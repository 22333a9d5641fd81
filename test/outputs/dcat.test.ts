// DCAT-AP 3 from the exports fixture (awkward text in several scripts, a licence with no page, a
// dataset with no body, a private dataset): the files golden-tested whole, valid against the
// official shapes, the mapping the decision record promises, the same bytes every time, paging,
// and no private dataset in a public build.
import path from 'node:path';
import { DataFactory, Store, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue, Dataset } from '../../src/catalogue/model.ts';
import { prefixes } from '../../src/outputs/dcat/namespaces.ts';
import { dcatFiles, type RdfFile } from '../../src/outputs/dcat/output.ts';
import { catalogPages } from '../../src/outputs/dcat/paging.ts';
import { catalogPagePath } from '../../src/outputs/dcat/paths.ts';
import { toJsonLd, toTurtle } from '../../src/outputs/dcat/serialise.ts';
import { Triples } from '../../src/outputs/dcat/triples.ts';
import { contentFrom, fixturesDir } from '../helpers/content.ts';
import { expectGolden } from '../helpers/golden.ts';
import { jsonldReference, oneLine, parseJsonLd, parseTurtle, validate, violations } from './dcat-rdf.ts';
import { exportsFixtureDir, fixedUploadTimestamp, loadExportsFixture } from './exports-fixture.ts';

const goldenDir = path.join(fixturesDir, 'golden', 'dcat');
const site = 'https://data.exports.example/';
const airQuality = `${site}dataset/air-quality/`;
const localAuthority = 'http://purl.org/adms/publishertype/LocalAuthority';

async function collect(files: AsyncIterable<RdfFile>): Promise<Map<string, string>> {
  const collected = new Map<string, string>();
  for await (const file of files) collected.set(file.path, file.text);
  return collected;
}

async function allFiles(catalogue: Catalogue, pageSize?: number): Promise<Map<string, string>> {
  return collect(dcatFiles(catalogue, pageSize));
}

/** The catalogue's pages alone, in the order they are written. */
async function pageFiles(catalogue: Catalogue, pageSize?: number): Promise<Map<string, string>> {
  return new Map([...(await allFiles(catalogue, pageSize))].filter(([file]) => file.startsWith('catalog')));
}

const namespaces: Record<string, string> = { ...prefixes, rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#' };

/** `prefix:local` or a full IRI, as the tests write terms. */
const named = (name: string) => DataFactory.namedNode(/^[a-z]+:\/\//.test(name) ? name : name.replace(/^([a-z]+):/, (_, prefix: string) => namespaces[prefix]!));

/** The objects of `subject predicate ?` in the graph, as n3 writes each term (`"x"@en-gb`, an IRI, `"5"^^xsd…`). */
function objects(store: Store, subject: string, predicate: string): string[] {
  return store.getObjects(named(subject), named(predicate), null).map((term) => term.id.replace('http://www.w3.org/2001/XMLSchema#', 'xsd:')).sort();
}

describe('DCAT-AP 3 of the exports fixture', () => {
  let catalogue: Catalogue;
  let files: Map<string, string>;
  let graph: Store;
  beforeAll(async () => {
    catalogue = await loadExportsFixture();
    files = await allFiles(catalogue);
    graph = new Store(parseTurtle(files.get('catalog.ttl')!));
  });

  it('writes the catalogue, and each dataset beside its page folder, in Turtle and JSON-LD', () => {
    expect([...files.keys()].sort()).toEqual([
      'catalog.jsonld',
      'catalog.ttl',
      'dataset/air-quality.jsonld',
      'dataset/air-quality.ttl',
      'dataset/formula-title.jsonld',
      'dataset/formula-title.ttl',
    ]);
  });

  it.each(['catalog.ttl', 'catalog.jsonld', 'dataset/air-quality.ttl', 'dataset/air-quality.jsonld'])('%s matches the reviewed golden file byte for byte', (file) => {
    expectGolden(files.get(file)!, path.join(goldenDir, `exports-${file.replace('/', '-')}`));
  });

  it('violates none of the official DCAT-AP 3.0.1 shapes, in any file', async () => {
    for (const [file, text] of files) {
      const quads = file.endsWith('.ttl') ? parseTurtle(text) : await parseJsonLd(text);
      expect(await violations(quads), file).toEqual([]);
    }
  });

  it('says the same in JSON-LD as in Turtle (bar the links between pages, each to its own format)', async () => {
    const pageLink = (quad: Quad) => quad.predicate.value.startsWith(prefixes.hydra) || quad.subject.value.startsWith(`${site}catalog.`);
    for (const [file, text] of files) {
      if (!file.endsWith('.ttl')) continue;
      const turtle = parseTurtle(text).filter((quad) => !pageLink(quad));
      const jsonld = (await parseJsonLd(files.get(file.replace(/\.ttl$/, '.jsonld'))!)).filter((quad) => !pageLink(quad));
      expect(new Store(jsonld).size, file).toBe(new Store(turtle).size);
      expect(jsonld.every((quad) => new Store(turtle).has(quad)), file).toBe(true);
    }
  });

  it('writes JSON-LD as jsonld\'s own fromRDF and compaction would, byte for byte', async () => {
    for (const [file, text] of files) if (file.endsWith('.jsonld')) expect(oneLine(text), file).toBe(await jsonldReference(text));
  });

  it('writes a dataset\'s own files relative to its folder, saying no triple the catalogue does not', async () => {
    const catalogueGraph = new Store([...graph.getQuads(null, null, null, null)]);
    for (const dataset of catalogue.datasets) {
      const folder = `${site}dataset/${dataset.id}/`;
      const turtle = files.get(`dataset/${dataset.id}.ttl`)!;
      const jsonld = files.get(`dataset/${dataset.id}.jsonld`)!;
      expect(turtle.split('\n')[0]).toBe(`@base <${folder}>.`);
      expect(turtle).toContain('<#dataset> a dcat:Dataset');
      expect((JSON.parse(jsonld) as { '@context': Record<string, unknown> })['@context']['@base']).toBe(folder);
      expect(jsonld).toContain('{"@id":"#dataset","@type":');
      for (const quads of [parseTurtle(turtle), await parseJsonLd(jsonld)]) {
        expect(quads.length).toBeGreaterThan(20);
        expect(quads.filter((quad) => !catalogueGraph.has(quad)).map((quad) => [quad.subject.value, quad.predicate.value, quad.object.value])).toEqual([]);
        expect(quads.some((quad) => quad.subject.value === `${folder}#dataset`)).toBe(true);
      }
    }
  });

  it('has no blank node: every node has an IRI that stays the same from build to build', () => {
    const quads = parseTurtle(files.get('catalog.ttl')!);
    expect(quads.filter((quad) => quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode')).toEqual([]);
  });

  it('describes the catalogue: title, description, publisher and its kind, homepage, language, place, dates, topics as its theme taxonomy', () => {
    const catalog = `${site}#catalog`;
    expect(objects(graph, catalog, 'rdf:type')).toEqual(['http://www.w3.org/ns/dcat#Catalog']);
    expect(objects(graph, catalog, 'dct:title')).toEqual(['"Exports Fixture Council"@en-gb']);
    // catalogue.yaml has no description, and DCAT-AP requires one: the title stands in.
    expect(objects(graph, catalog, 'dct:description')).toEqual(['"Exports Fixture Council"@en-gb']);
    expect(objects(graph, catalog, 'foaf:homepage')).toEqual([site]);
    expect(objects(graph, catalog, 'dct:language')).toEqual(['http://publications.europa.eu/resource/authority/language/ENG']);
    expect(objects(graph, catalog, 'dct:issued')).toEqual(['"2019-02-05T16:34:18.000Z"^^xsd:dateTime']);
    expect(objects(graph, catalog, 'dct:modified')).toEqual(['"2025-01-21T16:10:03.385Z"^^xsd:dateTime']);
    expect(objects(graph, catalog, 'dct:publisher')).toEqual([`${site}#publisher`]);
    expect(objects(graph, `${site}#publisher`, 'foaf:name')).toEqual(['"Exports Fixture Council"']);
    expect(objects(graph, `${site}#publisher`, 'dct:type')).toEqual([localAuthority]);
    expect(objects(graph, localAuthority, 'rdf:type')).toEqual(['http://www.w3.org/2004/02/skos/core#Concept']);
    expect(objects(graph, localAuthority, 'skos:prefLabel')).toEqual(['"Local Authority"@en']);
    expect(objects(graph, localAuthority, 'skos:inScheme')).toEqual(['http://purl.org/adms/publishertype/1.0']);
    expect(objects(graph, catalog, 'dct:spatial')).toEqual(['https://places.exports.example/borough']);
    expect(objects(graph, 'https://places.exports.example/borough', 'rdf:type')).toEqual(['http://purl.org/dc/terms/Location']);
    expect(objects(graph, 'https://places.exports.example/borough', 'skos:prefLabel')).toEqual(['"Exports Fixture Borough"@en-gb']);
    expect(objects(graph, 'https://places.exports.example/borough', 'dcat:bbox')).toEqual(['"POLYGON((-0.5 51.25, 0.25 51.25, 0.25 51.75, -0.5 51.75, -0.5 51.25))"^^http://www.opengis.net/ont/geosparql#wktLiteral']);
    expect(objects(graph, 'https://places.exports.example/borough', 'dcat:centroid')).toEqual(['"POINT(-0.125 51.5)"^^http://www.opengis.net/ont/geosparql#wktLiteral']);
    expect(objects(graph, catalog, 'dcat:dataset')).toEqual([`${airQuality}#dataset`, `${site}dataset/formula-title/#dataset`]);
    expect(objects(graph, catalog, 'dcat:themeTaxonomy')).toEqual([`${site}#topics`]);
    expect(objects(graph, `${site}#topics`, 'rdf:type')).toEqual(['http://www.w3.org/2004/02/skos/core#ConceptScheme']);
    expect(objects(graph, `${site}#topics`, 'skos:hasTopConcept')).toEqual([`${site}topic/council/#topic`, `${site}topic/environment/#topic`]);
    expect(objects(graph, `${site}topic/council/#topic`, 'skos:prefLabel')).toEqual(['"Council & Democracy"@en-gb']);
  });

  it('describes a dataset: identifier, text in the catalogue language, dates, team and its kind, contact, tags, topics, time frame, place, licence, links', () => {
    const dataset = `${airQuality}#dataset`;
    expect(objects(graph, dataset, 'dct:identifier')).toEqual(['"air-quality"']);
    expect(objects(graph, dataset, 'dct:title')).toEqual(['"Air quality: NO\u2082 readings, Caf\u00e9 Street \u{1F32B}\uFE0F"@en-gb']);
    expect(objects(graph, dataset, 'dct:description')[0]).toMatch(/^"Nitrogen dioxide readings, by site and month/);
    expect(objects(graph, dataset, 'dct:issued')).toEqual(['"2019-02-05T16:34:18.000Z"^^xsd:dateTime']);
    expect(objects(graph, dataset, 'dct:modified')).toEqual(['"2025-01-21T16:10:03.385Z"^^xsd:dateTime']);
    expect(objects(graph, dataset, 'dcat:landingPage')).toEqual([airQuality]);
    expect(objects(graph, airQuality, 'rdf:type')).toEqual(['http://xmlns.com/foaf/0.1/Document']);
    expect(objects(graph, dataset, 'dct:publisher')).toEqual([`${site}team/environment/#team`]);
    expect(objects(graph, `${site}team/environment/#team`, 'rdf:type')).toEqual(['http://xmlns.com/foaf/0.1/Agent']);
    expect(objects(graph, `${site}team/environment/#team`, 'foaf:name')).toEqual(['"Environment & Neighbourhoods"']);
    // A team is part of the publisher: of its kind, as teams.yaml says nothing else.
    expect(objects(graph, `${site}team/environment/#team`, 'dct:type')).toEqual([localAuthority]);
    // Its own place; a dataset that names none covers the catalogue's.
    expect(objects(graph, dataset, 'dct:spatial')).toEqual(['https://places.exports.example/north-ward']);
    expect(objects(graph, 'https://places.exports.example/north-ward', 'skos:prefLabel')).toEqual(['"North Ward"@en-gb']);
    expect(objects(graph, `${site}dataset/formula-title/#dataset`, 'dct:spatial')).toEqual(['https://places.exports.example/borough']);
    expect(objects(graph, dataset, 'dcat:contactPoint')).toEqual([`${airQuality}#contact`]);
    expect(objects(graph, `${airQuality}#contact`, 'rdf:type')).toEqual(['http://www.w3.org/2006/vcard/ns#Kind']);
    expect(objects(graph, `${airQuality}#contact`, 'vcard:hasEmail')).toEqual(['mailto:air@exports.example']);
    expect(objects(graph, dataset, 'dcat:keyword')).toEqual(['"+44 tag"@en-gb', '"Air Quality"@en-gb', '"Pollution"@en-gb']);
    expect(objects(graph, dataset, 'dcat:theme')).toEqual([`${site}topic/council/#topic`, `${site}topic/environment/#topic`]);
    expect(objects(graph, `${airQuality}#temporal`, 'rdf:type')).toEqual(['http://purl.org/dc/terms/PeriodOfTime']);
    expect(objects(graph, `${airQuality}#temporal`, 'dcat:startDate')).toEqual(['"2024-01"^^xsd:gYearMonth']);
    expect(objects(graph, `${airQuality}#temporal`, 'dcat:endDate')).toEqual(['"2024-12"^^xsd:gYearMonth']);
    expect(objects(graph, dataset, 'dct:license')).toEqual(['https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/']);
    expect(objects(graph, dataset, 'dct:accessRights')).toEqual(['http://publications.europa.eu/resource/authority/access-right/PUBLIC']);
    expect(objects(graph, dataset, 'foaf:page')).toEqual(['https://uk-air.defra.gov.uk/']);
    expect(objects(graph, 'https://uk-air.defra.gov.uk/', 'dct:title')).toEqual(['"DEFRA UK-AIR"@en-gb']);
  });

  it('describes a local file as a distribution with its download URL, size, MD5 checksum, media type, format and date', () => {
    const resource = catalogue.datasets.find((dataset) => dataset.id === 'air-quality')!.resources.find((item) => item.id === 'readings')!;
    const distribution = `${airQuality}#distribution-readings`;
    const download = `${site}download/air-quality/readings/readings.csv`;
    expect(objects(graph, `${airQuality}#dataset`, 'dcat:distribution')).toEqual([`${airQuality}#distribution-readings`, `${airQuality}#distribution-sites`]);
    expect(objects(graph, distribution, 'dct:title')).toEqual(['"Diffusion tube readings 2024"@en-gb']);
    expect(objects(graph, distribution, 'dcat:downloadURL')).toEqual([download]);
    expect(objects(graph, distribution, 'dcat:accessURL')).toEqual([download]);
    expect(objects(graph, distribution, 'dcat:byteSize')).toEqual([`"${resource.size}"^^xsd:nonNegativeInteger`]);
    expect(objects(graph, distribution, 'spdx:checksum')).toEqual([`${airQuality}#checksum-readings`]);
    expect(objects(graph, `${airQuality}#checksum-readings`, 'spdx:algorithm')).toEqual(['http://spdx.org/rdf/terms#checksumAlgorithm_md5']);
    expect(objects(graph, `${airQuality}#checksum-readings`, 'spdx:checksumValue')).toEqual([`"${resource.hash}"^^xsd:hexBinary`]);
    expect(objects(graph, distribution, 'dcat:mediaType')).toEqual(['https://www.iana.org/assignments/media-types/text/csv']);
    expect(objects(graph, distribution, 'dct:format')).toEqual(['http://publications.europa.eu/resource/authority/file-type/CSV']);
    expect(objects(graph, distribution, 'dct:modified')).toEqual([`"${fixedUploadTimestamp}Z"^^xsd:dateTime`]);
    expect(objects(graph, distribution, 'dct:license')).toEqual(['https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/']);
    expect(objects(graph, distribution, 'dcatap:availability')).toEqual(['http://publications.europa.eu/resource/authority/planned-availability/STABLE']);
  });

  it('describes a file elsewhere without the size and checksum only a local file has, and promises less of its URL', () => {
    const distribution = `${airQuality}#distribution-sites`;
    expect(objects(graph, distribution, 'dcat:downloadURL')).toEqual(['https://maps.exports.example/air/sites.geojson']);
    expect(objects(graph, distribution, 'dcat:byteSize')).toEqual([]);
    expect(objects(graph, distribution, 'spdx:checksum')).toEqual([]);
    expect(objects(graph, distribution, 'dcat:mediaType')).toEqual(['https://www.iana.org/assignments/media-types/application/geo+json']);
    expect(objects(graph, distribution, 'dcatap:availability')).toEqual(['http://publications.europa.eu/resource/authority/planned-availability/AVAILABLE']);
  });

  it('gives a licence without a page an IRI of the site, typed by what it allows; a dataset with no body its title as description', () => {
    const dataset = `${site}dataset/formula-title/#dataset`;
    expect(objects(graph, dataset, 'dct:license')).toEqual([`${site}#licence-other-closed`]);
    expect(objects(graph, `${site}#licence-other-closed`, 'dct:type')).toEqual(['http://purl.org/adms/licencetype/OtherRestrictiveClauses']);
    expect(objects(graph, dataset, 'dct:description')).toEqual(objects(graph, dataset, 'dct:title'));
  });

  it('writes the same bytes every time, whatever order the graph was built in', async () => {
    expect(await allFiles(catalogue)).toEqual(files);
    const quads = parseTurtle(files.get('dataset/air-quality.ttl')!);
    const own = `${site}dataset/air-quality/`;
    expect(await toTurtle(Triples.of([...quads].reverse()), site, own)).toBe(files.get('dataset/air-quality.ttl'));
    expect(toJsonLd(Triples.of([...quads].reverse()), site, { own })).toBe(files.get('dataset/air-quality.jsonld'));
  });
});

describe('the kind of organisation and the place', () => {
  it('a team may be another kind of organisation than the publisher; a catalogue without either says neither', async () => {
    const teams = '- id: highways\n  title: Highways Team\n  type: company\n- id: information\n  title: Information Governance\n';
    const { contentDir } = await contentFrom('minimal', { 'teams.yaml': teams });
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.teams.map((team) => [team.id, team.type])).toEqual([
      ['highways', 'company'],
      ['information', null],
    ]);
    const graph = new Store(parseTurtle((await allFiles(catalogue)).get('catalog.ttl')!));
    const minimal = 'https://data.testshire.example/';
    expect(objects(graph, `${minimal}team/highways/#team`, 'dct:type')).toEqual(['http://purl.org/adms/publishertype/Company']);
    expect(objects(graph, `${minimal}team/information/#team`, 'dct:type')).toEqual([]);
    expect(objects(graph, `${minimal}#publisher`, 'dct:type')).toEqual([]);
    expect(graph.getQuads(null, named('dct:spatial'), null, null)).toEqual([]);
    expect(await violations(graph.getQuads(null, null, null, null))).toEqual([]);
  });
});

describe('the SHACL check itself', () => {
  let quads: Quad[];
  beforeAll(async () => {
    const files = await allFiles(await loadExportsFixture());
    quads = parseTurtle(files.get('dataset/air-quality.ttl')!);
  });
  const dataset = `${airQuality}#dataset`;

  it('finds a dataset without dct:title (so a passing file was checked)', async () => {
    const broken = quads.filter((quad) => !(quad.subject.value === dataset && quad.predicate.value === `${prefixes.dct}title`));
    expect(await validate(broken, 'shapes.ttl')).toEqual([{ severity: 'Violation', focusNode: dataset, path: `${prefixes.dct}title`, message: 'Less than 1 values' }]);
  });

  it('finds a value of the wrong class: a licence not typed dct:LicenseDocument', async () => {
    const licence = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
    const broken = quads.filter((quad) => !(quad.subject.value === licence && quad.predicate.value.endsWith('#type')));
    const found = await validate(broken, 'range.ttl');
    expect(found.map(({ severity, focusNode, path }) => ({ severity, focusNode, path })).sort((a, b) => (a.focusNode < b.focusNode ? -1 : 1))).toEqual([
      { severity: 'Violation', focusNode: `${airQuality}#distribution-readings`, path: `${prefixes.dct}license` },
      { severity: 'Violation', focusNode: `${airQuality}#distribution-sites`, path: `${prefixes.dct}license` },
    ]);
  });
});

describe('private datasets', () => {
  it('a public build describes none: no file names the private dataset', async () => {
    const files = await allFiles(await loadExportsFixture());
    for (const [file, text] of files) expect(text, file).not.toMatch(/private-draft|Not for publication|secret/);
  });

  it('an internal build (--include-private) describes each, marked non-public as the EU access-right table says', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: path.join(exportsFixtureDir, 'content'), includePrivate: true });
    const files = await allFiles(catalogue);
    const graph = new Store(parseTurtle(files.get('catalog.ttl')!));
    const rights = (id: string) => objects(graph, `${site}dataset/${id}/#dataset`, 'dct:accessRights');
    expect(rights('private-draft')).toEqual(['http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC']);
    expect(rights('air-quality')).toEqual(['http://publications.europa.eu/resource/authority/access-right/PUBLIC']);
    expect(files.has('dataset/private-draft.ttl')).toBe(true);
    expect(await violations(graph.getQuads(null, null, null, null))).toEqual([]);
  });
});

describe('paging', () => {
  /** A catalogue of `count` copies of `dataset`, as the loader would give it (sorted by id). */
  const copies = (dataset: Dataset, count: number) =>
    Array.from({ length: count }, (_, index) => ({ ...dataset, id: `copy-${String(index).padStart(5, '0')}`, webpage: `${site}dataset/copy-${String(index).padStart(5, '0')}/` }));

  it('cuts 1,000 datasets a page by default, the first page at catalog.ttl and the next at catalog/page/2.ttl', async () => {
    const catalogue = await loadExportsFixture();
    const pages = catalogPages(copies(catalogue.datasets[0]!, 2001));
    expect(pages.map((page) => [page.number, page.datasets.length, page.total, page.size])).toEqual([
      [1, 1000, 2001, 1000],
      [2, 1000, 2001, 1000],
      [3, 1, 2001, 1000],
    ]);
    expect(pages.map((page) => catalogPagePath(page.number, 'ttl'))).toEqual(['catalog.ttl', 'catalog/page/2.ttl', 'catalog/page/3.ttl']);
    expect(catalogPages([]).map((page) => page.datasets.length)).toEqual([0]);
  });

  it('links the pages with Hydra as ckanext-dcat does, each page valid on its own and holding only its datasets', async () => {
    const catalogue = await loadExportsFixture();
    const files = await pageFiles(catalogue, 1);
    expect([...files.keys()]).toEqual(['catalog.ttl', 'catalog.jsonld', 'catalog/page/2.ttl', 'catalog/page/2.jsonld']);
    const first = new Store(parseTurtle(files.get('catalog.ttl')!));
    const second = new Store(parseTurtle(files.get('catalog/page/2.ttl')!));
    const firstUrl = `${site}catalog.ttl`;
    const secondUrl = `${site}catalog/page/2.ttl`;
    expect(objects(first, firstUrl, 'rdf:type')).toEqual([`${prefixes.hydra}PagedCollection`]);
    expect(objects(first, firstUrl, 'hydra:totalItems')).toEqual(['"2"^^xsd:integer']);
    expect(objects(first, firstUrl, 'hydra:itemsPerPage')).toEqual(['"1"^^xsd:integer']);
    for (const [older, current, value] of [['firstPage', 'first', firstUrl], ['lastPage', 'last', secondUrl], ['nextPage', 'next', secondUrl]]) {
      expect(objects(first, firstUrl, `hydra:${older}`)).toEqual([value]);
      expect(objects(first, firstUrl, `hydra:${current}`)).toEqual([value]);
    }
    expect(objects(first, firstUrl, 'hydra:previousPage')).toEqual([]);
    expect(objects(second, secondUrl, 'hydra:previous')).toEqual([firstUrl]);
    expect(objects(second, secondUrl, 'hydra:next')).toEqual([]);
    expect(objects(first, `${site}#catalog`, 'dcat:dataset')).toEqual([`${airQuality}#dataset`]);
    expect(objects(second, `${site}#catalog`, 'dcat:dataset')).toEqual([`${site}dataset/formula-title/#dataset`]);
    const jsonldPage = new Store(await parseJsonLd(files.get('catalog/page/2.jsonld')!));
    expect(objects(jsonldPage, `${site}catalog/page/2.jsonld`, 'hydra:previous')).toEqual([`${site}catalog.jsonld`]);
    for (const page of [first, second]) expect(await violations(page.getQuads(null, null, null, null))).toEqual([]);
  });
});
