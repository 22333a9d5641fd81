// A query tree (parse-query.ts) evaluated over every dataset at once: an array with each dataset's
// score, or `noMatch`. Terms and values are looked up in the index's postings (search-index.ts);
// phrases are checked against positions only in the datasets holding all their words; dates read
// the date columns.
//
// The score is a simple, documented stand-in for Solr's relevance (docs/decisions/ckan-handler.md):
// a term scores its count in the field (term frequency) times the field's boost, and free text
// takes the best of the query fields (`name^4 title^4 tags^2 groups^2 text`, a dismax without its
// tie-breaker); a boolean query adds up its matching clauses; ranges, prefixes, `field:*` and
// `*:*` score 1; every score is multiplied by the query's `^` boost. Whole numbers throughout, so
// equal relevance is exactly equal and the next sort key decides.
import { foldToAscii, queryTerms, type Analysis } from './analyze.ts';
import { InvalidDate, parseSolrDate } from './date-math.ts';
import { UnsupportedQuery, type Clause, type Query } from './parse-query.ts';
import { allPostings, postingsOf, type Postings, type SearchIndex } from './search-index.ts';
import { fieldDefinition, queryFields, unsupportedFields } from './schema.ts';

export const noMatch = -1;

/** Each dataset's score, by its place in the index; `noMatch` where it does not match. */
export type Scores = Float64Array;

export interface MatchContext {
  index: SearchIndex;
  /** NOW of date math, in milliseconds. */
  now: number;
}

/** A date Solr cannot read: CKAN answers `Search Error`. */
export class DateError extends Error {}

/** The scores of a query; a query left with no clause at all (all punctuation) matches nothing. */
export function evaluate(query: Query, context: MatchContext): Scores {
  return evaluateOrDrop(query, context) ?? none(context);
}

const none = (context: MatchContext) => new Float64Array(context.index.size).fill(noMatch);

/** Null for a clause analysis left empty (a field query of punctuation): Lucene drops it from its query. */
function evaluateOrDrop(query: Query, context: MatchContext): Scores | null {
  const scores = evaluateKind(query, context);
  if (scores !== null && query.boost !== 1) for (let place = 0; place < scores.length; place++) if (scores[place]! !== noMatch) scores[place]! *= query.boost;
  return scores;
}

function evaluateKind(query: Query, context: MatchContext): Scores | null {
  switch (query.kind) {
    case 'all':
      return new Float64Array(context.index.size).fill(1);
    case 'bool':
      return evaluateBool(query.clauses, query.minimumShould, context);
    case 'term':
      return query.field === null ? dismaxTerm(query.text, query.phrase, context) : fieldTerm(checked(query.field), query.text, query.phrase, context);
    case 'prefix':
      return prefix(checked(query.field), query.prefix, context);
    case 'range':
      return range(checked(query.field), query, context);
    case 'exists':
      return exists(checked(query.field), context);
  }
}

function checked(field: string): string {
  if (unsupportedFields.has(field)) throw new UnsupportedQuery(`the field ${field} is not searchable in this catalogue's index`);
  return field;
}

/** CKAN's `mm=2<-1 5<80%`: how many of `optional` clauses must match. */
export function dismaxMinimumShould(optional: number): number {
  if (optional <= 2) return optional;
  if (optional <= 5) return optional - 1;
  return Math.floor(optional * 0.8);
}

function evaluateBool(clauses: readonly Clause[], minimumShould: 'any' | 'dismax', context: MatchContext): Scores | null {
  const evaluated = clauses.flatMap((clause) => {
    const scores = evaluateOrDrop(clause.query, context);
    return scores === null ? [] : [{ occur: clause.occur, scores }];
  });
  if (evaluated.length === 0) return null;
  const must = evaluated.filter((clause) => clause.occur === 'must').map((clause) => clause.scores);
  const should = evaluated.filter((clause) => clause.occur === 'should').map((clause) => clause.scores);
  const mustNot = evaluated.filter((clause) => clause.occur === 'mustNot').map((clause) => clause.scores);
  // Only negative clauses: everything but them, as Solr makes such a query (`*:*` added).
  const pureNegative = must.length === 0 && should.length === 0;
  const required = minimumShould === 'dismax' ? dismaxMinimumShould(should.length) : must.length === 0 ? Math.min(1, should.length) : 0;
  const scores = new Float64Array(context.index.size);
  places: for (let place = 0; place < scores.length; place++) {
    for (const clause of mustNot) {
      if (clause[place]! !== noMatch) {
        scores[place] = noMatch;
        continue places;
      }
    }
    let score = pureNegative ? 1 : 0;
    for (const clause of must) {
      if (clause[place]! === noMatch) {
        scores[place] = noMatch;
        continue places;
      }
      score += clause[place]!;
    }
    let matched = 0;
    for (const clause of should) {
      if (clause[place]! === noMatch) continue;
      matched++;
      score += clause[place]!;
    }
    scores[place] = matched < required ? noMatch : score;
  }
  return scores;
}

/** Free text (`dismax`): the best of the query fields, each count times the field's boost. */
function dismaxTerm(text: string, phrase: boolean, context: MatchContext): Scores | null {
  const perField = queryFields.flatMap(({ name, boost }) => {
    const counts = fieldTerm(name, text, phrase, context);
    return counts === null ? [] : [{ counts, boost }];
  });
  if (perField.length === 0) return null;
  const scores = none(context);
  for (const { counts, boost } of perField) {
    for (let place = 0; place < scores.length; place++) if (counts[place]! !== noMatch && counts[place]! * boost > scores[place]!) scores[place] = counts[place]! * boost;
  }
  return scores;
}

/** `field:value` or `field:"a phrase"`: the number of times it occurs in each dataset. */
function fieldTerm(field: string, text: string, phrase: boolean, context: MatchContext): Scores | null {
  const definition = fieldDefinition(field);
  switch (definition.type) {
    case 'string':
      return fromPostings(postingsOf(context.index.exact.get(field), text), context);
    case 'date': {
      const moment = dateOf(text, context);
      const dates = context.index.dates.get(field);
      return byPlace(context, (place) => (dates?.[place] === moment ? 1 : noMatch));
    }
    default:
      return textTerm(field, definition.type, text, phrase, context);
  }
}

function fromPostings(postings: Postings | undefined, context: MatchContext): Scores {
  const scores = none(context);
  if (postings) for (let at = 0; at < postings.places.length; at++) scores[postings.places[at]!] = postings.counts[at]!;
  return scores;
}

function byPlace(context: MatchContext, score: (place: number) => number): Scores {
  const scores = new Float64Array(context.index.size);
  for (let place = 0; place < scores.length; place++) scores[place] = score(place);
  return scores;
}

function textTerm(field: string, analysis: Analysis, text: string, phrase: boolean, context: MatchContext): Scores | null {
  const terms = queryTerms(text, analysis);
  if (terms.length === 0) return null;
  const table = context.index.text.get(field);
  const postings = terms.map((term) => {
    const id = context.index.vocabulary.find(term);
    return id === undefined ? undefined : postingsOf(table, id);
  });
  // A word that analysis cuts in parts (`road-safety`) needs every part, as CKAN's `q.op=AND` makes
  // it, and counts as its rarest part; a phrase needs them in a row.
  const scores = fromPostings(postings[0], context);
  for (const other of postings.slice(1).map((list) => fromPostings(list, context))) {
    for (let place = 0; place < scores.length; place++) scores[place] = other[place]! === noMatch || scores[place]! === noMatch ? noMatch : Math.min(scores[place]!, other[place]!);
  }
  if (phrase && postings.length > 1) {
    const lists = postings as Postings[];
    for (let place = 0; place < scores.length; place++) {
      if (scores[place]! === noMatch) continue;
      const found = phraseCount(lists.map((list) => positionsIn(list, place)));
      scores[place] = found === 0 ? noMatch : found;
    }
  }
  return scores;
}

/** A term's positions in one dataset (its postings hold the dataset: places are sorted, so a binary search finds it). */
function positionsIn(postings: Postings, place: number): Uint32Array {
  let low = 0;
  let high = postings.places.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (postings.places[middle]! < place) low = middle + 1;
    else high = middle;
  }
  const start = postings.positionStarts![low]!;
  return postings.positions!.subarray(start, start + postings.counts[low]!);
}

/** How many times the terms occur at consecutive positions: each term's positions, in phrase order. */
function phraseCount(positions: readonly Uint32Array[]): number {
  const sets = positions.map((list) => new Set(list));
  let count = 0;
  for (const start of positions[0]!) if (sets.every((set, offset) => set.has(start + offset))) count++;
  return count;
}

/** `field:abc*`: string values as they are; text terms lower-cased and folded, as Solr treats a wildcard. */
function prefix(field: string, start: string, context: MatchContext): Scores {
  const definition = fieldDefinition(field);
  if (definition.type === 'date') throw new UnsupportedQuery(`a prefix (*) on the date field ${field}; use a range`);
  const scores = none(context);
  const mark = (postings: Postings) => {
    for (const place of postings.places) scores[place] = 1;
  };
  if (definition.type === 'string') {
    for (const [value, postings] of allPostings(context.index.exact.get(field))) if (value.startsWith(start)) mark(postings);
    return scores;
  }
  const normalised = definition.type === 'text' ? foldToAscii(start.toLowerCase()) : start.toLowerCase();
  for (const [id, postings] of allPostings(context.index.text.get(field))) if (context.index.vocabulary.terms[id]!.startsWith(normalised)) mark(postings);
  return scores;
}

function range(field: string, query: Extract<Query, { kind: 'range' }>, context: MatchContext): Scores {
  const definition = fieldDefinition(field);
  const { includeLower, includeUpper } = query;
  if (definition.type === 'date') {
    const lower = query.lower === null ? -Infinity : dateOf(query.lower, context);
    const upper = query.upper === null ? Infinity : dateOf(query.upper, context);
    const dates = context.index.dates.get(field);
    return byPlace(context, (place) => {
      const moment = dates?.[place] ?? Number.NaN;
      // NaN (no date) is in no range.
      return (includeLower ? moment >= lower : moment > lower) && (includeUpper ? moment <= upper : moment < upper) ? 1 : noMatch;
    });
  }
  if (definition.type !== 'string') throw new UnsupportedQuery(`a range on the text field ${field}; ranges are answered on dates and exact-value fields`);
  const { lower, upper } = query;
  const inRange = (value: string) => (lower === null || (includeLower ? value >= lower : value > lower)) && (upper === null || (includeUpper ? value <= upper : value < upper));
  const scores = none(context);
  for (const [value, postings] of allPostings(context.index.exact.get(field))) if (inRange(value)) for (const place of postings.places) scores[place] = 1;
  return scores;
}

/** `field:*` (and `field:[* TO *]`): the dataset has a value in the field. */
function exists(field: string, context: MatchContext): Scores {
  const { type } = fieldDefinition(field);
  if (type === 'date') {
    const dates = context.index.dates.get(field);
    return byPlace(context, (place) => (dates !== undefined && !Number.isNaN(dates[place]!) ? 1 : noMatch));
  }
  const scores = none(context);
  const table = type === 'string' ? context.index.exact.get(field) : context.index.text.get(field);
  if (table) for (let at = 0; at < table.places.length; at++) scores[table.places[at]!] = 1;
  return scores;
}

function dateOf(text: string, context: MatchContext): number {
  try {
    return parseSolrDate(text, context.now);
  } catch (error) {
    if (error instanceof InvalidDate) throw new DateError(error.message);
    throw error;
  }
}
