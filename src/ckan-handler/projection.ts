// `fl`: the stored fields of CKAN's Solr document asked for, instead of the package dicts. Solr's
// stored fields are `solrFields` (shared with the static `fl=` pages), each custom field as
// `extras_<key>`, and the package dict itself as text (`validated_data_dict`, `data_dict`); `*`
// is all of them, `extras_*` a pattern. A field with no value is left out, as Solr does. The
// action API gives custom fields under their own key (`package_search` merges them into the
// result); the older search API under `extras`.
import type { PackageDict } from '../outputs/ckan/package.ts';
import { solrDateTime } from '../outputs/ckan/dates.ts';
import { solrFields } from '../outputs/ckan/solr-fields.ts';
import { extraFieldName } from './documents.ts';
import { jsonObjectOf, jsonText } from './json.ts';
import { UnsupportedQuery } from './parse-query.ts';
import type { IndexedPackage, PreparedIndex } from './prepared-index.ts';
import type { SearchIndex } from './search-index.ts';

/** `fl` as Solr reads it: names separated by commas or spaces. `score` is refused: its values would not be Solr's. */
export function parseFieldList(fl: readonly string[]): string[] {
  const names = [...new Set(fl.flatMap((item) => item.split(/[\s,]+/)).filter((name) => name !== ''))];
  if (names.includes('score')) throw new UnsupportedQuery('fl=score: the relevance here is not Solr\'s, so it is not given');
  return names;
}

/** The stored fields of a package, in Solr's order for `*`. */
function storedFields(json: string): [string, unknown][] {
  const dict = JSON.parse(json) as PackageDict;
  const fields: [string, unknown][] = Object.entries(solrFields(dict));
  for (const extra of dict.extras) fields.push([`extras_${extraFieldName(extra.key)}`, extra.value]);
  fields.push(['validated_data_dict', json], ['data_dict', json]);
  return fields.filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0));
}

/**
 * Stored fields the search index's columns hold as `solrFields` gives them: a projection of only these
 * (data.gov.uk's `fl=id,metadata_modified,organization`, a harvester's `fl=id,name`) is made
 * without parsing the package dict again. test/ckan-handler/package-search.test.ts checks the two
 * ways agree.
 */
const documentFields = new Set(['id', 'name', 'title', 'url', 'version', 'owner_org', 'organization', 'groups', 'tags', 'license_id', 'res_format', 'res_url', 'capacity', 'state', 'type', 'dataset_type', 'metadata_created', 'metadata_modified']);
const multiValued = new Set(['groups', 'tags', 'res_format', 'res_url']);

/** One package's projection as JSON text, custom fields merged (`package_search`) or under `extras` (the search API). */
export function projectionJson(index: PreparedIndex, item: IndexedPackage, names: readonly string[], extras: 'merged' | 'nested'): string {
  if (names.every((name) => documentFields.has(name))) return jsonObjectOf(names.flatMap((name) => documentField(index.search.columns, item, name)));
  const stored = storedFields(item.json);
  const chosen = names.flatMap((pattern) => stored.filter(([field]) => field === pattern || (pattern.includes('*') && glob(pattern).test(field))));
  // A field asked for twice (`id,*`) is given once, where it was first asked for.
  const unique = [...new Map(chosen).entries()];
  const plain = unique.filter(([field]) => !field.startsWith('extras_')).map(([field, value]) => [field, jsonText(value)] as const);
  const custom = unique.filter(([field]) => field.startsWith('extras_')).map(([field, value]) => [field.slice('extras_'.length), jsonText(value)] as const);
  if (custom.length === 0) return jsonObjectOf(plain);
  // Merged as Python's `dict.update`: a custom field named like a field replaces it in place.
  return extras === 'merged' ? jsonObjectOf(new Map([...plain, ...custom])) : jsonObjectOf([...plain, ['extras', jsonObjectOf(custom)]]);
}

function documentField(columns: SearchIndex['columns'], item: IndexedPackage, name: string): [string, string][] {
  if (name === 'metadata_created' || name === 'metadata_modified') return [[name, jsonText(solrDateTime(name === 'metadata_created' ? item.created : item.modified))]];
  const values = columns.get(name === 'title' ? 'title_string' : name)?.[item.place];
  if (!values || values.length === 0) return [];
  return [[name, jsonText(multiValued.has(name) ? values : values[0])]];
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
