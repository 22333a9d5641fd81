// Where the DCAT-AP files are published, and the IRIs of the things they describe.
//
// Every node gets an IRI, never a blank node: the files are then the same bytes on every build
// (no blank-node labels to come out in a different order), and a harvester can merge the
// catalogue with a dataset's own file. An IRI is the page that shows the thing plus a fragment
// naming what it is (`…/dataset/roads/#dataset`), so it is stable, distinct from the page itself
// (which is the dcat:landingPage, a foaf:Document), and resolves to a file of the site.
import type { Dataset, Resource, Site } from '../../catalogue/model.ts';

export type RdfExtension = 'ttl' | 'jsonld';
export const rdfExtensions: readonly RdfExtension[] = ['ttl', 'jsonld'];

/**
 * Datasets per page of the catalogue. ckanext-dcat pages by 100 (`ckanext.dcat.datasets_per_page`)
 * because each page is a database query; a static file costs nothing to serve, and fewer, larger
 * pages mean fewer requests for a harvester (a page of 1,000 datasets is a few megabytes of Turtle).
 */
export const catalogPageSize = 1000;

/** `catalog.ttl` for the first page (what harvesters are given), `catalog/page/2.ttl` after. */
export function catalogPagePath(page: number, extension: RdfExtension): string {
  return page === 1 ? `catalog.${extension}` : `catalog/page/${page}.${extension}`;
}

/** Beside the dataset's page folder (`dataset/<id>/`), not in it: the page's URL stays the page. */
export function datasetRdfPath(datasetId: string, extension: RdfExtension): string {
  return `dataset/${datasetId}.${extension}`;
}

/** Every file's path, `{…}` standing for a page number or a dataset's id: what hosts answer with CORS (browser-based harvesters read them). */
export const rdfPathPatterns: readonly string[] = rdfExtensions.flatMap((extension) => [catalogPagePath(1, extension), `catalog/page/{page}.${extension}`, datasetRdfPath('{id}', extension)]);

export const siteNodes = (site: Pick<Site, 'url'>) => ({
  catalog: `${site.url}#catalog`,
  publisher: `${site.url}#publisher`,
  topicScheme: `${site.url}#topics`,
  topic: (topicId: string) => `${site.url}topic/${topicId}/#topic`,
  team: (teamId: string) => `${site.url}team/${teamId}/#team`,
  /** A licence with no page of its own (the built-in `other-closed`). */
  licence: (licenceId: string) => `${site.url}#licence-${encodeURIComponent(licenceId)}`,
});

/** A dataset's IRI from its id, for a dataset this file does not describe (a relationship's other end). */
export const datasetIri = (site: Pick<Site, 'url'>, datasetId: string) => `${site.url}dataset/${datasetId}/#dataset`;

export const datasetNodes = (dataset: Pick<Dataset, 'webpage'>) => ({
  dataset: `${dataset.webpage}#dataset`,
  contact: `${dataset.webpage}#contact`,
  temporal: `${dataset.webpage}#temporal`,
  distribution: (resource: Pick<Resource, 'id'>) => `${dataset.webpage}#distribution-${resource.id}`,
  checksum: (resource: Pick<Resource, 'id'>) => `${dataset.webpage}#checksum-${resource.id}`,
});
