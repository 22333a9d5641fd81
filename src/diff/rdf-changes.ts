// Which statements differ between two Turtle documents, by predicate (as a harvester would see).
import { Parser, type Quad } from 'n3';
import { prefixes } from '../outputs/dcat/namespaces.ts';

export interface StatementChanges {
  added: number;
  removed: number;
  /** The predicates of the added and removed statements, prefixed (dct:title), sorted. */
  predicates: string[];
}

const allPrefixes: Record<string, string> = { ...prefixes, rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#' };

function prefixed(iri: string): string {
  if (iri === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') return 'a';
  for (const [prefix, namespace] of Object.entries(allPrefixes)) {
    if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  }
  return `<${iri}>`;
}

const termKey = (term: Quad['object']) => (term.termType === 'Literal' ? `"${term.value}"@${term.language}^^${term.datatype.value}` : `${term.termType}:${term.value}`);

function statements(turtle: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const quad of new Parser().parse(turtle)) {
    byKey.set(`${termKey(quad.subject)} ${quad.predicate.value} ${termKey(quad.object)}`, prefixed(quad.predicate.value));
  }
  return byKey;
}

export function statementChanges(before: string, after: string): StatementChanges {
  const was = statements(before);
  const now = statements(after);
  const predicates = new Set<string>();
  let added = 0;
  let removed = 0;
  for (const [key, predicate] of now) {
    if (!was.has(key)) {
      added += 1;
      predicates.add(predicate);
    }
  }
  for (const [key, predicate] of was) {
    if (!now.has(key)) {
      removed += 1;
      predicates.add(predicate);
    }
  }
  return { added, removed, predicates: [...predicates].sort() };
}
