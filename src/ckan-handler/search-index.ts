// The searchable index of the catalogue, built once when the handler starts: per field, flat typed
// arrays rather than objects per dataset, so 10,000 datasets take tens of megabytes.
// - Exact-value fields: each dataset's values (a column, for sorting, ranges and `fl`), and for each
//   value the datasets holding it (postings: places ascending, with counts).
// - Text fields: for each term (an id in one vocabulary) the datasets holding it, how often, and at
//   which positions (for phrases), in one compressed-sparse-row layout per field.
// - The dates, as milliseconds (NaN where a dataset has none).
// A dataset is known by its place in the index (the static pages' order), 0 … size-1.
import { indexTokens, valueGap, type Analysis } from './analyze.ts';
import type { DocumentFields } from './documents.ts';

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  add(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  /** The id of a term, or undefined when no dataset has it. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }
}

/** The datasets holding one term or value: places ascending, counts, and (text) where each count's positions start in `positions`. */
export interface Postings {
  places: Uint32Array;
  counts: Uint32Array;
  /** Text fields: `positions[positionStarts[i] … positionStarts[i] + counts[i])` are the term's positions in dataset `places[i]`. */
  positionStarts: Uint32Array | null;
  positions: Uint32Array | null;
}

interface PostingsTable<K> {
  /** Key → slot; a slot's entries are `slotStarts[slot] … slotStarts[slot + 1]`. */
  slots: Map<K, number>;
  slotStarts: Uint32Array;
  places: Uint32Array;
  counts: Uint32Array;
  positionStarts: Uint32Array | null;
  positions: Uint32Array | null;
}

export interface SearchIndex {
  size: number;
  vocabulary: Vocabulary;
  /** Exact-value field → each place's values (undefined: none). */
  columns: Map<string, (readonly string[] | undefined)[]>;
  exact: Map<string, PostingsTable<string>>;
  text: Map<string, PostingsTable<number>>;
  dates: Map<string, Float64Array>;
}

/** The postings of one key of a field, or undefined when no dataset has it. */
export function postingsOf<K>(table: PostingsTable<K> | undefined, key: K): Postings | undefined {
  const slot = table?.slots.get(key);
  if (table === undefined || slot === undefined) return undefined;
  return slice(table, slot);
}

/** Every key of a field with its postings (a prefix query, a facet). */
export function* allPostings<K>(table: PostingsTable<K> | undefined): Generator<[K, Postings]> {
  if (table) for (const [key, slot] of table.slots) yield [key, slice(table, slot)];
}

function slice<K>(table: PostingsTable<K>, slot: number): Postings {
  const start = table.slotStarts[slot]!;
  const end = table.slotStarts[slot + 1]!;
  return { places: table.places.subarray(start, end), counts: table.counts.subarray(start, end), positionStarts: table.positionStarts?.subarray(start, end) ?? null, positions: table.positions };
}

/** A field's entries while the index is built: per key, places, counts and (text) positions. */
class GrowingTable<K> {
  private readonly entries = new Map<K, { places: number[]; counts: number[]; positions: number[] }>();
  private readonly withPositions: boolean;

  constructor(withPositions: boolean) {
    this.withPositions = withPositions;
  }

  add(key: K, place: number, count: number, positions: readonly number[] = []): void {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { places: [], counts: [], positions: [] }));
    entry.places.push(place);
    entry.counts.push(count);
    if (this.withPositions) for (const position of positions) entry.positions.push(position);
  }

  /** The compressed-sparse-row form: one array of each kind for the whole field. */
  freeze(): PostingsTable<K> {
    const slots = new Map<K, number>();
    let total = 0;
    let totalPositions = 0;
    for (const entry of this.entries.values()) {
      total += entry.places.length;
      totalPositions += entry.positions.length;
    }
    const slotStarts = new Uint32Array(this.entries.size + 1);
    const places = new Uint32Array(total);
    const counts = new Uint32Array(total);
    const positionStarts = this.withPositions ? new Uint32Array(total) : null;
    const positions = this.withPositions ? new Uint32Array(totalPositions) : null;
    let at = 0;
    let positionAt = 0;
    for (const [key, entry] of this.entries) {
      slotStarts[slots.size] = at;
      slots.set(key, slots.size);
      for (let index = 0; index < entry.places.length; index++) {
        places[at] = entry.places[index]!;
        counts[at] = entry.counts[index]!;
        if (positionStarts) positionStarts[at] = positionAt;
        positionAt += this.withPositions ? entry.counts[index]! : 0;
        at++;
      }
      if (positions) positions.set(entry.positions, positionStarts![at - entry.places.length]!);
    }
    slotStarts[slots.size] = at;
    this.entries.clear();
    return { slots, slotStarts, places, counts, positionStarts, positions };
  }
}

/** Builds the index from each dataset's fields, in place order. */
export class SearchIndexBuilder {
  private readonly vocabulary = new Vocabulary();
  private readonly columns = new Map<string, (readonly string[] | undefined)[]>();
  private readonly exact = new Map<string, GrowingTable<string>>();
  private readonly text = new Map<string, GrowingTable<number>>();
  private readonly dates = new Map<string, number[]>();
  private size = 0;

  add(fields: DocumentFields): void {
    const place = this.size++;
    for (const [field, values] of fields.exact) {
      let column = this.columns.get(field);
      if (!column) this.columns.set(field, (column = []));
      column[place] = values;
      const counts = new Map<string, number>();
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      for (const [value, count] of counts) this.table(this.exact, field, false).add(value, place, count);
    }
    for (const [field, { values, analysis }] of fields.text) this.addText(field, place, values, analysis);
    for (const [field, moment] of fields.dates) {
      let column = this.dates.get(field);
      if (!column) this.dates.set(field, (column = []));
      column[place] = moment;
    }
  }

  /** Text for a dataset added earlier (the relationship fields, named once every dataset is known). */
  addText(field: string, place: number, values: readonly string[], analysis: Analysis): void {
    const positions = new Map<number, number[]>();
    let start = 0;
    const take = (term: string, position: number) => {
      const id = this.vocabulary.add(term);
      const list = positions.get(id);
      if (list) list.push(position);
      else positions.set(id, [position]);
    };
    for (const value of values) start = indexTokens(value, analysis, take, start) + valueGap;
    const table = this.table(this.text, field, true);
    for (const [id, list] of positions) table.add(id, place, list.length, list);
  }

  private table<K>(tables: Map<string, GrowingTable<K>>, field: string, withPositions: boolean): GrowingTable<K> {
    let table = tables.get(field);
    if (!table) tables.set(field, (table = new GrowingTable<K>(withPositions)));
    return table;
  }

  build(): SearchIndex {
    const size = this.size;
    const freezeAll = <K>(tables: Map<string, GrowingTable<K>>) => new Map([...tables].map(([field, table]) => [field, table.freeze()]));
    return {
      size,
      vocabulary: this.vocabulary,
      columns: new Map([...this.columns].map(([field, column]) => [field, Array.from({ length: size }, (_, place) => column[place])])),
      exact: freezeAll(this.exact),
      text: freezeAll(this.text),
      dates: new Map([...this.dates].map(([field, column]) => [field, Float64Array.from({ length: size }, (_, place) => column[place] ?? Number.NaN)])),
    };
  }
}
