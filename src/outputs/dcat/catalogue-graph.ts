// The catalogue as DCAT-AP 3: the dcat:Catalog with its publisher and its topics (a
// skos:ConceptScheme, the catalogue's dcat:themeTaxonomy), naming the datasets of one page (whose
// own graphs, dataset-graph.ts, the page adds: output.ts).
import type { Topic } from '../../catalogue/model.ts';
import { newestChange } from '../dataset-dates.ts';
import { agentType, dateTime, document, licenceDocument, linguisticSystem, location, topicConcept } from './dataset-graph.ts';
import type { DcatCatalogue, DcatDataset } from './input.ts';
import { iri, plain, term, text } from './namespaces.ts';
import { datasetNodes, siteNodes } from './paths.ts';
import { Triples } from './triples.ts';

const dct = (local: string) => term('dct', local);
const skos = (local: string) => term('skos', local);

/**
 * What the catalogue's own nodes say of all its datasets (its dates, the topics in use): the same on
 * every page, so a writer works it out once (`catalogueFacts`), not once a page over every dataset.
 */
export interface CatalogueFacts {
  issued: string | null;
  modified: string | null;
  topics: Topic[];
}

export function catalogueFacts(catalogue: DcatCatalogue): CatalogueFacts {
  let issued: string | null = null;
  for (const dataset of catalogue.datasets) if (dataset.createdAt !== null && (issued === null || dataset.createdAt < issued)) issued = dataset.createdAt;
  return { issued, modified: newestChange(catalogue.datasets), topics: topicsInUse(catalogue) };
}

/** The catalogue, naming `datasets` (a page of it) as its own. */
export function catalogueGraph(triples: Triples, catalogue: DcatCatalogue, datasets: readonly DcatDataset[], facts: CatalogueFacts = catalogueFacts(catalogue)): void {
  const { site } = catalogue;
  const nodes = siteNodes(site);
  const node = nodes.catalog;
  triples.type(node, term('dcat', 'Catalog'));
  triples.add(node, dct('title'), text(site.title, site.language));
  // dct:description is mandatory; catalogue.yaml's is optional, so the title stands in for it.
  triples.add(node, dct('description'), text(site.description || site.title, site.language));
  triples.add(node, term('foaf', 'homepage'), document(triples, site.url));
  triples.add(node, dct('language'), linguisticSystem(triples, site.language));
  if (site.spatial) triples.add(node, dct('spatial'), location(triples, site, site.spatial));
  // The catalogue's licence is the one catalogue.yaml gives the site (its datasets' default).
  if (site.defaultLicence) triples.add(node, dct('license'), licenceDocument(triples, site, site.defaultLicence));
  // The catalogue's dates are its datasets' (never the build's clock: the same content gives the same file).
  triples.add(node, dct('issued'), dateTime(facts.issued));
  triples.add(node, dct('modified'), dateTime(facts.modified));

  triples.type(nodes.publisher, term('foaf', 'Agent'));
  triples.add(nodes.publisher, term('foaf', 'name'), plain(site.publisher.name));
  if (site.publisher.url) triples.add(nodes.publisher, term('foaf', 'homepage'), iri(site.publisher.url));
  if (site.publisher.email) triples.add(nodes.publisher, term('foaf', 'mbox'), iri(`mailto:${site.publisher.email}`));
  agentType(triples, nodes.publisher, site.publisher.type);
  triples.add(node, dct('publisher'), nodes.publisher);

  triples.type(nodes.topicScheme, skos('ConceptScheme'));
  triples.add(nodes.topicScheme, dct('title'), text('Topics', 'en'));
  for (const topic of facts.topics) {
    const concept = topicConcept(triples, site, topic);
    triples.add(nodes.topicScheme, skos('hasTopConcept'), concept);
    triples.add(concept, skos('topConceptOf'), nodes.topicScheme);
  }
  triples.add(node, term('dcat', 'themeTaxonomy'), nodes.topicScheme);

  for (const dataset of datasets) triples.add(node, term('dcat', 'dataset'), datasetNodes(dataset).dataset);
}

/** The topics some dataset of this build is about: only they have a page (the concepts' IRIs) on the site. */
function topicsInUse(catalogue: DcatCatalogue): Topic[] {
  const used = new Set(catalogue.datasets.flatMap((dataset) => dataset.topics.map((topic) => topic.id)));
  return catalogue.topics.filter((topic) => used.has(topic.id));
}
