// What a dataset page shows beyond the model's own fields: its custom fields with their titles,
// download and API links, related datasets, and its description made ready for a phone.
import { oncePerCatalogue } from './listings.ts';
import type { Dataset, Resource, Site } from '../catalogue/model.ts';
import type { RelationshipType } from '../catalogue/schema.ts';
import { href, localHref } from './links.ts';

/** The words on a private dataset in an internal build, wherever it appears. */
export const privateLabel = 'Private — internal build';

export interface CustomFact {
  id: string;
  title: string;
  values: string[];
}

/** The dataset's custom fields, in the catalogue's order, titled as the catalogue defines them. */
export function customFacts(site: Pick<Site, 'customFields'>, dataset: Pick<Dataset, 'custom'>): CustomFact[] {
  const facts: CustomFact[] = [];
  for (const field of site.customFields) {
    const value = dataset.custom[field.id];
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter(Boolean);
    if (values.length) facts.push({ id: field.id, title: field.title, values });
  }
  return facts;
}

/** Where a resource downloads from: a published file relative to the site, an external one as is. */
export function resourceHref(site: Site, resource: Pick<Resource, 'url'>): string {
  return localHref(site, resource.url);
}

/** How a relationship reads from this dataset's side: "Derived from: Population estimates". */
export const relationshipLabels: Record<RelationshipType, string> = {
  depends_on: 'Depends on',
  dependency_of: 'Needed by',
  derives_from: 'Derived from',
  has_derivation: 'Used to derive',
  child_of: 'Part of',
  parent_of: 'Includes',
  links_to: 'Links to',
  linked_from: 'Linked from',
};

export interface RelatedDataset {
  label: string;
  dataset: Dataset;
  comment: string | null;
}

/** The dataset's relationships to datasets in this build (a private one is absent from a public build). */
export const datasetsById = oncePerCatalogue((datasets: readonly Dataset[]) => new Map(datasets.map((item) => [item.id, item])));

export function relatedDatasets(dataset: Pick<Dataset, 'relationships'>, datasets: readonly Dataset[]): RelatedDataset[] {
  const byId = datasetsById(datasets);
  return dataset.relationships.flatMap((relationship) => {
    const other = byId.get(relationship.dataset);
    return other ? [{ label: relationshipLabels[relationship.type], dataset: other, comment: relationship.comment }] : [];
  });
}

/**
 * The sanitised description as the dataset page shows it, under its own h2: headings one level
 * down (h2 → h3, …), and each table in a labelled, focusable scroll container so a wide table
 * scrolls on a phone instead of widening the page. Only fixed markup is added or renamed.
 */
export function descriptionHtmlForPage(descriptionHtml: string, datasetTitle: string): string {
  let count = 0;
  const total = descriptionHtml.match(/<table>/g)?.length ?? 0;
  return descriptionHtml
    .replace(/<(\/?)h([2-5])>/g, (_, slash: string, level: string) => `<${slash}h${Number(level) + 1}>`)
    .replace(/<table>/g, () => {
      count += 1;
      const label = escapeAttribute(total === 1 ? `Table in the description of ${datasetTitle}` : `Table ${count} in the description of ${datasetTitle}`);
      return `<div class="table-scroll" role="region" aria-label="${label}" tabindex="0"><table>`;
    })
    .replace(/<\/table>/g, '</table></div>');
}

/**
 * The text of the description's first paragraph, for a dataset's summary in a list. (The model's
 * `descriptionText` keeps the source's line breaks inside a paragraph, so its first line may stop
 * mid-sentence.) Falls back to the first line of `descriptionText`.
 */
export function firstParagraphText(dataset: Pick<Dataset, 'descriptionHtml' | 'descriptionText'>): string {
  const paragraph = /<p>([\s\S]*?)<\/p>/.exec(dataset.descriptionHtml)?.[1];
  if (paragraph === undefined) return dataset.descriptionText.split('\n')[0]?.trim() ?? '';
  return decodeEntities(paragraph.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return namedEntities[name.toLowerCase()] ?? entity;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A dataset page shows this many files' previews at most, in the order of its files: a preview is
 * a few kilobytes (10 rows, cells cut at 200 characters, and a line per column), so a dataset of
 * many tables (a spend file per month) keeps a page of bounded weight. Files after them are
 * downloaded to be seen; their columns are still in the CKAN resource's `schema`.
 */
export const previewsPerPage = 10;

/** The files whose preview the dataset's page shows as a section of its own. */
export function previewedResources<R extends Pick<Resource, 'preview'>>(dataset: { resources: readonly R[] }): R[] {
  return dataset.resources.filter((resource) => resource.preview !== null).slice(0, previewsPerPage);
}
