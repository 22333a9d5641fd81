// The files generated from the schema that live in the repository: the package's JSON Schemas
// (schema/*.json, for editors, and VS Code's settings naming them) and the field reference
// (docs/content-reference.md).
import { contentFileKinds, contentJsonSchema, schemaFileName } from './json-schema.ts';
import { editorSettings } from './editor-settings.ts';
import { fieldReference } from './reference.ts';

/** Path from the repository's root → text. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const kind of contentFileKinds) files.set(`schema/${schemaFileName(kind)}`, `${JSON.stringify(contentJsonSchema(kind), null, 2)}\n`);
  files.set('docs/content-reference.md', fieldReference());
  files.set('.vscode/settings.json', editorSettings('./schema'));
  return files;
}
