// The two orders CKAN's answers are emitted in, in one module without dependencies, so the build's
// writers and the request handler (src/ckan-handler/, which must run where Node.js does not) share
// them: code-unit text order, and the place CKAN's dictization gives lists in a dict.

/** Code-unit order: what CKAN's sorts give under a C locale, and the same on every machine. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * CKAN's validation rebuilds a dict sorted by flattened key: non-empty lists of dicts come after
 * the scalars, alphabetically; empty lists are put back last, in the order they were created.
 */
export function ckanListOrder<T extends Record<string, unknown[]>>(lists: T): T {
  const names = Object.keys(lists) as (keyof T & string)[];
  const ordered = [...names.filter((name) => lists[name]!.length > 0).sort(byText), ...names.filter((name) => lists[name]!.length === 0)];
  return Object.fromEntries(ordered.map((name) => [name, lists[name]])) as unknown as T;
}
