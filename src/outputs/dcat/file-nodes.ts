// A dataset's own files' nodes (relative to its folder: `<#dataset>`, `"#dataset"`), made from the
// texts its catalogue page already has of them (relative to the site: `<dataset/roads/#dataset>`,
// `"site:dataset/roads/#dataset"`) by rewriting the site's IRIs, not by serialising the graph a
// second time: the same statements and values, only their IRIs differ (docs/decisions/dcat.md,
// "Each dataset serialised once"). Kept between builds is the page's form alone; this one is made
// again when a file must be written. The tests hold the result to the graph serialised for the file.
import { baseFits, siteBit, type NodeJson, type PropertyJson } from './compact-jsonld.ts';
import type { NodeText } from './serialise.ts';
import { jsonLdRelative, rootOf, turtleRelative, turtleResolve } from './relative.ts';

/** A Turtle string (skipped as it is) or an IRI reference (rewritten): the only places an IRI can be in n3's statement of a node. */
const turtleTokens = /"(?:[^"\\]|\\.)*"|<([^<>]*)>/g;

/** Thrown inside the rewriting when a node is one this module does not read back exactly; the caller serialises the graph instead. */
class NotDerivable extends Error {}

/**
 * The file's nodes, or null when one of the page's nodes holds what this does not rewrite exactly
 * (an escaped IRI, an IRI whose scheme is `site:`, a site whose address is not a folder): the
 * caller then serialises the dataset's graph for its file (serialise.ts datasetTexts), as before.
 * `base` is the dataset's folder (its page); every node of `page` is the dataset's (its own and
 * those it shares: its team, topics, licence, the EU concepts), in code-unit order.
 */
export function fileNodesOf(page: readonly NodeText[], siteUrl: string, base: string): NodeText[] | null {
  const root = rootOf(siteUrl);
  const bit = siteBit(siteUrl);
  if (root === null || bit === null || turtleResolve('', siteUrl) === null) return null;
  try {
    const turtle = page.map((node) => turtleIn(node.turtle, siteUrl, root, base));
    // JSON-LD relative to the folder only when every IRI of every node reads back so (relative.ts jsonLdRelative); else the page's form in every node.
    const json = baseFits(base) ? jsonIn(page, siteUrl, root, base, bit) : null;
    return page.map((node, index) => ({ subject: node.subject, turtle: turtle[index]!, turtlePrefixes: node.turtlePrefixes, json: json?.[index] ?? node.json }));
  } catch (error) {
    if (error instanceof NotDerivable) return null;
    throw error;
  }
}

/** A node's Turtle statement with each IRI of the site written relative to `base` (the site's address before), as n3 writes it with that base (relative.ts turtleRelative). */
function turtleIn(statement: string, siteUrl: string, root: string, base: string): string {
  // Many shared nodes (the EU concepts) have no IRI in angle brackets, only prefixed names.
  if (!statement.includes('<')) return statement;
  return statement.replace(turtleTokens, (token, reference: string | undefined) => {
    if (reference === undefined) return token;
    // An escaped character (a surrogate pair, a quote) or an IRI that reads as a prefixed name of the site's: not read back here.
    if (reference.includes('\\') || /^site:/i.test(reference)) throw new NotDerivable();
    const iri = turtleResolve(reference, siteUrl);
    if (iri === null) throw new NotDerivable();
    return iri.startsWith(root) ? `<${turtleRelative(iri, base)}>` : token;
  });
}

/**
 * Every node's JSON-LD pieces with the site's IRIs relative to `base` (`site:x` and absolute IRIs
 * under the site's root, as compaction writes them under a context with that `@base`), or null when
 * one of them would not read back (relative.ts jsonLdRelative). Only IRIs move: a value's kind,
 * its literal text, its datatype's compact IRI are the page's.
 */
function jsonIn(page: readonly NodeText[], siteUrl: string, root: string, base: string, bit: number): NodeJson[] | null {
  const relative = (value: string): string => {
    const iri = value.startsWith('site:') ? siteUrl + value.slice(5) : value;
    if (!iri.startsWith(root)) return value;
    const written = jsonLdRelative(iri, base);
    if (written === null) throw noBase;
    return written;
  };
  try {
    return page.map((node) => {
      const json = node.json;
      const properties = json.properties.map((property): PropertyJson => {
        const [predicate, kinds, count, bare, wrapped] = property;
        if (!kinds.includes('id')) {
          // A datatype of the site would be written relative too: never made here (dataset-graph.ts).
          if (kinds.some((kind) => kind.startsWith('^^') && kind.startsWith(root, 2))) throw new NotDerivable();
          return property;
        }
        // No value of the site among them (a concept's, a licence elsewhere): nothing to rewrite.
        if (!wrapped.includes('"site:') && !wrapped.includes(`"${root}`)) return property;
        const values = JSON.parse(wrapped) as unknown;
        const list = (Array.isArray(values) ? values : [values]).map((value) => (typeof value === 'object' && value !== null && '@id' in value ? { '@id': relative((value as { '@id': string })['@id']) } : value));
        const one = (items: unknown[]) => JSON.stringify(items.length === 1 ? items[0] : items);
        return [predicate, kinds, count, bare === null ? null : one(list.map((value) => (value as { '@id': string })['@id'])), one(list)];
      });
      const id = json.id.startsWith('"site:') || json.id.startsWith(`"${root}`) ? JSON.stringify(relative(JSON.parse(json.id) as string)) : json.id;
      return { relative: true, id, prefixes: json.prefixes & ~bit, classes: json.classes, properties };
    });
  } catch (error) {
    if (error === noBase) return null;
    throw error;
  }
}

const noBase = new Error('not relative to the base');
