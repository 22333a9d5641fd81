// The build's threads and processes: from the sources they are the .ts beside the asker, from the
// compiled package the .js; the test suite runs them from lib/ (src/util/sibling-module.ts says why).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { siblingModule } from '../../src/util/sibling-module.ts';

const root = path.resolve(import.meta.dirname, '../..');
const asker = (file: string) => pathToFileURL(path.join(root, file)).href;
const setting = process.env.DATASHELF_COMPILED_SIBLINGS;

describe('siblingModule', () => {
  afterEach(() => {
    process.env.DATASHELF_COMPILED_SIBLINGS = setting;
  });

  it('gives the .ts beside a source module', () => {
    delete process.env.DATASHELF_COMPILED_SIBLINGS;
    expect(fileURLToPath(siblingModule(asker('src/build/render-pages.ts'), 'render-worker'))).toBe(path.join(root, 'src/build/render-worker.ts'));
  });

  it('gives the .js beside a compiled module, whatever the setting', () => {
    for (const value of [undefined, '1']) {
      if (value) process.env.DATASHELF_COMPILED_SIBLINGS = value;
      else delete process.env.DATASHELF_COMPILED_SIBLINGS;
      expect(fileURLToPath(siblingModule(asker('lib/build/api-thread.js'), 'api-thread-entry'))).toBe(path.join(root, 'lib/build/api-thread-entry.js'));
    }
  });

  it('in the test suite, gives the compiled copy of a source module, which exists', () => {
    expect(setting).toBe('1');
    for (const [from, name] of [['src/build/render-pages.ts', 'render-worker'], ['src/build/api-thread.ts', 'api-thread-entry'], ['src/build/page-bundle.ts', 'compile-pages-process']]) {
      const file = fileURLToPath(siblingModule(asker(from!), name!));
      expect(file).toBe(path.join(root, 'lib/build', `${name}.js`));
      expect(existsSync(file)).toBe(true);
    }
  });
});
