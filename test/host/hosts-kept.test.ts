// The host configurations on a build with a cache: kept by what they are made of (the site, the
// outputs, each dataset's ids and name), so when the previous output holds those very files they
// are neither made nor written again; anything they are made of changed, they are made anew.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { configureFragments, Fragments } from '../../src/build/fragments.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { nginxConfigFile } from '../../src/outputs/hosts/nginx.ts';
import { hostConfigs, hostInputs, writeHostConfigs } from '../../src/outputs/hosts/write.ts';
import { enabledOutputs } from '../../src/outputs/index.ts';
import { closeSink, openSink, OutputSink, type Manifest, type OutputEntry } from '../../src/outputs/output-sink.ts';
import { loadExportsFixture } from '../outputs/exports-fixture.ts';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'datashelf-hosts-kept-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterEach(() => configureFragments(null));

const outputs = enabledOutputs({});

/** One build's host files over `previous` (a manifest said to be the previous output's): what the sink recorded. */
async function hostsBuild(catalogue: Catalogue, cache: string, previous: Manifest | null): Promise<OutputSink> {
  configureFragments({ dir: cache, key: 'test', reuse: true });
  const sink = openSink(new OutputSink(folder(), previous && { manifest: previous, dir: folder() }));
  try {
    await writeHostConfigs(catalogue, sink.dir, outputs);
  } finally {
    closeSink(sink);
    configureFragments(null);
  }
  return sink;
}

describe('the host configurations on a patched output', () => {
  it('are kept, not made, when what they are made of is unchanged, and made when a name changed', async () => {
    const cache = folder();
    const catalogue = await loadExportsFixture();
    const first = await hostsBuild(catalogue, cache, null);
    expect(first.entries.get(nginxConfigFile)).toBeDefined();
    // Planted: the kept entries and the previous output both say the nginx file has other bytes.
    // Only a build that takes the kept entries records the planted one.
    const planted: OutputEntry = { hash: 'f'.repeat(32), size: 1 };
    const store = new Fragments<[string, OutputEntry][]>('hosts', '', { dir: cache, key: 'test', reuse: true });
    const key = hostInputs(catalogue, outputs);
    const kept = store.peek(key)!;
    expect(kept.map(([file]) => file).sort()).toEqual(Object.keys(hostConfigs(catalogue, outputs)).sort());
    store.set(key, kept.map(([file, entry]) => [file, file === nginxConfigFile ? planted : entry]));
    store.save();
    const previous = new Map(first.entries);
    previous.set(nginxConfigFile, planted);

    const again = await hostsBuild(catalogue, cache, previous);
    expect(again.entries.get(nginxConfigFile)).toEqual(planted);
    expect(again.staged.size).toBe(0);

    // A dataset renamed: its UUID maps to another name, so nginx's map changes; made and written.
    const renamed = { ...catalogue, datasets: catalogue.datasets.map((dataset, index) => (index === 0 ? { ...dataset, name: 'renamed' } : dataset)) };
    const changed = await hostsBuild(renamed, cache, previous);
    expect(changed.entries.get(nginxConfigFile)).not.toEqual(planted);
    expect(changed.staged.has(nginxConfigFile)).toBe(true);
  });
});
