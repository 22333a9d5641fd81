// The text of an imported dataset file, the same for the same data: fields in the schema's order,
// block YAML without folding, the description as the Markdown body.
import jsYaml from 'js-yaml';
import { stringify } from 'yaml';

const datasetKeys = ['id', 'name', 'ckanId', 'title', 'team', 'masthead', 'tags', 'topics', 'licence', 'contact', 'nextReviewDate', 'spatial', 'sharing', 'custom', 'createdAt', 'updatedAt', 'resources', 'links', 'relationships'];
const nestedKeys: Record<string, string[]> = {
  contact: ['title', 'email', 'url'],
  resources: ['id', 'ckanId', 'title', 'url', 'file', 'format', 'mediaType', 'description', 'timeFrameFrom', 'timeFrameTo'],
  links: ['id', 'title', 'url', 'description'],
  relationships: ['type', 'dataset', 'comment'],
  spatial: ['uri', 'label', 'bbox', 'centroid'],
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `value`'s keys in `order`, then any others sorted; undefined values left out. */
function ordered(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  keys.sort((a, b) => rank(a) - rank(b) || byText(a, b));
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The front matter in its written order: the schema's order at every level, custom fields sorted. */
export function orderedFields(fields: Record<string, unknown>): Record<string, unknown> {
  const top = ordered(fields, datasetKeys);
  for (const [key, value] of Object.entries(top)) {
    const order = nestedKeys[key];
    if (key === 'custom' && isRecord(value)) top[key] = ordered(value, []);
    else if (order && Array.isArray(value)) top[key] = value.map((item) => (isRecord(item) ? ordered(item, order) : item));
    else if (order && isRecord(value)) top[key] = ordered(value, order);
  }
  return top;
}

export function datasetFileText(fields: Record<string, unknown>, body: string): string {
  const yaml = stringify(orderedFields(fields), { lineWidth: 0, version: '1.2', indentSeq: true, aliasDuplicateObjects: false });
  const description = body.trim();
  return `---\n${yaml}---\n${description ? `\n${description}\n` : ''}`;
}

export interface DatasetFileContent {
  fields: Record<string, unknown>;
  body: string;
}

/** A dataset file read back as the loader reads it (YAML 1.2 core schema); null when it cannot be. */
export function readDatasetFileText(text: string): DatasetFileContent | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalised.startsWith('---\n')) return null;
  const end = /\n---[ \t]*(\n|$)/.exec(normalised.slice(3));
  if (!end) return null;
  const matterText = normalised.slice(4, 3 + end.index + 1);
  try {
    const fields = jsYaml.load(matterText, { schema: jsYaml.CORE_SCHEMA }) ?? {};
    if (!isRecord(fields)) return null;
    return { fields, body: normalised.slice(3 + end.index + end[0].length).trim() };
  } catch {
    return null;
  }
}

/** Equality of plain data, whatever the key order. */
export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (isRecord(item) ? Object.fromEntries(Object.keys(item).sort(byText).map((key) => [key, item[key]])) : item)) ?? 'undefined';
}
