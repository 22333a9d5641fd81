// A local table's columns as a Frictionless Table Schema: the CKAN resource's `schema` (the key
// ckanext-validation reads). DataPress's export.json has no room for it: its document describes a
// closed shape, so it is not extended.
import type { ColumnType, FilePreview, TablePreview } from '../catalogue/model.ts';
import type { Output } from './output.ts';

const fieldTypes: Record<ColumnType, string> = {
  integer: 'integer',
  decimal: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  text: 'string',
};

export interface TableSchema {
  fields: { name: string; type: string; description?: string; unit?: string; example?: string }[];
  missingValues: string[];
}

/** What a Table Schema is made of: a table preview's columns (not its rows: the writer thread is not handed them, build/writer-input.ts). */
export type TableColumns = Pick<TablePreview, 'kind' | 'columns'>;

/** The table preview of a resource that has columns; null for any other. */
export function tableOf(resource: { preview: FilePreview | TableColumns | null }): TableColumns | null {
  return resource.preview?.kind === 'table' && resource.preview.columns.length > 0 ? resource.preview : null;
}

export function tableSchema(table: TableColumns): TableSchema {
  return {
    fields: table.columns.map((column) => ({
      name: column.name,
      type: fieldTypes[column.type],
      ...(column.description ? { description: column.description } : {}),
      // Not a Table Schema property: descriptors may carry others, and a unit is what a reader needs.
      ...(column.unit ? { unit: column.unit } : {}),
      ...(column.example !== null ? { example: column.example } : {}),
    })),
    missingValues: [''],
  };
}

/**
 * Writes no file: the Table Schema is where CKAN sites put it, the resource's `schema`
 * (src/outputs/ckan/package.ts), and a file per table was one more name per table to host (issue 9,
 * docs/decisions/lean-layout.md). What it adds is the /api/ page's note of where to read it, so it
 * is enabled with the CKAN API only.
 */
export const tableSchemaOutput: Output = {
  id: 'table-schema',
  thread: 'main',
  parts: [],
  mediaTypes: {},
  describe: (catalogue) => {
    const first = catalogue.datasets.find((dataset) => dataset.resources.some((resource) => tableOf(resource) !== null));
    return {
      summary: '',
      links: [],
      datasetLinks: [],
      reference: first
        ? [
            {
              id: 'table-schemas',
              title: 'Column dictionaries',
              intro: "Each CSV, TSV or Excel file published with the site has its columns described as a Frictionless Table Schema, as the file's schema in the CKAN API (the key ckanext-validation reads).",
              endpoints: [{ name: 'package_show', summary: "A dataset's files, each table's with its schema: its columns' name, type, description, unit and an example value.", example: `api/3/action/package_show?id=${encodeURIComponent(first.id)}` }],
            },
          ]
        : [],
    };
  },
};
