// The writer thread imports the outputs it writes, not every output (src/build/thread-outputs.ts):
// each module the thread imports is parsed and compiled again in its isolate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadOutputModules, threadOutputs } from '../../src/build/thread-outputs.ts';
import { allOutputs } from '../../src/outputs/index.ts';
import { repoRoot } from '../helpers/content.ts';

/** Every module `file` imports statically, and theirs (dynamic `import()` not followed). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
    if (specifier!.startsWith('.')) staticImports(path.resolve(path.dirname(file), specifier!), seen);
  }
  return seen;
}

describe("the writer thread's outputs", () => {
  it('are imported alone: the thread loads no other output', () => {
    const loaded = [...staticImports(path.join(repoRoot, 'src/build/api-thread-entry.ts'))].map((file) => path.relative(repoRoot, file));
    expect(loaded).toContain('src/build/thread-outputs.ts');
    expect(loaded).not.toContain('src/outputs/index.ts');
    expect(loaded).not.toContain('src/outputs/exports.ts');
    expect(loaded).not.toContain('src/outputs/search/output.ts');
  });

  it('are the outputs of their ids, in the order asked, and any other output is found too', async () => {
    for (const [id, load] of Object.entries(threadOutputModules)) expect(await load()).toBe(allOutputs.find((output) => output.id === id));
    expect((await threadOutputs(['ckan-api', 'dcat'])).map((output) => output.id)).toEqual(['ckan-api', 'dcat']);
    expect((await threadOutputs(['ckan-api', 'exports'])).map((output) => output.id)).toEqual(['ckan-api', 'exports']);
  });
});
