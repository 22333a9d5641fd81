// Pre-compressed copies: beside the assets and the large catalogue-wide files only, decoding to the
// file itself, the same bytes on every run.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressEarly, largeFileBytes, offerGzip, precompress } from '../../src/build/precompress.ts';
import { closeSink, openSink, OutputSink } from '../../src/outputs/output-sink.ts';
import { hostTable } from '../../src/outputs/hosts/table.ts';

const rules = { ...hostTable([]), mediaTypes: { ...hostTable([]).mediaTypes, atom: 'application/atom+xml' } };
const big = JSON.stringify(Array.from({ length: largeFileBytes / 8 }, (_, index) => ({ n: index })));

describe('precompress', () => {
  let dir: string;
  const files: Record<string, string> = {
    '_astro/Base.abc123.css': 'body { color: black; }',
    '_astro/search.def456.js': 'console.log(1);',
    '_astro/logo.png': 'not text',
    'api/datasets/export.json': big,
    'api/datasets/export.datasets.csv': 'id,title\r\nsmall,Small\r\n',
    'catalog.jsonld': big,
    'datashelf.nginx.conf': big,
    'index.html': '<!doctype html><title>Home</title>',
    'dataset/foi/index.html': big,
    'api/3/action/package_list': big,
    'download/foi/k93/big.csv': big,
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'datashelf-precompress-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('compresses the text assets and the large files at the root and in api/datasets/, nothing else', async () => {
    const chosen = await precompress(dir, rules);
    expect(chosen).toEqual(['_astro/Base.abc123.css', '_astro/search.def456.js', 'api/datasets/export.json', 'catalog.jsonld']);
    const written = (await readdir(dir, { recursive: true })).filter((file) => /\.(gz|br)$/.test(file)).sort();
    expect(written).toEqual(chosen.flatMap((file) => [`${file}.br`, `${file}.gz`]).sort());
    for (const file of chosen) {
      expect(gunzipSync(await readFile(path.join(dir, `${file}.gz`))).toString()).toBe(files[file]);
      expect(brotliDecompressSync(await readFile(path.join(dir, `${file}.br`))).toString()).toBe(files[file]);
    }
  });

  it('writes the same bytes on every run', async () => {
    const first = await readFile(path.join(dir, 'api/datasets/export.json.gz'));
    await precompress(dir, rules);
    expect((await readFile(path.join(dir, 'api/datasets/export.json.gz'))).equals(first)).toBe(true);
  });

  it('uses a brotli copy started early only while the file holds the bytes it was made from, with the bytes the stage makes', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'datashelf-precompress-early-'));
    const other = await mkdtemp(path.join(tmpdir(), 'datashelf-precompress-late-'));
    try {
      const text = (marker: string) => JSON.stringify(Array.from({ length: largeFileBytes / 4 }, (_, index) => ({ n: index, marker })));
      // A build's sink, as the exports leave it: one large file written, copies started, then one of them written again.
      const sink = openSink(new OutputSink(site));
      const lateSink = openSink(new OutputSink(other));
      try {
        sink.write('api/datasets/export.json', text('first'));
        sink.write('data.json', text('first'));
        compressEarly(site, rules);
        sink.write('data.json', text('second'));
        for (const [file, marker] of [['api/datasets/export.json', 'first'], ['data.json', 'second']] as const) lateSink.write(file, text(marker));
        expect(await precompress(site, rules)).toEqual(['api/datasets/export.json', 'data.json']);
        await precompress(other, rules);
      } finally {
        closeSink(sink);
        closeSink(lateSink);
      }
      for (const [file, marker] of [['api/datasets/export.json', 'first'], ['data.json', 'second']] as const) {
        const early = await readFile(path.join(site, `${file}.br`));
        expect(brotliDecompressSync(early).toString(), file).toBe(text(marker));
        // The bytes of a copy made by the stage alone.
        expect(early.equals(await readFile(path.join(other, `${file}.br`))), file).toBe(true);
      }
    } finally {
      await rm(site, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe("a writer's gzip copy offered before it is made", () => {
  it('is awaited by the compress stage (its pieces were still deflating), and its failure fails the stage', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'datashelf-offered-'));
    try {
      await mkdir(path.join(dir, 'api/datasets'), { recursive: true });
      await writeFile(path.join(dir, 'api/datasets/export.json'), big);
      let made: (bytes: Uint8Array) => void = () => {};
      offerGzip(dir, 'api/datasets/export.json', new Promise<Uint8Array>((resolve) => (made = resolve)));
      const compressing = precompress(dir, rules);
      // A gzip of the file that the stage itself would not make (level 1): only the offered copy gives it.
      setTimeout(() => made(gzipSync(big, { level: 1 })), 20);
      await compressing;
      const copy = await readFile(path.join(dir, 'api/datasets/export.json.gz'));
      expect(copy.equals(gzipSync(big, { level: 1 }))).toBe(true);

      // Its gzip copy only: no brotli copy of a file made of kept runs (docs/decisions/gzip-only-for-pieced-files.md).
      expect(existsSync(path.join(dir, 'api/datasets/export.json.br'))).toBe(false);

      offerGzip(dir, 'api/datasets/export.json', Promise.reject(new Error('deflate failed')));
      await expect(precompress(dir, rules)).rejects.toThrow('deflate failed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a file whose gzip copy its writer offered (made of runs kept between builds)', () => {
  it('gets that copy and no brotli copy, none started early either, in the manifest as on disk', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'datashelf-offered-only-'));
    const sink = openSink(new OutputSink(site));
    try {
      const text = JSON.stringify(Array.from({ length: largeFileBytes / 4 }, (_, index) => ({ n: index })));
      sink.write('data.json', text);
      sink.write('sitemap.xml', text);
      offerGzip(site, 'data.json', Promise.resolve(gzipSync(text)));
      // As the build does after each output: the sitemap's copy is started, not data.json's.
      compressEarly(site, rules);
      expect(await precompress(site, rules)).toEqual(['data.json', 'sitemap.xml']);
      expect(gunzipSync(await readFile(path.join(site, 'data.json.gz'))).toString()).toBe(text);
      expect(existsSync(path.join(site, 'data.json.br'))).toBe(false);
      expect(brotliDecompressSync(await readFile(path.join(site, 'sitemap.xml.br'))).toString()).toBe(text);
      expect([...sink.entries.keys()].filter((file) => /\.(gz|br)$/.test(file)).sort()).toEqual(['data.json.gz', 'sitemap.xml.br', 'sitemap.xml.gz']);
    } finally {
      closeSink(sink);
      await rm(site, { recursive: true, force: true });
    }
  });
});
