// A full build publishes API v1/v2 beside the pages: the writer is registered, and the whole site
// of a public build, API included, names nothing of the private dataset.
import { existsSync, statSync } from 'node:fs';
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

  // The version-less paths (`api/rest/…`) are host rewrites to v1's (the lean layout), not files.
  it('writes API v1 and v2, without files for their version-less paths', () => {
    expect(statSync(path.join(outDir, 'api/1/rest/dataset/index.json')).isFile()).toBe(true);
    expect(statSync(path.join(outDir, 'api/2/rest/dataset/index.json')).isFile()).toBe(true);
    expect(existsSync(path.join(outDir, 'api/rest'))).toBe(false);
    expect(existsSync(path.join(outDir, 'api/search'))).toBe(false);
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
