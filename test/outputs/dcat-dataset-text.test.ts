// A dataset's nodes written straight from the model (dataset-text.ts) against its graph serialised
// (dataset-graph.ts, then serialise.ts for its catalogue page and file-nodes.ts, else serialise.ts
// datasetTexts, for its own files: what the output did before, which dcat-writers.test.ts and
// dcat-file-nodes.test.ts hold to n3 and jsonld): the same NodeTexts, field for field, on every
// dataset of the example catalogue (private ones too) under several site addresses, and on
// awkward datasets; and what it declines, the output still writes, through the graph.
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { datasetGraph } from '../../src/outputs/dcat/dataset-graph.ts';
import { datasetTextsOf } from '../../src/outputs/dcat/dataset-text.ts';
import { fileNodesOf } from '../../src/outputs/dcat/file-nodes.ts';
import { dcatInput, type DcatDataset, type DcatSite } from '../../src/outputs/dcat/input.ts';
import { datasetTexts, jsonLdOf, nodeTexts, turtleOf } from '../../src/outputs/dcat/serialise.ts';
import { Triples } from '../../src/outputs/dcat/triples.ts';
import { repoRoot } from '../helpers/content.ts';

/** The dataset's page and file nodes as the graph gives them (the oracle). */
function throughGraph(site: DcatSite, dataset: DcatDataset) {
  const triples = new Triples();
  datasetGraph(triples, site, dataset);
  const page = nodeTexts(triples, site.url, dataset.webpage);
  const file = fileNodesOf(page, site.url, dataset.webpage) ?? datasetTexts(triples, site.url, dataset.webpage).file;
  return { page, file };
}

const sites = ['https://data.example/', 'https://data.example/open/data/', 'http://data.example:8080/a/'];

describe('a dataset written straight from the model', () => {
  it('is its graph serialised, for every dataset of the example catalogue under several addresses, private ones included', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content`, includePrivate: true });
    const input = dcatInput(catalogue);
    expect(input.datasets.some((dataset) => dataset.sharing === 'private')).toBe(true);
    let compared = 0;
    for (const url of sites) {
      const site = { ...input.site, url };
      for (const dataset of input.datasets) {
        const moved = { ...dataset, webpage: dataset.webpage.replace(input.site.url, url) };
        const direct = datasetTextsOf(site, moved);
        // Nothing in the example is declined, under any of the addresses.
        expect(direct, `${url} ${dataset.id}`).not.toBeNull();
        expect(direct, `${url} ${dataset.id}`).toEqual(throughGraph(site, moved));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('writes awkward text, IRIs, languages, datatypes and colliding nodes as the graph does, or declines them', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content`, includePrivate: true });
    const input = dcatInput(catalogue);
    const model = input.datasets.find((dataset) => dataset.resources.some((resource) => resource.hash !== null) && dataset.licence?.url) ?? input.datasets[0]!;
    let written = 0;
    let declined = 0;
    const declinedOnes = new Set<string>();
    for (const url of sites) {
      for (const language of ['en-GB', 'cy', 'zz-Latn-x-private']) {
        const site: DcatSite = { ...input.site, url, language, spatial: { uri: 'https://sws.geonames.org/2644688/', label: 'Leeds "city"', bbox: [-1.8, 53.7, -1.29, 53.95], centroid: [-1.55, 53.8] } };
        const webpage = `${url}dataset/odd-one/`;
        const awkward: DcatDataset[] = [
          {
            ...model,
            id: 'odd-one',
            webpage,
            title: 'Quotes " and \\ backslash, tab\tnew\nline, \u0001 control, emoji \u{1F600}, accents éà, CJK 日本',
            descriptionText: '',
            sharing: 'private',
            createdAt: '2020-01-01T00:00:00.000Z',
            updatedAt: null,
            tags: [{ name: 'b tag' }, { name: 'a tag' }, { name: 'a' }, { name: 'Ünïcode' }],
            team: { ...model.team, id: 'odd-team', title: 'Team "odd"', email: 'team@data.example', url: `${url}team/odd-team/`, type: 'local-authority' },
            contact: { title: 'Contact', email: 'c@data.example', url: 'https://contact.example/us' },
            spatial: { uri: `${url}place/here`, label: 'Here', bbox: null, centroid: null },
            licence: { id: 'other-closed', title: 'Other (not open)', open: false },
            // A link to the dataset's own page (the landing page gets a title), another to a place, one to the site's root, one with spaces and quotes.
            links: [
              { url: webpage, title: 'Its own page', description: '' },
              { url: 'https://sws.geonames.org/2644688/', title: 'The place', description: 'Where it is' },
              { url, title: 'The site', description: '' },
              { url: 'https://elsewhere.example/a b/"q"?x=<1>#frag', title: 'Odd URL', description: '' },
              { url: 'https://www.iana.org/assignments/media-types/text/csv', title: 'A prefixed name', description: '' },
            ],
            relationships: [{ dataset: 'b-other' }, { dataset: 'a-other' }],
            resources: [
              { ...model.resources[0]!, id: 'data', title: 'Data', description: 'Its "data"', kind: 'file', url: `${url}download/odd-one/data/a b.csv`, format: 'CSV', mediaType: 'text/csv; charset=utf-8', size: 1234, hash: 'abcdef0123456789abcdef0123456789', timestamp: '2024-02-03T04:05:06', timeFrameFrom: '2023-01', timeFrameTo: null },
              { ...model.resources[0]!, id: 'elsewhere', title: 'Elsewhere', description: '', kind: 'url', url: 'http://data.example:8080/other/x.geojson', format: 'GEOJSON', mediaType: 'application/geo+json', size: null, hash: null, timestamp: null, timeFrameFrom: null, timeFrameTo: '2024-12' },
              { ...model.resources[0]!, id: 'unknown', title: 'Unknown', description: '', kind: 'url', url: 'https://files.example/x.bin', format: 'XYZ', mediaType: 'application/x-thing', size: null, hash: null, timestamp: null, timeFrameFrom: null, timeFrameTo: null },
            ],
          },
          // IRIs that only start with the site's root as a string, or are on its host outside its address (a site in a sub-folder): declined, or as the graph.
          { ...model, id: 'odd-three', webpage: `${url}dataset/odd-three/`, links: [{ url: 'https://data.example.org/x', title: 'Another host', description: '' }, { url: 'http://data.example:8080/other/y', title: 'Outside the site', description: '' }] },
          // No time frame, no contact, no place, no licence, no team type; a licence with a URL that a link names too.
          { ...model, id: 'odd-two', webpage: `${url}dataset/odd-two/`, contact: null, spatial: null, tags: [], topics: [], relationships: [], createdAt: null, updatedAt: null, team: { ...model.team, type: null, email: null, url: null }, licence: model.licence, links: model.licence?.url ? [{ url: model.licence.url, title: 'The licence', description: '' }] : [], resources: model.resources.map((resource) => ({ ...resource, timeFrameFrom: null, timeFrameTo: null })) },
        ];
        for (const dataset of awkward) {
          const direct = datasetTextsOf(site, dataset);
          if (direct === null) {
            declinedOnes.add(`${url} ${dataset.id}`);
            declined++;
            continue;
          }
          const graph = throughGraph(site, dataset);
          expect(direct, `${url} ${language} ${dataset.id}`).toEqual(graph);
          // And the files parse: valid Turtle.
          expect(() => new Parser().parse(turtleOf(direct.file, url, dataset.webpage))).not.toThrow();
          expect(() => JSON.parse(jsonLdOf(direct.file, url, { base: dataset.webpage }))).not.toThrow();
          written++;
        }
      }
    }
    expect(written).toBe(15);
    expect(written + declined).toBe(sites.length * 3 * 3);
    // Declined: the IRIs on the site's host outside its address, whichever the language.
    expect([...declinedOnes].sort()).toEqual(['http://data.example:8080/a/ odd-one', 'http://data.example:8080/a/ odd-three', 'https://data.example/ odd-three', 'https://data.example/open/data/ odd-three']);
  });

  it('orders a node of many pairs as the graph does, whichever way it is sorted: tags and files out of order, a tag twice', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content` });
    const input = dcatInput(catalogue);
    const model = input.datasets.find((dataset) => dataset.resources.length > 0)!;
    const site = { ...input.site, url: 'https://data.example/' };
    const webpage = `${site.url}dataset/many/`;
    const names = Array.from({ length: 60 }, (_, index) => ({ name: `tag ${String(60 - index).padStart(2, '0')}` }));
    const resources = Array.from({ length: 40 }, (_, index) => ({ ...model.resources[0]!, id: `file-${40 - index}`, url: `https://files.example/${40 - index}.csv` }));
    // Over 32 pairs in its own node (Array's sort), and a few (insertion): both against the graph.
    for (const [tags, files] of [[[...names, names[7]!], resources], [[names[1]!, names[0]!, names[1]!], resources.slice(0, 2)]] as const) {
      const dataset = { ...model, id: 'many', webpage, tags: [...tags], resources: [...files] };
      expect(datasetTextsOf(site, dataset)).toEqual(throughGraph(site, dataset));
    }
  });

  it('keeps nothing of one site address for another: an IRI of both sites is written as each says it', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content` });
    const input = dcatInput(catalogue);
    const dataset = input.datasets[0]!;
    const inner = { ...input.site, url: 'https://data.example/open/' };
    const outer = { ...input.site, url: 'https://data.example/' };
    // The inner site's team, named by a dataset of the outer site (its team's homepage): `site:team/x/#team` in one, `site:open/team/x/#team` in the other.
    const inside = { ...dataset, webpage: `${inner.url}dataset/${dataset.id}/`, team: { ...dataset.team, id: 'x' } };
    const outside = { ...dataset, webpage: `${outer.url}dataset/${dataset.id}/`, team: { ...dataset.team, id: 'y', url: `${inner.url}team/x/#team` } };
    for (const [site, each] of [[inner, inside], [outer, outside], [inner, inside]] as const) expect(datasetTextsOf(site, each)).toEqual(throughGraph(site, each));
  });

  it('declines an IRI that n3 would escape in Turtle, and the output writes that dataset from its graph', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content` });
    const input = dcatInput(catalogue);
    const dataset = { ...input.datasets[0]!, links: [{ url: 'https://elsewhere.example/\u{1F600}', title: 'Emoji', description: '' }] };
    // The URL is percent-encoded by `iri()`: nothing to escape, so written straight.
    expect(datasetTextsOf(input.site, dataset)).toEqual(throughGraph(input.site, dataset));
    // A site whose address is not a folder: declined.
    const site = { ...input.site, url: 'https://data.example/index' };
    expect(datasetTextsOf(site, { ...dataset, webpage: 'https://data.example/indexdataset/x/' })).toBeNull();
  });
  it('says a team, topic, licence and place shared by datasets once, and again when one of them changes in place', async () => {
    const { catalogue } = await loadCatalogue({ contentDir: `${repoRoot}/content`, includePrivate: true });
    const input = dcatInput(catalogue);
    const site: DcatSite = { ...input.site };
    const model = input.datasets.find((dataset) => dataset.licence && dataset.topics.length > 0) ?? input.datasets[0]!;
    const team = { ...model.team, type: 'local-authority' as const };
    const topics = model.topics.map((topic) => ({ ...topic }));
    const licence = { ...model.licence! };
    const spatial = { uri: 'https://sws.geonames.org/2644688/', label: 'Leeds', bbox: [-1.8, 53.7, -1.29, 53.95] as [number, number, number, number], centroid: null };
    const dataset = (id: string): DcatDataset => ({ ...model, id, webpage: `${site.url}dataset/${id}/`, team, topics, licence, spatial });
    // Two datasets naming the same objects: each is what its graph says.
    for (const id of ['first', 'second']) expect(datasetTextsOf(site, dataset(id)), id).toEqual(throughGraph(site, dataset(id)));
    // The same objects changed in place: said anew, not as the first time.
    team.title = 'Another team';
    topics[0]!.title = 'Another topic';
    licence.title = 'Another licence';
    spatial.label = 'Bradford';
    spatial.bbox[0] = -2;
    const changed = datasetTextsOf(site, dataset('third'))!;
    expect(changed).toEqual(throughGraph(site, dataset('third')));
    const turtle = changed.page.map((node) => node.turtle).join('\n');
    for (const said of ['Another team', 'Another topic', 'Another licence', 'Bradford', 'POLYGON((-2 ']) expect(turtle).toContain(said);
  });
});

