// The JSON Schemas of the content files under /schema/, for editors: the dataset schema offers
// this catalogue's team, topic, licence and masthead ids and its custom fields.
import type { Catalogue } from '../catalogue/model.ts';
import { contentFileKinds, contentJsonSchema, schemaFileName } from '../schema/json-schema.ts';
import type { Output } from './output.ts';
import { writeOutputFile } from './output-sink.ts';

export const schemaDir = 'schema';

export async function writeContentSchemas(catalogue: Catalogue, outDir: string): Promise<void> {
  for (const kind of contentFileKinds) {
    const file = `${schemaDir}/${schemaFileName(kind)}`;
    const schema = contentJsonSchema(kind, { id: `${catalogue.site.url}${file}`, catalogue });
    writeOutputFile(outDir, file, `${JSON.stringify(schema, null, 2)}\n`);
  }
}

export const contentSchemasOutput: Output = {
  id: 'content-schemas',
  thread: 'main',
  parts: [{ name: 'schemas', write: writeContentSchemas }],
  mediaTypes: { json: 'application/json' },
  describe: () => ({ summary: '', links: [], datasetLinks: [], reference: [] }),
};
