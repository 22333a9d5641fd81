// The JSON Schemas of the content files under /schema/, for editors: the dataset schema offers
// this catalogue's team, topic, licence and masthead ids and its custom fields.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from '../catalogue/model.ts';
import { contentFileKinds, contentJsonSchema, schemaFileName } from '../schema/json-schema.ts';
import type { Output } from './output.ts';

export const schemaDir = 'schema';

export async function writeContentSchemas(catalogue: Catalogue, outDir: string): Promise<void> {
  await mkdir(path.join(outDir, schemaDir), { recursive: true });
  for (const kind of contentFileKinds) {
    const file = `${schemaDir}/${schemaFileName(kind)}`;
    const schema = contentJsonSchema(kind, { id: `${catalogue.site.url}${file}`, catalogue });
    await writeFile(path.join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
  }
}

export const contentSchemasOutput: Output = {
  id: 'content-schemas',
  thread: 'main',
  parts: [{ name: 'schemas', write: writeContentSchemas }],
  mediaTypes: { json: 'application/json' },
  describe: () => ({ summary: '', links: [], datasetLinks: [], reference: [] }),
};
