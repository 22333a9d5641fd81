// A schema's issues as problems a publisher can act on: the field's path and line, a plain sentence
// in place of the schema library's wording ("Too big: expected string to have <=20 characters"),
// and a hint: the check's own, else the field's (registered in schema.ts), else one for the kind
// of mistake.
import type { z } from 'zod';
import { closest } from './closest.ts';
import { fieldName, type ProblemList } from './errors.ts';
import { fieldHints } from './schema.ts';
import type { FieldPath, YamlSource } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

export interface IssueSource {
  schema: z.ZodType;
  source: YamlSource;
  file: string;
  /** What the file holds, for messages about it as a whole: `dataset`, `list of topics`. */
  what: string;
  problems: ProblemList;
}

/**
 * For `safeParse(…, { error })`: a check the schema does not word itself gets this instead of
 * the library's English. The issues worded here from their data (types, sizes, choices) ignore it.
 */
export const unwordedIssue = (): string => 'is not written in a form this field takes';

export function reportSchemaIssues(issues: readonly Issue[], where: IssueSource): void {
  for (const issue of issues) reportIssue(issue, [], where);
}

function reportIssue(issue: Issue, base: FieldPath, where: IssueSource): void {
  const { schema, source, file, what, problems } = where;
  const path = [...base, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')];
  if (issue.code === 'unrecognized_keys') {
    const allowed = fieldsAt(schema, path);
    for (const key of issue.keys) {
      const suggestion = allowed ? closest(key, allowed) : null;
      problems.error({
        code: 'invalid-field',
        file,
        line: source.lineOf([...path, key]),
        field: fieldName([...path, key]),
        message: `'${key}' is not a field here${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        hint: allowed ? `Fields allowed here: ${allowed.join(', ')}.` : 'Remove it or correct its name.',
      });
    }
    return;
  }
  if (issue.code === 'invalid_union') {
    // The alternative that got furthest into the value says what is wrong with it: a tag that is
    // too long, not "must be text or a list".
    const inner = issue.errors.flat().find((nested) => nested.code !== 'invalid_type' || nested.path.length > 0);
    if (inner) return reportIssue(inner, path, where);
  }
  const value = valueAt(source.data, path);
  const missing = value === undefined && issue.code !== 'custom';
  const key = path[path.length - 1];
  const owner = path.length > 1 ? fieldName(path.slice(0, -1)) : `the ${what}`;
  const field = path.length > 0 ? fieldName(path) : null;
  if (missing) {
    problems.error({
      code: 'invalid-field',
      file,
      line: source.lineOf(path),
      field,
      message: path.length > 0 ? 'is required' : `is empty: it should hold the ${what}`,
      hint: path.length > 0 ? `Add '${String(key)}' to ${owner}.` : (hintAt(schema, []) ?? `Write the ${what} here.`),
    });
    return;
  }
  problems.error({
    code: 'invalid-field',
    file,
    line: source.lineOf(path),
    field,
    message: describeIssue(issue, value),
    // A value of the wrong kind (a set of fields for tags) is not helped by how one tag is written.
    hint: ownHint(issue) ?? hintAt(schema, path, { intoAlternatives: issue.code !== 'invalid_type' && issue.code !== 'invalid_union' }) ?? kindHint(issue, value),
  });
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  record: 'a set of fields',
  map: 'a set of fields',
};

function describeIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === null ? 'is empty' : `must be ${typeWords[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((item) => `'${String(item)}'`).join(', ')}, not ${describeValue(value)}`;
    case 'invalid_union': {
      const expected = [...new Set(issue.errors.flat().map((nested) => (nested.code === 'invalid_type' ? (typeWords[nested.expected] ?? nested.expected) : '')))].filter(Boolean);
      return `must be ${expected.join(' or ')}, not ${describeValue(value)}`;
    }
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'must not be an empty list' : `must have at least ${issue.minimum} items`;
      return `must be at least ${issue.minimum}`;
    case 'invalid_format':
      return `${issue.message}${typeof value === 'string' ? ` (got '${value.length > 60 ? `${value.slice(0, 57)}...` : value}')` : ''}`;
    case 'custom':
      return issue.message;
    default:
      return unwordedIssue();
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return `text '${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  return `${typeof value === 'boolean' ? '' : 'the number '}${String(value)}`;
}

/** A check may carry the hint for its own problem (a date that does not exist). */
function ownHint(issue: Issue): string | null {
  const hint = issue.code === 'custom' ? (issue.params as { hint?: unknown } | undefined)?.hint : undefined;
  return typeof hint === 'string' ? hint : null;
}

/** What to do about a kind of mistake, when neither the check nor the field says more. */
function kindHint(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === null) return 'Write a value after the colon, or remove the line if the field is optional.';
      if (issue.expected === 'array') return "Write a list: one item per line starting with '- ', or [a, b] on one line.";
      if (issue.expected === 'object' || issue.expected === 'record' || issue.expected === 'map') return 'Write its fields on the lines below it, indented, each as name: value.';
      if (issue.expected === 'boolean') return 'Write true or false.';
      return 'Write it as text; put it in quotes if YAML would read it as something else, e.g. "yes" or "[draft]".';
    case 'invalid_union':
      return "Write it as text, or as a list: [a, b] or one item per line starting with '- '.";
    case 'invalid_value':
      return 'Use one of the values listed.';
    case 'too_big':
      if (issue.origin === 'number') return `Write a number no greater than ${issue.maximum}.`;
      return issue.origin === 'array' ? 'Remove items from the list.' : `Shorten it to ${issue.maximum} characters or fewer.`;
    case 'too_small':
      return 'Write a value, or remove the line if the field is optional.';
    default:
      return 'Correct the value as the message says, or remove the line if the field is optional.';
  }
}

// Walking the schema along a field path, to find the field's hint or the fields allowed beside it.
// Zod keeps a schema's parts in `def`: wrappers (optional, default, pipe) around the field itself.

interface Def {
  type: string;
  [part: string]: unknown;
}

const defOf = (schema: unknown): Def | undefined => (schema as { def?: Def } | undefined)?.def;

/**
 * The schema and what it wraps (optional, default, the checked side of a pipe, and unless told
 * otherwise a union's alternatives), outermost first.
 */
function layers(schema: unknown, intoAlternatives = true): unknown[] {
  const found: unknown[] = [];
  let current: unknown = schema;
  for (let depth = 0; depth < 20 && current; depth++) {
    found.push(current);
    const def = defOf(current);
    if (!def) break;
    if (def.type === 'union') {
      if (intoAlternatives) for (const option of def.options as unknown[]) found.push(...layers(option));
      break;
    }
    if (def.type === 'pipe') current = defOf(def.in)?.type === 'transform' ? def.out : def.in;
    else current = def.innerType;
  }
  return found;
}

function childOf(schema: unknown, key: string | number): unknown {
  for (const layer of layers(schema)) {
    const def = defOf(layer);
    if (def?.type === 'object' && typeof key === 'string' && Object.hasOwn(def.shape as object, key)) return (def.shape as Record<string, unknown>)[key];
    if (def?.type === 'array' && typeof key === 'number') return def.element;
    if (def?.type === 'tuple' && typeof key === 'number') return (def.items as unknown[])[key];
    if ((def?.type === 'record' || def?.type === 'map') && typeof key === 'string') return def.valueType;
  }
  return undefined;
}

function schemaAt(schema: unknown, path: FieldPath): unknown {
  let node = schema;
  for (const key of path) {
    node = childOf(node, key);
    if (node === undefined) return undefined;
  }
  return node;
}

/** The hint registered for the field at `path`. */
export function hintAt(schema: z.ZodType, path: FieldPath, { intoAlternatives = true } = {}): string | null {
  const node = schemaAt(schema, path);
  for (const layer of node === undefined ? [] : layers(node, intoAlternatives)) {
    const hint = fieldHints.get(layer as z.ZodType)?.hint;
    if (hint) return hint;
  }
  return null;
}

/** The field names the schema allows at `path`, to suggest the one a publisher meant. */
function fieldsAt(schema: z.ZodType, path: FieldPath): string[] | null {
  const node = schemaAt(schema, path);
  const object = node === undefined ? undefined : layers(node).map(defOf).find((def) => def?.type === 'object');
  return object ? Object.keys(object.shape as object) : null;
}

/** The value written at `path`; own keys only, so `constructor` is not found on every object. */
function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
