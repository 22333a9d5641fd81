// DCAT-AP 3 as one output: the catalogue in pages (`catalog.ttl`, `catalog/page/2.ttl`, … and the
// same in JSON-LD) and each dataset on its own (`dataset/<id>.ttl`, `.jsonld`), and what pages
// and the /api/ page say of them.
import type { Catalogue } from '../../catalogue/model.ts';
import type { Endpoint, Output } from '../output.ts';
import { sinkFor } from '../output-sink.ts';
import { catalogueGraph } from './catalogue-graph.ts';
import { datasetGraph } from './dataset-graph.ts';
import { catalogPages, hydraPaging } from './paging.ts';
import { catalogPagePath, catalogPageSize, datasetRdfPath, rdfExtensions, rdfPathPatterns } from './paths.ts';
import { toJsonLd, toTurtle } from './serialise.ts';
import { Triples } from './triples.ts';

export interface RdfFile {
  /** Site-relative path. */
  path: string;
  text: string;
}

/**
 * Every DCAT-AP file, page by page: each dataset of the page on its own, in Turtle and JSON-LD
 * (what a harvester fetches to refresh one dataset), then the catalogue page that holds them. Each
 * dataset's graph is built once and serves both: the page is the catalogue's own graph with its
 * datasets' graphs added.
 */
export async function* dcatFiles(catalogue: Catalogue, pageSize = catalogPageSize): AsyncGenerator<RdfFile> {
  const { site } = catalogue;
  for (const page of catalogPages(catalogue.datasets, pageSize)) {
    const graph = new Triples();
    catalogueGraph(graph, catalogue, page.datasets);
    for (const dataset of page.datasets) {
      const own = new Triples();
      datasetGraph(own, site, dataset);
      yield { path: datasetRdfPath(dataset.id, 'ttl'), text: await toTurtle(own, site.url) };
      // One line: a third of the indented file was its indentation, 10,000 times over (lean-layout.md).
      yield { path: datasetRdfPath(dataset.id, 'jsonld'), text: toJsonLd(own, site.url) };
      graph.addGraph(own);
    }
    // Each format's page links to that format's pages: the paging description is the one difference.
    for (const extension of rdfExtensions) {
      const pageNode = hydraPaging(graph, site, page, extension);
      yield { path: catalogPagePath(page.number, extension), text: extension === 'ttl' ? await toTurtle(graph, site.url) : toJsonLd(graph, site.url, { lines: true }) };
      graph.delete(pageNode);
    }
  }
}

/**
 * Written synchronously, one after the other: two small files a dataset, and through the promise
 * API (open, write, close, each a round trip to the thread pool) 10,000 small files took ten times
 * the JavaScript CPU time, which is what this output is short of; the time the disk takes, its
 * thread would spend waiting anyway.
 */
async function writeAll(files: AsyncIterable<RdfFile>, outDir: string): Promise<void> {
  const sink = sinkFor(outDir);
  for await (const file of files) sink.write(file.path, file.text);
}

export const dcatOutput: Output = {
  id: 'dcat',
  // Two files a dataset, mostly CPU (serialising): its time overlaps the main thread's outputs
  // after the pages (docs/decisions/dcat.md, Cost).
  thread: 'after-pages',
  // One part: the catalogue's pages are made of its datasets' graphs, built once for both.
  parts: [{ name: 'dcat', write: (catalogue, outDir) => writeAll(dcatFiles(catalogue), outDir) }],
  mediaTypes: { ttl: 'text/turtle', jsonld: 'application/ld+json' },
  hostRules: { corsPaths: rdfPathPatterns },
  describe: (catalogue) => {
    const dataset = catalogue.datasets[0];
    const pageCount = catalogPages(catalogue.datasets).length;
    const endpoints: Endpoint[] = [
      { name: 'catalog.ttl', summary: `The catalogue and its datasets in Turtle${pageCount > 1 ? `, ${catalogPageSize} datasets a page; hydra:next links each page to the next` : ''}.`, example: catalogPagePath(1, 'ttl') },
      { name: 'catalog.jsonld', summary: 'The same in JSON-LD.', example: catalogPagePath(1, 'jsonld') },
    ];
    if (pageCount > 1) endpoints.push({ name: 'catalog/page/<n>.ttl', summary: 'Page n of the catalogue (also .jsonld).', example: catalogPagePath(2, 'ttl') });
    if (dataset) {
      endpoints.push(
        { name: 'dataset/<id>.ttl', summary: 'One dataset with its distributions, in Turtle.', example: datasetRdfPath(dataset.id, 'ttl') },
        { name: 'dataset/<id>.jsonld', summary: 'One dataset in JSON-LD.', example: datasetRdfPath(dataset.id, 'jsonld') },
      );
    }
    return {
      summary: 'Harvesters of linked open data (data.europa.eu, ckanext-dcat, udata, piveau) can read the catalogue as DCAT-AP 3, in Turtle or JSON-LD.',
      links: [
        { path: catalogPagePath(1, 'ttl'), label: 'The catalogue as DCAT-AP (Turtle)', footerLabel: 'DCAT-AP (Turtle)' },
        { path: catalogPagePath(1, 'jsonld'), label: 'The catalogue as DCAT-AP (JSON-LD)' },
      ],
      datasetLinks: [
        { label: 'This dataset as DCAT-AP (Turtle)', path: datasetRdfPath('{id}', 'ttl') },
        { label: 'This dataset as DCAT-AP (JSON-LD)', path: datasetRdfPath('{id}', 'jsonld') },
      ],
      reference: [
        {
          id: 'dcat',
          title: 'DCAT-AP 3 (linked data)',
          intro: 'The catalogue as the European DCAT application profile describes catalogues, for harvesters. Dataset IRIs are their pages with #dataset.',
          endpoints,
        },
      ],
    };
  },
};
