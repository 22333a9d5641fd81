// DCAT-AP 3 of the example catalogue (content/), in a full build: valid against the official
// shapes in every file, with every recommended property too (the example is what a publisher
// copies), read the same by rdflib as by n3 and jsonld, JSON-LD as jsonld writes it, and every URL
// of the site it names a file the build wrote.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { buildInto } from '../helpers/build.ts';
import { repoRoot } from '../helpers/content.ts';
import { prefixes } from '../../src/outputs/dcat/namespaces.ts';
import { dcatFiles } from '../../src/outputs/dcat/output.ts';
import { jsonldReference, oneLine, parseJsonLd, parseTurtle, plainTriples, rdflibTriples, recommendedShapes, validate, violations } from './dcat-rdf.ts';

let outDir: string;
let catalogue: Catalogue;
/** Every DCAT file of the build, by site path, parsed. */
const graphs = new Map<string, Quad[]>();

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'datashelf-dcat-'));
  ({ catalogue } = await buildInto(path.join(repoRoot, 'content'), outDir));
  const datasetFolder = (await readdir(path.join(outDir, 'dataset'))).filter((name) => /\.(ttl|jsonld)$/.test(name)).map((name) => `dataset/${name}`);
  for (const file of ['catalog.ttl', 'catalog.jsonld', ...datasetFolder]) {
    const text = await readFile(path.join(outDir, file), 'utf8');
    graphs.set(file, file.endsWith('.ttl') ? parseTurtle(text) : await parseJsonLd(text));
  }
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('DCAT-AP 3 of the example catalogue, built', () => {
  it('is one page (fewer than 1,000 datasets) and one file pair per dataset', () => {
    expect(existsSync(path.join(outDir, 'catalog'))).toBe(false);
    const expected = catalogue.datasets.flatMap((dataset) => [`dataset/${dataset.id}.jsonld`, `dataset/${dataset.id}.ttl`]);
    expect([...graphs.keys()].filter((file) => file.startsWith('dataset/')).sort()).toEqual(expected.sort());
  });

  it('violates none of the official DCAT-AP 3.0.1 shapes, in any file', async () => {
    for (const [file, quads] of graphs) expect(await violations(quads), file).toEqual([]);
  });

  it('misses none of the recommended properties either: no warning of the recommended shapes', async () => {
    const warnings = await validate(graphs.get('catalog.ttl')!, recommendedShapes);
    expect(warnings).toEqual([]);
    for (const [file, quads] of graphs) if (file.startsWith('dataset/')) expect(await validate(quads, recommendedShapes), file).toEqual([]);
  });

  it('would warn of exactly the place and the kinds of organisation without them in catalogue.yaml (the check counts)', async () => {
    const withoutType = <T extends { type: unknown }>(agent: T): T => ({ ...agent, type: null });
    const site = { ...catalogue.site, spatial: null, publisher: withoutType(catalogue.site.publisher) };
    const datasets = catalogue.datasets.map((dataset) => ({ ...dataset, spatial: null, team: withoutType(dataset.team) }));
    const files = new Map<string, string>();
    for await (const file of dcatFiles({ ...catalogue, site, datasets })) files.set(file.path, file.text);
    const warnings = await validate(parseTurtle(files.get('catalog.ttl')!), recommendedShapes);
    const found = warnings.map((warning) => `${warning.severity} ${warning.focusNode} ${warning.path.replace(prefixes.dct, 'dct:')}`).sort();
    const url = catalogue.site.url;
    const teams = [...new Set(catalogue.datasets.map((dataset) => dataset.team.id))];
    expect(found).toEqual(
      [
        `Warning ${url}#catalog dct:spatial`,
        `Warning ${url}#publisher dct:type`,
        ...catalogue.datasets.map((dataset) => `Warning ${url}dataset/${dataset.id}/#dataset dct:spatial`),
        ...teams.map((team) => `Warning ${url}team/${team}/#team dct:type`),
      ].sort(),
    );
  });

  it.each([
    ['catalog.ttl', 'turtle'],
    ['catalog.jsonld', 'json-ld'],
    // A dataset's own files: their IRIs relative to its folder, its `@base`.
    ['dataset/road-casualties.ttl', 'turtle'],
    ['dataset/road-casualties.jsonld', 'json-ld'],
  ] as const)('%s reads the same with rdflib as with n3 and jsonld: the same triples, no blank node', (file, format) => {
    const ours = plainTriples(graphs.get(file)!);
    const rdflib = rdflibTriples(path.join(outDir, file), format);
    expect(rdflib.length).toBe(ours.length);
    expect(rdflib).toEqual(ours);
    // With no blank node, isomorphic graphs are equal sets of triples.
    expect(ours.some((triple) => triple.some((node) => node.type === 'blank'))).toBe(false);
  });

  it('writes every JSON-LD file as jsonld\'s own fromRDF and compaction would, byte for byte', async () => {
    for (const file of graphs.keys()) {
      if (!file.endsWith('.jsonld')) continue;
      const text = await readFile(path.join(outDir, file), 'utf8');
      expect(oneLine(text), file).toBe(await jsonldReference(text));
    }
  });

  it('names only URLs of the site that the build wrote a file for', () => {
    const missing = new Set<string>();
    for (const quads of graphs.values()) {
      for (const node of quads.flatMap((quad) => [quad.subject, quad.predicate, quad.object])) {
        if (node.termType !== 'NamedNode' || !node.value.startsWith(catalogue.site.url)) continue;
        const sitePath = decodeURIComponent(node.value.slice(catalogue.site.url.length).replace(/#.*$/, ''));
        const file = sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
        if (!existsSync(path.join(outDir, file))) missing.add(node.value);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('is offered on the pages: the catalogue on the home and /api/ pages, each dataset on its page', async () => {
    const home = await readFile(path.join(outDir, 'index.html'), 'utf8');
    const api = await readFile(path.join(outDir, 'api/index.html'), 'utf8');
    const datasetPage = await readFile(path.join(outDir, 'dataset/road-casualties/index.html'), 'utf8');
    expect(home).toContain('href="/catalog.ttl"');
    expect(api).toContain('href="/dataset/air-quality.ttl"');
    expect(datasetPage).toContain('href="/dataset/road-casualties.ttl"');
    expect(datasetPage).toContain('href="/dataset/road-casualties.jsonld"');
  });
});
