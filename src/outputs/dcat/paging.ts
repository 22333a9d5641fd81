// The catalogue cut into pages, and the Hydra paging description each page carries, in the terms
// ckanext-dcat writes and harvesters read (ckanext-dcat's own RDF harvester, udata, piveau):
// the page's URL is a hydra:PagedCollection with hydra:totalItems, hydra:itemsPerPage and links
// to the first, last, next and previous pages, under both the older names (hydra:nextPage, which
// udata and piveau look for) and the current ones (hydra:next, which ckanext-dcat tries first).
import type { Site } from '../../catalogue/model.ts';
import { term, typed } from './namespaces.ts';
import { catalogPagePath, catalogPageSize, type RdfExtension } from './paths.ts';
import type { Triples } from './triples.ts';

export interface CatalogPage<D = unknown> {
  /** 1-based. */
  number: number;
  pageCount: number;
  datasets: D[];
  /** Datasets on all pages together. */
  total: number;
  size: number;
}

/** Pages of `size` datasets in the catalogue's order (by id, so a dataset's page changes only when ids do); always one at least. */
export function catalogPages<D>(datasets: readonly D[], size = catalogPageSize): CatalogPage<D>[] {
  const pageCount = Math.max(1, Math.ceil(datasets.length / size));
  return Array.from({ length: pageCount }, (_, index) => ({
    number: index + 1,
    pageCount,
    datasets: datasets.slice(index * size, (index + 1) * size),
    total: datasets.length,
    size,
  }));
}

/**
 * Links between pages of one serialisation: the Turtle pages link to Turtle pages, the JSON-LD
 * pages to JSON-LD pages. Page URLs are IRIs (Hydra's range), not ckanext-dcat's plain literals;
 * the readers above take either.
 */
/** Describes the page (its own URL, which the returned IRI is). */
export function hydraPaging(triples: Triples, site: Pick<Site, 'url'>, page: CatalogPage, extension: RdfExtension): string {
  const hydra = (local: string) => term('hydra', local);
  const pageUrl = (number: number) => `${site.url}${catalogPagePath(number, extension)}`;
  const node = pageUrl(page.number);
  triples.type(node, hydra('PagedCollection'));
  triples.add(node, hydra('totalItems'), typed(String(page.total), 'integer'));
  triples.add(node, hydra('itemsPerPage'), typed(String(page.size), 'integer'));
  const links: [string, string, number | null][] = [
    ['firstPage', 'first', 1],
    ['lastPage', 'last', page.pageCount],
    ['nextPage', 'next', page.number < page.pageCount ? page.number + 1 : null],
    ['previousPage', 'previous', page.number > 1 ? page.number - 1 : null],
  ];
  for (const [older, current, number] of links) {
    if (number === null) continue;
    triples.add(node, hydra(older), pageUrl(number));
    triples.add(node, hydra(current), pageUrl(number));
  }
  return node;
}
