// The queries of the differential test as data: the generator builds them, renders them to the
// text a client sends, and the reference implementation evaluates the data itself. So the
// reference needs no query parser of its own, and shares none with the handler.

/** A moment as a client writes it: a literal instant, or NOW with arithmetic (`NOW/DAY-30DAYS`). */
export type DateSpec = { kind: 'literal'; iso: string } | { kind: 'now'; round: boolean; amount: number; unit: 'DAYS' | 'MONTHS' | 'YEARS' | 'HOURS' };

export type Node =
  /** `field:word`, or a bare word (the default field, `text`). */
  | { kind: 'word'; field: string | null; word: string }
  /** `field:"several words"` on a text field. */
  | { kind: 'phrase'; field: string | null; text: string }
  /** `field:"exact value"` on an exact-value field (`tags:"Road Safety"`, `organization:highways`). */
  | { kind: 'exact'; field: string; value: string }
  | { kind: 'prefix'; field: string; prefix: string }
  | { kind: 'range'; field: 'metadata_modified' | 'metadata_created'; lower: DateSpec | null; upper: DateSpec | null; includeLower: boolean; includeUpper: boolean }
  | { kind: 'all' }
  | { kind: 'group'; sequence: Sequence };

export interface Item {
  /** How it is joined to the item before it (nothing for the first). */
  conjunction: '' | 'AND' | 'OR';
  modifier: '' | '+' | '-' | 'NOT';
  node: Node;
}

export interface Sequence {
  items: Item[];
}

/** `q`: every dataset, free text (dismax: words and phrases only), or Lucene's syntax (with at least one field). */
export type QueryModel = { kind: 'everything' } | { kind: 'free'; sequence: Sequence } | { kind: 'fielded'; sequence: Sequence };

export function renderDate(spec: DateSpec | null): string {
  if (spec === null) return '*';
  if (spec.kind === 'literal') return spec.iso;
  return `NOW${spec.round ? '/DAY' : ''}${spec.amount === 0 ? '' : `${spec.amount > 0 ? '+' : '-'}${Math.abs(spec.amount)}${spec.unit}`}`;
}

function renderNode(node: Node): string {
  const prefix = (field: string | null) => (field === null ? '' : `${field}:`);
  switch (node.kind) {
    case 'word':
      return `${prefix(node.field)}${node.word}`;
    case 'phrase':
      return `${prefix(node.field)}"${node.text}"`;
    case 'exact':
      return /^[A-Za-z0-9._-]+$/.test(node.value) ? `${node.field}:${node.value}` : `${node.field}:"${node.value}"`;
    case 'prefix':
      return `${node.field}:${node.prefix}*`;
    case 'range':
      return `${node.field}:${node.includeLower ? '[' : '{'}${renderDate(node.lower)} TO ${renderDate(node.upper)}${node.includeUpper ? ']' : '}'}`;
    case 'all':
      return '*:*';
    case 'group':
      return `(${renderSequence(node.sequence)})`;
  }
}

export function renderSequence(sequence: Sequence): string {
  return sequence.items
    .map((item, index) => {
      const joint = index === 0 ? '' : item.conjunction === '' ? ' ' : ` ${item.conjunction} `;
      const modifier = item.modifier === 'NOT' ? 'NOT ' : item.modifier;
      return `${joint}${modifier}${renderNode(item.node)}`;
    })
    .join('');
}

export function renderQuery(query: QueryModel): string | null {
  return query.kind === 'everything' ? null : renderSequence(query.sequence);
}
