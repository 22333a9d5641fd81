// package_search against a reference implementation of CKAN's search semantics written
// independently in the tests (reference/): 200 generated queries (free text, fielded queries,
// filters, date ranges with NOW, sorts, page sizes and starts, facets) over a catalogue of 60
// varied datasets; the count, the names on the page in order, and both facet shapes must agree.
// A third of the queries are POSTed as JSON, as ckanapi sends them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { createCkanHandler, type CkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { writeCkanActionApi } from '../../src/outputs/ckan/action-files.ts';
import { writeCkanIndex } from '../../src/outputs/ckan/index-files.ts';
import { searchFormats, searchLicences, searchTeams, searchTopics, searchWords, writeSearchCatalogue } from '../fixtures/search/generate.ts';
import { generateQueries, type GeneratedQuery } from './reference/generate-queries.ts';
import { referenceSearch, type ReferencePackage } from './reference/reference-search.ts';

/** NOW for both: some datasets were modified earlier that day, some later, some the next day. */
const now = Date.parse('2025-06-01T10:20:30Z');
const site = 'https://data.search.example/';

let root: string;
let handler: CkanHandler;
let packages: ReferencePackage[];
let queries: GeneratedQuery[];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'datashelf-search-'));
  await writeSearchCatalogue(path.join(root, 'content'));
  const { catalogue } = await loadCatalogue({ contentDir: path.join(root, 'content') });
  // The index reads its package dicts from the action API's pages.
  await writeCkanActionApi(catalogue, path.join(root, 'dist'));
  await writeCkanIndex(catalogue, path.join(root, 'dist'));
  const index = await readCkanIndex(path.join(root, 'dist'));
  handler = createCkanHandler(index, { now: () => now });
  packages = index.packages.map((json) => JSON.parse(json) as ReferencePackage);
  queries = generateQueries(200, 42, {
    words: searchWords,
    teams: searchTeams.map((team) => team.id),
    topics: searchTopics.map((topic) => topic.id),
    tags: [...new Set(packages.flatMap((item) => item.tags.map((tag) => tag.name)))].sort(),
    formats: searchFormats,
    licences: searchLicences,
    packages,
  });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function ask(query: GeneratedQuery, index: number) {
  if (index % 3 === 2) {
    // As ckanapi's RemoteCKAN: a JSON body, numbers as numbers, the facet fields as a list.
    const body: Record<string, unknown> = { ...query.params };
    for (const name of ['rows', 'start', 'facet.limit', 'facet.mincount']) if (name in body) body[name] = Number(body[name]);
    if ('facet.field' in body) body['facet.field'] = JSON.parse(body['facet.field'] as string);
    return handler(new Request(`${site}api/3/action/package_search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
  }
  return handler(new Request(`${site}api/3/action/package_search?${new URLSearchParams(query.params)}`));
}

describe('package_search against the reference implementation', () => {
  it('agrees on the count, the page and the facets of 200 generated queries', async () => {
    const disagreements: string[] = [];
    const counts: number[] = [];
    for (const [index, query] of queries.entries()) {
      const response = await ask(query, index);
      const body = await response.json();
      const label = `#${index} ${new URLSearchParams(query.params).toString()}`;
      if (response.status !== 200) {
        disagreements.push(`${label}: HTTP ${response.status} ${JSON.stringify(body.error)}`);
        continue;
      }
      const expected = referenceSearch(packages, query.request, now);
      const actual = {
        count: body.result.count,
        names: body.result.results.map((result: { name: string }) => result.name),
        facets: Object.entries(body.result.facets as Record<string, Record<string, number>>).map(([field, values]) => [field, Object.entries(values)]),
        searchFacets: Object.entries(body.result.search_facets as Record<string, { items: unknown[] }>).map(([field, facet]) => [field, facet.items]),
      };
      counts.push(actual.count);
      try {
        expect(actual).toEqual(expected);
      } catch {
        disagreements.push(`${label}\n  handler:   ${JSON.stringify(actual)}\n  reference: ${JSON.stringify(expected)}`);
      }
    }
    expect(disagreements, disagreements.slice(0, 8).join('\n')).toEqual([]);
    // The queries are varied: most find something, some find nothing, some everything.
    expect(counts.filter((count) => count > 0).length).toBeGreaterThan(100);
    expect(counts.filter((count) => count === 0).length).toBeGreaterThan(10);
    expect(counts.filter((count) => count === 60).length).toBeGreaterThan(10);
  });

  it('generates queries of every kind', () => {
    const texts = queries.map((query) => new URLSearchParams(query.params).toString());
    const having = (pattern: RegExp) => texts.filter((text) => pattern.test(decodeURIComponent(text.replace(/\+/g, ' ')))).length;
    expect(having(/[?&]?q=[^&:]*(&|$)/)).toBeGreaterThan(40);
    expect(having(/ OR /)).toBeGreaterThan(20);
    expect(having(/ AND /)).toBeGreaterThan(20);
    expect(having(/(^| |\()-|NOT /)).toBeGreaterThan(20);
    expect(having(/"/)).toBeGreaterThan(20);
    expect(having(/\*:\*/)).toBeGreaterThan(5);
    expect(having(/[a-z]\*/)).toBeGreaterThan(5);
    expect(having(/NOW/)).toBeGreaterThan(20);
    expect(having(/fq=/)).toBeGreaterThan(60);
    expect(having(/sort=/)).toBeGreaterThan(60);
    expect(having(/facet\.field=/)).toBeGreaterThan(60);
    expect(having(/\(/)).toBeGreaterThan(10);
  });
});
