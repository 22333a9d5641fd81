// The quads of a graph as the builders collect them, and the small shapes they repeat (a typed
// node, a concept with its label): built with n3's DataFactory in any order, kept unique and
// grouped by subject and predicate, and handed to both writers (serialise.ts) one node at a time
// in one fixed order.
import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3';
import { rdfType, term, text } from './namespaces.ts';
import type { Concept } from './vocabularies.ts';

export type Node = string | NamedNode;

/** Code-unit order: the same on every machine, whatever its locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One subject of a graph and what is said of it: each quad once, by predicate IRI and object id (n3's `term.id`). */
export class GraphNode {
  readonly predicates = new Map<string, Map<string, Quad>>();
  /**
   * Whether another graph holds this node too (`addGraph`) or it was sorted for writing: a graph
   * then copies it before adding to it (copy on write), so what was shared or written stays as it was.
   */
  shared = false;
  private sorted: readonly Quad[] | null = null;
  readonly subject: string;
  /** The subject as a term, made once: every quad of the node shares it. */
  readonly term: NamedNode;

  constructor(subject: string, term: NamedNode = DataFactory.namedNode(subject)) {
    this.subject = subject;
    this.term = term;
  }

  add(quad: Quad): void {
    let objects = this.predicates.get(quad.predicate.value);
    if (!objects) this.predicates.set(quad.predicate.value, (objects = new Map()));
    if (!objects.has(quad.object.id)) objects.set(quad.object.id, quad);
  }

  has(predicate: string, objectId: string): boolean {
    return this.predicates.get(predicate)?.has(objectId) ?? false;
  }

  copy(): GraphNode {
    const copy = new GraphNode(this.subject, this.term);
    for (const [predicate, objects] of this.predicates) copy.predicates.set(predicate, new Map(objects));
    return copy;
  }

  /** Its quads in order: rdf:type first, then by predicate, then by object id. Worked out once: the node is not changed after. */
  quads(): readonly Quad[] {
    this.shared = true;
    return (this.sorted ??= sortedQuadsOf(this.predicates));
  }
}

export class Triples {
  /** Subject IRI → its node. Every node has an IRI (paths.ts): no blank nodes. */
  readonly nodes = new Map<string, GraphNode>();

  /** Adds `subject predicate object`; an absent value (null) adds nothing, as the model's optional fields need. */
  add(subject: Node, predicate: NamedNode, object: Quad_Object | string | null | undefined): void {
    if (object === null || object === undefined) return;
    const objectTerm = typeof object === 'string' ? DataFactory.namedNode(object) : object;
    const key = typeof subject === 'string' ? subject : subject.value;
    // Shared nodes (a team, a licence, a concept) are said again by every dataset: a repeat makes no quad, and no copy.
    if (this.nodes.get(key)?.has(predicate.value, objectTerm.id)) return;
    const node = this.ownNode(key);
    node.add(DataFactory.quad(node.term, predicate, objectTerm));
  }

  addQuad(quad: Quad): void {
    this.ownNode(quad.subject.value).add(quad);
  }

  /**
   * Every quad of `other` too. A catalogue page is its datasets' graphs together, which share few
   * subjects (a team, a licence, the EU concepts): a node only `other` has is taken over as it is,
   * not copied (and either graph copies it before changing it).
   */
  addGraph(other: Triples): void {
    for (const [subject, node] of other.nodes) {
      const own = this.nodes.get(subject);
      if (own) {
        // Mostly the same quads (the team of the page's datasets): copied only for what is new.
        for (const quad of node.quads()) if (!own.has(quad.predicate.value, quad.object.id)) this.ownNode(subject).add(quad);
        continue;
      }
      node.shared = true;
      this.nodes.set(subject, node);
    }
  }

  /** Removes a subject and everything said of it (a page's paging description, which differs per format). */
  delete(subject: string): void {
    this.nodes.delete(subject);
  }

  /** Every node in code-unit order of its IRI. */
  sortedNodes(): GraphNode[] {
    return [...this.nodes.keys()].sort(compare).map((subject) => this.nodes.get(subject)!);
  }

  /**
   * Says what class a node is. A value described by another vocabulary (a licence's page, an EU
   * concept) is still typed here: DCAT-AP's range shapes check the class of each value with no
   * inference and no fetching, so the class must be in the file.
   */
  type(node: Node, ...classes: NamedNode[]): void {
    for (const nodeClass of classes) this.add(node, rdfType, nodeClass);
  }

  /** A concept of a controlled vocabulary, with the label and scheme DCAT-AP's shapes ask of a skos:Concept. */
  concept(concept: Concept): NamedNode {
    this.type(concept.iri, term('skos', 'Concept'));
    this.add(concept.iri, term('skos', 'prefLabel'), text(concept.label, 'en'));
    this.add(concept.iri, term('skos', 'inScheme'), concept.scheme);
    return concept.iri;
  }

  /** The graph of some quads, in any order and with repeats (as a parser returns them). */
  static of(quads: Iterable<Quad>): Triples {
    const triples = new Triples();
    for (const quad of quads) triples.addQuad(quad);
    return triples;
  }

  private ownNode(subject: string): GraphNode {
    const node = this.nodes.get(subject);
    if (node && !node.shared) return node;
    const own = node ? node.copy() : new GraphNode(subject);
    this.nodes.set(subject, own);
    return own;
  }
}

function sortedQuadsOf(predicates: GraphNode['predicates']): Quad[] {
  const quads: Quad[] = [];
  const type = predicates.get(rdfType.value);
  if (type) for (const id of [...type.keys()].sort(compare)) quads.push(type.get(id)!);
  for (const predicate of [...predicates.keys()].sort(compare)) {
    if (predicate === rdfType.value) continue;
    const objects = predicates.get(predicate)!;
    // One object (most predicates) needs no sorting.
    if (objects.size === 1) quads.push(objects.values().next().value!);
    else for (const id of [...objects.keys()].sort(compare)) quads.push(objects.get(id)!);
  }
  return quads;
}
