// Parses YAML keeping where each value was written, so that a problem points at its line.
// The fast parser (js-yaml) reads every file; the positional one (yaml) runs only when a
// problem needs a line number, since it is ten times slower and most files have none.
import jsYaml from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  /** The plain value (objects, arrays, strings, numbers, booleans, null). */
  data: unknown;
  /** 1-based line of the value at `path` in the whole file; the nearest written parent otherwise. */
  lineOf(path: FieldPath): number;
}

export interface YamlSyntaxProblem {
  line: number;
  message: string;
}

// An alias (`*name`) can multiply a small file into a huge value: such files take the parser
// that limits expansion.
const aliasPattern = /(^|[\s[{,:-])\*[^\s,\]}]/m;

/**
 * Parses `text`, which starts at line `firstLine` of its file (front matter starts after `---`).
 * YAML 1.2 core schema: `2025-01-15` stays a string, so dates are checked by the schema, not guessed.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource | YamlSyntaxProblem[] {
  if (!aliasPattern.test(text)) {
    try {
      const data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
      let positions: Positions | null = null;
      return {
        data,
        lineOf(path) {
          try {
            positions ??= new Positions(text, firstLine);
            return positions.lineOf(path);
          } catch {
            return firstLine;
          }
        },
      };
    } catch (error) {
      let precise: Positions;
      try {
        precise = new Positions(text, firstLine);
      } catch {
        return [{ line: firstLine, message: 'is nested too deeply to read' }];
      }
      if (precise.errors.length > 0) return precise.errors;
      const mark = (error as { mark?: { line: number } }).mark;
      return [{ line: (mark?.line ?? 0) + firstLine, message: (error as { reason?: string }).reason ?? 'not valid YAML' }];
    }
  }
  let positions: Positions;
  try {
    positions = new Positions(text, firstLine);
  } catch {
    return [{ line: firstLine, message: 'is nested too deeply to read' }];
  }
  if (positions.errors.length > 0) return positions.errors;
  let data: unknown;
  try {
    data = positions.document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    return [{ line: firstLine, message: 'uses aliases (*name) that expand too far' }];
  }
  return { data, lineOf: (path) => positions.lineOf(path) };
}

class Positions {
  readonly document: Document;
  readonly errors: YamlSyntaxProblem[];
  private readonly lineCounter = new LineCounter();

  constructor(
    text: string,
    private readonly firstLine: number,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
    this.errors = this.document.errors.map((error) => ({
      line: this.lineCounter.linePos(error.pos[0]).line + firstLine - 1,
      message: describeYamlError(error.code, error.message),
    }));
  }

  lineOf(path: FieldPath): number {
    return this.lineCounter.linePos(nodeOffset(this.document, path)).line + this.firstLine - 1;
  }
}

function nodeOffset(document: Document, path: FieldPath): number {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      const keyRange = (pair.key as Node).range;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
      const valueRange = (node as Node | null)?.range;
      // A value on the key's line is reported on that line; a block below it on its own first line.
      if (valueRange && isScalar(node)) offset = valueRange[0];
    } else if (isSeq(node)) {
      const item = node.items[Number(key)];
      if (item === undefined) break;
      node = item;
      const range = (item as Node).range;
      if (range) offset = range[0];
    } else {
      break;
    }
  }
  return offset;
}

function describeYamlError(code: string, message: string): string {
  if (/call stack/i.test(message)) return 'is nested too deeply to read';
  const firstLine = message.split('\n')[0] ?? message;
  const clean = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'TAB_AS_INDENT':
      return `${clean} (YAML indents with spaces, never tabs)`;
    case 'DUPLICATE_KEY':
      return `${clean} (each field may appear only once)`;
    default:
      return clean;
  }
}
