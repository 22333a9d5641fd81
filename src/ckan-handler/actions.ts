// The registry of the read actions the handler answers: one line per action (name → what it says
// of itself in `help_show` → the function that builds its `result` as JSON text). The handler
// serves exactly this list; test/ckan-handler/actions.test.ts fails on an action that is
// registered but not tested. Write actions are refused as CKAN refuses an anonymous caller.
import { currentPackageList, packageAutocomplete, packageList, packageShow, resourceShow } from './package-actions.ts';
import { groupList, groupShow, licenseList, siteRead, statusShow, tagList, tagShow } from './catalogue-actions.ts';
import { invalidFields, notFound } from './errors.ts';
import { jsonText } from './json.ts';
import { packageSearchJson } from './package-search.ts';
import type { Params } from './params.ts';
import type { PreparedIndex } from './prepared-index.ts';

export interface ActionContext {
  index: PreparedIndex;
  /** NOW of the search's date math, in milliseconds. */
  now: number;
}

export interface ReadAction {
  name: string;
  /** What `help_show` answers for it: this catalogue's own words, not CKAN's docstring. */
  help: string;
  result: (params: Params, context: ActionContext) => string;
}

export const readActions: readonly ReadAction[] = [
  { name: 'package_list', help: 'The names of the datasets, sorted. Parameters: limit, offset.', result: packageList },
  { name: 'package_show', help: 'A dataset, by id or name (id or name_or_id).', result: packageShow },
  {
    name: 'package_search',
    help: 'Searches the datasets. Parameters: q, fq, fq_list, sort, rows (at most 1000), start, facet, facet.field, facet.limit, facet.mincount, fl, include_private, include_drafts, include_deleted, defType (dismax or lucene).',
    result: (params, { index, now }) => packageSearchJson(params, index, now),
  },
  { name: 'current_package_list_with_resources', help: 'The datasets with their resources, most recently modified first. Parameters: limit (10), offset, page.', result: currentPackageList },
  { name: 'resource_show', help: 'A resource, by id.', result: resourceShow },
  { name: 'package_autocomplete', help: 'Datasets whose name or title contains q. Parameters: q, limit (10).', result: packageAutocomplete },
  { name: 'organization_list', help: 'The organizations (teams). Parameters: all_fields, sort, q, organizations, limit, offset, include_*.', result: (params, context) => groupList(params, context, true) },
  { name: 'organization_show', help: 'An organization (team), by id or name. Parameters: include_datasets, include_dataset_count, include_extras, include_tags, include_groups, include_users, include_member_count.', result: (params, context) => groupShow(params, context, true) },
  { name: 'group_list', help: 'The groups (topics). Parameters: all_fields, sort, q, groups, limit, offset, include_*.', result: (params, context) => groupList(params, context, false) },
  { name: 'group_show', help: 'A group (topic), by id or name. Parameters: include_datasets, include_dataset_count, include_extras, include_tags, include_groups, include_users, include_member_count.', result: (params, context) => groupShow(params, context, false) },
  { name: 'tag_list', help: 'The tags on datasets. Parameters: q (or query), all_fields, limit, offset.', result: tagList },
  { name: 'tag_show', help: 'A tag, by name or id. Parameters: include_datasets.', result: tagShow },
  { name: 'license_list', help: 'The licences datasets may have.', result: licenseList },
  { name: 'status_show', help: 'The site and the CKAN version it answers as.', result: statusShow },
  { name: 'site_read', help: 'Whether the site may be read: true.', result: siteRead },
  { name: 'help_show', help: 'What an action of this API does. Parameter: name.', result: (params) => helpShow(params) },
];

export const readActionByName: ReadonlyMap<string, ReadAction> = new Map(readActions.map((action) => [action.name, action]));

function helpShow(params: Params): string {
  const name = params.name;
  if (name === undefined || name === null) throw invalidFields({ name: ['Missing value'] });
  const action = readActionByName.get(String(name));
  if (!action) throw notFound('Action function not found');
  return jsonText(action.help);
}

/** An action that would change the catalogue (CKAN's create, update, patch, delete, purge, …). */
export function isWriteAction(name: string): boolean {
  return /_(create|update|patch|delete|purge|revise|upsert|reorder|invite|clear)$/.test(name) || /^(follow|unfollow|bulk_update|send_email|dashboard_mark|member_create|job_|api_token_)/.test(name);
}
