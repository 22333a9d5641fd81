// Which fields differ between two JSON values, by path: `resources[k93].title`, `tags`.
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject } from './read-build.ts';

export interface FieldChange {
  field: string;
  before: Json | undefined;
  after: Json | undefined;
}

const isObject = (value: Json | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Items that carry an `id` (resources, links, topics) are matched by it, so a reordering or one new file reads as such. */
const keyedById = (list: Json[]): Map<string, JsonObject> | null => {
  if (!list.every((item) => isObject(item) && typeof item.id === 'string')) return null;
  const byId = new Map((list as JsonObject[]).map((item) => [item.id as string, item]));
  return byId.size === list.length ? byId : null;
};

export function fieldChanges(before: Json | undefined, after: Json | undefined, field = ''): FieldChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], field ? `${field}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeItems = keyedById(before);
    const afterItems = keyedById(after);
    if (beforeItems && afterItems) {
      const ids = [...beforeItems.keys(), ...[...afterItems.keys()].filter((id) => !beforeItems.has(id))];
      const changes = ids.flatMap((id) => fieldChanges(beforeItems.get(id), afterItems.get(id), `${field}[${id}]`));
      const sameOrder = [...beforeItems.keys()].filter((id) => afterItems.has(id)).join('\n') === [...afterItems.keys()].filter((id) => beforeItems.has(id)).join('\n');
      return sameOrder ? changes : [...changes, { field: `${field} (order)`, before: [...beforeItems.keys()], after: [...afterItems.keys()] }];
    }
  }
  return [{ field, before, after }];
}

/** The top-level keys whose values differ: what a consumer of that output sees change. */
export function changedKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
  return keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
}
