// The compiled pages are kept under a key of the package that compiled them and the site's address:
// a build never uses pages compiled by another version of datashelf (or of Astro, Vite, Node.js),
// and a site built from kept pages is the same, byte for byte, as one built from pages compiled for it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { bundleKey, packageDigest, pageBundle } from '../../src/build/page-bundle.ts';
import { readAll } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-bundle-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A package as the digest reads it: sources, public files, config, manifest, and the Astro and Vite it finds. */
async function fakePackage(): Promise<string> {
  const root = path.join(work, 'package');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'datashelf', version: '1.0.0' }),
    'astro.config.mjs': 'export default {};\n',
    'src/pages/index.astro': '<h1>Home</h1>\n',
    'src/site/layout.ts': 'export const title = 1;\n',
    'public/robots.txt': 'User-agent: *\n',
    'node_modules/astro/package.json': JSON.stringify({ name: 'astro', version: '7.3.5' }),
    'node_modules/vite/package.json': JSON.stringify({ name: 'vite', version: '8.0.13' }),
  };
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe('the compiled pages’ key', () => {
  it('changes with the package’s version, any of its sources, and the Astro or Vite that compile them', async () => {
    const root = await fakePackage();
    const first = packageDigest(root);
    expect(packageDigest(root)).toBe(first);
    const changed = async (file: string, text: string) => {
      const before = await readFile(path.join(root, file), 'utf8');
      await writeFile(path.join(root, file), text);
      const digest = packageDigest(root);
      await writeFile(path.join(root, file), before);
      return digest;
    };
    const upgrades = [
      await changed('package.json', JSON.stringify({ name: 'datashelf', version: '1.0.1' })),
      await changed('src/site/layout.ts', 'export const title = 2;\n'),
      await changed('public/robots.txt', 'User-agent: bot\n'),
      await changed('astro.config.mjs', 'export default { compressHTML: false };\n'),
      await changed('node_modules/astro/package.json', JSON.stringify({ name: 'astro', version: '7.3.6' })),
      await changed('node_modules/vite/package.json', JSON.stringify({ name: 'vite', version: '8.0.14' })),
    ];
    expect(new Set([first, ...upgrades]).size).toBe(upgrades.length + 1);
    await writeFile(path.join(root, 'src/pages/new.astro'), '<p>New</p>\n');
    expect(packageDigest(root)).not.toBe(first);
    // The same package: the same digest; another site: another key.
    await rm(path.join(root, 'src/pages/new.astro'));
    expect(packageDigest(root)).toBe(first);
    expect(bundleKey(first, { url: 'https://a.example/', basePath: '/' })).not.toBe(bundleKey(first, { url: 'https://a.example/data/', basePath: '/data/' }));
  });

  it('keeps one bundle per site; one of another version of the package is never used, and is removed', async () => {
    const site = { url: 'https://bundle.example/', basePath: '/' };
    const digest = packageDigest();
    const bundles = path.join(work, 'bundles');
    // What an older datashelf would have left for the same site, and this one for another site.
    const stale = `pages-${bundleKey(digest, site).replace(digest, 'x'.repeat(16))}`;
    const otherSite = `pages-${bundleKey(digest, { url: 'https://other.example/', basePath: '/' })}`;
    // And another datashelf installed beside this one, sharing the folder: its bundles are its own.
    const otherPackage = `pages-${bundleKey('y'.repeat(16), site, '/elsewhere/datashelf')}`;
    for (const name of [stale, otherSite, otherPackage]) {
      await mkdir(path.join(bundles, name, 'server'), { recursive: true });
      await writeFile(path.join(bundles, name, 'server', 'entry.mjs'), 'throw new Error("a stale bundle was used");\n');
    }
    const compiled = await pageBundle(site, bundles, path.join(work, 'compile-1'));
    expect(compiled.compiled).toBe(true);
    expect(compiled.entry).toBe(path.join(bundles, `pages-${bundleKey(digest, site)}`, 'server', 'entry.mjs'));
    expect((await readdir(bundles)).sort()).toEqual([`pages-${bundleKey(digest, site)}`, otherSite, otherPackage].sort());

    const kept = await pageBundle(site, bundles, path.join(work, 'compile-2'));
    expect(kept).toEqual({ ...compiled, compiled: false });
  }, 180_000);

  it('compiled where the bundles cannot be kept, are used from the build’s own folder', async () => {
    const site = { url: 'https://unkept.example/', basePath: '/' };
    const blocked = path.join(work, 'a-file');
    await writeFile(blocked, '');
    const bundle = await pageBundle(site, path.join(blocked, 'bundles'), path.join(work, 'compile-3'));
    expect(bundle.compiled).toBe(true);
    expect(bundle.entry).toBe(path.join(work, 'compile-3', 'bundle', 'server', 'entry.mjs'));
  }, 180_000);
});

describe('a site built from kept pages', () => {
  it('is the same, byte for byte, as one built from pages compiled for it, with --no-cache too', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const today = '2025-06-01';
    // Compiled for this build: a cache folder of its own, empty.
    const cache = { dir: path.join(root, 'cache'), reuse: false };
    await buildSite({ contentDir, outDir: path.join(root, 'compiled'), today, cache });
    const kept = (await readdir(path.join(cache.dir, 'pages'))).filter((name) => name.startsWith('pages-'));
    expect(kept).toHaveLength(1);
    // `--no-cache` again: the content is read anew, the pages are the kept ones.
    await buildSite({ contentDir, outDir: path.join(root, 'kept'), today, cache });
    expect((await readdir(path.join(cache.dir, 'pages'))).filter((name) => name.startsWith('pages-'))).toEqual(kept);
    // And without a cache folder: the pages kept beside the package's dependencies.
    await buildSite({ contentDir, outDir: path.join(root, 'shared'), today });
    const compiled = await readAll(path.join(root, 'compiled'));
    expect(await readAll(path.join(root, 'kept'))).toEqual(compiled);
    expect(await readAll(path.join(root, 'shared'))).toEqual(compiled);
  }, 240_000);
});
