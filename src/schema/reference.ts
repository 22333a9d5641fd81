// The field reference of every content file (docs/content-reference.md), written from the same
// JSON Schemas editors get, so that it cannot say other than the loader.
import { contentFileKinds, contentJsonSchema, schemaTargets, type JsonSchema } from './json-schema.ts';

export function fieldReference(): string {
  const lines = [
    '# Content files: field reference',
    '',
    '<!-- Generated from the loader’s schema (src/catalogue/schema.ts) and src/schema/descriptions.ts by `npm run schema`: do not edit by hand. -->',
    '',
    'Every field of every file under `content/`, as `datashelf check` reads it. Editors that read JSON Schema',
    '(VS Code with the YAML extension, JetBrains IDEs) get the same rules as you type from `schema/*.json`',
    '(see [publishing.md](publishing.md#editor-support)).',
    '',
  ];
  for (const kind of contentFileKinds) {
    const schema = contentJsonSchema(kind);
    lines.push(`## ${String(schema.title)}`, '', `Files: ${schemaTargets[kind].map((target) => `\`${target}\``).join(', ')}.`, '');
    if (schema.type === 'array') lines.push('The file is a list; each item has these fields.', '');
    lines.push('| field | type | required | what it is |', '|---|---|---|---|');
    rows(schema, '', lines);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function rows(node: JsonSchema, path: string, lines: string[]): void {
  if (node.type === 'array' && node.items && !Array.isArray(node.items)) {
    rows(node.items as JsonSchema, `${path}[]`, lines);
    return;
  }
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [key, field] of Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const fieldPath = path ? `${path}.${key}` : key;
    const defaultText = field.default !== undefined && field.default !== '' && !(Array.isArray(field.default) && field.default.length === 0) ? ` (default ${JSON.stringify(field.default)})` : '';
    lines.push(`| \`${fieldPath}\` | ${typeText(field)} | ${required.has(key) ? 'yes' : 'no'} | ${cell(String(field.description))}${defaultText} |`);
    const inner = field.type === 'array' && field.items && !Array.isArray(field.items) ? (field.items as JsonSchema) : field;
    if (inner.properties) rows(inner, field === inner ? fieldPath : `${fieldPath}[]`, lines);
  }
}

function typeText(field: JsonSchema): string {
  if (field.enum) return `one of ${(field.enum as string[]).map((value) => `\`${value}\``).join(', ')}`;
  if (field.anyOf) return (field.anyOf as JsonSchema[]).map(typeText).join(' or ');
  if (field.pattern === '^[a-z0-9][a-z0-9-]*$') return 'id';
  if (field.format === 'uri') return 'web address';
  if (field.format === 'date-time') return 'date and time';
  if (field.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date (YYYY-MM-DD)';
  if (field.pattern === '^\\d{4}-\\d{2}$') return 'month (YYYY-MM)';
  switch (field.type) {
    case 'string':
      return 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'number':
      return 'number';
    case 'object':
      return 'fields below';
    case 'array':
      if (Array.isArray(field.items)) return `list of ${field.items.length} numbers`;
      return field.items && (field.items as JsonSchema).properties ? 'list of items with the fields below' : `list of ${typeText(field.items as JsonSchema)}`;
    default:
      return field.additionalProperties ? 'fields' : 'any';
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
