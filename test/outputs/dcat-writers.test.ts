// The DCAT-AP writers serialise each node once and join the texts (serialise.ts): held here to
// n3's own Writer writing each whole file, as the output did before, with the same prefixes, on
// the fixtures' and the example catalogue's files, on awkward text, and on a catalogue page whose
// nodes several graphs describe differently (a topic, a place).
import path from 'node:path';
import jsonld from 'jsonld';
import { BaseIRI, DataFactory, Parser, Writer, type Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { prefixes } from '../../src/outputs/dcat/namespaces.ts';
import { jsonLdRelative, turtleRelative } from '../../src/outputs/dcat/relative.ts';
import { dcatFiles } from '../../src/outputs/dcat/output.ts';
import { mergedNodeText, nodeText, nodeTexts, toJsonLd, toTurtle, turtleOf } from '../../src/outputs/dcat/serialise.ts';
import { Triples } from '../../src/outputs/dcat/triples.ts';
import { repoRoot } from '../helpers/content.ts';
import { jsonldReference, oneLine, parseJsonLd } from './dcat-rdf.ts';
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

describe('a dataset\'s own files, relative to its folder', () => {
  const site = 'https://data.example/';
  const folder = `${site}dataset/odd/`;

  it('writes an IRI relative to the folder exactly as jsonld\'s compaction does, or not at all when it would not read back', async () => {
    const iris = [
      `${folder}#dataset`,
      folder,
      `${folder}?page=2`,
      `${folder}a/b.csv`,
      `${site}dataset/other/#dataset`,
      `${site}team/roads/#team`,
      `${site}#topics`,
      site,
      `${site}download/odd/data/a%20b.csv`,
      `${site}download/odd/d/x.csv?raw=1#row=2`,
      // What removeBase gets wrong: the root as a string only, a port, a scheme-like first segment, a keyword-like name.
      'https://data.example.org/x',
      'https://data.example:8080/x',
      `${site}a:b/c`,
      `${folder}a:b`,
      `${folder}@context`,
      // Elsewhere: left as it is.
      'https://elsewhere.example/x',
      'mailto:data@data.example',
    ];
    const document = { '@graph': iris.map((iri) => ({ '@id': iri, 'http://example.org/p': { '@id': iri } })) };
    const compacted = (await jsonld.compact(document, { '@base': folder }, { compactToRelative: false })) as { '@graph': { '@id': string }[] };
    const byJsonld = new Map(compacted['@graph'].map((node) => [new URL(node['@id'], folder).href, node['@id']]));
    const refused: string[] = [];
    for (const iri of iris) {
      const relative = jsonLdRelative(iri, folder);
      if (relative === null) refused.push(iri);
      // What jsonld writes (keyed by what it reads back as): the same string, read back as the same IRI.
      else expect(byJsonld.get(iri), iri).toBe(relative);
    }
    expect(refused).toEqual(['https://data.example.org/x', 'https://data.example:8080/x', `${folder}a:b`, `${folder}@context`]);
    expect(jsonLdRelative(`${site}a:b/c`, folder)).toBe('../../a:b/c');
  });

  it('writes an IRI relative to the folder in Turtle exactly as n3\'s writer does', () => {
    const iris = [
      `${folder}#dataset`,
      folder,
      `${folder}?page=2`,
      `${folder}a/b.csv`,
      `${folder}a:b`,
      `${folder}ab/c`,
      `${folder}../x`,
      `${site}dataset/other/#dataset`,
      `${site}dataset/odd`,
      `${site}dataset/oddity/`,
      `${site}team/roads/#team`,
      `${site}team/ab/#team`,
      `${site}#topics`,
      site,
      'https://data.example',
      `${site}download/odd/data/a%20b.csv`,
      `${site}download/odd/d/x.csv?raw=1#row=2`,
      `${site}a:b/c`,
      'https://data.example.org/x',
      'https://data.example:8080/x',
      'http://data.example/x',
      'https://elsewhere.example/x',
      'mailto:data@data.example',
    ];
    for (const base of [folder, site, `${site}dataset/a.b/`, `${site}a//b/`, 'https://data.example/dataset/x?y/']) {
      const n3 = new BaseIRI(base);
      for (const iri of iris) expect(turtleRelative(iri, base), `${iri} from ${base}`).toBe(n3.toRelative(iri));
    }
  });

  it('keeps `site:` compact IRIs in JSON-LD when one of them would not read back, and Turtle relative all the same', async () => {
    const graphOf = (page: string) => {
      const triples = new Triples();
      triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.dcat}landingPage`), namedNode(folder)));
      triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.foaf}page`), namedNode(page)));
      triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.dct}publisher`), namedNode(`${site}team/roads/#team`)));
      return triples;
    };
    for (const [page, relative] of [
      ['https://elsewhere.example/about', true],
      ['https://data.example.org/about', false],
    ] as const) {
      const triples = graphOf(page);
      const quads = triples.sortedNodes().flatMap((node) => node.quads());
      const turtle = await toTurtle(triples, site, folder);
      const json = toJsonLd(triples, site, { own: folder });
      expect(turtle).toMatch(/^@base <https:\/\/data\.example\/dataset\/odd\/>\.\n[^]*\n<#dataset> dct:publisher <\.\.\/\.\.\/team\/roads\/#team>;\n {4}dcat:landingPage <>;/);
      expect(json.includes('"@base"'), page).toBe(relative);
      expect(json.includes('"site:dataset/odd/#dataset"'), page).toBe(!relative);
      const key = (each: Quad) => `${each.subject.value} ${each.predicate.value} ${each.object.id}`;
      for (const read of [new Parser().parse(turtle), await parseJsonLd(json)]) expect(read.map(key).sort(), page).toEqual(quads.map(key).sort());
      expect(oneLine(json)).toBe(await jsonldReference(json));
    }
  });
});

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
