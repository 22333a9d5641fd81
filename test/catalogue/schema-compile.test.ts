// zod compiles a schema's object checks into code (`new Function`) the first time the schema
// checks a value; read-files.ts checks the first values of each schema without, so an edit (a
// schema used once or twice) compiles nothing, and a full build compiles after some dozens. The
// values must be the same either way.
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { repoRoot } from '../helpers/content.ts';
import path from 'node:path';

const original = globalThis.Function;
let compiled = 0;

afterEach(() => {
  globalThis.Function = original;
});

describe("checking content's YAML", () => {
  it("compiles no schema for a few values, compiles after some dozens, and gives the same values", async () => {
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        if (String(args.at(-1)).includes('payload')) compiled++;
        return Reflect.construct(target, args);
      },
    });
    const contentDir = path.join(repoRoot, 'content');
    // The example's 28 dataset files, its site and lists: each schema checks fewer than 32 values.
    const first = await loadCatalogue({ contentDir, today: '2026-12-02' });
    expect(compiled).toBe(0);
    const second = await loadCatalogue({ contentDir, today: '2026-12-02' });
    expect(compiled).toBeGreaterThan(0);
    expect(JSON.stringify(second.catalogue.datasets)).toBe(JSON.stringify(first.catalogue.datasets));
    expect(second.catalogue.datasets.length).toBeGreaterThan(20);
  });
});
