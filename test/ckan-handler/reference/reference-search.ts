// A reference implementation of CKAN's package_search semantics for the subset the differential
// test generates, written from CKAN's behaviour and docs/decisions/ckan-handler.md, sharing no code
// with the handler: a plain filter, score and sort over the package dicts. It evaluates the query
// model (query-model.ts) directly.
//
// What it implements: Solr's fields as CKAN indexes them (exact-value fields, analysed text with
// plural stemming and accent folding, the catch-all `text`), Lucene's clause rules with CKAN's
// `q.op=AND` (and OR with dismax's `mm=2<-1 5<80%` for free text), negative-only groups, the
// documented scoring, NOW date arithmetic, sort keys with the index's order last, and facets with
// CKAN's two shapes.

import type { DateSpec, Item, Node, QueryModel, Sequence } from './query-model.ts';

/** The parts of a CKAN package dict the reference reads. */
export interface ReferencePackage {
  id: string;
  name: string;
  title: string;
  notes: string | null;
  url: string;
  license_id: string | null;
  license_title: string | null;
  maintainer: string | null;
  author: string | null;
  metadata_created: string;
  metadata_modified: string;
  organization: { name: string; title: string };
  tags: { name: string }[];
  groups: { name: string; title: string }[];
  extras: { key: string; value: string }[];
  resources: { name: string; description: string; format: string; url: string }[];
}

export interface ReferenceRequest {
  q: QueryModel;
  fq: Sequence[];
  sort: string | null;
  rows: number;
  start: number;
  facet: { fields: string[]; limit: number | null; mincount: number | null } | null;
}

export interface ReferenceResult {
  count: number;
  names: string[];
  facets: [string, [string, number][]][];
  searchFacets: [string, { name: string; display_name: string; count: number }[]][];
}

// Analysis.

function stemmed(token: string): string {
  if (token.length < 4 || /\d/.test(token)) return token;
  if (/[^ea]ies$/.test(token)) return `${token.slice(0, -3)}y`;
  if (/[^aeo]es$/.test(token)) return token.slice(0, -1);
  if (/[^us]s$/.test(token)) return token.slice(0, -1);
  return token;
}

/** `text`: accents folded, lower case, cut at anything but letters and digits and between letters and digits, plurals stemmed. `general`: neither folding nor stemming. */
function tokens(value: string, kind: 'text' | 'general'): string[] {
  const folded = kind === 'text' ? value.normalize('NFKD').replace(/\p{M}/gu, '') : value;
  const words = folded.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
  return kind === 'text' ? words.map(stemmed) : words;
}

// Documents.

interface ReferenceDocument {
  dict: ReferencePackage;
  exact: Record<string, string[]>;
  /** Each analysed field's values, each a list of terms. */
  analysed: Record<string, string[][]>;
  kinds: Record<string, 'text' | 'general'>;
  dates: Record<string, number>;
}

function documentOf(dict: ReferencePackage): ReferenceDocument {
  const present = (values: (string | null)[]) => values.filter((value): value is string => value !== null && value !== '');
  const text = present([
    ...dict.extras.map((extra) => extra.value),
    dict.url,
    ...dict.resources.map((resource) => resource.url),
    dict.name,
    dict.title,
    dict.notes,
    ...dict.tags.map((tag) => tag.name),
    ...dict.groups.map((group) => group.name),
    dict.organization.name,
    ...dict.resources.map((resource) => resource.name),
    ...dict.resources.map((resource) => resource.description),
    dict.maintainer,
    dict.author,
    ...dict.resources.map((resource) => resource.format),
  ]);
  return {
    dict,
    exact: {
      id: [dict.id],
      name: [dict.name],
      title_string: [dict.title],
      tags: dict.tags.map((tag) => tag.name),
      groups: dict.groups.map((group) => group.name),
      organization: [dict.organization.name],
      res_format: dict.resources.map((resource) => resource.format),
      license_id: present([dict.license_id]),
    },
    analysed: {
      title: [tokens(dict.title, 'text')],
      notes: present([dict.notes]).map((value) => tokens(value, 'text')),
      text: text.map((value) => tokens(value, 'text')),
      res_name: dict.resources.map((resource) => tokens(resource.name, 'general')),
    },
    kinds: { title: 'text', notes: 'text', text: 'text', res_name: 'general' },
    dates: { metadata_created: Date.parse(`${dict.metadata_created.slice(0, 23)}Z`), metadata_modified: Date.parse(`${dict.metadata_modified.slice(0, 23)}Z`) },
  };
}

// Matching and scores: a number when the node matches, null when not.

type Score = number | null;

function occurrences(document: ReferenceDocument, field: string, words: string[]): number {
  const kind = document.kinds[field];
  if (kind === undefined) throw new Error(`the reference has no analysed field ${field}`);
  const wanted = words.flatMap((word) => tokens(word, kind));
  let count = 0;
  for (const value of document.analysed[field] ?? []) {
    for (let start = 0; start + wanted.length <= value.length; start++) if (wanted.every((term, offset) => value[start + offset] === term)) count++;
  }
  return count;
}

function exactCount(document: ReferenceDocument, field: string, value: string): number {
  return (document.exact[field] ?? []).filter((item) => item === value).length;
}

const isExactField = (field: string) => ['id', 'name', 'title_string', 'tags', 'groups', 'organization', 'res_format', 'license_id'].includes(field);

function dateOf(spec: DateSpec, now: number): number {
  if (spec.kind === 'literal') return Date.parse(spec.iso);
  const date = new Date(now);
  if (spec.round) date.setUTCHours(0, 0, 0, 0);
  if (spec.unit === 'DAYS') date.setUTCDate(date.getUTCDate() + spec.amount);
  if (spec.unit === 'HOURS') date.setUTCHours(date.getUTCHours() + spec.amount);
  if (spec.unit === 'MONTHS' || spec.unit === 'YEARS') {
    // Day 1 or a day every month has (the generator's NOW): no end-of-month clamping needed.
    if (date.getUTCDate() > 28) throw new Error('the reference adds months only to days every month has');
    date.setUTCMonth(date.getUTCMonth() + (spec.unit === 'YEARS' ? 12 : 1) * spec.amount);
  }
  return date.getTime();
}

function scoreNode(node: Node, document: ReferenceDocument, now: number): Score {
  const positive = (count: number) => (count > 0 ? count : null);
  switch (node.kind) {
    case 'all':
      return 1;
    case 'word':
      return isExactField(node.field ?? 'text') ? positive(exactCount(document, node.field!, node.word)) : positive(occurrences(document, node.field ?? 'text', [node.word]));
    case 'phrase':
      return positive(occurrences(document, node.field ?? 'text', node.text.split(' ')));
    case 'exact':
      return positive(exactCount(document, node.field, node.value));
    case 'prefix': {
      const prefix = tokens(node.prefix, 'text')[0]!;
      return (document.analysed[node.field] ?? []).some((value) => value.some((term) => term.startsWith(prefix))) ? 1 : null;
    }
    case 'range': {
      const moment = document.dates[node.field]!;
      const lower = node.lower === null ? -Infinity : dateOf(node.lower, now);
      const upper = node.upper === null ? Infinity : dateOf(node.upper, now);
      const above = node.includeLower ? moment >= lower : moment > lower;
      const below = node.includeUpper ? moment <= upper : moment < upper;
      return above && below ? 1 : null;
    }
    case 'group':
      return scoreSequence(node.sequence, 'AND', 'one', (inner) => scoreNode(inner, document, now));
  }
}

/** Free text: the best of name^4, title^4, tags^2, groups^2 and text (exact-value fields compare the words as typed). */
function scoreFree(node: Node, document: ReferenceDocument): Score {
  const words = node.kind === 'word' ? node.word : node.kind === 'phrase' ? node.text : null;
  if (words === null) throw new Error(`free text holds words and phrases, not ${node.kind}`);
  const split = words.split(' ');
  const candidates = [4 * exactCount(document, 'name', words), 4 * occurrences(document, 'title', split), 2 * exactCount(document, 'tags', words), 2 * exactCount(document, 'groups', words), occurrences(document, 'text', split)];
  const best = Math.max(...candidates);
  return best > 0 ? best : null;
}

type Occur = 'must' | 'should' | 'not';

/**
 * A sequence of clauses under Lucene's rules: AND makes the clause before required, OR (with AND
 * the default) makes it optional; `-`/NOT prohibit. With AND the default a clause is required
 * unless introduced by OR; with OR the default only `+` or AND make one required.
 */
function occurs(items: readonly Item[], defaultOperator: 'AND' | 'OR'): Occur[] {
  const result: Occur[] = [];
  for (const item of items) {
    const last = result.length - 1;
    if (last >= 0 && item.conjunction === 'AND' && result[last] !== 'not') result[last] = 'must';
    if (last >= 0 && defaultOperator === 'AND' && item.conjunction === 'OR' && result[last] !== 'not') result[last] = 'should';
    if (item.modifier === '-' || item.modifier === 'NOT') result.push('not');
    else if (defaultOperator === 'AND') result.push(item.conjunction === 'OR' ? 'should' : 'must');
    else result.push(item.modifier === '+' || item.conjunction === 'AND' ? 'must' : 'should');
  }
  return result;
}

function scoreSequence(sequence: Sequence, defaultOperator: 'AND' | 'OR', minimum: 'one' | 'mm', scoreOf: (node: Node) => Score): Score {
  const kinds = occurs(sequence.items, defaultOperator);
  const scores = sequence.items.map((item) => scoreOf(item.node));
  if (kinds.some((kind, index) => kind === 'not' && scores[index] !== null)) return null;
  const optional = kinds.filter((kind) => kind === 'should').length;
  const requiredCount = kinds.filter((kind) => kind === 'must').length;
  let total = requiredCount === 0 && optional === 0 ? 1 : 0;
  let matchedOptional = 0;
  for (const [index, kind] of kinds.entries()) {
    const score = scores[index];
    if (kind === 'must') {
      if (score === null || score === undefined) return null;
      total += score;
    } else if (kind === 'should' && score !== null && score !== undefined) {
      matchedOptional++;
      total += score;
    }
  }
  const needed = minimum === 'mm' ? (optional <= 2 ? optional : optional <= 5 ? optional - 1 : Math.floor(optional * 0.8)) : requiredCount === 0 && optional > 0 ? 1 : 0;
  return matchedOptional >= needed ? total : null;
}

function scoreQuery(query: QueryModel, document: ReferenceDocument, now: number): Score {
  if (query.kind === 'everything') return 1;
  if (query.kind === 'free') return scoreSequence(query.sequence, 'OR', 'mm', (node) => scoreFree(node, document));
  return scoreSequence(query.sequence, 'AND', 'one', (node) => scoreNode(node, document, now));
}

// The search.

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function referenceSearch(packages: readonly ReferencePackage[], request: ReferenceRequest, now: number): ReferenceResult {
  // The index's order: newest metadata_modified first, then id.
  const documents = packages.map(documentOf).sort((a, b) => text(b.dict.metadata_modified, a.dict.metadata_modified) || text(a.dict.id, b.dict.id));
  const rank = new Map(documents.map((document, index) => [document, index]));
  const matches = documents
    .filter((document) => request.fq.every((filter) => scoreSequence(filter, 'AND', 'one', (node) => scoreNode(node, document, now)) !== null))
    .map((document) => ({ document, score: scoreQuery(request.q, document, now) }))
    .filter((match): match is { document: ReferenceDocument; score: number } => match.score !== null);

  const keys = (request.sort ?? 'score desc, metadata_modified desc').split(',').map((part) => {
    const [field, direction] = part.trim().split(' ') as [string, string];
    return { field, sign: direction === 'desc' ? -1 : 1 };
  });
  matches.sort((a, b) => {
    for (const { field, sign } of keys) {
      const order =
        field === 'score' ? a.score - b.score : field === 'metadata_modified' || field === 'metadata_created' ? a.document.dates[field]! - b.document.dates[field]! : text(a.document.exact[field]![0]!, b.document.exact[field]![0]!);
      if (order !== 0) return sign * order;
    }
    return rank.get(a.document)! - rank.get(b.document)!;
  });

  const rows = Math.min(request.rows, 1000);
  const facets: ReferenceResult['facets'] = [];
  const searchFacets: ReferenceResult['searchFacets'] = [];
  if (request.facet && request.facet.fields.length > 0) {
    const limit = request.facet.limit ?? 50;
    const mincount = request.facet.mincount ?? 1;
    for (const field of request.facet.fields) {
      const counts = new Map<string, number>();
      if (mincount === 0) for (const document of documents) for (const value of document.exact[field] ?? []) counts.set(value, 0);
      for (const { document } of matches) for (const value of new Set(document.exact[field] ?? [])) counts.set(value, (counts.get(value) ?? 0) + 1);
      let values = [...counts].filter(([, count]) => count >= mincount);
      values.sort(limit < 0 ? (a, b) => text(a[0], b[0]) : (a, b) => b[1] - a[1] || text(a[0], b[0]));
      if (limit >= 0) values = values.slice(0, limit);
      facets.push([field, values]);
      const titleOf = (value: string) => {
        const dicts = documents.map((document) => document.dict);
        if (field === 'groups') return dicts.flatMap((dict) => dict.groups).find((group) => group.name === value)?.title ?? value;
        if (field === 'organization') return dicts.find((dict) => dict.organization.name === value)?.organization.title ?? value;
        if (field === 'license_id') return dicts.find((dict) => dict.license_id === value)?.license_title ?? value;
        return value;
      };
      const items = values.map(([name, count]) => ({ name, display_name: titleOf(name), count }));
      searchFacets.push([field, items.sort((a, b) => text(b.display_name, a.display_name))]);
    }
  }
  return { count: matches.length, names: matches.slice(request.start, request.start + rows).map((match) => match.document.dict.name), facets, searchFacets };
}
