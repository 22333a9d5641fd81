// A build renders again only the pages whose view changed: the others stay in the published site
// untouched (same files), and the site is the same, byte for byte, as a build from scratch.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { readAll } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';

const today = '2025-06-01';

describe('pages of an unchanged view', () => {
  it('are taken from the published site; a changed page is rendered again; the site equals a build from scratch', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'dist');
    const cache = { dir: path.join(root, '.datashelf-cache'), reuse: true };
    const inode = async (file: string) => (await stat(path.join(outDir, file))).ino;
    await buildSite({ contentDir, outDir, today, cache });
    expect((await readdir(path.join(cache.dir, 'pages'))).filter((name) => name.startsWith('pages-'))).toHaveLength(1);
    const first = { accessibility: await inode('accessibility/index.html'), roads: await inode('dataset/roads/index.html'), foi: await inode('dataset/foi/index.html') };

    const foiFile = path.join(contentDir, 'datasets', 'foi.md');
    await writeFile(foiFile, (await readFile(foiFile, 'utf8')).replace('Requests made under', 'Requests made to Testshire under'));
    const report = await buildSite({ contentDir, outDir, today, cache });

    expect(await inode('accessibility/index.html')).toBe(first.accessibility);
    expect(await inode('dataset/roads/index.html')).toBe(first.roads);
    expect(await inode('dataset/foi/index.html')).not.toBe(first.foi);
    expect(await readFile(path.join(outDir, 'dataset/foi/index.html'), 'utf8')).toContain('Requests made to Testshire under');
    // The fixed cost is paid once: the second build compiled nothing.
    expect(report.stages.find((stage) => stage.name === 'pages: compile')!.ms).toBeLessThan(5_000);

    const fresh = path.join(root, 'fresh');
    await buildSite({ contentDir, outDir: fresh, today });
    expect(await readAll(outDir)).toEqual(await readAll(fresh));
  });

  it('are all rendered again with --no-cache', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'dist');
    const cache = { dir: path.join(root, '.datashelf-cache'), reuse: true };
    const inode = async (file: string) => (await stat(path.join(outDir, file))).ino;
    await buildSite({ contentDir, outDir, today, cache });
    const first = await inode('accessibility/index.html');
    await buildSite({ contentDir, outDir, today, cache });
    expect(await inode('accessibility/index.html')).toBe(first);
    await buildSite({ contentDir, outDir, today, cache: { ...cache, reuse: false } });
    expect(await inode('accessibility/index.html')).not.toBe(first);
  });
});
