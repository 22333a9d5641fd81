import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const lib = path.resolve(import.meta.dirname, '../../lib');

/** The packages a fresh process loads when it imports these modules of the compiled runtime. */
function packagesLoadedBy(modules: string[]): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = new Set();
    registerHooks({ load(url, context, next) { const found = url.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/); if (found) loaded.add(found[1]); return next(url, context); } });
    for (const module of ${JSON.stringify(modules.map((file) => pathToFileURL(path.join(lib, file)).href))}) await import(module);
    process.stdout.write(JSON.stringify([...loaded].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
}

describe("what `datashelf build` imports before it starts", () => {
  it('leaves out the packages only some builds use: Markdown, the positional YAML parser, gray-matter, esbuild', () => {
    const loaded = packagesLoadedBy(['cli/main.js', 'cli/build.js', 'build/build.js']);
    // What every build uses is there (the check is not vacuous)...
    expect(loaded).toEqual(expect.arrayContaining(['zod', 'js-yaml', 'n3']));
    // ...and what an edit need not load is not.
    for (const name of ['markdown-it', 'sanitize-html', 'yaml', 'gray-matter', 'esbuild', 'exceljs', 'astro', 'vite']) expect(loaded, name).not.toContain(name);
  });
});
