// Reads one content file (YAML, or Markdown with front matter) and checks it against its schema,
// turning every failure into a problem that points at the file, line and field.
import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import type { z } from 'zod';
import { closest } from './closest.ts';
import type { ProblemList } from './errors.ts';
import { parseYamlSource, type FieldPath, type YamlSource } from './yaml-source.ts';

export interface Parsed<T> {
  value: T;
  source: YamlSource;
  file: string;
}

export interface ParsedDataset<T> extends Parsed<T> {
  body: string;
}

/** Reads a file as UTF-8 text, or reports why it is not text. */
async function readText(file: string, problems: ProblemList): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    problems.error({ code: 'unreadable-file', file, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, hint: 'Check that the file exists and is readable.' });
    return null;
  }
  if (bytes.includes(0)) {
    problems.error({ code: 'unreadable-file', file, message: 'is a binary file, not text', hint: 'Content files are UTF-8 text (YAML or Markdown); put data files in a dataset folder and list them under resources.' });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.error({ code: 'unreadable-file', file, message: 'is not valid UTF-8 text', hint: 'Save the file with UTF-8 encoding.' });
    return null;
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** A YAML file checked against `schema`; null when it has errors (already reported). */
export async function readYamlFile<S extends z.ZodType>(file: string, schema: S, what: string, problems: ProblemList): Promise<Parsed<z.output<S>> | null> {
  const text = await readText(file, problems);
  if (text === null) return null;
  if (text.trim() === '') {
    problems.error({ code: 'invalid-yaml', file, line: 1, message: `is empty`, hint: `Write the ${what} here, or delete the file.` });
    return null;
  }
  return checkYaml(text, 1, file, schema, what, problems);
}

/** A Markdown file whose front matter is checked against `schema`. */
export async function readMarkdownFile<S extends z.ZodType>(file: string, schema: S, what: string, problems: ProblemList): Promise<ParsedDataset<z.output<S>> | null> {
  const text = await readText(file, problems);
  if (text === null) return null;
  if (!text.startsWith('---\n')) {
    problems.error({
      code: 'missing-front-matter',
      file,
      line: 1,
      message: text.trim() === '' ? 'is empty' : 'does not start with front matter',
      hint: `A ${what} file starts with a line '---', its fields in YAML, and another '---'; then the description in Markdown. \`datashelf new\` writes one.`,
    });
    return null;
  }
  let split: { matter: string; content: string };
  try {
    // Our own engine keeps gray-matter from parsing (and caching) the YAML: we parse it with positions.
    split = matter(text, { engines: { yaml: () => ({}) } }) as unknown as { matter: string; content: string };
  } catch {
    problems.error({ code: 'missing-front-matter', file, line: 1, message: 'has front matter that does not end', hint: "Close the front matter with a line '---'." });
    return null;
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    problems.error({ code: 'missing-front-matter', file, line: 1, message: 'has front matter that does not end', hint: "Close the front matter with a line '---'." });
    return null;
  }
  // Front matter starts on line 2, after the opening '---'.
  const parsed = checkYaml(split.matter.replace(/^\n/, ''), 2, file, schema, what, problems);
  return parsed && { ...parsed, body: split.content.replace(/^\n+/, '') };
}

function checkYaml<S extends z.ZodType>(text: string, firstLine: number, file: string, schema: S, what: string, problems: ProblemList): Parsed<z.output<S>> | null {
  const source = parseYamlSource(text, firstLine);
  if (Array.isArray(source)) {
    for (const problem of source) {
      problems.error({ code: 'invalid-yaml', file, line: problem.line, message: `invalid YAML: ${problem.message}`, hint: 'Fix the YAML syntax at this line; values with a colon, # or quotes are safest in quotes.' });
    }
    return null;
  }
  const result = schema.safeParse(source.data ?? undefined);
  if (!result.success) {
    for (const issue of result.error.issues) reportIssue(issue, schema, source, file, what, problems);
    return null;
  }
  return { value: result.data, source, file };
}

type Issue = z.core.$ZodIssue;

function reportIssue(issue: Issue, schema: z.ZodType, source: YamlSource, file: string, what: string, problems: ProblemList): void {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
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
  const value = valueAt(source.data, path);
  const missing = value === undefined && issue.code !== 'custom';
  const key = path[path.length - 1];
  const owner = path.length > 1 ? fieldName(path.slice(0, -1)) : `the ${what}`;
  problems.error({
    code: 'invalid-field',
    file,
    line: source.lineOf(path),
    field: path.length > 0 ? fieldName(path) : null,
    message: missing ? (path.length > 0 ? 'is required' : `is empty: it should hold the ${what}`) : describeIssue(issue, value),
    hint: missing && path.length > 0 ? `Add '${String(key)}' to ${owner}.` : null,
  });
}

function describeIssue(issue: Issue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    const expected = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a set of fields' }[issue.expected as string] ?? issue.expected;
    return `must be ${expected}, not ${describeValue(value)}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((item) => `'${String(item)}'`).join(', ')}, not ${describeValue(value)}`;
  }
  if (issue.code === 'invalid_union') {
    const inner = issue.errors.flat().find((nested) => nested.code !== 'invalid_type');
    if (inner) return inner.message;
    const expected = [...new Set(issue.errors.flat().map((nested) => (nested.code === 'invalid_type' ? nested.expected : '')))].filter(Boolean);
    const words: Record<string, string> = { string: 'text', array: 'a list', number: 'a number', boolean: 'true or false', object: 'a set of fields' };
    return `must be ${expected.map((type) => words[type] ?? type).join(' or ')}, not ${describeValue(value)}`;
  }
  if (issue.code === 'custom') return issue.message;
  const shown = typeof value === 'string' ? ` (got '${value.length > 60 ? `${value.slice(0, 57)}...` : value}')` : '';
  return `${issue.message}${shown}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return `text '${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  return `${typeof value === 'boolean' ? '' : 'the number '}${String(value)}`;
}

/** The field names the schema allows at `path`, to suggest the one a publisher meant. */
function fieldsAt(schema: z.ZodType, path: FieldPath): string[] | null {
  let node: unknown = schema;
  const unwrap = (candidate: unknown): unknown => {
    let current = candidate as { def?: Record<string, unknown> } | undefined;
    for (let depth = 0; depth < 10 && current?.def; depth++) {
      const def = current.def;
      const next = def.innerType ?? def.out ?? (def.type === 'pipe' ? def.in : undefined);
      if (def.type === 'object' || def.type === 'array' || !next) break;
      current = next as typeof current;
    }
    return current;
  };
  node = unwrap(node);
  for (const key of path) {
    const def = (node as { def?: Record<string, unknown> }).def;
    if (def?.type === 'array' && typeof key === 'number') node = unwrap(def.element);
    else if (def?.type === 'object' && typeof key === 'string') node = unwrap((def.shape as Record<string, unknown>)[key]);
    else return null;
  }
  const def = (node as { def?: Record<string, unknown> } | undefined)?.def;
  return def?.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : null;
}

export function fieldName(path: FieldPath): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
