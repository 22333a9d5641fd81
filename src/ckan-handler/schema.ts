// The fields of CKAN's Solr index (`ckan/config/solr/schema.xml`, `ckan/lib/search/index.py`) as
// this handler holds them: what `field:value` in `q`/`fq`, `sort`, `facet.field` and `fl` may name,
// and how each is matched. A name not listed is one of Solr's dynamic string fields: a custom
// field's bare key (`unit:Highways`), or a field no dataset has, which matches nothing, as in CKAN.
import type { Analysis } from './analyze.ts';

export type FieldType =
  /** Exact, case-sensitive values (`tags:"Road Safety"`). */
  | 'string'
  /** Analysed text (`analyze.ts`). */
  | Analysis
  /** A moment (`metadata_modified:[NOW-1DAY TO *]`). */
  | 'date';

export interface FieldDefinition {
  type: FieldType;
  /** Several values per dataset: Solr cannot sort on it. */
  multiValued: boolean;
}

const field = (type: FieldType, multiValued = false): FieldDefinition => ({ type, multiValued });

export const stringFields = [
  'id',
  'name',
  'title_string',
  'state',
  'type',
  'dataset_type',
  'entity_type',
  'capacity',
  'license_id',
  'license_title',
  'license_url',
  'organization',
  'owner_org',
  'url',
  'version',
  'isopen',
  'private',
  'num_resources',
  'num_tags',
  'creator_user_id',
] as const;
export const multiStringFields = ['tags', 'groups', 'res_format', 'res_url', 'res_type'] as const;
export const textFields = ['title', 'notes'] as const;
export const multiTextFields = ['text', 'urls'] as const;
export const textGeneralFields = ['maintainer', 'maintainer_email', 'author', 'author_email'] as const;
export const multiTextGeneralFields = ['res_name', 'res_description'] as const;
export const dateFields = ['metadata_created', 'metadata_modified'] as const;

/** The relationship fields: the names of the datasets related so (`child_of:roads`), analysed as text. */
export const relationshipFields = ['depends_on', 'dependency_of', 'derives_from', 'has_derivation', 'links_to', 'linked_from', 'child_of', 'parent_of'] as const;

export const fields: Readonly<Record<string, FieldDefinition>> = Object.fromEntries([
  ...stringFields.map((name) => [name, field('string')]),
  ...multiStringFields.map((name) => [name, field('string', true)]),
  ...textFields.map((name) => [name, field('text')]),
  ...multiTextFields.map((name) => [name, field('text', true)]),
  ...relationshipFields.map((name) => [name, field('text', true)]),
  ...textGeneralFields.map((name) => [name, field('text_general')]),
  ...multiTextGeneralFields.map((name) => [name, field('text_general', true)]),
  ...dateFields.map((name) => [name, field('date')]),
]);

/**
 * Fields of CKAN's index this handler does not hold (Solr's internals, usage counts, the n-gram
 * fields behind `package_autocomplete`): a query naming one is refused, never answered as if no
 * dataset had it.
 */
export const unsupportedFields = new Set([
  'index_id',
  'site_id',
  '_version_',
  'indexed_ts',
  'permission_labels',
  'title_ngram',
  'name_ngram',
  'views_total',
  'views_recent',
  'resources_accessed_total',
  'resources_accessed_recent',
  'data_dict',
  'validated_data_dict',
]);

/** A field's definition: listed, `extras_*` (a custom field, analysed as text), or a dynamic string field. */
export function fieldDefinition(name: string): FieldDefinition {
  return fields[name] ?? (name.startsWith('extras_') ? field('text') : field('string'));
}

/**
 * The fields free text is searched in and their boosts: CKAN's `qf` for a `q` without a field
 * (`name^4 title^4 tags^2 groups^2 text`).
 */
export const queryFields: readonly { name: string; boost: number }[] = [
  { name: 'name', boost: 4 },
  { name: 'title', boost: 4 },
  { name: 'tags', boost: 2 },
  { name: 'groups', boost: 2 },
  { name: 'text', boost: 1 },
];

/** Solr's default field (`df=text`): what a term without a field searches in `fq` and in a `q` with a field in it. */
export const defaultField = 'text';
