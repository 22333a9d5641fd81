// The search index, written from records and read back by the same engine the browser runs: what a
// query finds, how filters narrow and count, how results sort and page, and that the files the
// index is cut into do not change any answer.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, documentTerms, indexLayout, keepVocabulary, keptRecord, useVocabulary } from '../../src/outputs/search/build-index.ts';
import { ByteReader, ByteWriter } from '../../src/outputs/search/bytes.ts';
import { decodeShard, encodeTermPostings, manifestPath, readTermPostings, type ComboFacet, type SearchManifest, type TermPosting } from '../../src/outputs/search/format.ts';
import { countsText, readCounts, type IndexRecord, type SearchInput, type SearchRecord } from '../../src/outputs/search/records.ts';
import { searchWords } from '../../src/outputs/search/words.ts';
import { emptyFilters, SearchIndex, type SearchQuery } from '../../src/site/search/engine.ts';

/** A record as the catalogue would give it; `updated` orders them (the input is in document order). */
function record(id: string, fields: { title?: string; description?: string; custom?: string; files?: string; topics?: string[]; team?: string; formats?: string[]; tags?: string[]; updated?: string }): SearchRecord {
  const topics = fields.topics ?? ['transport'];
  const team = fields.team ?? 'highways';
  return {
    document: { path: `dataset/${id}/`, title: fields.title ?? id, summary: '', team, updated: fields.updated ?? null, formats: fields.formats ?? ['CSV'] },
    text: { title: fields.title ?? id, tags: (fields.tags ?? []).join('\n'), topics: topics.join('\n'), team, description: fields.description ?? '', custom: fields.custom ?? '', files: fields.files ?? (fields.formats ?? ['CSV']).join('\n') },
    facets: { topic: topics, team: [team], format: fields.formats ?? ['CSV'], licence: ['ogl-v3'] },
    tags: (fields.tags ?? []).map((name) => ({ slug: name.toLowerCase().replace(/\W+/g, '-'), name })),
  };
}

const labels = (): SearchInput['labels'] => ({
  topic: new Map([['transport', 'Transport'], ['environment', 'Environment'], ['housing', 'Housing']]),
  team: new Map([['highways', 'Highways'], ['parks', 'Parks'], ['homes', 'Homes']]),
  format: new Map([['CSV', 'CSV'], ['GEOJSON', 'GEOJSON'], ['PDF', 'PDF']]),
  licence: new Map([['ogl-v3', 'OGL']]),
});

const records = [
  record('road-casualties', { title: 'Road casualties', description: 'Collisions on roads, by severity.', tags: ['Road Safety'], updated: '2025-03-01', files: 'Casualties 2024\nCSV' }),
  record('parking-fines', { title: 'Parking fines', description: 'Penalty charge notices for parking.', tags: ['Parking'], updated: '2025-02-01', formats: ['CSV', 'PDF'] }),
  record('street-trees', { title: 'Street trees', description: 'Every tree the council looks after on roads and in parks.', topics: ['environment'], team: 'parks', tags: ['Trees'], updated: '2025-01-01', formats: ['GEOJSON'] }),
  record('air-quality', { title: 'Air quality', description: 'Nitrogen dioxide near busy roads.', topics: ['environment', 'transport'], team: 'parks', custom: 'Environmental Health', updated: '2024-12-01' }),
  record('housing-stock', { title: 'Council housing stock', description: 'Homes the council owns.', topics: ['housing'], team: 'homes', tags: ['Housing', 'Road Safety'], updated: '2024-11-01', files: 'Stock by ward\nCSV' }),
];
const input: SearchInput = { language: 'en', records, labels: labels() };

/** The index's files as the browser gets them (gzip undone), through the engine's loader. */
function openIndex(files: Map<string, Uint8Array>, fetched: string[] = []): Promise<SearchIndex> {
  return SearchIndex.open(async (path) => {
    fetched.push(path);
    const bytes = files.get(path);
    if (!bytes) throw new Error(`no file ${path}`);
    return bytes;
  });
}

const query = (text: string, change: Partial<SearchQuery> = {}): SearchQuery => ({ text, filters: emptyFilters(), sort: 'relevance', page: 1, ...change });
const paths = async (index: SearchIndex, search: SearchQuery) => (await index.search(search)).documents.map((document) => document.path.split('/')[1]);
const counts = async (index: SearchIndex, search: SearchQuery, facet: ComboFacet) =>
  Object.fromEntries((await index.search(search)).facets.find((entry) => entry.name === facet)!.values.map((value) => [value.id, value.matches]));

describe('a query', () => {
  it('finds a word in any field: title, description, tags, topics, team, custom fields, file titles and formats', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await paths(index, query('collisions'))).toEqual(['road-casualties']);
    expect(await paths(index, query('penalty'))).toEqual(['parking-fines']);
    expect(await paths(index, query('safety'))).toEqual(['road-casualties', 'housing-stock']);
    expect(await paths(index, query('homes'))).toEqual(['housing-stock']);
    expect(await paths(index, query('environmental'))).toEqual(['air-quality']);
    expect(await paths(index, query('ward'))).toEqual(['housing-stock']);
    expect(await paths(index, query('geojson'))).toEqual(['street-trees']);
  });

  it('needs every word, ignores case and accents, and finds longer words a word starts', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await paths(index, query('ROAD safety'))).toEqual(['road-casualties', 'housing-stock']);
    expect(await paths(index, query('road trees'))).toEqual(['street-trees']);
    expect(await paths(index, query('Nítrogen'))).toEqual(['air-quality']);
    expect(await paths(index, query('nitro'))).toEqual(['air-quality']);
    expect(await paths(index, query('no-such-word'))).toEqual([]);
  });

  it('ranks a word in the title above the same word in a description, and sorts by update on request', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await paths(index, query('parking'))).toEqual(['parking-fines']);
    // "road" in a title, then in a tag; then "roads" (a longer word) in two descriptions, the shorter
    // description first. By date: document order.
    expect(await paths(index, query('road'))).toEqual(['road-casualties', 'housing-stock', 'air-quality', 'street-trees']);
    expect(await paths(index, query('road', { sort: 'updated' }))).toEqual(['road-casualties', 'street-trees', 'air-quality', 'housing-stock']);
  });
});

describe('filters', () => {
  it('narrow the results: any value of one filter, every filter', async () => {
    const index = await openIndex(buildSearchIndex(input));
    const filtered = (filters: Partial<SearchQuery['filters']>) => query('road', { sort: 'updated', filters: { ...emptyFilters(), ...filters } });
    expect(await paths(index, filtered({ topic: ['environment'] }))).toEqual(['street-trees', 'air-quality']);
    expect(await paths(index, filtered({ topic: ['environment', 'housing'] }))).toEqual(['street-trees', 'air-quality', 'housing-stock']);
    expect(await paths(index, filtered({ topic: ['environment'], team: ['parks'], format: ['GEOJSON'] }))).toEqual(['street-trees']);
    expect(await paths(index, filtered({ tag: ['road-safety'] }))).toEqual(['road-casualties', 'housing-stock']);
    expect(await paths(index, filtered({ tag: ['road-safety'], topic: ['housing'] }))).toEqual(['housing-stock']);
  });

  it('also work with no words: every dataset with the value, most recently updated first', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await paths(index, query('', { filters: { ...emptyFilters(), team: ['parks'] } }))).toEqual(['street-trees', 'air-quality']);
  });

  it('count, per value, the results ticking it would give: the query with every other filter', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await counts(index, query('road'), 'topic')).toEqual({ environment: 2, housing: 1, transport: 2 });
    const withTopic = query('road', { filters: { ...emptyFilters(), topic: ['environment'] } });
    // Topic counts stay those of the query alone (a second topic adds to the first); others narrow.
    expect(await counts(index, withTopic, 'topic')).toEqual({ environment: 2, housing: 1, transport: 2 });
    expect(await counts(index, withTopic, 'team')).toEqual({ highways: 0, homes: 0, parks: 2 });
    expect((await index.search(withTopic)).total).toBe(2);
    expect((await index.search(withTopic)).facets[0]!.values.filter((value) => value.selected).map((value) => value.id)).toEqual(['environment']);
  });

  it('count tags among the results, most common first, with the chosen ones', async () => {
    const index = await openIndex(buildSearchIndex(input));
    expect(await index.tagCounts(query('road'))).toEqual([
      { slug: 'housing', name: 'Housing', matches: 1, selected: false },
      { slug: 'road-safety', name: 'Road Safety', matches: 2, selected: false },
      { slug: 'trees', name: 'Trees', matches: 1, selected: false },
    ].sort((a, b) => b.matches - a.matches || a.name.localeCompare(b.name)));
  });
});

describe('the index files', () => {
  it('are fetched a piece at a time: a query reads its word’s shard and the chunks of the page shown', async () => {
    const many: SearchRecord[] = Array.from({ length: 500 }, (_, number) => record(`d${number}`, { title: `Dataset ${number} ${number % 50 === 0 ? 'rare' : 'common'}`, description: `words ${number} ${searchWords('filler text').join(' ')}` }));
    const files = buildSearchIndex({ language: 'en', records: many, labels: labels() }, { ...indexLayout, shardBytes: 512, ownFileBytes: 256, documentsPerChunk: 16 });
    const fetched: string[] = [];
    const index = await openIndex(files, fetched);
    const outcome = await index.search(query('rare'));
    expect(outcome.total).toBe(10);
    expect(fetched.filter((path) => path.startsWith('search/terms/'))).toHaveLength(1);
    expect(fetched.filter((path) => path.startsWith('search/docs/')).length).toBeLessThanOrEqual(10);
    expect(fetched.length).toBeLessThan(files.size / 4);

    // A common word's postings (a file of their own) are asked for with its shard, not after it.
    fetched.length = 0;
    const manifest = JSON.parse(new TextDecoder().decode(files.get(manifestPath))) as SearchManifest;
    expect(Object.keys(manifest.commonWords)).toContain('common');
    expect((await (await openIndex(files, fetched)).search(query('common'))).total).toBe(490);
    fetched.shift();
    // With them, its first pages: what the first page of results shows comes in that one file, not a chunk per result.
    expect(fetched.slice(0, 3)).toEqual(expect.arrayContaining([`search/first/${manifest.commonWords.common}.bin`, `search/postings/${manifest.commonWords.common}.bin`, expect.stringMatching(/^search\/terms\/\d+\.bin$/)]));
    expect(fetched.filter((path) => path.startsWith('search/docs/'))).toEqual([]);
  });

  it('hold a common word’s first page with each filter value, and fetch from the chunks only what they lack', async () => {
    const topics = ['transport', 'environment', 'housing'];
    const many: SearchRecord[] = Array.from({ length: 600 }, (_, number) =>
      record(`d${number}`, { title: `Dataset ${number}${number % 7 === 0 ? ' parking' : ''}`, description: `parking ${number % 3 === 0 ? 'parking ' : ''}bays`, topics: [topics[number % 3]!], team: number % 2 ? 'parks' : 'homes' }),
    );
    const layout = { ...indexLayout, shardBytes: 512, ownFileBytes: 256 };
    const files = buildSearchIndex({ language: 'en', records: many, labels: labels() }, layout);
    const fetched: string[] = [];
    const index = await openIndex(files, fetched);
    const oneChunkPerDocument = await openIndex(buildSearchIndex({ language: 'en', records: many, labels: labels() }, { ...layout, firstPagesBudget: 0 }));
    for (const filters of [{}, { topic: ['housing'] }, { team: ['parks'] }, { topic: ['environment'], team: ['homes'] }, { tag: ['none'] }]) {
      fetched.length = 0;
      const search = query('parking', { filters: { ...emptyFilters(), ...filters } });
      const outcome = await index.search(search);
      expect(outcome).toEqual(await oneChunkPerDocument.search(search));
      // One filter: its first page was foreseen. Two: some of it may be, the rest comes from the chunks.
      if ('tag' in filters) continue;
      expect(outcome.documents.length).toBeGreaterThan(0);
      if (Object.keys(filters).length === 1) expect(fetched.filter((path) => path.startsWith('search/docs/'))).toEqual([]);
    }
    // Two words, another sort, a second page: the chunks serve.
    for (const search of [query('parking bays'), query('parking', { sort: 'updated' }), query('parking', { page: 2 })]) {
      fetched.length = 0;
      expect(await (await openIndex(files, fetched)).search(search)).toEqual(await oneChunkPerDocument.search(search));
      expect(fetched.filter((path) => path.startsWith('search/docs/')).length).toBeGreaterThan(0);
    }
  });

  it('take a common word’s first pages from the last build while its postings are unchanged, with the bytes of a fresh build', () => {
    const topics = ['transport', 'environment', 'housing'];
    const many = (edited: number | null): SearchInput => ({
      language: 'en',
      labels: labels(),
      records: Array.from({ length: 300 }, (_, number) =>
        record(`d${number}`, { title: number === edited ? 'An edited bus title' : `Dataset ${number}`, description: `parking ${number % 3 === 0 ? 'parking ' : ''}bays`, topics: [topics[number % 3]!] }),
      ),
    });
    const layout = { ...indexLayout, shardBytes: 512, ownFileBytes: 128 };
    const kept = new Map<string, number[]>();
    let made = 0;
    const keep = (key: string, make: () => number[]) => kept.get(key) ?? (made++, kept.set(key, make()).get(key)!);
    const same = (a: Map<string, Uint8Array>, b: Map<string, Uint8Array>) => [...a].every(([path, bytes]) => Buffer.from(b.get(path)!).equals(Buffer.from(bytes))) && a.size === b.size;
    expect(same(buildSearchIndex(many(null), layout, keep), buildSearchIndex(many(null), layout))).toBe(true);
    const common = made;
    expect(common).toBeGreaterThan(1);
    // One title edited: the words it left or gained change; the others' first pages are kept.
    made = 0;
    expect(same(buildSearchIndex(many(10), layout, keep), buildSearchIndex(many(10), layout))).toBe(true);
    expect(made).toBeLessThan(common);
    // A kept value is what is written: a wrong one shows (the key must name everything it depends on).
    for (const key of kept.keys()) kept.set(key, [0]);
    expect(same(buildSearchIndex(many(10), layout, keep), buildSearchIndex(many(10), layout))).toBe(false);
  });

  it('are the same from records kept with their words counted (a build’s cache) as from their text, and a wrong count shows', () => {
    const bytes = (files: Map<string, Uint8Array>) => [...files].map(([path, content]) => `${path} ${Buffer.from(content).toString('base64')}`).join('\n');
    const kept = (records: readonly SearchRecord[]): SearchInput<IndexRecord> => ({ ...input, records: records.map(keptRecord) });
    const fresh = bytes(buildSearchIndex(input));
    expect(bytes(buildSearchIndex(kept(records)))).toBe(fresh);
    // A kept record's words are what is written: one from before an edit (another title) shows.
    const stale = kept(records);
    stale.records[0] = kept([record('road-casualties', { title: 'Road accidents', description: 'Collisions on roads, by severity.', tags: ['Road Safety'], updated: '2025-03-01', files: 'Casualties 2024\nCSV' })]).records[0]!;
    expect(bytes(buildSearchIndex(stale))).not.toBe(fresh);
    // The weights and the length count too: a word counted as if in the description, not the title.
    const terms = documentTerms(records[1]!.text);
    const recounted = kept(records);
    recounted.records[1] = { ...keptRecord(records[1]!), terms: { ...terms, counts: countsText(readCounts(terms.counts).map((count) => (count === 3 ? 1 : count))) } };
    expect(bytes(buildSearchIndex(recounted))).not.toBe(fresh);
  });

  it('are the same from records kept with a vocabulary since started again (grown to twice its words): their words are numbered again', () => {
    const bytes = (files: Map<string, Uint8Array>) => [...files].map(([path, content]) => `${path} ${Buffer.from(content).toString('base64')}`).join('\n');
    const steady = useVocabulary({ id: 'steady', words: 'road\ncasualties', base: 2 });
    expect(keepVocabulary(steady)).toEqual({ id: 'steady', words: 'road\ncasualties', base: 2 });
    const grown = useVocabulary({ id: 'grown', words: Array.from({ length: 5000 }, (_, number) => `w${number}`).join('\n'), base: 400 });
    const keptRecords = records.map(keptRecord);
    expect(keptRecords[0]!.terms.vocabulary).toBe('grown');
    const next = keepVocabulary(grown);
    expect(next.id).not.toBe('grown');
    expect(next.words).toBe('');
    useVocabulary(next);
    expect(bytes(buildSearchIndex({ ...input, records: keptRecords }))).toBe(bytes(buildSearchIndex(input)));
  });

  it('hold postings in the bytes `encodeTermPostings` gives, numbers of one byte and of more alike', () => {
    const many = Array.from({ length: 300 }, (_, index) =>
      record(`d${index}`, { title: index % 2 ? 'Road works' : 'Park works', description: `${index % 150 === 0 ? 'rare ' : ''}${'busy '.repeat(index % 7)}street`, team: `t${index}`, updated: `2025-01-01` }),
    );
    const teams = new Map(many.map((one) => [one.facets.team[0]!, one.facets.team[0]!]));
    const files = buildSearchIndex({ language: 'en', records: many, labels: { ...labels(), team: teams } }, { ...indexLayout, ownFileBytes: 64 });
    let checked = 0;
    for (const [path, bytes] of files) {
      const lists = path.startsWith('search/terms/') ? decodeShard(bytes).flatMap((entry) => (entry.postings ? [entry.postings] : [])) : path.startsWith('search/postings/') ? [bytes] : [];
      for (const list of lists) {
        const postings: TermPosting[] = [];
        readTermPostings(list, (document, weight, combo) => postings.push({ document, weight, combo }));
        expect(encodeTermPostings(postings)).toEqual(list);
        checked += postings.length;
      }
    }
    // Gaps and combinations over 127 (two bytes) among them.
    expect(checked).toBeGreaterThan(900);
    expect(JSON.parse(new TextDecoder().decode(files.get(manifestPath))).combos.length).toBeGreaterThan(128);
  });

  it('hold each key as its UTF-8 length and bytes, ASCII or not, short or long', () => {
    const words = ['', 'street', 'café', 'x'.repeat(127), 'y'.repeat(128), `${'z'.repeat(126)}é`, '\u{1F333} tree', 'naïve'];
    const written = new ByteWriter();
    for (const word of words) written.text(word);
    const expected = new ByteWriter();
    for (const word of words) {
      const encoded = new TextEncoder().encode(word);
      expected.uint(encoded.length);
      expected.bytes(encoded);
    }
    expect(Buffer.from(written.toBytes()).toString('hex')).toBe(Buffer.from(expected.toBytes()).toString('hex'));
    const reader = new ByteReader(written.toBytes());
    expect(words.map(() => reader.text())).toEqual(words);
  });

  it('keep a count too large for one code unit of the counts’ text', () => {
    expect(readCounts(countsText([0, 1, 0xfffe, 0xffff, 70_000, 2 ** 31 + 5, 3]))).toEqual([0, 1, 0xfffe, 0xffff, 70_000, 2 ** 31 + 5, 3]);
    const bytes = (files: Map<string, Uint8Array>) => [...files].map(([path, content]) => `${path} ${Buffer.from(content).toString('base64')}`).join('\n');
    const long = [...records];
    long[2] = record('street-trees', { title: 'Street trees', description: 'tree '.repeat(70_000), topics: ['environment'], team: 'parks', tags: ['Trees'], updated: '2025-01-01', formats: ['GEOJSON'] });
    const fresh = buildSearchIndex({ ...input, records: long });
    expect(bytes(buildSearchIndex({ ...input, records: long.map(keptRecord) }))).toBe(bytes(fresh));
  });

  it('give the same answers however they are cut into shards and chunks', async () => {
    const small = await openIndex(buildSearchIndex(input, { ...indexLayout, shardBytes: 16, ownFileBytes: 8, documentsPerChunk: 2 }));
    const large = await openIndex(buildSearchIndex(input, indexLayout));
    for (const search of [query('road'), query('ro'), query('roa'), query('road', { sort: 'updated' }), query('', { filters: { ...emptyFilters(), tag: ['road-safety'] } }), query('council')]) {
      expect(await small.search(search)).toEqual(await large.search(search));
      expect(await small.tagCounts(search)).toEqual(await large.tagCounts(search));
    }
  });

  it('page results 20 at a time', async () => {
    const many: SearchRecord[] = Array.from({ length: 45 }, (_, number) => record(`d${String(number).padStart(2, '0')}`, { title: `Bus stops ${number}` }));
    const index = await openIndex(buildSearchIndex({ language: 'en', records: many, labels: labels() }));
    const third = await index.search(query('bus', { sort: 'updated', page: 3 }));
    expect({ total: third.total, page: third.page, pageCount: third.pageCount, first: third.documents[0]?.title, shown: third.documents.length }).toEqual({ total: 45, page: 3, pageCount: 3, first: 'Bus stops 40', shown: 5 });
    expect((await index.search(query('bus', { page: 9 }))).page).toBe(3);
  });

  it('are byte-identical when built again, with a manifest that names their version', () => {
    const first = buildSearchIndex(input);
    const second = buildSearchIndex({ ...input, labels: labels() });
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(Buffer.from(second.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(first.get(manifestPath))) as SearchManifest;
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.documents).toBe(5);
    expect(manifest.facets.map((facet) => [facet.name, facet.values.map((value) => `${value.id}:${value.count}`)])).toEqual([
      ['topic', ['environment:2', 'housing:1', 'transport:3']],
      ['team', ['highways:2', 'homes:1', 'parks:2']],
      ['format', ['CSV:4', 'GEOJSON:1', 'PDF:1']],
      ['licence', ['ogl-v3:5']],
    ]);
  });
});
