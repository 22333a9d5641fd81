// The DCAT-AP writers serialise each node once and join the texts (serialise.ts): held here to
// n3's own Writer writing each whole file, as the output did before, with the same prefixes, on
// the fixtures' and the example catalogue's files, on awkward text, and on a catalogue page whose
// nodes several graphs describe differently (a topic, a place).
import path from 'node:path';
import { DataFactory, Parser, Writer, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { prefixes } from '../../src/outputs/dcat/namespaces.ts';
import { dcatFiles } from '../../src/outputs/dcat/output.ts';
import { mergedNodeText, nodeText, nodeTexts, turtleOf } from '../../src/outputs/dcat/serialise.ts';
import { Triples } from '../../src/outputs/dcat/triples.ts';
import { repoRoot } from '../helpers/content.ts';
import { loadExportsFixture } from './exports-fixture.ts';

const { namedNode, literal, quad } = DataFactory;

/** n3's Writer on the whole graph, with this base and these prefixes: the site's nodes first, then the others, each sorted (decisions/dcat.md). */
function n3Turtle(quads: readonly Quad[], siteUrl: string, used: Record<string, string>, base = siteUrl): string {
  const nodes = Triples.of(quads).sortedNodes();
  const ordered = [...nodes.filter((node) => node.subject.startsWith(siteUrl)), ...nodes.filter((node) => !node.subject.startsWith(siteUrl))];
  const writer = new Writer({ baseIRI: base, writeBase: true, prefixes: used, format: 'Turtle' });
  for (const node of ordered) writer.addQuads(node.quads() as Quad[]);
  let text = '';
  writer.end((_error, result: string) => (text = result));
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The quads of a Turtle file, the prefixes it declares and its base (its first line). */
function read(text: string): { quads: Quad[]; declared: Record<string, string>; base: string } {
  const declared: Record<string, string> = {};
  const quads = new Parser().parse(text, null, (prefix, iri) => (declared[prefix] = iri.value));
  return { quads, declared, base: /^@base <([^>]*)>\.\n/.exec(text)![1]! };
}

/** Each declared prefix is written in the body: none is declared for nothing. */
function expectEveryPrefixUsed(text: string, declared: Record<string, string>): void {
  const body = text.replace(/^@(base|prefix)[^\n]*\n/gm, '');
  for (const prefix of Object.keys(declared)) expect(body, prefix).toMatch(new RegExp(`(^|[\\s,;(^])${prefix}:`, 'm'));
}

describe('Turtle joined from nodes written once', () => {
  it('is byte for byte what n3 writes of each whole file, for the fixtures and the example catalogue', async () => {
    const catalogues = [await loadExportsFixture(), (await loadCatalogue({ contentDir: path.join(repoRoot, 'content') })).catalogue];
    let files = 0;
    for (const catalogue of catalogues) {
      // Pages of 5 as well: more pages, each merging the catalogue's topics with its datasets'.
      for (const pageSize of [1000, 5]) {
        for await (const file of dcatFiles(catalogue, pageSize)) {
          if (!file.path.endsWith('.ttl')) continue;
          const { quads, declared, base } = read(file.text);
          // A dataset's own file is relative to its folder (`<#dataset>`), the catalogue's pages to the site's address.
          const dataset = /^dataset\/([^/]+)\.ttl$/.exec(file.path)?.[1];
          expect(base, file.path).toBe(dataset === undefined ? catalogue.site.url : `${catalogue.site.url}dataset/${dataset}/`);
          expect(file.text, file.path).toBe(n3Turtle(quads, catalogue.site.url, declared, base));
          expectEveryPrefixUsed(file.text, declared);
          files++;
        }
      }
    }
    expect(files).toBeGreaterThan(60);
  });

  it('writes awkward text and IRIs as n3 does, and a subject given twice in a row as two statements', () => {
    const site = 'https://data.example/';
    const subject = namedNode(`${site}dataset/odd/#dataset`);
    const triples = new Triples();
    const texts = ['line\nbreak and "quotes" and \\ back', 'tab\there', '😀 outside the BMP', 'ünïcödé', 'bell \u0007', ''];
    for (const text of texts) triples.addQuad(quad(subject, namedNode(`${prefixes.dct}description`), literal(text, 'en-gb')));
    triples.addQuad(quad(subject, namedNode(`${prefixes.dcat}landingPage`), namedNode(`${site}dataset/odd/`)));
    triples.addQuad(quad(subject, namedNode(`${prefixes.foaf}page`), namedNode('https://elsewhere.example/a%20b?x=1#frag')));
    triples.addQuad(quad(subject, namedNode(`${prefixes.dct}issued`), literal('2024-01-01T00:00:00Z', namedNode(`${prefixes.xsd}dateTime`))));
    triples.addQuad(quad(subject, namedNode(`${prefixes.dct}identifier`), literal('12', namedNode(`${prefixes.xsd}integer`))));
    triples.addQuad(quad(namedNode(`${prefixes.eufiletype}CSV`), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${prefixes.dct}MediaTypeOrExtent`)));
    // A local name n3 cannot write with a prefix: the full IRI, and its prefix is not declared for it.
    triples.addQuad(quad(namedNode(`${prefixes.eulanguage}a.b.`), namedNode(`${prefixes.skos}prefLabel`), literal('x')));
    const text = turtleOf(nodeTexts(triples, site), site);
    const { quads, declared } = read(text);
    expect(text).toBe(n3Turtle(quads, site, declared));
    expect(Object.keys(declared)).not.toContain('eulanguage');
    expectEveryPrefixUsed(text, declared);
    // The same node twice in a row (as a page merging it does): each time the whole statement.
    const node = triples.nodes.get(subject.value);
    expect(nodeText(node!, site).turtle).toBe(nodeText(node!, site).turtle);
    expect(nodeText(node!, site).turtle).toMatch(/^<dataset\/odd\/#dataset> /);
  });

  it('puts together a node that several graphs describe, as one graph holding all their quads', () => {
    const site = 'https://data.example/';
    const topic = `${site}topic/roads/#topic`;
    const label = namedNode(`${prefixes.skos}prefLabel`);
    const one = Triples.of([quad(namedNode(topic), label, literal('Roads', 'en'))]);
    const other = Triples.of([quad(namedNode(topic), label, literal('Streets', 'en')), quad(namedNode(topic), namedNode(`${prefixes.skos}inScheme`), namedNode(`${site}#topics`))]);
    const merged = mergedNodeText([...nodeTexts(one, site), ...nodeTexts(other, site)], site);
    const both = Triples.of([...one.sortedNodes()[0]!.quads(), ...other.sortedNodes()[0]!.quads()]);
    expect(merged).toEqual(nodeTexts(both, site)[0]);
  });
});
