// The sink's copies and folders: a small file copied on the build's thread is what Node's copyFile
// makes (bytes and permissions), a large one still goes through copyFile, and folders are made one
// level at a time as a recursive mkdir would make them (a file in the way is still an error).
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySmallFile, OutputSink } from '../../src/outputs/output-sink.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'datashelf-sink-copy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a copy of a small file', () => {
  it("has copyFile's bytes and permissions, whatever the umask would take away", async () => {
    const cases: [string, Buffer, number][] = [
      ['empty', Buffer.alloc(0), 0o644],
      ['text', Buffer.from('a,b\n1,2\n'), 0o664],
      ['private', Buffer.from([0, 1, 2, 255]), 0o600],
      ['executable', Buffer.alloc(70_000, 7), 0o775],
    ];
    for (const [name, bytes, mode] of cases) {
      const source = path.join(dir, `${name}.src`);
      await writeFile(source, bytes);
      await chmod(source, mode);
      await copyFile(source, path.join(dir, `${name}.node`));
      copySmallFile(source, path.join(dir, `${name}.ours`));
      expect(await readFile(path.join(dir, `${name}.ours`)), name).toEqual(bytes);
      expect((await stat(path.join(dir, `${name}.ours`))).mode, name).toBe((await stat(path.join(dir, `${name}.node`))).mode);
      expect((await stat(path.join(dir, `${name}.ours`))).mode & 0o777, name).toBe(mode);
    }
  });

  it('replaces a file already there, shorter or longer', async () => {
    const source = path.join(dir, 'short.src');
    await writeFile(source, 'new');
    const target = path.join(dir, 'short.target');
    await writeFile(target, 'an older and longer text');
    copySmallFile(source, target);
    expect(await readFile(target, 'utf8')).toBe('new');
  });
});

describe("the sink's copies", () => {
  it('record the known hash and size, and copy small and large files whole into new folders', async () => {
    const out = path.join(dir, 'out');
    const sink = new OutputSink(out);
    const small = path.join(dir, 'small.csv');
    const large = path.join(dir, 'large.bin');
    await writeFile(small, 'x,y\n');
    await writeFile(large, Buffer.alloc((1 << 20) + 1, 3));
    await sink.copy('download/a/data/small.csv', small, { hash: 'md5-known', size: 4 });
    await sink.copy('download/b/data/large.bin', large, { hash: 'md5-large' });
    await sink.copy('download/a/other/small.csv', small);
    expect(await readFile(path.join(out, 'download/a/data/small.csv'), 'utf8')).toBe('x,y\n');
    expect(await readFile(path.join(out, 'download/b/data/large.bin'))).toEqual(await readFile(large));
    expect(await readFile(path.join(out, 'download/a/other/small.csv'), 'utf8')).toBe('x,y\n');
    expect(sink.entries.get('download/a/data/small.csv')).toEqual({ hash: 'md5-known', size: 4 });
    expect(sink.entries.get('download/b/data/large.bin')).toEqual({ hash: 'md5-large', size: (1 << 20) + 1 });
  });

  it('make folders another writer made already, and fail on a file where a folder goes', async () => {
    const out = path.join(dir, 'out2');
    await mkdir(path.join(out, 'download', 'made'), { recursive: true });
    await writeFile(path.join(out, 'download', 'file'), 'in the way');
    const sink = new OutputSink(out);
    sink.write('download/made/x/y.txt', 'y');
    expect(await readFile(path.join(out, 'download/made/x/y.txt'), 'utf8')).toBe('y');
    expect(() => sink.write('download/file/z.txt', 'z')).toThrow(/ENOTDIR|EEXIST/);
    expect(() => sink.write('download/file/deeper/z.txt', 'z')).toThrow(/ENOTDIR|EEXIST/);
  });
});
