// Brotli copies made on a thread of their own: the very bytes of a copy made on this thread, and a
// copy that cannot be made fails with the reason, not silently.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCopy } from '../../src/build/brotli-copy.ts';
import { brotliCopyOnThread, endBrotliThread } from '../../src/build/brotli-thread.ts';

describe('the brotli thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'datashelf-brotli-thread-'));
  });
  afterAll(async () => {
    await endBrotliThread();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes the bytes brotliCopy makes on this thread, several copies at once', async () => {
    // Several 64 KB chunks of the stream, text that compresses: where brotli's bytes depend on the cut.
    const texts = [1, 2, 3].map((n) => JSON.stringify(Array.from({ length: 20_000 * n }, (_, index) => ({ index, n, title: `Dataset ${index % 977}` }))));
    for (const [index, text] of texts.entries()) await writeFile(path.join(dir, `file-${index}.json`), text);
    await Promise.all(texts.map((_, index) => brotliCopyOnThread(path.join(dir, `file-${index}.json`), path.join(dir, `thread-${index}.json`), 5)));
    for (const [index] of texts.entries()) {
      await brotliCopy(path.join(dir, `file-${index}.json`), path.join(dir, `here-${index}.json`), 5);
      const [there, here] = await Promise.all([readFile(path.join(dir, `thread-${index}.json.br`)), readFile(path.join(dir, `here-${index}.json.br`))]);
      expect(there.length).toBeGreaterThan(0);
      expect(there.equals(here), `file ${index}`).toBe(true);
    }
  });

  it('makes a copy while this thread runs without giving its event loop a turn', async () => {
    const text = JSON.stringify(Array.from({ length: 60_000 }, (_, index) => ({ index, title: `Dataset ${index % 977}` })));
    await writeFile(path.join(dir, 'busy.json'), text);
    const copy = brotliCopyOnThread(path.join(dir, 'busy.json'), path.join(dir, 'busy.json'), 5);
    // Busy the way an output is: synchronous work, here waiting for the copy to be whole on disk.
    // A copy driven by this thread's event loop would not move (the 60 s bound ends the wait then).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let whole = false;
    for (const started = Date.now(); !whole && Date.now() - started < 60_000; ) {
      Atomics.wait(pause, 0, 0, 20);
      try {
        whole = brotliDecompressSync(readFileSync(path.join(dir, 'busy.json.br'))).toString() === text;
      } catch {
        // Not yet there, or not yet whole.
      }
    }
    expect(whole).toBe(true);
    await copy;
  });

  it('fails a copy whose file is missing, and goes on with the next', async () => {
    await expect(brotliCopyOnThread(path.join(dir, 'missing.json'), path.join(dir, 'missing.json'), 5)).rejects.toThrow(/ENOENT/);
    await writeFile(path.join(dir, 'after.json'), 'after');
    await brotliCopyOnThread(path.join(dir, 'after.json'), path.join(dir, 'after.json'), 5);
    expect((await readFile(path.join(dir, 'after.json.br'))).length).toBeGreaterThan(0);
  });

  it('starts again after it was ended', async () => {
    await endBrotliThread();
    await writeFile(path.join(dir, 'again.json'), 'again');
    await brotliCopyOnThread(path.join(dir, 'again.json'), path.join(dir, 'again.json'), 5);
    expect((await readFile(path.join(dir, 'again.json.br'))).length).toBeGreaterThan(0);
  });
});
