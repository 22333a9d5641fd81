// The load memo remembers each published dataset's digest with what it was published with besides
// the derived dataset it keeps (load-memo.ts `madeOf`): an unchanged dataset published the same way
// has its digest without being serialised and hashed again, and one published otherwise does not.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyLoadMemo, LoadMemo, type LoadMemoRecord } from '../../src/build/load-memo.ts';
import { datasetDigest, knownDigest } from '../../src/catalogue/dataset-digest.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Dataset } from '../../src/catalogue/model.ts';
import { repoRoot } from '../helpers/content.ts';

const today = '2026-11-20';
let root: string;
let contentDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'datashelf-load-memo-digest-'));
  contentDir = path.join(root, 'content');
  await cp(path.join(repoRoot, 'content'), contentDir, { recursive: true });
  // road-casualties relates to traffic-counts: published only when private datasets are.
  const file = path.join(contentDir, 'datasets/traffic-counts.md');
  await writeFile(file, (await readFile(file, 'utf8')).replace('sharing: public', 'sharing: private'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One build's loading with the record of the last (as the cache keeps it), its digests asked as the outputs ask them; the next record. */
async function load(record: LoadMemoRecord, includePrivate: boolean): Promise<{ datasets: Dataset[]; remembered: Map<string, string | undefined>; next: LoadMemoRecord }> {
  const memo = new LoadMemo(deserialize(serialize(record)) as LoadMemoRecord);
  const { catalogue } = await loadCatalogue({ contentDir, today, includePrivate, memo });
  // Before any output asks: the digests the memo gave.
  const remembered = new Map(catalogue.datasets.map((dataset) => [dataset.id, knownDigest(dataset)]));
  catalogue.datasets.forEach(datasetDigest);
  memo.forgetPrevious();
  return { datasets: catalogue.datasets, remembered, next: memo.toRecord() };
}

const worked = (dataset: Dataset) => createHash('sha256').update(JSON.stringify(dataset)).digest('base64url');

describe("the load memo's digests", () => {
  it('are given for datasets published as before, and are theirs; not for one published otherwise', async () => {
    const first = await load(emptyLoadMemo, false);
    expect([...first.remembered.values()].every((digest) => digest === undefined)).toBe(true);
    const second = await load(first.next, false);
    expect(second.datasets.length).toBeGreaterThan(10);
    for (const dataset of second.datasets) expect(second.remembered.get(dataset.id), dataset.id).toBe(worked(dataset));
    // With private datasets in, road-casualties publishes its relationship: another digest, worked out again.
    const third = await load(second.next, true);
    const casualties = third.datasets.find((dataset) => dataset.id === 'road-casualties')!;
    expect(casualties.relationships).toHaveLength(1);
    expect(third.remembered.get('road-casualties')).toBeUndefined();
    expect(datasetDigest(casualties)).toBe(worked(casualties));
    expect(datasetDigest(casualties)).not.toBe(second.remembered.get('road-casualties'));
    for (const dataset of third.datasets) if (third.remembered.get(dataset.id) !== undefined) expect(third.remembered.get(dataset.id), dataset.id).toBe(worked(dataset));
  });
});
