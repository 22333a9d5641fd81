// Parses YAML keeping where each value was written, so that a problem points at its line.
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

/**
 * Parses `text`, which starts at line `firstLine` of its file (front matter starts after `---`).
 * YAML 1.2 core schema: `2025-01-15` stays a string, so dates are checked by the schema, not guessed.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource | YamlSyntaxProblem[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  if (document.errors.length > 0) {
    return document.errors.map((error) => ({
      line: lineCounter.linePos(error.pos[0]).line + firstLine - 1,
      message: describeYamlError(error.code, error.message),
    }));
  }
  const data = document.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    data,
    lineOf(path) {
      const offset = nodeOffset(document, path);
      return lineCounter.linePos(offset).line + firstLine - 1;
    },
  };
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
