// What a YAML syntax error means for the person who made it: the `yaml` library's error codes
// ("Nested mappings are not allowed in compact mappings") turned into a plain sentence about the
// line to look at, and a hint that says what to change. Only a file's first error is explained:
// the errors after it are usually the parser losing its footing, not more mistakes.
import type { Document, ErrorCode, LineCounter, Node, YAMLError } from 'yaml';
import { onFirstUse } from '../util/on-first-use.ts';

// Loaded by yaml-source.ts before any error of its parser reaches this module.
const yaml = onFirstUse<typeof import('yaml')>('yaml');

export interface YamlSyntaxProblem {
  /** 1-based line in the parsed text (the caller adds where the text starts in its file). */
  line: number;
  message: string;
  hint: string;
}

interface Explanation {
  message: string;
  hint: string;
  /** Where to look, when that is not where the parser noticed (an unclosed quote is noticed at the end). */
  line?: number;
}

/** What the explainers may look at: the error, the text, and what the parser made of it. */
class ErrorSite {
  readonly error: YAMLError;
  readonly line: number;
  private readonly text: string;
  private readonly document: Document;
  private readonly lineCounter: LineCounter;

  constructor(error: YAMLError, text: string, document: Document, lineCounter: LineCounter) {
    this.error = error;
    this.text = text;
    this.document = document;
    this.lineCounter = lineCounter;
    this.line = this.lineOf(error.pos[0]);
  }

  lineOf(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  lineText(line: number): string {
    return this.text.split('\n')[line - 1] ?? '';
  }

  /** The text from the error to the end of its line. */
  restOfLine(): string {
    const start = this.error.pos[0];
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? undefined : end);
  }

  /** The next line after `line` that holds more than a comment. */
  nextContentLine(line: number): number | null {
    const lines = this.text.split('\n');
    for (let index = line; index < lines.length; index++) if (!/^\s*(#.*)?$/.test(lines[index]!)) return index + 1;
    return null;
  }

  /** The last node before the error that `matches`: the quote or bracket that was never closed. */
  lastOpenedBefore(matches: (node: Node) => boolean): Node | null {
    let found: Node | null = null;
    yaml().visit(this.document, {
      Node: (_key, node) => {
        const start = node.range?.[0];
        if (start !== undefined && start < this.error.pos[0] && matches(node) && (!found || start > found.range![0])) found = node;
      },
    });
    return found;
  }
}

const listHint = "The lines of a list start at the same column as the line above: put this item's '-' right under the '-' of the item before it.";
const quoteHint = "End a quoted value with the quote mark it starts with. To put ' inside '…', write it twice ('It''s'), or quote the value with \"…\" instead.";
const fieldHint = 'Write each field as name: value on one line, with a space after the colon.';
const propertiesHint = 'If the value is text that starts with !, & or *, put it in quotes, e.g. "*draft*".';
const generalHint = "Check this line and the one above it: spaces (never tabs) that line up, quotes and brackets that close. A value holding ': ' or ' #' must be in quotes.";

const unknownTag: Explanation = { message: 'a value has a tag (!…) that datashelf does not read', hint: propertiesHint };
const general = (): Explanation => ({ message: 'the YAML cannot be read here', hint: generalHint });

/** The field name a line starts with (`  - title: x` → `title`), if any. */
function fieldOf(lineText: string): string | null {
  return /^\s*(?:-\s+)?([^\s:#][^:#]*?)\s*:(\s|$)/.exec(lineText)?.[1] ?? null;
}

function inQuotes(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** One explainer per error code of the `yaml` library; the type makes sure none is left out. */
const explainers: Record<ErrorCode, (site: ErrorSite) => Explanation> = {
  TAB_AS_INDENT: () => ({ message: 'this line is indented with a tab', hint: 'YAML indents with spaces only: replace the tab with spaces, lined up with the line above.' }),
  DUPLICATE_KEY: (site) => {
    const key = fieldOf(site.lineText(site.line)) ?? 'this field';
    return { message: `'${key}' is written twice`, hint: `Each field may appear only once in the same place: keep one '${key}' line and remove the other.` };
  },
  BAD_INDENT: (site) => {
    const { message } = site.error;
    if (/sequence items must start at the same column/i.test(message)) return { message: 'this list item does not line up with the items above it', hint: listHint };
    const bracket = /^Flow (sequence|map)/.exec(message);
    if (bracket) {
      const [open, close, what] = bracket[1] === 'sequence' ? ['[', ']', 'list'] : ['{', '}', 'set of fields'];
      const opened = site.lastOpenedBefore((node) => yaml().isCollection(node) && node.flow === true);
      const line = opened?.range ? site.lineOf(opened.range[0]) : site.line;
      return {
        line,
        message: `the ${what} opened with '${open}' on this line is not closed with '${close}'`,
        hint: `Close it with '${close}' at the end of the line, e.g. ${open === '[' ? 'tags: [FOI, Requests]' : 'contact: { title: Data Team }'}; or write one item per line below it.`,
      };
    }
    return { message: 'this line is not indented as the lines around it say it should be', hint: listHint };
  },
  BLOCK_AS_IMPLICIT_KEY: (site) => {
    if (/block sequence/i.test(site.error.message)) return { message: 'this list item does not line up with the items above it', hint: listHint };
    // "Nested mappings…": a value that holds ': ', or a line indented so far that it continues the value above.
    const rest = site.restOfLine();
    if (/:(\s|$)/.test(rest)) {
      const key = fieldOf(site.lineText(site.line));
      return {
        message: "the value holds ': ', which YAML reads as the start of another field",
        hint: `Put the value in quotes${key ? `: ${key}: ${inQuotes(rest.replace(/\s+#.*$/, '').trim())}` : ''}.`,
      };
    }
    const next = site.nextContentLine(site.line) ?? site.line;
    const key = fieldOf(site.lineText(next));
    const above = fieldOf(site.lineText(site.line));
    return {
      line: next,
      message: 'this line is indented further than the line above it, so YAML reads it as part of the value above',
      hint: key && above ? `The fields of one block start at the same column: line up '${key}:' with '${above}:' on the line above.` : 'The fields of one block start at the same column: line this line up with the one above it.',
    };
  },
  MULTILINE_IMPLICIT_KEY: (site) => {
    if (/^\s*-(\s|$)/.test(site.lineText(site.line))) {
      return { message: "a list item ('- …') cannot stand among fields", hint: "Put the list under the field it belongs to, indented: 'tags:' on one line and '  - FOI' below it." };
    }
    return { message: "this line has no ': ' between a field's name and its value", hint: fieldHint };
  },
  MISSING_CHAR: (site) => {
    const { message } = site.error;
    if (/Missing closing ["']quote/.test(message)) {
      const opened = site.lastOpenedBefore((node) => yaml().isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
      return { line: opened?.range ? site.lineOf(opened.range[0]) : site.line, message: 'the quoted value that starts on this line is never closed', hint: quoteHint };
    }
    if (/Implicit map keys need to be followed by map values/.test(message)) return { message: "this line has no ': ' after the field's name", hint: fieldHint };
    if (/Sequence item without - indicator/.test(message)) {
      return { message: 'this line does not line up with the fields above it', hint: "The fields of one list item start at the same column: line this line up with the field above it, or start a new item with '- '." };
    }
    if (/Missing , (or : )?between/.test(message)) return { message: 'the items inside brackets are not separated by commas', hint: 'Separate the items with a comma and a space: [FOI, Requests] or { title: Data Team, email: data@example.org }.' };
    if (/Missing space after :/.test(message)) return { message: "a ':' inside { } has no space after it", hint: 'Write a space after each colon: { title: Data Team }.' };
    if (/Comments must be separated/.test(message)) return { message: "a '#' has no space before it", hint: "A comment starts with ' #'. If the '#' is part of the value, put the value in quotes." };
    if (/directives-end/.test(message)) return { message: "this line is not where YAML expects a '---' line", hint: "Remove the line starting with '%', or start the content with a '---' line after it." };
    return general();
  },
  UNEXPECTED_TOKEN: (site) => {
    if (/at node end/.test(site.error.message) && /['"]/.test(site.lineText(site.line))) return { message: 'there is more text after the closing quote', hint: quoteHint };
    return { message: 'this text is not where YAML expects it', hint: generalHint };
  },
  BAD_SCALAR_START: (site) => {
    const value = site.restOfLine().replace(/\s+#.*$/, '').trim();
    return { message: `a value cannot start with '${value[0] ?? ''}'`, hint: `Put the value in quotes: ${inQuotes(value)}.` };
  },
  BAD_DQ_ESCAPE: (site) => {
    const escape = /Invalid escape sequence (\S*)/.exec(site.error.message)?.[1] ?? '\\';
    return { message: `'${escape}' is not an escape YAML knows inside "…"`, hint: "Inside \"…\" write a backslash as \\\\; or quote the value with '…', where a backslash is just a backslash." };
  },
  BAD_ALIAS: () => ({ message: 'a value starting with * or & is not a name YAML can use', hint: propertiesHint }),
  ALIAS_PROPS: () => ({ message: 'a value starting with * cannot have a tag or an anchor', hint: propertiesHint }),
  MULTIPLE_ANCHORS: () => ({ message: 'a value has two anchors (&…)', hint: propertiesHint }),
  MULTIPLE_TAGS: () => ({ message: 'a value has two tags (!…)', hint: propertiesHint }),
  BAD_PROP_ORDER: () => ({ message: "an anchor (&…) or tag (!…) stands before a '-' or '?'", hint: propertiesHint }),
  TAG_RESOLVE_FAILED: () => unknownTag,
  BAD_COLLECTION_TYPE: () => ({ message: 'a value has a tag (!…) that does not fit it', hint: propertiesHint }),
  BAD_DIRECTIVE: () => ({ message: "this line starting with '%' is not a directive YAML knows", hint: "Remove the line; content files need no '%' lines." }),
  MULTIPLE_DOCS: () => ({ message: "a second '---' line starts another document", hint: "A content file holds one document: remove this '---' line (in a dataset file, the second '---' ends the front matter)." }),
  KEY_OVER_1024_CHARS: () => ({ message: 'a field name is longer than 1024 characters', hint: "Field names are short words such as title; look for a missing ': ' or line break." }),
  NON_STRING_KEY: () => ({ message: "a field's name is a list or a set of fields, not a word", hint: 'Write field names as words: title: …, not [title]: ….' }),
  BLOCK_IN_FLOW: () => ({ message: "a '- ' item or a field on its own line stands inside [ ] or { }", hint: 'Inside brackets separate items with commas, [FOI, Requests]; or remove the brackets and write one item per line.' }),
  IMPOSSIBLE: general,
  RESOURCE_EXHAUSTION: () => ({ message: 'is too large or nested too deeply to read', hint: 'Content files hold fields, lists and sets of fields a few levels deep; look for brackets that never close.' }),
};

/** The first error of a parsed document, explained. */
export function explainYamlError(error: YAMLError, text: string, document: Document, lineCounter: LineCounter): YamlSyntaxProblem {
  if (/call stack/i.test(error.message)) return nestedTooDeeply(1);
  const site = new ErrorSite(error, text, document, lineCounter);
  const explanation = (explainers[error.code] ?? general)(site);
  return { line: explanation.line ?? site.line, message: explanation.message, hint: explanation.hint };
}

/** An alias (`*name`) naming no anchor above it: the library reports it only when making values. */
export function unknownAlias(line: number): YamlSyntaxProblem {
  return { line, message: "a value starting with '*' names an anchor (&…) that is not defined above it", hint: propertiesHint };
}

/** Aliases that multiply a small file into a huge value. */
export function aliasesTooLarge(line: number): YamlSyntaxProblem {
  return { line, message: 'uses aliases (*name) that expand too far', hint: 'Write the values out in full instead of repeating them with & and *.' };
}

/** Brackets or lists nested so deeply that reading them would exhaust the stack. */
export function nestedTooDeeply(line: number): YamlSyntaxProblem {
  return { line, message: 'is nested too deeply to read', hint: 'Content files hold fields, lists and sets of fields a few levels deep; look for brackets that never close.' };
}

/**
 * An error only the fast parser (js-yaml) found: its reason is worded for programmers, so the
 * publisher gets the general explanation at its line, or the one for tags and aliases.
 */
export function explainFastParserError(reason: string, line: number): YamlSyntaxProblem {
  if (/tag/i.test(reason)) return { line, ...unknownTag };
  if (/alias/i.test(reason)) return unknownAlias(line);
  return { line, ...general() };
}

/** Every error code with its explainer, for the test that each one has a message and a hint. */
export const explainedCodes = Object.keys(explainers) as ErrorCode[];
