// A full build publishes API v1/v2 beside the pages: the writer is registered, and the whole site
// of a public build, API included, names nothing of the private dataset.
import { statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, readAll } from '../helpers/build.ts';
import { restRepository } from './rest-fixture.ts';

describe('a public build of the rest fixture', () => {
  let outDir: string;

  beforeAll(async () => {
    const { root, contentDir } = await restRepository();
    outDir = path.join(root, 'dist');
    await buildInto(contentDir, outDir);
  });

  it('writes API v1 and v2 with their version-less paths as hard links', () => {
    const inode = (file: string) => statSync(path.join(outDir, file)).ino;
    expect(inode('api/rest/dataset/index.json')).toBe(inode('api/1/rest/dataset/index.json'));
    expect(inode('api/search/dataset')).toBe(inode('api/1/search/dataset'));
    expect(statSync(path.join(outDir, 'api/2/rest/dataset/casualties/index.json')).isFile()).toBe(true);
  });

  it('has no trace of the private dataset in any file, pages included', async () => {
    const needles = ['staff-sickness', 'Confidential Staff Sickness Register', 'Sickness Absence Secret', 'sickness-register-confidential', 'Tidy foi'];
    for (const [file, bytes] of await readAll(outDir)) {
      const text = bytes.toString('latin1');
      for (const needle of needles) {
        expect(file.includes(needle), `${file} is named after the private dataset`).toBe(false);
        expect(text.includes(needle), `${file} mentions '${needle}'`).toBe(false);
      }
    }
  });
});
