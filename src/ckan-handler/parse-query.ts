// `q` and `fq` text → a query tree, as CKAN's Solr reads them (`ckan/lib/search/query.py`):
// - with a `:` in it (and in every `fq`), Lucene's standard syntax with CKAN's `q.op=AND`: fields
//   (`tags:"Road Safety"`), `AND`/`OR`/`NOT`/`&&`/`||`/`!`, `+`/`-`, groups in parentheses,
//   quoted phrases, `[a TO b]`/`{a TO b}` ranges, `field:*`, `*:*`, a trailing `*` (prefix), `^` boosts;
// - without one, CKAN's `dismax` over the query fields (`name^4 title^4 tags^2 groups^2 text`):
//   words, phrases, `+`/`-`, `AND`/`OR`/`NOT`; every other special character is plain text; the
//   optional clauses must match as CKAN's `mm=2<-1 5<80%` says (one or two: all; three to five:
//   all but one; more: 80 %), so `q=water OR air` needs both words, as on CKAN.
// Clauses combine by Lucene's rules (`QueryParserBase.addClause`); a group of only negative
// clauses matches everything but those, as Solr makes it. Syntax Solr refuses is a `QuerySyntax`
// error (CKAN: `Search Error`); syntax this handler does not implement (fuzzy `~`, proximity,
// regular expressions, wildcards other than a trailing `*`) is `UnsupportedQuery`.

export type Occur = 'must' | 'should' | 'mustNot';

export type Query =
  | { kind: 'all'; boost: number }
  /** `field` null: the query fields of `dismax`. */
  | { kind: 'term'; field: string | null; text: string; phrase: boolean; boost: number }
  | { kind: 'prefix'; field: string; prefix: string; boost: number }
  | { kind: 'range'; field: string; lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean; boost: number }
  | { kind: 'exists'; field: string; boost: number }
  | { kind: 'bool'; clauses: Clause[]; minimumShould: MinimumShould; boost: number };

export interface Clause {
  occur: Occur;
  query: Query;
}

/** `any`: Lucene's rule (without a required clause, one optional clause must match); `dismax`: CKAN's `mm`. */
export type MinimumShould = 'any' | 'dismax';

export class QuerySyntax extends Error {}
export class UnsupportedQuery extends Error {}

type Token =
  | { kind: 'and' | 'or' | 'not' | 'plus' | 'minus' | 'open' | 'close' | 'colon' }
  /** `*` before `:` (the field of `*:*`). */
  | { kind: 'star' }
  | { kind: 'boost'; value: number }
  | { kind: 'term'; text: string; wildcard: 'none' | 'prefix' | 'other' }
  | { kind: 'quoted'; text: string }
  | { kind: 'range'; lower: string | null; upper: string | null; includeLower: boolean; includeUpper: boolean };

/** Lucene's syntax, `defaultField` for a term without a field, CKAN's default operator AND. */
export function parseLucene(text: string, defaultField: string): Query {
  const parser = new Parser(lexLucene(text), 'and');
  const query = parser.query(defaultField);
  parser.expectEnd();
  return query;
}

/** CKAN's `dismax`: terms and phrases over the query fields, `mm` on the optional ones. */
export function parseDismax(text: string): Query {
  const parser = new Parser(lexDismax(text), 'or');
  const query = parser.query(null);
  parser.expectEnd();
  if (query.kind === 'bool') return { ...query, minimumShould: 'dismax' };
  return query;
}

// Lexing.

const space = /\s/;
/** Characters that end a term in Lucene's syntax (`+` and `-` only start an operator at a term's start). */
const luceneSpecial = new Set([...'()":^[]{}~/!']);

function lexLucene(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const character = text[at]!;
    if (space.test(character)) {
      at++;
    } else if (text.startsWith('&&', at) || text.startsWith('||', at)) {
      tokens.push({ kind: character === '&' ? 'and' : 'or' });
      at += 2;
    } else if ('+-!():'.includes(character)) {
      tokens.push({ kind: ({ '+': 'plus', '-': 'minus', '!': 'not', '(': 'open', ')': 'close', ':': 'colon' } as const)[character as '+'] });
      at++;
    } else if (character === '^') {
      const number = /^\^(\d+(?:\.\d+)?)/.exec(text.slice(at));
      if (!number) throw new QuerySyntax(`Cannot parse '${text}': a boost (^) needs a number`);
      tokens.push({ kind: 'boost', value: Number(number[1]) });
      at += number[0].length;
    } else if (character === '~') {
      throw new UnsupportedQuery('fuzzy and proximity searches (~) are not supported');
    } else if (character === '/') {
      throw new UnsupportedQuery('regular expressions (/…/) are not supported; quote or escape a / in a value');
    } else if (character === '"') {
      const end = closingQuote(text, at);
      tokens.push({ kind: 'quoted', text: unescape(text.slice(at + 1, end)) });
      at = end + 1;
    } else if (character === '[' || character === '{') {
      const range = lexRange(text, at);
      tokens.push(range.token);
      at = range.end;
    } else if (character === ']' || character === '}') {
      throw new QuerySyntax(`Cannot parse '${text}': Encountered "${character}"`);
    } else {
      let raw = '';
      let wildcards = 0;
      let prefixOnly = true;
      while (at < text.length && !space.test(text[at]!) && !luceneSpecial.has(text[at]!)) {
        if (text[at] === '\\' && at + 1 < text.length) {
          raw += text[at + 1];
          at += 2;
          continue;
        }
        if (text[at] === '*' || text[at] === '?') {
          wildcards++;
          if (text[at] === '?' || at + 1 < text.length && !space.test(text[at + 1]!) && !luceneSpecial.has(text[at + 1]!)) prefixOnly = false;
        }
        raw += text[at];
        at++;
      }
      if (raw === '*' && text[at] === ':') tokens.push({ kind: 'star' });
      else if (wildcards === 0 && (raw === 'AND' || raw === 'OR' || raw === 'NOT')) tokens.push({ kind: ({ AND: 'and', OR: 'or', NOT: 'not' } as const)[raw] });
      else tokens.push({ kind: 'term', text: raw, wildcard: wildcards === 0 ? 'none' : prefixOnly && wildcards === 1 && raw.endsWith('*') ? 'prefix' : 'other' });
    }
  }
  return tokens;
}

function closingQuote(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at;
  }
  throw new QuerySyntax(`Cannot parse '${text}': Lexical error: a quote (") is not closed`);
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

/** `[lower TO upper]`, `{…}` exclusive, mixed brackets allowed; bounds plain or quoted, `*` open. */
function lexRange(text: string, start: number): { token: Token; end: number } {
  const includeLower = text[start] === '[';
  let at = start + 1;
  const bound = (): string => {
    while (space.test(text[at] ?? '')) at++;
    if (text[at] === '"') {
      const end = closingQuote(text, at);
      const value = unescape(text.slice(at + 1, end));
      at = end + 1;
      return value;
    }
    let raw = '';
    while (at < text.length && !space.test(text[at]!) && text[at] !== ']' && text[at] !== '}') raw += text[at++];
    if (raw === '') throw new QuerySyntax(`Cannot parse '${text}': a range needs two bounds ([a TO b])`);
    return raw;
  };
  const lower = bound();
  while (space.test(text[at] ?? '')) at++;
  if (!text.startsWith('TO', at) || !space.test(text[at + 2] ?? '')) throw new QuerySyntax(`Cannot parse '${text}': a range is written [a TO b]`);
  at += 2;
  const upper = bound();
  while (space.test(text[at] ?? '')) at++;
  if (text[at] !== ']' && text[at] !== '}') throw new QuerySyntax(`Cannot parse '${text}': a range is closed by ] or }`);
  return {
    token: { kind: 'range', lower: lower === '*' ? null : unescape(lower), upper: upper === '*' ? null : unescape(upper), includeLower, includeUpper: text[at] === ']' },
    end: at + 1,
  };
}

/**
 * DisMax's reading (Solr's `DisMaxQParser`): an odd number of quotes drops them all, dangling and
 * doubled `+`/`-` are removed, and the other special characters are plain text.
 */
function lexDismax(input: string): Token[] {
  let text = (input.match(/"/g) ?? []).length % 2 === 1 ? input.replace(/"/g, '') : input;
  text = text.replace(/\s+[+-](?:\s*[+-]+)+/g, ' ').replace(/\s+[-+\s]+$/, '');
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const character = text[at]!;
    if (space.test(character)) {
      at++;
    } else if (text.startsWith('&&', at) || text.startsWith('||', at)) {
      tokens.push({ kind: character === '&' ? 'and' : 'or' });
      at += 2;
    } else if (character === '+' || character === '-') {
      // As in Lucene's syntax, an operator wherever a term would start (`a - b` is `a -b`).
      tokens.push({ kind: character === '+' ? 'plus' : 'minus' });
      at++;
    } else if (character === '"') {
      const end = text.indexOf('"', at + 1);
      tokens.push({ kind: 'quoted', text: text.slice(at + 1, end) });
      at = end + 1;
    } else {
      let raw = '';
      while (at < text.length && !space.test(text[at]!) && text[at] !== '"') raw += text[at++];
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') tokens.push({ kind: ({ AND: 'and', OR: 'or', NOT: 'not' } as const)[raw] });
      else tokens.push({ kind: 'term', text: raw, wildcard: 'none' });
    }
  }
  return tokens;
}

// Parsing: Lucene's grammar (`Query`, `Clause`, `Term`) and its `addClause`.

type Conjunction = 'none' | 'and' | 'or';
type Modifier = 'none' | 'required' | 'prohibited';

class Parser {
  private at = 0;
  private readonly tokens: Token[];
  private readonly defaultOperator: 'and' | 'or';

  constructor(tokens: Token[], defaultOperator: 'and' | 'or') {
    this.tokens = tokens;
    this.defaultOperator = defaultOperator;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private startsClause(token: Token | undefined): boolean {
    return token !== undefined && token.kind !== 'close' && token.kind !== 'colon' && token.kind !== 'boost';
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw new QuerySyntax(`Cannot parse the query: unexpected ${token.kind === 'close' ? '")"' : token.kind}`);
  }

  /** Lucene's `Query`: clauses joined by conjunctions, each with an optional modifier. `field` null in dismax. */
  query(field: string | null): Query {
    const clauses: Clause[] = [];
    let firstQuery: Query | null = null;
    let first = true;
    while (first || this.startsClause(this.peek())) {
      let conjunction: Conjunction = 'none';
      if (!first && (this.peek()?.kind === 'and' || this.peek()?.kind === 'or')) conjunction = this.tokens[this.at++]!.kind as Conjunction;
      let modifier: Modifier = 'none';
      const next = this.peek()?.kind;
      if (next === 'plus') modifier = 'required';
      if (next === 'minus' || next === 'not') modifier = 'prohibited';
      if (modifier !== 'none') this.at++;
      if (!this.startsClause(this.peek()) || this.peek()!.kind === 'and' || this.peek()!.kind === 'or') {
        if (first && conjunction === 'none' && modifier === 'none' && this.peek() === undefined) return { kind: 'bool', clauses: [], minimumShould: 'any', boost: 1 };
        throw new QuerySyntax('Cannot parse the query: an operator or modifier has nothing after it');
      }
      const query = this.clause(field);
      this.addClause(clauses, conjunction, modifier, query);
      if (first && modifier === 'none') firstQuery = query;
      first = false;
    }
    if (clauses.length === 1 && firstQuery) return firstQuery;
    return { kind: 'bool', clauses, minimumShould: 'any', boost: 1 };
  }

  /** `QueryParserBase.addClause`. */
  private addClause(clauses: Clause[], conjunction: Conjunction, modifier: Modifier, query: Query): void {
    const previous = clauses.at(-1);
    // Introduced by AND: the previous clause is required (unless prohibited).
    if (previous && conjunction === 'and' && previous.occur !== 'mustNot') previous.occur = 'must';
    // Introduced by OR with AND the default: the previous clause becomes optional (unless prohibited).
    if (previous && this.defaultOperator === 'and' && conjunction === 'or' && previous.occur !== 'mustNot') previous.occur = 'should';
    const prohibited = modifier === 'prohibited';
    const required = this.defaultOperator === 'or' ? modifier === 'required' || (conjunction === 'and' && !prohibited) : !prohibited && conjunction !== 'or';
    clauses.push({ occur: prohibited ? 'mustNot' : required ? 'must' : 'should', query });
  }

  /** Lucene's `Clause`: `field:` (or `*:`), then a group in parentheses or a term. */
  private clause(field: string | null): Query {
    let clauseField = field;
    const token = this.peek()!;
    const following = this.tokens[this.at + 1];
    if (field !== null && (token.kind === 'term' || token.kind === 'star') && following?.kind === 'colon') {
      clauseField = token.kind === 'star' ? '*' : token.text;
      this.at += 2;
    }
    const next = this.peek();
    if (next?.kind === 'open') {
      this.at++;
      const group = this.query(clauseField);
      if (this.peek()?.kind !== 'close') throw new QuerySyntax('Cannot parse the query: a ( is not closed');
      this.at++;
      return this.boosted(group);
    }
    return this.term(clauseField);
  }

  private term(field: string | null): Query {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new QuerySyntax('Cannot parse the query: a field has no value');
    switch (token.kind) {
      case 'term':
      case 'star': {
        const text = token.kind === 'star' ? '*' : token.text;
        if (field === null) return this.boosted({ kind: 'term', field, text, phrase: false, boost: 1 });
        if (text === '*') return this.boosted(field === '*' ? { kind: 'all', boost: 1 } : { kind: 'exists', field, boost: 1 });
        if (field === '*') throw new UnsupportedQuery('a field of * is supported only in *:*');
        if (token.kind === 'term' && token.wildcard === 'prefix') return this.boosted({ kind: 'prefix', field, prefix: text.slice(0, -1), boost: 1 });
        if (token.kind === 'term' && token.wildcard === 'other') throw new UnsupportedQuery(`wildcards other than a trailing * are not supported (${text})`);
        return this.boosted({ kind: 'term', field, text, phrase: false, boost: 1 });
      }
      case 'quoted':
        if (field === '*') throw new UnsupportedQuery('a field of * is supported only in *:*');
        return this.boosted({ kind: 'term', field, text: token.text, phrase: true, boost: 1 });
      case 'range':
        if (field === null || field === '*') throw new UnsupportedQuery('a range needs a field (metadata_modified:[NOW-1DAY TO *])');
        return this.boosted({ kind: 'range', field, lower: token.lower, upper: token.upper, includeLower: token.includeLower, includeUpper: token.includeUpper, boost: 1 });
      default:
        throw new QuerySyntax(`Cannot parse the query: unexpected ${token.kind}`);
    }
  }

  private boosted(query: Query): Query {
    const token = this.peek();
    if (token?.kind !== 'boost') return query;
    this.at++;
    return { ...query, boost: query.boost * token.value };
  }
}
