// The list page's head script (src/site/search/early.ts), run as the page runs it, against an index
// built from records: it asks for exactly the files the engine asks for first, for any address
// (one word or two, accents, a short word, a prefix across shards, a filter alone, another sort, a
// later page), so the engine finds them there and asks for nothing twice.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, indexLayout } from '../../src/outputs/search/build-index.ts';
import { manifestPath, type SearchManifest } from '../../src/outputs/search/format.ts';
import type { SearchRecord } from '../../src/outputs/search/records.ts';
import { readAddress } from '../../src/site/search/address.ts';
import { earlyHolder, earlyScript, type EarlyRequests } from '../../src/site/search/early.ts';
import { SearchIndex } from '../../src/site/search/engine.ts';

const topics = ['transport', 'environment', 'housing'];
const records: SearchRecord[] = Array.from({ length: 400 }, (_, number) => {
  const title = `Dataset ${number}${number % 7 === 0 ? ' parking' : ''}${number % 50 === 0 ? ' Café rare' : ''}`;
  const description = `parking ${number % 3 === 0 ? 'parkings ' : ''}bays word${number % 40} ${'x'.repeat(45)}`;
  const topic = topics[number % 3]!;
  return {
    document: { path: `dataset/d${number}/`, title, summary: '', team: 'parks', updated: null, formats: ['CSV'] },
    text: { title, tags: '', topics: topic, team: 'Parks', description, custom: '', files: 'CSV' },
    facets: { topic: [topic], team: ['parks'], format: ['CSV'], licence: ['ogl-v3'] },
    tags: [],
  };
});
// Small shards and own files: words cross shards, and many words have postings (and first pages) of their own.
const files = buildSearchIndex(
  { language: 'en', records, labels: { topic: new Map(topics.map((id) => [id, id])), team: new Map([['parks', 'Parks']]), format: new Map([['CSV', 'CSV']]), licence: new Map([['ogl-v3', 'OGL']]) } },
  { ...indexLayout, shardBytes: 256, ownFileBytes: 128 },
);
const manifest = JSON.parse(new TextDecoder().decode(files.get(manifestPath))) as SearchManifest;
const base = '/data/';

/** Runs the head's script for `search` (the address's query string) and returns the URLs of the index files it asked for. */
async function askedByTheHead(search: string): Promise<{ asked: string[]; pending: boolean }> {
  const asked: string[] = [];
  let pending = false;
  const page: Record<string, unknown> = {
    location: { search },
    URLSearchParams,
    Response,
    HTMLScriptElement: class {},
    document: { currentScript: { previousElementSibling: null }, documentElement: { setAttribute: () => (pending = true), removeAttribute: () => (pending = false) } },
    fetch: async (url: string) => {
      asked.push(url);
      const path = url.slice(base.length).replace(/\?.*$/, '');
      const bytes = files.get(path);
      return bytes ? new Response(bytes as Uint8Array<ArrayBuffer>) : new Response('', { status: 404 });
    },
  };
  page.window = page;
  runInNewContext(earlyScript(base, 'q', 'data-search-pending'), page);
  const early = page[earlyHolder] as EarlyRequests | undefined;
  if (early) {
    await early.manifest;
    expect(Object.keys(await early.files).sort()).toEqual(asked.filter((url) => !url.endsWith(manifestPath)).sort());
  }
  return { asked, pending };
}

/** The URLs the engine asks for at once, before any of them has come, when it searches the address. */
async function askedFirstByTheEngine(search: string): Promise<string[]> {
  const asked: string[] = [];
  const index = await SearchIndex.open(async (path) => files.get(path)!);
  const held = await SearchIndex.open(async (path) => {
    if (path === manifestPath) return files.get(path)!;
    asked.push(`${base}${path}?v=${manifest.version}`);
    return new Promise<Uint8Array>(() => undefined);
  });
  void held.search(readAddress(search));
  for (let tick = 0; tick < 20; tick++) await Promise.resolve();
  // The same index answers (nothing held): the search is a real one.
  expect((await index.search(readAddress(search))).total).toBeGreaterThanOrEqual(0);
  return asked;
}

describe('the list page’s head script', () => {
  it('asks for the files the engine reads first, and no other, whatever the address', async () => {
    expect(Object.keys(manifest.commonWords)).toEqual(expect.arrayContaining(['parking', 'parkings', 'bays']));
    expect(manifest.termShards.length).toBeGreaterThan(5);
    for (const search of [
      '?q=parking&topic=transport',
      '?q=parking',
      '?q=PARKING%20bays',
      '?q=park',
      '?q=caf%C3%A9&topic=housing',
      '?q=Caf%C3%A9',
      '?q=ra',
      '?q=word1',
      '?q=word',
      `?q=${'x'.repeat(45)}`,
      '?q=nothingmatches',
      '?topic=environment',
      '?q=parking&sort=updated',
      '?q=parking&page=2',
      '?q=parking&page=1',
      '?q=%20&tag=some-tag',
    ]) {
      const { asked, pending } = await askedByTheHead(search);
      expect(asked[0], search).toBe(`${base}${manifestPath}`);
      expect(pending, search).toBe(true);
      expect(asked.slice(1).sort(), search).toEqual((await askedFirstByTheEngine(search)).sort());
    }
  });

  it('asks for the first pages of a common word with the word’s shard and postings', async () => {
    const { asked } = await askedByTheHead('?q=parking&topic=transport');
    const file = manifest.commonWords.parking!;
    expect(asked).toEqual(expect.arrayContaining([`${base}search/first/${file}.bin?v=${manifest.version}`, `${base}search/postings/${file}.bin?v=${manifest.version}`]));
    expect(asked.filter((url) => url.includes('/terms/')).length).toBeGreaterThan(0);
  });

  it('asks for nothing, and keeps the built list, when the address holds no search', async () => {
    for (const search of ['', '?page=2', '?q=%20%20', '?sort=updated']) {
      expect(await askedByTheHead(search), search).toEqual({ asked: [], pending: false });
    }
  });
});
