// Parses YAML keeping where each value was written, so that a problem points at its line.
// The fast parser (js-yaml) reads every file; the positional one (yaml) runs only when a
// problem needs a line number, since it is ten times slower and most files have none.
import jsYaml from 'js-yaml';
import type { Document, Node } from 'yaml';
import { onFirstUse } from '../util/on-first-use.ts';
import { aliasesTooLarge, explainFastParserError, explainYamlError, nestedTooDeeply, unknownAlias, type YamlSyntaxProblem } from './yaml-errors.ts';

export type { YamlSyntaxProblem };

/** The positional parser: only when a file has a problem to point at, or aliases. */
const positionalYaml = onFirstUse<typeof import('yaml')>('yaml');

export type FieldPath = readonly (string | number)[];

export interface YamlSource {
  /**
   * The plain value (objects, arrays, strings, numbers, booleans, null). Both parsers keep a
   * `__proto__` key as an own property, as written, so the schema sees it like any other key.
   */
  data: unknown;
  /** 1-based line of the value at `path` in the whole file; the nearest written parent otherwise. */
  lineOf(path: FieldPath): number;
}

// An alias (`*name`) can multiply a small file into a huge value: such files take the parser
// that limits expansion.
const aliasPattern = /(^|[\s[{,:-])\*[^\s,\]}]/m;

/**
 * Parses `text`, which starts at line `firstLine` of its file (front matter starts after `---`).
 * YAML 1.2 core schema: `2025-01-15` stays a string, so dates are checked by the schema, not guessed.
 * A text that is not valid YAML gives its first error only: the ones after it are the parser
 * losing its footing, and a publisher fixes the first and runs the check again.
 */
export function parseYamlSource(text: string, firstLine = 1): YamlSource | YamlSyntaxProblem {
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
        return nestedTooDeeply(firstLine);
      }
      if (precise.error) return precise.error;
      const mark = (error as { mark?: { line: number } }).mark;
      return explainFastParserError((error as { reason?: string }).reason ?? '', (mark?.line ?? 0) + firstLine);
    }
  }
  let positions: Positions;
  try {
    positions = new Positions(text, firstLine);
  } catch {
    return nestedTooDeeply(firstLine);
  }
  if (positions.error) return positions.error;
  let data: unknown;
  try {
    data = positions.document.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const unresolved = /Unresolved alias.*: (.*)$/.exec((error as Error).message)?.[1];
    return unresolved === undefined ? aliasesTooLarge(firstLine) : unknownAlias(positions.lineOfAlias(unresolved));
  }
  return { data, lineOf: (path) => positions.lineOf(path) };
}

class Positions {
  readonly document: Document;
  /** The document's first error, explained; null when it has none. */
  readonly error: YamlSyntaxProblem | null;
  private readonly lineCounter = new (positionalYaml().LineCounter)();

  private readonly firstLine: number;

  constructor(text: string, firstLine: number) {
    this.firstLine = firstLine;
    this.document = positionalYaml().parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
    const first = this.document.errors[0];
    const explained = first ? explainYamlError(first, text, this.document, this.lineCounter) : null;
    this.error = explained && { ...explained, line: explained.line + firstLine - 1 };
  }

  /** Line of the first alias `*name`, in the whole file. */
  lineOfAlias(name: string): number {
    let offset = 0;
    positionalYaml().visit(this.document, {
      Alias: (_key, node) => {
        if (node.source === name && node.range) {
          offset = node.range[0];
          return positionalYaml().visit.BREAK;
        }
        return undefined;
      },
    });
    return this.lineCounter.linePos(offset).line + this.firstLine - 1;
  }

  lineOf(path: FieldPath): number {
    return this.lineCounter.linePos(nodeOffset(this.document, path)).line + this.firstLine - 1;
  }
}

function nodeOffset(document: Document, path: FieldPath): number {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (positionalYaml().isMap(node)) {
      const pair = node.items.find((item) => positionalYaml().isScalar(item.key) && String(item.key.value) === String(key));
      if (!pair) break;
      const keyRange = (pair.key as Node).range;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
      const valueRange = (node as Node | null)?.range;
      // A value on the key's line is reported on that line; a block below it on its own first line.
      if (valueRange && positionalYaml().isScalar(node)) offset = valueRange[0];
    } else if (positionalYaml().isSeq(node)) {
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
