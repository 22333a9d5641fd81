// An organization or group dict as `organization_show`/`group_show` shape it for their `include_*`
// options (`ckan/logic/action/get.py _group_or_org_show`, `model_dictize.group_dictize`), from the
// default dict the index holds: scalars in alphabetical order (CKAN's validation rebuilds the
// dict), then the lists in CKAN's list order (`ckanListOrder`: non-empty ones alphabetically, then
// the empty ones as created).
import { byText, ckanListOrder } from '../outputs/ckan/order.ts';
import { jsonArrayOf, jsonObjectOf, jsonText } from './json.ts';
import type { GroupDict } from './prepared-index.ts';

export interface GroupDictOptions {
  /** The datasets' package dicts (JSON text), when `include_datasets`. */
  datasets: readonly string[] | null;
  /** `package_count`: with `include_datasets` or `include_dataset_count`. */
  packageCount: number | null;
  extras: boolean;
  tags: boolean;
  groups: boolean;
  users: boolean;
  memberCount: boolean;
}

const lists = ['extras', 'tags', 'groups', 'users', 'packages'] as const;

export function groupDictJson(stored: GroupDict, options: GroupDictOptions): string {
  const scalars: [string, string][] = Object.entries(stored)
    .filter(([key]) => !(lists as readonly string[]).includes(key) && key !== 'package_count')
    .map(([key, value]) => [key, jsonText(value)]);
  if (options.packageCount !== null) scalars.push(['package_count', String(options.packageCount)]);
  if (options.memberCount) scalars.push(['member_count', '0']);
  scalars.sort(([a], [b]) => byText(a, b));
  // No extras, tags, sub-groups or members here: those lists are empty when asked for.
  const wanted: Record<string, string[]> = {};
  if (options.extras) wanted.extras = [];
  if (options.datasets) wanted.packages = [...options.datasets];
  if (options.tags) wanted.tags = [];
  if (options.groups) wanted.groups = [];
  if (options.users) wanted.users = [];
  const ordered = Object.entries(ckanListOrder(wanted)).map(([key, items]) => [key, jsonArrayOf(items)] as [string, string]);
  return jsonObjectOf([...scalars, ...ordered]);
}
