// An edit's search index patched from the last build's (src/outputs/search/patch-index.ts) is byte
// for byte the index built whole from the same records, over a run of random edits: titles,
// descriptions long and short (the average length moves, weights on the edge of a step move with
// it), tags, datasets swapping places. It makes again only the files the edit touches, and declines
// (null: the caller builds whole) what it cannot patch.
import { describe, expect, it } from 'vitest';
import { buildWholeIndex, indexLayout, keptRecord, lengthNorm, postingWeight, type BuiltIndex, type IndexLayout } from '../../src/outputs/search/build-index.ts';
import { manifestPath } from '../../src/outputs/search/format.ts';
import { patchSearchIndex, type KeptIndex } from '../../src/outputs/search/patch-index.ts';
import type { KeptRecord, SearchInput, SearchRecord } from '../../src/outputs/search/records.ts';

const topics = ['transport', 'environment', 'housing'];
const teams = ['highways', 'parks', 'homes'];
const labels = (): SearchInput['labels'] => ({
  topic: new Map(topics.map((id) => [id, id.toUpperCase()])),
  team: new Map(teams.map((id) => [id, id.toUpperCase()])),
  format: new Map([['CSV', 'CSV']]),
  licence: new Map([['ogl-v3', 'OGL']]),
});
const vocabulary = ['parking', 'bays', 'road', 'trees', 'bins', 'homes', 'council', 'ward', 'traffic', 'counts', 'noise', 'air', 'water', 'bus', 'stops', 'rent', 'school', 'crime', 'light', 'river'];

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  id: string;
  title: string;
  description: string;
  tags: string[];
  topic: number;
}

function words(next: () => number, count: number): string {
  return Array.from({ length: count }, () => (next() < 0.5 ? `w${Math.floor(next() * 3000)}` : vocabulary[Math.floor(next() * vocabulary.length)]!)).join(' ');
}

function record(spec: Spec): SearchRecord {
  const topic = topics[spec.topic]!;
  const team = teams[spec.topic]!;
  return {
    document: { path: `dataset/${spec.id}/`, title: spec.title, summary: '', team, updated: null, formats: ['CSV'] },
    text: { title: spec.title, tags: spec.tags.join('\n'), topics: topic, team, description: spec.description, custom: '', files: 'CSV' },
    facets: { topic: [topic], team: [team], format: ['CSV'], licence: ['ogl-v3'] },
    tags: spec.tags.map((name) => ({ slug: name, name })),
  };
}

const layout: IndexLayout = { ...indexLayout, shardBytes: 600, ownFileBytes: 300, documentsPerChunk: 8, firstPageDocuments: 5, firstPagesBudget: 40 };

/** Records with their keys, as the output keeps them (a key names the record's content). */
function kept(specs: readonly Spec[]): { records: KeptRecord[]; keys: string[] } {
  const records = specs.map((spec) => keptRecord(record(spec)));
  return { records, keys: specs.map((spec) => JSON.stringify(spec)) };
}

function keep(built: BuiltIndex, keys: readonly string[], index = layout): KeptIndex {
  return { language: 'en', layout: JSON.stringify(index), keys: keys.join('\n'), shape: built.shape, files: [...built.hashes].map(([path, content]) => [path, content, content]) };
}

/** The last build's files, and the patch's on top (a file the patch does not make is the last build's). */
function patched(last: BuiltIndex, patch: BuiltIndex): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const path of patch.hashes.keys()) files.set(path, patch.files.get(path) ?? last.files.get(path)!);
  files.set(manifestPath, patch.files.get(manifestPath)!);
  return files;
}

function expectSame(actual: Map<string, Uint8Array>, expected: Map<string, Uint8Array>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, bytes] of expected) expect(Buffer.from(actual.get(path)!).toString('base64'), path).toBe(Buffer.from(bytes).toString('base64'));
}

function patchOnce(lastSpecs: readonly Spec[], last: BuiltIndex, specs: readonly Spec[], index = layout, firstPages = new Map<string, number[]>()): BuiltIndex | null {
  const before = kept(lastSpecs);
  const byKey = new Map(before.keys.map((key, position) => [key, before.records[position]!]));
  const now = kept(specs);
  return patchSearchIndex(
    { language: 'en', records: now.records, labels: labels() },
    now.keys,
    { kept: keep(last, before.keys, index), keptRecord: (key) => byKey.get(key), keptFile: (path) => last.files.get(path) },
    index,
    (key, make) => firstPages.get(key) ?? firstPages.set(key, make()).get(key)!,
  );
}

const whole = (specs: readonly Spec[], index = layout) => buildWholeIndex({ language: 'en', records: kept(specs).records, labels: labels() }, index);

function catalogue(next: () => number, size: number): Spec[] {
  return Array.from({ length: size }, (_, number) => ({
    id: `d${number}`,
    title: `Dataset ${words(next, 1 + Math.floor(next() * 4))}`,
    description: words(next, Math.floor(next() * 60)),
    tags: next() < 0.5 ? [`t${Math.floor(next() * 12)}`] : [],
    topic: Math.floor(next() * 3),
  }));
}

describe('an edit’s search index patched from the last build’s', () => {
  it('is the index built whole, edit after edit', () => {
    const next = random(12);
    let specs = catalogue(next, 400);
    let last = whole(specs);
    let patches = 0;
    for (let round = 0; round < 60; round++) {
      const edited = specs.map((spec) => ({ ...spec }));
      const target = Math.floor(next() * specs.length);
      const kind = round % 5;
      if (kind === 0) edited[target]!.title = `${edited[target]!.title} r${round}`;
      else if (kind === 1) edited[target]!.description = words(next, Math.floor(next() * 200));
      else if (kind === 2) edited[target]!.description = '';
      else if (kind === 3) edited[target]!.tags = [`t${Math.floor(next() * 14)}`];
      else {
        // Two datasets trade places (a new update date moves one before another).
        const other = (target + 1 + Math.floor(next() * 5)) % specs.length;
        [edited[target], edited[other]] = [edited[other]!, edited[target]!];
      }
      const expected = whole(edited);
      const patch = patchOnce(specs, last, edited);
      if (patch) {
        patches++;
        expectSame(patched(last, patch), expected.files);
        expect(patch.shape).toEqual(expected.shape);
      }
      specs = edited;
      last = expected;
    }
    // Most edits are patched (one that moves a word into or out of a file of its own is not).
    expect(patches).toBeGreaterThan(45);
  });

  it('makes again only files whose bytes change: the edited words’ shards (cut again until in step), its chunk', () => {
    const specs = catalogue(random(3), 400);
    const edited = specs.map((spec) => ({ ...spec }));
    // One word for another: the same length, so the same average and every other weight.
    edited[100]!.title = `${edited[100]!.title} zzzfirst`;
    const before = specs.map((spec) => ({ ...spec }));
    before[100]!.title = `${before[100]!.title} aaafirst`;
    const start = whole(before);
    const patch = patchOnce(before, start, edited)!;
    expectSame(patched(start, patch), whole(edited).files);
    const same = [...patch.files.keys()].filter((path) => start.files.has(path) && Buffer.from(start.files.get(path)!).equals(Buffer.from(patch.files.get(path)!)));
    // Only the value combinations are made again as they were (a file of one number a document: cheaper made than compared).
    expect(same).toEqual(['search/combos.bin']);
    expect([...patch.files.keys()].filter((path) => path.startsWith('search/docs/'))).toEqual(['search/docs/12.bin']);
    expect([...patch.files.keys()].filter((path) => path.startsWith('search/postings/') || path.startsWith('search/tags/'))).toEqual([]);
  });

  it('weighs again the postings of unchanged documents whose weight the average’s move changes', () => {
    // Two datasets of one length: editing a third's length moves the average; their shared word's weight moves a step.
    const base = (description: string): Spec[] => [
      { id: 'a', title: 'Alpha', description: 'road '.repeat(3) + 'x '.repeat(20), tags: [], topic: 0 },
      { id: 'b', title: 'Beta', description: 'road ' + 'y '.repeat(22), tags: [], topic: 0 },
      { id: 'c', title: 'Gamma', description, tags: [], topic: 0 },
    ];
    // Find a length for the third dataset where a's posting for `road` changes weight against the first.
    const before = base('z '.repeat(10));
    const built = whole(before);
    let found: Spec[] | null = null;
    for (let extra = 1; extra < 200 && !found; extra++) {
      const after = base('z '.repeat(10 + extra));
      const lengthOf = (specs: Spec[]) => kept(specs).records.reduce((sum, entry) => sum + entry.terms.length, 0);
      const a = kept(before).records[0]!.terms.length;
      const road = 3;
      if (postingWeight(road, lengthNorm(a, lengthOf(before) / 3)) !== postingWeight(road, lengthNorm(a, lengthOf(after) / 3))) found = after;
    }
    expect(found).not.toBeNull();
    const patch = patchOnce(before, built, found!, { ...layout, shardBytes: 24 * 1024, ownFileBytes: 4096 });
    expect(patch).not.toBeNull();
    expectSame(patched(built, patch!), whole(found!, { ...layout, shardBytes: 24 * 1024, ownFileBytes: 4096 }).files);
  });

  it('declines what it cannot patch: another number of datasets, other facets, another layout', () => {
    const next = random(5);
    const specs = catalogue(next, 60);
    const last = whole(specs);
    expect(patchOnce(specs, last, [...specs, { ...specs[0]!, id: 'added' }])).toBeNull();
    expect(patchOnce(specs, last, specs.slice(1))).toBeNull();
    const moved = specs.map((spec) => ({ ...spec }));
    // A topic no dataset had: the facets' values change.
    moved[3]!.topic = (moved[3]!.topic + 1) % 3;
    const patch = patchOnce(specs, last, moved);
    if (patch) expectSame(patched(last, patch), whole(moved).files);
    const before = kept(specs);
    expect(
      patchSearchIndex({ language: 'en', records: before.records, labels: labels() }, before.keys, { kept: keep(last, before.keys, { ...layout, shardBytes: 700 }), keptRecord: () => undefined, keptFile: (path) => last.files.get(path) }, layout, (_, make) => make()),
    ).toBeNull();
  });

  it('with nothing changed, makes again only the manifest and the value combinations', () => {
    const specs = catalogue(random(9), 50);
    const last = whole(specs);
    const patch = patchOnce(specs, last, specs)!;
    expect([...patch.files.keys()].sort()).toEqual([manifestPath, 'search/combos.bin'].sort());
    expectSame(patched(last, patch), last.files);
  });
});
