// JSON text of answers built from pieces already serialised (the package dicts of the index) and
// from ordered entries: a JavaScript object would put keys that look like numbers first (a facet
// value `2023`), so ordered answers are written from `[key, json]` pairs. Every value goes through
// the build's one serialiser (`jsonText`), so answers match the static files byte for byte.
import { jsonText } from '../outputs/json-text.ts';

export { jsonText };

/** `{"key":<json>,…}` from entries whose values are JSON text already, in the order given. */
export function jsonObjectOf(entries: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [key, json] of entries) parts.push(`${jsonText(key)}:${json}`);
  return `{${parts.join(',')}}`;
}

/** `[<json>,…]` from items that are JSON text already. */
export function jsonArrayOf(items: readonly string[]): string {
  return `[${items.join(',')}]`;
}
