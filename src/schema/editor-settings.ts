// VS Code's settings that give each content YAML file its JSON Schema (the YAML extension reads
// them). Dataset files are Markdown: their front matter names its schema itself (datashelf new).
import { contentFileKinds, schemaFileName, schemaTargets } from './json-schema.ts';

/** `schemaFolder`: where the schema files are, from the repository's root (e.g. ./node_modules/datashelf/schema). */
export function editorSettings(schemaFolder: string): string {
  const schemas = Object.fromEntries(contentFileKinds.filter((kind) => kind !== 'dataset').map((kind) => [`${schemaFolder}/${schemaFileName(kind)}`, schemaTargets[kind]]));
  return `${JSON.stringify({ 'yaml.schemas': schemas, 'files.associations': { 'content/**/*.yaml': 'yaml' } }, null, 2)}\n`;
}
