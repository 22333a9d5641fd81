// The search index in a real build: written under /search/, readable by the page's engine, and
// holding nothing of a private dataset, in a public build or an internal one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestPath, searchFolder, type SearchManifest } from '../../src/outputs/search/format.ts';
import { emptyFilters, SearchIndex } from '../../src/site/search/engine.ts';
import { buildInto, listFiles } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';

let publicSite: string;
let internalSite: string;

beforeAll(async () => {
  const { root, contentDir } = await contentFrom('minimal');
  publicSite = path.join(root, 'public');
  internalSite = path.join(root, 'internal');
  await buildInto(contentDir, publicSite);
  await buildInto(contentDir, internalSite, true);
});

/** Every file of a build's index, unzipped (the build gzips all but the manifest), by path. */
async function indexFiles(site: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of (await listFiles(site)).filter((name) => name.startsWith(searchFolder))) {
    const bytes = await readFile(path.join(site, file));
    files.set(file, file === manifestPath ? bytes : gunzipSync(bytes));
  }
  return files;
}

describe('the search index of a build', () => {
  it('is written under /search/: the manifest, word and tag shards, documents, combinations', async () => {
    const files = [...(await indexFiles(publicSite)).keys()];
    expect(files).toEqual(expect.arrayContaining(['search/index.json', 'search/terms/0.bin', 'search/tags/0.bin', 'search/docs/0.bin', 'search/combos.bin']));
    const manifest = JSON.parse(await readFile(path.join(publicSite, manifestPath), 'utf8')) as SearchManifest;
    expect(manifest.documents).toBe(2);
  });

  it('answers the page’s engine from the built files', async () => {
    const index = await SearchIndex.open(async (file) => (await indexFiles(publicSite)).get(file)!);
    const outcome = await index.search({ text: 'severity', filters: { ...emptyFilters(), topic: ['transport'] }, sort: 'relevance', page: 1 });
    expect(outcome.documents.map((document) => document.title)).toEqual(['Road Casualties']);
  });

  it('holds no trace of the private dataset, unzipped: no id, title, tag, file or words of it', async () => {
    const needles = ['secret-staff', 'Confidential', 'Sickness', 'sickness', 'confidential', 'Internal only', 'internal'];
    for (const site of [publicSite, internalSite]) {
      for (const [file, bytes] of await indexFiles(site)) {
        const text = bytes.toString('utf8');
        for (const needle of needles) expect(text.includes(needle), `${path.basename(site)}: ${file} holds '${needle}'`).toBe(false);
      }
    }
  });

  it('is the same, byte for byte, in an internal build (--include-private) as in the public one', async () => {
    const publicIndex = await indexFiles(publicSite);
    const internalIndex = await indexFiles(internalSite);
    expect([...internalIndex.keys()]).toEqual([...publicIndex.keys()]);
    for (const [file, bytes] of publicIndex) expect(internalIndex.get(file)!.equals(bytes), file).toBe(true);
  });
});
