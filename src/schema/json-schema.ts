// JSON Schemas of the content files, made from the loader's own zod schema (one source of truth)
// with each field's description and hint, for editors (autocompletion, checks as you type) and
// for the field reference. Given a catalogue, the dataset schema also offers its ids and custom fields.
import { z } from 'zod';
import type { Catalogue } from '../catalogue/model.ts';
import {
  datasetSchema,
  fieldHints,
  licencesFileSchema,
  mastheadsFileSchema,
  publisherTypes,
  siteSchema,
  teamsFileSchema,
  topicsFileSchema,
} from '../catalogue/schema.ts';
import { fieldDescriptions, type ContentFileKind } from './descriptions.ts';

export type JsonSchema = { [key: string]: unknown };

export const contentFileKinds: readonly ContentFileKind[] = ['catalogue', 'topics', 'teams', 'mastheads', 'licences', 'dataset'];

const zodSchemas: Record<ContentFileKind, z.ZodType> = {
  catalogue: siteSchema,
  topics: topicsFileSchema,
  teams: teamsFileSchema,
  mastheads: mastheadsFileSchema,
  licences: licencesFileSchema,
  dataset: datasetSchema,
};

/** The content files each schema describes, from the repository's root. */
export const schemaTargets: Record<ContentFileKind, string[]> = {
  catalogue: ['content/catalogue.yaml'],
  topics: ['content/topics.yaml'],
  teams: ['content/teams.yaml'],
  mastheads: ['content/mastheads.yaml'],
  licences: ['content/licences.yaml'],
  dataset: ['content/datasets/*.md', 'content/datasets/*/index.md'],
};

const fileTitles: Record<ContentFileKind, string> = {
  catalogue: 'catalogue.yaml: the site’s settings',
  topics: 'topics.yaml: the topics',
  teams: 'teams.yaml: the teams that own datasets (CKAN organizations)',
  mastheads: 'mastheads.yaml: banner images for dataset pages',
  licences: 'licences.yaml: licences beyond the built-in ones',
  dataset: 'A dataset file’s front matter (content/datasets/<id>.md or <id>/index.md)',
};

/** The schema file's name, in the package's schema/ folder and under /schema/ on the site. */
export const schemaFileName = (kind: ContentFileKind) => `${kind}.json`;

// Rules the zod schema checks in code (refinements), which JSON Schema can say as keywords.
const webAddress = { pattern: '^https?://', format: 'uri' };
const rules: Partial<Record<ContentFileKind, Record<string, JsonSchema>>> = {
  catalogue: { url: webAddress, 'publisher.url': webAddress, 'publisher.type': { enum: [...publisherTypes] }, 'spatial.uri': webAddress, 'contact.url': webAddress, editUrl: { pattern: '^https?://.*\\{path\\}' } },
  teams: { '[].url': webAddress, '[].type': { enum: [...publisherTypes] } },
  licences: { '[].url': webAddress },
  dataset: {
    'contact.url': webAddress,
    'spatial.uri': webAddress,
    nextReviewDate: { pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    createdAt: { format: 'date-time' },
    updatedAt: { format: 'date-time' },
    'resources[].timeFrameFrom': { pattern: '^\\d{4}-\\d{2}$' },
    'resources[].timeFrameTo': { pattern: '^\\d{4}-\\d{2}$' },
    'resources[].url': webAddress,
    'links[].url': webAddress,
  },
};

export interface SchemaOptions {
  /** The schema's own address (`$id`), when it is published. */
  id?: string;
  /** The catalogue whose ids (teams, topics, licences, mastheads) and custom fields to offer. */
  catalogue?: Pick<Catalogue, 'teams' | 'topics' | 'licences' | 'mastheads' | 'site'>;
}

export function contentJsonSchema(kind: ContentFileKind, options: SchemaOptions = {}): JsonSchema {
  const generated = z.toJSONSchema(zodSchemas[kind], {
    io: 'input',
    target: 'draft-7',
    // Custom values are read into a Map (schema.ts says why): described below instead.
    unrepresentable: 'any',
    override: (context) => {
      const hint = fieldHints.get(context.zodSchema)?.hint;
      if (hint) context.jsonSchema['x-hint'] = hint;
    },
  }) as JsonSchema;
  const schema: JsonSchema = { $schema: generated.$schema, ...(options.id ? { $id: options.id } : {}), title: fileTitles[kind] };
  for (const [key, value] of Object.entries(generated)) if (key !== '$schema') schema[key] = value;
  const descriptions = fieldDescriptions[kind];
  const described = new Set<string>();
  visitFields(schema, '', (path, field) => {
    const description = descriptions[path];
    if (!description) throw new Error(`src/schema/descriptions.ts has no description of ${kind} field ${path}`);
    described.add(path);
    Object.assign(field, rules[kind]?.[path] ?? {});
    const hint = field['x-hint'] ?? firstHint(field);
    field.description = hint ? `${description} ${String(hint)}` : description;
  });
  removeHints(schema);
  const stale = Object.keys(descriptions).filter((path) => !described.has(path));
  if (stale.length > 0) throw new Error(`src/schema/descriptions.ts describes ${kind} fields the schema does not have: ${stale.join(', ')}`);
  if (kind === 'dataset') offerCatalogue(schema, options.catalogue);
  return schema;
}

/** Calls `visit` with each field's path (`resources[].title`, `[].id` in a list file) and schema. */
function visitFields(node: JsonSchema, path: string, visit: (path: string, field: JsonSchema) => void): void {
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  for (const [key, field] of Object.entries(properties ?? {})) {
    const fieldPath = path ? `${path}.${key}` : key;
    visit(fieldPath, field);
    visitFields(field, fieldPath, visit);
  }
  if (node.items && !Array.isArray(node.items)) visitFields(node.items as JsonSchema, `${path}[]`, visit);
  for (const alternative of (node.anyOf as JsonSchema[] | undefined) ?? []) visitFields(alternative, path, visit);
}

/** A field written as one value or a list has its hint on the alternatives. */
function firstHint(field: JsonSchema): unknown {
  for (const alternative of (field.anyOf as JsonSchema[] | undefined) ?? []) {
    const hint = alternative['x-hint'] ?? (alternative.items as JsonSchema | undefined)?.['x-hint'];
    if (hint) return hint;
  }
  return undefined;
}

function removeHints(node: unknown): void {
  if (Array.isArray(node)) node.forEach(removeHints);
  else if (node && typeof node === 'object') {
    delete (node as JsonSchema)['x-hint'];
    Object.values(node).forEach(removeHints);
  }
}

const customValue = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

/** A catalogue's own ids as suggestions (not a closed list: a pull request may add a team too) and its custom fields. */
function offerCatalogue(schema: JsonSchema, catalogue: SchemaOptions['catalogue']): void {
  const properties = schema.properties as Record<string, JsonSchema>;
  const custom = properties.custom!;
  if (!catalogue) {
    Object.assign(custom, { type: 'object', additionalProperties: customValue });
    return;
  }
  Object.assign(custom, {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      catalogue.site.customFields.map((field) => [
        field.id,
        field.type === 'list' ? { ...customValue, description: `${field.title}${field.description ? `: ${field.description}` : ''} (a list)` } : { type: 'string', description: `${field.title}${field.description ? `: ${field.description}` : ''}` },
      ]),
    ),
  });
  properties.team!.examples = catalogue.teams.map((team) => team.id);
  properties.masthead!.examples = catalogue.mastheads.map((masthead) => masthead.id);
  properties.licence!.examples = catalogue.licences.map((licence) => licence.id);
  const topicIds = catalogue.topics.map((topic) => topic.id);
  for (const alternative of properties.topics!.anyOf as JsonSchema[]) {
    if (alternative.type === 'string') alternative.examples = topicIds;
    else (alternative.items as JsonSchema).examples = topicIds;
  }
}
