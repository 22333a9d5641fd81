// What CKAN's Solr index holds of a package dict (`ckan/lib/search/index.py index_package`), as
// plain values per field: exact-value fields, text to analyse (with its analysis), the two dates,
// and the related datasets behind the relationship fields. search-index.ts turns these into the
// index's columns and postings.
import type { PackageDict } from '../outputs/ckan/package.ts';
import type { Analysis } from './analyze.ts';
import { ckanDateMillis } from './date-math.ts';
import { fields } from './schema.ts';

export interface DocumentFields {
  exact: Map<string, string[]>;
  text: Map<string, { values: string[]; analysis: Analysis }>;
  dates: Map<string, number>;
  /** Relationship fields name the related datasets (`child_of:roads`): their ids, named once every dataset is known. */
  related: { field: string; packageId: string }[];
}

const reverseType: Record<string, string> = {
  depends_on: 'dependency_of',
  derives_from: 'has_derivation',
  links_to: 'linked_from',
  child_of: 'parent_of',
};

/** CKAN keeps letters, digits, `_` and `-` of an extra's key in its field names. */
export const extraFieldName = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '');

interface RelationshipRow {
  __extras: { subject_package_id: string; object_package_id: string };
  type: string;
}

export function documentFields(dict: PackageDict): DocumentFields {
  const exact = new Map<string, string[]>();
  const single = (name: string, value: string | number | boolean | null | undefined) => {
    if (value !== null && value !== undefined) exact.set(name, [String(value)]);
  };
  single('id', dict.id);
  single('name', dict.name);
  single('title_string', dict.title);
  single('state', dict.state);
  single('type', dict.type);
  single('dataset_type', dict.type);
  single('entity_type', 'package');
  single('capacity', dict.private ? 'private' : 'public');
  single('license_id', dict.license_id);
  single('license_title', dict.license_title);
  single('license_url', (dict as { license_url?: string }).license_url);
  single('organization', dict.organization?.name);
  single('owner_org', dict.owner_org);
  single('url', dict.url);
  single('version', dict.version);
  single('isopen', dict.isopen);
  single('private', dict.private);
  single('num_resources', dict.num_resources);
  single('num_tags', dict.num_tags);
  single('creator_user_id', dict.creator_user_id);
  exact.set('tags', dict.tags.map((tag) => tag.name));
  exact.set('groups', dict.groups.map((group) => group.name));
  exact.set('res_format', dict.resources.map((resource) => resource.format));
  exact.set('res_url', dict.resources.map((resource) => resource.url));
  exact.set('res_type', dict.resources.flatMap((resource) => (resource.resource_type === null ? [] : [resource.resource_type])));

  const text = new Map<string, { values: string[]; analysis: Analysis }>();
  const analysed = (name: string, values: readonly (string | null)[], analysis: Analysis = 'text') => {
    const present = values.filter((value): value is string => value !== null && value !== '');
    if (present.length > 0) text.set(name, { values: present, analysis });
  };
  const extras = dict.extras.map((extra) => ({ field: extraFieldName(extra.key), value: extra.value }));
  for (const { field, value } of extras) {
    analysed(`extras_${field}`, [value]);
    // The bare key too, as a string field, unless an index field has that name.
    if (!(field in fields) && !exact.has(field)) exact.set(field, [value]);
  }
  analysed('title', [dict.title]);
  analysed('notes', [dict.notes]);
  const urls = [dict.url, ...dict.resources.map((resource) => resource.url)];
  analysed('urls', urls);
  analysed('maintainer', [dict.maintainer], 'text_general');
  analysed('maintainer_email', [dict.maintainer_email], 'text_general');
  analysed('author', [dict.author], 'text_general');
  analysed('author_email', [dict.author_email], 'text_general');
  analysed('res_name', dict.resources.map((resource) => resource.name), 'text_general');
  analysed('res_description', dict.resources.map((resource) => resource.description), 'text_general');
  // The catch-all field, as CKAN's copyFields fill it, and the resources' formats (which CKAN's
  // schema leaves out; `q=csv` finds datasets with CSV files here).
  analysed('text', [
    ...extras.map((extra) => extra.value),
    ...urls,
    dict.name,
    dict.title,
    dict.notes,
    ...dict.tags.map((tag) => tag.name),
    ...dict.groups.map((group) => group.name),
    dict.organization?.name ?? null,
    ...dict.resources.map((resource) => resource.name),
    ...dict.resources.map((resource) => resource.description),
    dict.maintainer,
    dict.author,
    ...dict.resources.map((resource) => resource.format),
  ]);

  const dates = new Map<string, number>([
    ['metadata_created', ckanDateMillis(dict.metadata_created)],
    ['metadata_modified', ckanDateMillis(dict.metadata_modified)],
  ]);

  const rows = (list: unknown[]) => list as RelationshipRow[];
  const related = [
    ...rows(dict.relationships_as_object).map((row) => ({ field: reverseType[row.type] ?? row.type, packageId: row.__extras.subject_package_id })),
    ...rows(dict.relationships_as_subject).map((row) => ({ field: row.type, packageId: row.__extras.object_package_id })),
  ];
  return { exact, text, dates, related };
}
