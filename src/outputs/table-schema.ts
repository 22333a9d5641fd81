// A local table's columns as a Frictionless Table Schema: one file per table at
// /api/datasets/<dataset>/<file>/schema.json, and the same object as the CKAN resource's `schema`
// (the key ckanext-validation reads). DataPress's export.json has no room for it: its document
// describes a closed shape, so it is not extended.
import type { Catalogue, ColumnType, Resource, TablePreview } from '../catalogue/model.ts';
import { tableSchemaPath } from '../site/links.ts';
import { jsonText } from './json-text.ts';
import type { Output } from './output.ts';
import { writeOutputFile } from './output-sink.ts';

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

/** The table preview of a resource that has columns; null for any other. */
export function tableOf(resource: Pick<Resource, 'preview'>): TablePreview | null {
  return resource.preview?.kind === 'table' && resource.preview.columns.length > 0 ? resource.preview : null;
}

export function tableSchema(table: TablePreview): TableSchema {
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

export const tableSchemaOutput: Output = {
  id: 'table-schema',
  thread: 'main',
  parts: [
    {
      name: 'table schemas',
      write: async (catalogue: Catalogue, outDir: string) => {
        for (const dataset of catalogue.datasets) {
          for (const resource of dataset.resources) {
            const table = tableOf(resource);
            if (!table) continue;
            // The path as the site links it, decoded: a resource id is written to disk as it is.
            writeOutputFile(outDir, decodeURIComponent(tableSchemaPath(dataset.id, resource.id)), jsonText(tableSchema(table)));
          }
        }
      },
    },
  ],
  mediaTypes: { json: 'application/json' },
  describe: (catalogue) => {
    const first = catalogue.datasets.flatMap((dataset) => dataset.resources.filter((resource) => tableOf(resource) !== null)).at(0);
    return {
      summary: '',
      links: [],
      datasetLinks: [],
      reference: first
        ? [
            {
              id: 'table-schemas',
              title: 'Column dictionaries',
              intro: 'Each CSV, TSV or Excel file published with the site has its columns described as a Frictionless Table Schema.',
              endpoints: [{ name: 'schema.json', summary: "A file's columns: name, type, description, unit and an example value.", example: tableSchemaPath(first.datasetId, first.id) }],
            },
          ]
        : [],
    };
  },
};
