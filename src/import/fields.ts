// Loose source values made into the values content/ accepts: text trimmed, tags one line each,
// e-mail addresses and URLs checked, and a finished dataset checked against the loader's schema.
import { datasetSchema, isHttpUrl } from '../catalogue/schema.ts';

/** Text from a string or number, trimmed; null for anything else or nothing. */
export function cleanText(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

export function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const emailPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
export const isEmail = (value: string) => emailPattern.test(value);
export { isHttpUrl };

/** Tags as the schema takes them (one line, at most 100 characters), each once; what was dropped is returned too. */
export function cleanTags(values: unknown[]): { tags: string[]; dropped: string[] } {
  const tags: string[] = [];
  const dropped: string[] = [];
  for (const value of values) {
    const tag = cleanText(value)?.replace(/\s+/g, ' ');
    if (!tag) continue;
    if (tag.length > 100) {
      dropped.push(tag);
      continue;
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return { tags, dropped };
}

/** A format the schema takes (a word of at most 20 characters), or null. */
export function cleanFormat(value: unknown): string | null {
  const format = cleanText(value);
  return format && format.length <= 20 ? format : null;
}

/** Why the loader would refuse these fields, in one line; null when it accepts them. */
export function schemaProblem(fields: Record<string, unknown>): string | null {
  const result = datasetSchema.safeParse(fields);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
  return `${where || 'front matter'}: ${issue.message}`;
}

/** Leaves out empty values, so files hold only what the source said. */
export function compact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0) && !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)),
  );
}
