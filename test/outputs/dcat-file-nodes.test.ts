// A dataset's own files are made from its catalogue page's nodes by rewriting the site's IRIs
// (file-nodes.ts): held here byte for byte to the same graph serialised for the file (serialise.ts
// datasetTexts, which dcat-writers.test.ts holds to n3 and jsonld), on every dataset of the example
// catalogue under several site addresses, and on awkward IRIs and text; and it refuses (the output
// then serialises the graph) exactly what it cannot rewrite.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { datasetGraph } from '../../src/outputs/dcat/dataset-graph.ts';
import { fileNodesOf } from '../../src/outputs/dcat/file-nodes.ts';
import { dcatInput } from '../../src/outputs/dcat/input.ts';
import { prefixes } from '../../src/outputs/dcat/namespaces.ts';
import { datasetTexts, jsonLdOf, nodeTexts, turtleOf, type NodeText } from '../../src/outputs/dcat/serialise.ts';
import { Triples } from '../../src/outputs/dcat/triples.ts';
import { repoRoot } from '../helpers/content.ts';

const { namedNode, literal, quad } = DataFactory;

const files = (nodes: readonly NodeText[], siteUrl: string, folder: string) => [turtleOf(nodes, siteUrl, folder), jsonLdOf(nodes, siteUrl, { base: folder })];

/** The file's two texts made both ways; null when the rewriting refused. */
function bothWays(triples: Triples, siteUrl: string, folder: string): { serialised: string[]; rewritten: string[] | null } {
  const serialised = files(datasetTexts(triples, siteUrl, folder).file, siteUrl, folder);
  const rewritten = fileNodesOf(nodeTexts(triples, siteUrl, folder), siteUrl, folder);
  return { serialised, rewritten: rewritten && files(rewritten, siteUrl, folder) };
}

const sites = ['https://data.example/', 'https://data.example/open/data/', 'http://data.example:8080/a/'];

describe('a dataset\'s own files rewritten from its catalogue page\'s nodes', () => {
  it('are the bytes of its graph serialised for the file, for every dataset of the example catalogue under several addresses', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content`, includePrivate: true });
    const input = dcatInput(catalogue);
    let compared = 0;
    for (const url of sites) {
      const site = { ...input.site, url };
      for (const dataset of input.datasets) {
        const moved = { ...dataset, webpage: dataset.webpage.replace(input.site.url, url) };
        const triples = new Triples();
        datasetGraph(triples, site, moved);
        const { serialised, rewritten } = bothWays(triples, url, moved.webpage);
        expect(rewritten, `${url} ${dataset.id}`).toEqual(serialised);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('rewrites awkward IRIs as the file\'s serialisation writes them, and text that looks like an IRI not at all', () => {
    const awkward = (site: string) => {
      const folder = `${site}dataset/odd/`;
      return [
        `${folder}#dataset`,
        folder,
        `${folder}?page=2`,
        `${folder}a/b.csv`,
        `${site}dataset/other/#dataset`,
        // A segment of two characters: n3 writes it in full on the page (its SUFFIX_SUPPORTED), relative in the file.
        `${site}dataset/ab/x/#dataset`,
        `${site}team/roads/#team`,
        `${site}#topics`,
        site,
        `${site}download/odd/data/a%20b.csv`,
        `${site}download/odd/d/x.csv?raw=1#row=2`,
        'https://data.example.org/x',
        'https://data.example:8080/x',
        'http://data.example:8080/other/x',
        `${site}a:b/c`,
        `${folder}a:b`,
        `${folder}@context`,
        'https://elsewhere.example/x',
        'mailto:data@data.example',
        `${prefixes.dct}title`,
        'text:plain',
      ];
    };
    let rewritten = 0;
    for (const site of sites) {
      const folder = `${site}dataset/odd/`;
      const iris = awkward(site);
      // Every IRI alone in a dataset's graph (one that JSON-LD cannot write relative keeps `site:` in its file), then all of them together.
      for (const group of [...iris.map((iri) => [iri]), iris]) {
        const triples = new Triples();
        for (const iri of group) triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.foaf}page`), namedNode(iri)));
        for (const iri of group) triples.addQuad(quad(namedNode(iri), namedNode(`${prefixes.dct}title`), literal(`<${site}x> "site:dataset/odd/#dataset" \\ ${iri}`, 'en')));
        triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.dct}relation`), literal(`site:x`)));
        const both = bothWays(triples, site, folder);
        expect(both.rewritten, `${site} ${group.join(' ')}`).toEqual(both.serialised);
        rewritten++;
      }
    }
    expect(rewritten).toBe(sites.length * 22);
  });

  it('refuses an IRI it would not read back exactly (escaped in Turtle, or whose scheme is `site:`), and the output serialises those datasets instead', () => {
    const site = 'https://data.example/';
    const folder = `${site}dataset/odd/`;
    for (const iri of ['site:dataset/odd/#dataset', `${site}quote"d`, `${site}\u{1F600}`]) {
      const triples = new Triples();
      triples.addQuad(quad(namedNode(`${folder}#dataset`), namedNode(`${prefixes.foaf}page`), namedNode(iri)));
      expect(fileNodesOf(nodeTexts(triples, site, folder), site, folder), iri).toBeNull();
    }
  });
});
