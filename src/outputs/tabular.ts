// The tables of the CSV and Excel exports: one definition per table, so both formats carry the same
// columns in the same order. Columns follow export.json's keys, nested objects flattened
// (licence → licenceTitle, licenceUrl), lists joined with "; ", the description as plain text.
import type { Catalogue, Dataset, Link, Resource, Site } from '../catalogue/model.ts';
import { neutraliseFormula } from './spreadsheet-safety.ts';

export type CellValue = string | number | null;

/**
 * How a value is typed in the workbook. In CSV every value is text: dates as export.json writes
 * them (`2025-01-15`, `2025-01-21T16:10:02`, `2019-02-05T16:34:18.000Z`, all UTC).
 */
export type CellKind = 'text' | 'number' | 'url' | 'date' | 'dateTime';

export interface ColumnFormat {
  header: string;
  kind: CellKind;
  /** Width in the workbook, in characters. */
  width: number;
}

interface Column<Item> extends ColumnFormat {
  value: (item: Item) => CellValue;
}

export interface Table {
  /** The sheet name in the workbook. */
  name: 'datasets' | 'resources' | 'links';
  columns: ColumnFormat[];
  /** One array of values per row, in column order, formula-looking text already neutralised. */
  rows: () => Generator<CellValue[]>;
}

export interface ExportTables {
  datasets: Table;
  resources: Table;
  links: Table;
}

export const listSeparator = '; ';

export function exportTables(catalogue: Catalogue): ExportTables {
  const { datasets } = catalogue;
  const tables = datasetTables(catalogue.site);
  return {
    datasets: tables.datasets.over(() => datasets),
    resources: tables.resources.over(function* () {
      for (const dataset of datasets) for (const resource of dataset.resources) yield { resource, dataset };
    }),
    links: tables.links.over(function* () {
      for (const dataset of datasets) for (const link of dataset.links) yield { link, dataset };
    }),
  };
}

/** A table's columns, and its rows of any items: a dataset's own rows, or the whole catalogue's (`over`). */
export interface ItemTable<Item> {
  name: Table['name'];
  columns: ColumnFormat[];
  rowsOf: (items: Iterable<Item>) => Generator<CellValue[]>;
  over: (items: () => Iterable<Item>) => Table;
}

/** The three tables, before they are given the catalogue's datasets. */
export function datasetTables(site: Site) {
  return {
    datasets: table('datasets', datasetColumns(site)),
    resources: table('resources', resourceColumns),
    links: table('links', linkColumns),
  };
}

function table<Item>(name: Table['name'], columns: Column<Item>[]): ItemTable<Item> {
  const formats = columns.map(({ header, kind, width }) => ({ header, kind, width }));
  function* rowsOf(items: Iterable<Item>): Generator<CellValue[]> {
    for (const item of items) yield columns.map((column) => neutraliseFormula(column.value(item)));
  }
  return { name, columns: formats, rowsOf, over: (items) => ({ name, columns: formats, rows: () => rowsOf(items()) }) };
}

const list = (values: string[]): string | null => (values.length > 0 ? values.join(listSeparator) : null);

function datasetColumns(site: Site): Column<Dataset>[] {
  const before: Column<Dataset>[] = [
    { header: 'webpage', kind: 'url', width: 45, value: (dataset) => dataset.webpage },
    { header: 'id', kind: 'text', width: 20, value: (dataset) => dataset.id },
    { header: 'title', kind: 'text', width: 45, value: (dataset) => dataset.title },
    { header: 'description', kind: 'text', width: 60, value: (dataset) => dataset.descriptionText || null },
    { header: 'mastheadId', kind: 'text', width: 20, value: (dataset) => dataset.masthead?.id ?? null },
    { header: 'mastheadTitle', kind: 'text', width: 30, value: (dataset) => dataset.masthead?.title ?? null },
    { header: 'tags', kind: 'text', width: 40, value: (dataset) => list(dataset.tags.map((tag) => tag.name)) },
    { header: 'topics', kind: 'text', width: 40, value: (dataset) => list(dataset.topics.map((topic) => topic.title)) },
    { header: 'nextReviewDate', kind: 'date', width: 16, value: (dataset) => dataset.nextReviewDate },
    { header: 'licenceTitle', kind: 'text', width: 35, value: (dataset) => dataset.licence?.title ?? null },
    { header: 'licenceUrl', kind: 'url', width: 45, value: (dataset) => dataset.licence?.url ?? null },
    { header: 'contactTitle', kind: 'text', width: 30, value: (dataset) => dataset.contact?.title ?? null },
    { header: 'contactEmail', kind: 'text', width: 30, value: (dataset) => dataset.contact?.email ?? null },
  ];
  const after: Column<Dataset>[] = [
    { header: 'sharing', kind: 'text', width: 10, value: (dataset) => dataset.sharing },
    { header: 'teamId', kind: 'text', width: 20, value: (dataset) => dataset.team.id },
    { header: 'teamTitle', kind: 'text', width: 30, value: (dataset) => dataset.team.title },
    { header: 'createdAt', kind: 'dateTime', width: 20, value: (dataset) => dataset.createdAt },
    { header: 'updatedAt', kind: 'dateTime', width: 20, value: (dataset) => dataset.updatedAt },
  ];
  // A custom field is named by its id; one that clashes with a fixed column becomes `custom.<id>`
  // (ids hold no dots, so that name is free).
  const fixed = new Set([...before, ...after].map((column) => column.header));
  const custom = site.customFields.map((field): Column<Dataset> => ({
    header: fixed.has(field.id) ? `custom.${field.id}` : field.id,
    kind: 'text',
    width: 25,
    value: (dataset) => {
      const value = dataset.custom[field.id];
      return value === undefined ? null : Array.isArray(value) ? list(value) : value;
    },
  }));
  return [...before, ...custom, ...after];
}

const resourceColumns: Column<{ resource: Resource; dataset: Dataset }>[] = [
  { header: 'id', kind: 'text', width: 20, value: ({ resource }) => resource.id },
  { header: 'title', kind: 'text', width: 45, value: ({ resource }) => resource.title },
  { header: 'url', kind: 'url', width: 60, value: ({ resource }) => resource.url },
  { header: 'filename', kind: 'text', width: 35, value: ({ resource }) => resource.filename || null },
  { header: 'description', kind: 'text', width: 60, value: ({ resource }) => resource.description },
  { header: 'timeFrameFrom', kind: 'text', width: 15, value: ({ resource }) => resource.timeFrameFrom },
  { header: 'timeFrameTo', kind: 'text', width: 15, value: ({ resource }) => resource.timeFrameTo },
  { header: 'size', kind: 'number', width: 12, value: ({ resource }) => resource.size },
  { header: 'hash', kind: 'text', width: 34, value: ({ resource }) => resource.hash },
  { header: 'timestamp', kind: 'dateTime', width: 20, value: ({ resource }) => resource.timestamp },
  { header: 'datasetId', kind: 'text', width: 20, value: ({ dataset }) => dataset.id },
  { header: 'datasetTitle', kind: 'text', width: 45, value: ({ dataset }) => dataset.title },
  { header: 'webpage', kind: 'url', width: 45, value: ({ dataset }) => dataset.webpage },
];

const linkColumns: Column<{ link: Link; dataset: Dataset }>[] = [
  { header: 'id', kind: 'text', width: 20, value: ({ link }) => link.id },
  { header: 'title', kind: 'text', width: 45, value: ({ link }) => link.title },
  { header: 'url', kind: 'url', width: 60, value: ({ link }) => link.url },
  { header: 'description', kind: 'text', width: 60, value: ({ link }) => link.description },
  { header: 'httpStatus', kind: 'number', width: 12, value: ({ link }) => link.httpStatus },
  { header: 'size', kind: 'number', width: 12, value: ({ link }) => link.size },
  { header: 'mimetype', kind: 'text', width: 30, value: ({ link }) => link.mimetype },
  { header: 'hash', kind: 'text', width: 34, value: ({ link }) => link.hash },
  { header: 'qaTimestamp', kind: 'dateTime', width: 22, value: ({ link }) => link.qaTimestamp },
  { header: 'datasetId', kind: 'text', width: 20, value: ({ dataset }) => dataset.id },
  { header: 'datasetTitle', kind: 'text', width: 45, value: ({ dataset }) => dataset.title },
  { header: 'webpage', kind: 'url', width: 45, value: ({ dataset }) => dataset.webpage },
];
