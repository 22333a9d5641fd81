// Reads one content file (YAML, or Markdown with front matter) and checks it against its schema,
// turning every failure into a problem that points at the file, line and field.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type matterType from 'gray-matter';
import type { z } from 'zod';
import { detachedString, detachStrings } from './detached.ts';
import type { ProblemList } from './errors.ts';
import { reportSchemaIssues, unwordedIssue } from './schema-issues.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';
import { onFirstUse } from '../util/on-first-use.ts';

/** Only for a file changed, since it was read, into one that does not start with `---` (rare). */
const grayMatter = onFirstUse<typeof matterType>('gray-matter');

export interface Parsed<T> {
  value: T;
  source: YamlSource;
  file: string;
}

export interface ParsedDataset<T> extends Parsed<T> {
  body: string;
}

/**
 * Earlier checks of the same text (the build's cache, src/build/load-memo.ts): parsing the YAML and
 * checking it against its schema is most of loading an unchanged file. Only texts that passed are
 * kept, by a hash of the text, where it starts and what it is; a text that fails is checked (and
 * reported) every time. The cache is dropped whenever datashelf's code, the schema's included, changes.
 */
export interface CheckMemo {
  /** `file`: whose text it is, so that a dataset kept whole keeps its checked text too. */
  /** `keyOf`: the text's key (a hash of it), asked only when the memo may find or keep it. */
  checked(keyOf: () => string, check: () => unknown, file: string): unknown;
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
  const text = decodeText(bytes);
  if (text === 'binary') {
    problems.error({ code: 'unreadable-file', file, message: 'is a binary file, not text', hint: 'Content files are UTF-8 text (YAML or Markdown); put data files in a dataset folder and list them under resources.' });
    return null;
  }
  if (text === 'not utf-8') {
    problems.error({ code: 'unreadable-file', file, message: 'is not valid UTF-8 text', hint: 'Save the file with UTF-8 encoding.' });
    return null;
  }
  return text;
}

/** A content file's text (its byte-order mark dropped, its line breaks `\n`), or why its bytes are not text. */
export function decodeText(bytes: Buffer): string | 'binary' | 'not utf-8' {
  if (bytes.includes(0)) return 'binary';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not utf-8';
  }
  return normalisedText(text);
}

function normalisedText(text: string): string {
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
  const parsed = checkYaml(text, 1, file, schema, what, problems);
  return parsed && { ...parsed, value: detachStrings(parsed.value) };
}

/** A Markdown file whose front matter is checked against `schema`. */
export async function readMarkdownFile<S extends z.ZodType>(file: string, schema: S, what: string, problems: ProblemList, memo?: CheckMemo): Promise<ParsedDataset<z.output<S>> | null> {
  const text = await readText(file, problems);
  if (text === null) return null;
  const cut = cutMarkdown(text);
  if (cut === 'missing') {
    problems.error({
      code: 'missing-front-matter',
      file,
      line: 1,
      message: text.trim() === '' ? 'is empty' : 'does not start with front matter',
      hint: `A ${what} file starts with a line '---', its fields in YAML, and another '---'; then the description in Markdown. \`datashelf new\` writes one.`,
    });
    return null;
  }
  if (cut === 'unclosed') {
    problems.error({ code: 'missing-front-matter', file, line: 1, message: 'has front matter that does not end', hint: "Close the front matter with a line '---'." });
    return null;
  }
  // Front matter starts on line 2, after the opening '---'.
  const matterText = cut.matter.replace(/^\n/, '');
  const value = memo ? checkYamlOnce(matterText, 2, file, schema, what, problems, memo) : checkYaml(matterText, 2, file, schema, what, problems)?.value;
  if (value === undefined) return null;
  // Every dataset is held until all are resolved, and its values for the whole build: they keep
  // no part of the file's text (detached.ts), and its lines are found again only if a later check
  // reports a problem (rare), by reading the file again.
  return { value: detachStrings(value), source: sourceReadAgain(file), file, body: detachedString(cut.body) };
}

/** A Markdown file's text cut into its front matter and its description, or why it cannot be: no front matter, or front matter that does not end. */
export function cutMarkdown(text: string): { matter: string; body: string } | 'missing' | 'unclosed' {
  if (!text.startsWith('---\n')) return 'missing';
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) return 'unclosed';
  const split = splitFrontMatter(text);
  return { matter: split.matter, body: split.content.replace(/^\n+/, '') };
}

/**
 * A text that starts with `---\n` (the only ones read further) cut as gray-matter cut it (as this did until 2026-12, with an
 * engine that parsed nothing): its front matter up to the first line that starts with `---` (a
 * line `----` or `---x` too), then what follows, less one line break. gray-matter also made a Buffer
 * of each whole text and its options anew for every file; the test compares the two cuts.
 */
export function splitFrontMatter(text: string): { matter: string; content: string } {
  const rest = text.slice(3);
  const close = rest.indexOf('\n---');
  if (close === -1) return { matter: rest, content: '' };
  let content = rest.slice(close + 4);
  if (content[0] === '\r') content = content.slice(1);
  if (content[0] === '\n') content = content.slice(1);
  return { matter: rest.slice(0, close), content };
}

/** `checkYaml`'s value through the memo: a text checked before gives the same values. */
function checkYamlOnce<S extends z.ZodType>(text: string, firstLine: number, file: string, schema: S, what: string, problems: ProblemList, memo: CheckMemo): z.output<S> | undefined {
  const found = memo.checked(() => hash('sha256', `${what}\0${firstLine}\0${text}`), () => checkYaml(text, firstLine, file, schema, what, problems)?.value ?? null, file);
  return found === null ? undefined : (found as z.output<S>);
}

/** A dataset file's front matter, parsed again from the file the first time a problem needs its lines. */
export function sourceReadAgain(file: string): YamlSource {
  let parsed: YamlSource | null = null;
  const source = (): YamlSource => {
    if (parsed) return parsed;
    let again: YamlSource | { message: string } = { message: 'unreadable' };
    try {
      const text = normalisedText(readFileSync(file, 'utf8'));
      // Changed since into a text without front matter: cut as gray-matter cut every text before.
      const split = text.startsWith('---\n') ? splitFrontMatter(text) : (grayMatter()(text, { engines: { yaml: () => ({}) } }) as unknown as { matter: string });
      again = parseYamlSource(split.matter.replace(/^\n/, ''), 2);
    } catch {
      // Changed or removed since it was checked: its problems point at its first line.
    }
    parsed = 'lineOf' in again ? again : { data: undefined, lineOf: () => 1 };
    return parsed;
  };
  return {
    get data() {
      return source().data;
    },
    lineOf: (path) => source().lineOf(path),
  };
}

/** How many values each schema has checked in this process (`compiledAfter`). */
const checksOf = new WeakMap<z.ZodType, number>();

/**
 * Checks by a schema before zod compiles its objects' checks into code (its "fast path", made with
 * `new Function` the first time a schema checks a value, 40 ms of an edit's CPU at 10,000 datasets
 * for the lists, site and dataset schemas, each used once or twice then). The same values either
 * way; compiled, a check is about a sixth cheaper, which pays after some dozens: a full build's
 * 10,000 dataset files are checked compiled after their first 32.
 */
const compiledAfter = 32;

function checkYaml<S extends z.ZodType>(text: string, firstLine: number, file: string, schema: S, what: string, problems: ProblemList): Parsed<z.output<S>> | null {
  const source = parseYamlSource(text, firstLine);
  if ('message' in source) {
    problems.error({ code: 'invalid-yaml', file, line: source.line, message: source.message, hint: source.hint });
    return null;
  }
  const checks = (checksOf.get(schema) ?? 0) + 1;
  checksOf.set(schema, checks);
  const result = schema.safeParse(source.data ?? undefined, { error: unwordedIssue, jitless: checks <= compiledAfter });
  if (!result.success) {
    reportSchemaIssues(result.error.issues, { schema, source, file, what, problems });
    return null;
  }
  return { value: result.data, source, file };
}
