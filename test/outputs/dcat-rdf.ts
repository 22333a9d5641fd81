// Reading the DCAT-AP files back for the tests: parsed by n3 (and jsonld), by rdflib in Python
// (a second parser sharing no code with them), and checked against the official DCAT-AP 3.0.1
// SHACL shapes (test/fixtures/schemas/dcat-ap-3.0.1/) by a real SHACL engine, rdf-validate-shacl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Parser, type Quad, type Term } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { fixturesDir } from '../helpers/content.ts';

const shapesDir = path.join(fixturesDir, 'schemas', 'dcat-ap-3.0.1');

/** The shapes no DCAT-AP file of ours may violate (the folder's README says what each checks). */
export const mandatoryShapes = ['shapes.ttl', 'range.ttl', 'dcat-ap-SHACL.ttl', 'ranges.ttl'] as const;
/** The recommended properties: their findings are warnings. */
export const recommendedShapes = 'shapes_recommended.ttl';

export interface Finding {
  severity: string;
  focusNode: string;
  path: string;
  message: string;
}

const validators = new Map<string, SHACLValidator>();

function validatorFor(file: string): SHACLValidator {
  let validator = validators.get(file);
  if (!validator) {
    const shapes = new Parser({ format: 'text/turtle' }).parse(readFileSync(path.join(shapesDir, file), 'utf8'));
    validator = new SHACLValidator(shapes as unknown as ConstructorParameters<typeof SHACLValidator>[0]);
    validators.set(file, validator);
  }
  return validator;
}

const local = (iri: string | undefined) => (iri ?? '').replace(/^.*[#/]/, '');

/** Every finding of `file`'s shapes on the graph, short enough to read in a test failure. */
export async function validate(quads: readonly Quad[], file: string): Promise<Finding[]> {
  const validator = validatorFor(file);
  const report = await validator.validate(validator.factory.dataset([...quads]));
  return report.results.map((result) => ({
    severity: local(result.severity?.value),
    focusNode: result.focusNode?.value ?? '',
    path: result.path?.value ?? '',
    message: result.message.map((term) => term.value).join(' ') || local(result.sourceConstraintComponent?.value),
  }));
}

export function parseTurtle(text: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(text);
}

/** JSON-LD to quads with jsonld's own toRDF, then n3's N-Quads parser: the JSON-LD reading of a Node consumer. */
export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

/**
 * The JSON-LD jsonld itself writes for the graph of a JSON-LD text: read to quads (toRDF), then
 * fromRDF and compact with the file's own context, as the output did before it built the document
 * directly (src/outputs/dcat/compact-jsonld.ts). The output must be this document, with the same
 * keys in the same order; compared as one line, since the layout (a catalogue page has a line per
 * node) is whitespace, which the golden files hold.
 */
export async function jsonldReference(text: string): Promise<string> {
  const quads = (await parseJsonLd(text)) as unknown as object;
  const expanded = await jsonld.fromRDF(quads, { useNativeTypes: false });
  const context = (JSON.parse(text) as { '@context': jsonld.ContextDefinition })['@context'];
  const compacted = await jsonld.compact(expanded, context, { compactToRelative: false });
  return JSON.stringify(compacted);
}

/** The file as one line, to compare with `jsonldReference`. */
export const oneLine = (text: string) => JSON.stringify(JSON.parse(text));

/** Findings of every mandatory shapes file: what must be empty. */
export async function violations(quads: readonly Quad[]): Promise<(Finding & { shapes: string })[]> {
  const found = [];
  for (const file of mandatoryShapes) for (const finding of await validate(quads, file)) found.push({ shapes: file, ...finding });
  return found;
}

/** A term as both readers can say it: a plain string has no datatype, a language string no datatype either. */
export interface PlainTerm {
  type: 'iri' | 'blank' | 'literal';
  value: string;
  datatype: string | null;
  language: string | null;
}
export type PlainTriple = [PlainTerm, PlainTerm, PlainTerm];

const xsdString = 'http://www.w3.org/2001/XMLSchema#string';

function plainTerm(node: Term): PlainTerm {
  if (node.termType === 'Literal') {
    const language = node.language || null;
    const datatype = language || node.datatype.value === xsdString ? null : node.datatype.value;
    return { type: 'literal', value: node.value, datatype, language };
  }
  return { type: node.termType === 'BlankNode' ? 'blank' : 'iri', value: node.value, datatype: null, language: null };
}

const tripleKey = (triple: PlainTriple) => JSON.stringify(triple.map((node) => ({ datatype: node.datatype, language: node.language, type: node.type, value: node.value })));

/** n3's quads as sorted plain triples, to compare with rdflib's reading. */
export function plainTriples(quads: readonly Quad[]): PlainTriple[] {
  return quads.map((quad): PlainTriple => [plainTerm(quad.subject), plainTerm(quad.predicate), plainTerm(quad.object)]).sort((a, b) => (tripleKey(a) < tripleKey(b) ? -1 : 1));
}

/** Debian's Python, which has python3-rdflib (test/setup/system-deps.sh); a pyenv python3 would not. */
const python = '/usr/bin/python3';
const rdflibReader = fileURLToPath(new URL('read-rdf.py', import.meta.url));

/** The file as rdflib reads it, as sorted plain triples. */
export function rdflibTriples(file: string, format: 'turtle' | 'json-ld'): PlainTriple[] {
  const triples = JSON.parse(execFileSync(python, [rdflibReader, file, format], { encoding: 'utf8', maxBuffer: 1 << 30 })) as PlainTriple[];
  return triples.sort((a, b) => (tripleKey(a) < tripleKey(b) ? -1 : 1));
}
