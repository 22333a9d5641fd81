// What a publisher reads when content is wrong: every problem is data (file, line, field,
// message, hint), collected for the whole run and rendered in one place.
import path from 'node:path';

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  severity: Severity;
  /** Stable name, e.g. `unknown-reference`, for docs and tests. */
  code: ProblemCode;
  /** Absolute path of the file at fault. */
  file: string;
  /** 1-based line in that file, when known. */
  line: number | null;
  /** Path of the field, e.g. `resources[0].url`, when the problem is in one field. */
  field: string | null;
  message: string;
  /** What to do about it: every problem has one, or the publisher is left to guess. */
  hint: string;
}

/** A problem as the loader reports it: where it is, when known, what it is and what to do. */
type NewProblem = Omit<ContentProblem, 'severity' | 'line' | 'field'> & Partial<Pick<ContentProblem, 'line' | 'field'>>;

export const problemCodes = {
  'missing-file': 'A required content file is missing',
  'unreadable-file': 'A content file cannot be read as text',
  'invalid-yaml': 'The YAML is not valid',
  'missing-front-matter': 'A dataset file has no front matter',
  'invalid-field': 'A field has a wrong value',
  'duplicate-id': 'An id is used twice',
  'unknown-reference': 'A reference names something that is not defined',
  'id-mismatch': "A dataset's id differs from its file name",
  'bad-file-path': 'A resource file is outside content/ or missing',
  'git-history': 'Dates could not be taken from Git history',
  'stale-updated-at': "A dataset's updatedAt is earlier than one of its files",
} as const;

export type ProblemCode = keyof typeof problemCodes;

/** Collects the problems of one run, so that all of them are reported together. */
export class ProblemList {
  readonly items: ContentProblem[] = [];

  error(problem: NewProblem): void {
    this.items.push({ severity: 'error', line: null, field: null, ...problem });
  }

  warning(problem: NewProblem): void {
    this.items.push({ severity: 'warning', line: null, field: null, ...problem });
  }

  get errors(): ContentProblem[] {
    return this.items.filter((problem) => problem.severity === 'error');
  }

  get warnings(): ContentProblem[] {
    return this.items.filter((problem) => problem.severity === 'warning');
  }
}

/** Thrown by the loader when content has errors; the CLI prints `problems` and exits 1. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(`${problems.filter((problem) => problem.severity === 'error').length} problem(s) in the content`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Problems in file order, then line, so a publisher reads them top to bottom. */
export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.field ?? '').localeCompare(b.field ?? '') || a.message.localeCompare(b.message),
  );
}

/** `content/datasets/foi.md:12 topics[1]: 'x' is not a topic … ` plus the hint on the next line. */
export function formatProblem(problem: ContentProblem, cwd = process.cwd()): string {
  const where = `${displayPath(problem.file, cwd)}${problem.line ? `:${problem.line}` : ''}`;
  const field = problem.field ? ` ${problem.field}` : '';
  const label = problem.severity === 'warning' ? 'warning: ' : '';
  const head = `${where}${field}: ${label}${problem.message}`;
  return `${head}\n  hint: ${problem.hint}`;
}

/** A field's path as a publisher reads it: `resources[0].file`, `custom.unit`. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** GitHub Actions workflow command, so the problem shows on the pull request's diff. */
export function formatAnnotation(problem: ContentProblem, cwd = process.cwd()): string {
  const properties = [`file=${escapeProperty(displayPath(problem.file, cwd))}`];
  if (problem.line) properties.push(`line=${problem.line}`);
  properties.push(`title=${escapeProperty(problemCodes[problem.code])}`);
  const message = `${problem.field ? `${problem.field}: ` : ''}${problem.message} (${problem.hint})`;
  return `::${problem.severity} ${properties.join(',')}::${escapeData(message)}`;
}

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
