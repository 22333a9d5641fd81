// The differential test's queries: generated from a seed, so every run asks the same 200, mixing
// free text (words, phrases, +/-/NOT, AND/OR), fielded queries (exact values, words and phrases
// in text fields, prefixes, date ranges with NOW arithmetic, groups, *:*), filters, sorts, page
// sizes and starts, and facets. Each is the model the reference evaluates and the parameters a
// client sends.
import type { ReferencePackage, ReferenceRequest } from './reference-search.ts';
import { renderQuery, renderSequence, type DateSpec, type Item, type Node, type QueryModel, type Sequence } from './query-model.ts';

export interface CatalogueFacts {
  words: readonly string[];
  teams: readonly string[];
  topics: readonly string[];
  tags: readonly string[];
  formats: readonly string[];
  licences: readonly string[];
  packages: readonly ReferencePackage[];
}

export interface GeneratedQuery {
  request: ReferenceRequest;
  /** The parameters as a client sends them (strings; a JSON body sends numbers where they are numbers). */
  params: Record<string, string>;
}

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function generateQueries(count: number, seed: number, facts: CatalogueFacts): GeneratedQuery[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const chance = (probability: number) => next() < probability;

  const spelled = (word: string) => (chance(0.15) ? word.normalize('NFKD').replace(/\p{M}/gu, '') : chance(0.1) ? word.toUpperCase() : word);
  const word = () => spelled(chance(0.85) ? pick(facts.words) : chance(0.6) ? pick([...facts.teams, ...facts.topics]) : pick(['zebra', 'quantum', 'parish']));
  /** Two consecutive words of a real title, so phrases find something. */
  const titlePhrase = () => {
    const words = pick(facts.packages).title.split(' ').slice(0, -1);
    const start = Math.floor(next() * Math.max(1, words.length - 1));
    return words.slice(start, start + 2).join(' ');
  };
  const asciiPrefix = () => pick(facts.words.filter((item) => /^[a-z]+$/.test(item))).slice(0, 3);
  const date = (): DateSpec | null => {
    const options: (() => DateSpec | null)[] = [
      () => null,
      // A dataset's own moment, three times as often: the edges of [ ] and { } decide there.
      () => ({ kind: 'literal', iso: `${pick(facts.packages).metadata_modified.slice(0, 19)}Z` }),
      () => ({ kind: 'literal', iso: `${pick(facts.packages).metadata_modified.slice(0, 19)}Z` }),
      () => ({ kind: 'literal', iso: `${pick(facts.packages).metadata_created.slice(0, 19)}Z` }),
      () => ({ kind: 'literal', iso: pick(['2023-01-01T00:00:00Z', '2024-06-15T12:00:00Z', '2025-06-01T09:30:00Z', '2020-01-01T00:00:00.000Z']) }),
      () => ({ kind: 'now', round: false, amount: 0, unit: 'DAYS' }),
      () => ({ kind: 'now', round: true, amount: 0, unit: 'DAYS' }),
      () => ({ kind: 'now', round: chance(0.5), amount: -pick([1, 30, 400]), unit: 'DAYS' }),
      () => ({ kind: 'now', round: false, amount: -pick([1, 6, 18]), unit: 'MONTHS' }),
      () => ({ kind: 'now', round: false, amount: -pick([1, 2, 5]), unit: 'YEARS' }),
      () => ({ kind: 'now', round: false, amount: pick([-12, 8]), unit: 'HOURS' }),
    ];
    return pick(options)();
  };
  const range = (): Node => ({ kind: 'range', field: pick(['metadata_modified', 'metadata_modified', 'metadata_created'] as const), lower: date(), upper: date(), includeLower: chance(0.5), includeUpper: chance(0.5) });
  const exact = (): Node => {
    const field = pick(['organization', 'groups', 'tags', 'tags', 'res_format', 'license_id', 'name']);
    const values: Record<string, readonly string[]> = { organization: facts.teams, groups: facts.topics, tags: facts.tags, res_format: facts.formats, license_id: facts.licences, name: facts.packages.map((item) => item.name) };
    return { kind: 'exact', field, value: chance(0.92) ? pick(values[field]!) : 'nothing-like-it' };
  };
  const fieldedLeaf = (): Node =>
    pick<() => Node>([
      exact,
      exact,
      exact,
      () => ({ kind: 'word', field: pick(['title', 'notes', 'text', 'res_name']), word: word() }),
      () => ({ kind: 'word', field: null, word: word() }),
      () => ({ kind: 'phrase', field: pick(['title', 'text']), text: titlePhrase() }),
      () => ({ kind: 'prefix', field: pick(['title', 'notes']), prefix: asciiPrefix() }),
      range,
      () => ({ kind: 'all' }),
    ])();
  const fielded = (items: number, groups: boolean): Sequence => ({
    items: Array.from({ length: items }, (_, index): Item => ({
      conjunction: index === 0 ? '' : pick(['', '', 'AND', 'OR', 'OR'] as const),
      modifier: pick(['', '', '', '', '+', '-', 'NOT'] as const),
      node: groups && chance(0.2) ? { kind: 'group', sequence: fielded(2, false) } : fieldedLeaf(),
    })),
  });
  const hasField = (sequence: Sequence): boolean => sequence.items.some((item) => (item.node.kind === 'group' ? hasField(item.node.sequence) : !((item.node.kind === 'word' || item.node.kind === 'phrase') && item.node.field === null)));
  const free = (): Sequence => ({
    items: Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index): Item => ({
      conjunction: index === 0 ? '' : pick(['', '', '', 'OR', 'AND'] as const),
      modifier: pick(['', '', '', '', '+', '-', 'NOT'] as const),
      node: chance(0.8) ? { kind: 'word', field: null, word: word() } : { kind: 'phrase', field: null, text: chance(0.7) ? titlePhrase() : pick(facts.tags) },
    })),
  });

  const queries: GeneratedQuery[] = [];
  for (let index = 0; index < count; index++) {
    let q: QueryModel;
    const kind = next();
    if (kind < 0.2) q = { kind: 'everything' };
    else if (kind < 0.55) q = { kind: 'free', sequence: free() };
    else {
      const sequence = fielded(1 + Math.floor(next() * 3), true);
      if (!hasField(sequence)) sequence.items[0]!.node = exact();
      q = { kind: 'fielded', sequence };
    }
    const fq = chance(0.5) ? [] : [{ items: Array.from({ length: 1 + Math.floor(next() * 2) }, (_, position): Item => ({ conjunction: position === 0 ? '' : pick(['', 'OR'] as const), modifier: pick(['', '', '-'] as const), node: chance(0.6) ? exact() : range() })) }];
    const sort = pick([null, null, null, 'name asc', 'name desc', 'title_string asc', 'metadata_modified asc', 'metadata_created desc', 'metadata_modified desc, name asc', 'score desc, name asc', 'score asc, title_string desc']);
    const rows = pick([0, 1, 3, 10, 10, 25, 100, 1000, 1500]);
    const start = pick([0, 0, 0, 0, 0, 1, 2, 5, 10, 30, 59, 60]);
    const facet = chance(0.45)
      ? {
          fields: [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(['tags', 'groups', 'organization', 'res_format', 'license_id'])))],
          limit: pick([null, null, 2, 5, -1, 0]),
          mincount: pick([null, null, 0, 2, 3]),
        }
      : null;
    const params: Record<string, string> = {};
    const text = renderQuery(q);
    if (text !== null) params.q = text;
    if (fq.length > 0) params.fq = renderSequence(fq[0]!);
    if (sort !== null) params.sort = sort;
    params.rows = String(rows);
    if (start !== 0) params.start = String(start);
    if (facet) {
      params['facet.field'] = JSON.stringify(facet.fields);
      if (facet.limit !== null) params['facet.limit'] = String(facet.limit);
      if (facet.mincount !== null) params['facet.mincount'] = String(facet.mincount);
    }
    queries.push({ request: { q, fq, sort, rows, start, facet }, params });
  }
  return queries;
}
