// schema.org JSON-LD for search engines: a Dataset on each dataset's page and the DataCatalog on the
// home page, with the properties Google Dataset Search reads
// (developers.google.com/search/docs/appearance/structured-data/dataset). Returned as JSON text
// that is safe inside a `<script>` element.
import type { Dataset, Licence, Site } from '../catalogue/model.ts';
import { datasetTimeFrame } from '../outputs/dataset-dates.ts';
import { jsonText } from '../outputs/json-text.ts';

/** Google reads a description of 50 to 5,000 characters; a longer one is cut at a word (a shorter one is sent as written). */
export const descriptionLimit = 5000;

export function datasetStructuredData(site: Site, dataset: Dataset): string {
  const timeFrame = datasetTimeFrame(dataset);
  const licence = licenceValue(dataset.licence);
  return scriptJson({
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': dataset.webpage,
    url: dataset.webpage,
    identifier: dataset.id,
    name: dataset.title,
    description: cutAtWord(dataset.descriptionText.trim() || dataset.title, descriptionLimit),
    keywords: dataset.tags.map((tag) => tag.name),
    ...(licence ? { license: licence } : {}),
    isAccessibleForFree: dataset.sharing === 'public',
    creator: organization(dataset.team.title, dataset.team.url),
    publisher: organization(site.publisher.name, site.publisher.url),
    ...(dataset.createdAt ? { datePublished: dataset.createdAt } : {}),
    ...(dataset.updatedAt ? { dateModified: dataset.updatedAt } : {}),
    // ISO 8601 intervals, open at an unknown end (`2020-01/..`), as Google's guide writes them.
    ...(timeFrame ? { temporalCoverage: `${timeFrame.from ?? '..'}/${timeFrame.to ?? '..'}` } : {}),
    includedInDataCatalog: catalogueReference(site),
    distribution: dataset.resources.map((resource) => ({
      '@type': 'DataDownload',
      name: resource.title,
      contentUrl: resource.url,
      encodingFormat: resource.mediaType ?? resource.format,
      ...(resource.size !== null ? { contentSize: `${resource.size} B` } : {}),
    })),
  });
}

/**
 * The catalogue itself. Its datasets are not listed here (a home page must not grow with the
 * catalogue): each dataset's page names the catalogue in `includedInDataCatalog`, and the sitemap
 * leads to every page.
 */
export function catalogueStructuredData(site: Site): string {
  const licence = licenceValue(site.defaultLicence);
  return scriptJson({
    '@context': 'https://schema.org',
    ...catalogueReference(site),
    ...(site.description ? { description: site.description } : {}),
    inLanguage: site.language,
    publisher: organization(site.publisher.name, site.publisher.url),
    ...(licence ? { license: licence } : {}),
  });
}

function catalogueReference(site: Site) {
  return { '@type': 'DataCatalog', '@id': site.url, name: site.title, url: site.url };
}

function organization(name: string, url: string | null) {
  return { '@type': 'Organization', name, ...(url ? { url } : {}) };
}

/** A licence's URL, which Google prefers; one without a URL by its name. */
function licenceValue(licence: Licence | null): string | { '@type': 'CreativeWork'; name: string } | null {
  if (!licence) return null;
  return licence.url ? licence.url : { '@type': 'CreativeWork', name: licence.title };
}

/** `text` cut to at most `limit` characters at a word boundary, with an ellipsis when cut. */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Never half of a character written as a surrogate pair.
  const cut = text.slice(0, limit - 1).replace(/[\ud800-\udbff]$/, '');
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * JSON with `<`, `>` and `&` escaped (the build's one serialiser): `</script>` in a title cannot close
 * the element, and the text is still the same JSON.
 */
function scriptJson(value: unknown): string {
  return jsonText(value);
}
