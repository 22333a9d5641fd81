// The registry (src/outputs/ckan/actions.ts) is the whole truth: every answer the build serves
// under api/3/ is registered, every registered answer is served and golden-tested, and every golden
// file belongs to a registered answer.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedAnswers } from '../../src/outputs/ckan/actions.ts';
import { ckanApiOf, ckanGoldenDir, type WrittenCkanApi } from '../helpers/ckan.ts';

describe('the registry of CKAN answers', () => {
  let api: WrittenCkanApi;
  const entries = (folder: string) => readdirSync(path.join(api.outDir, folder)).sort();

  beforeAll(async () => {
    api = await ckanApiOf();
  });

  it('lists exactly what is served: query-less actions and *_show folders under api/3/action, pages under api/3/page, errors under api/3/error', () => {
    const byForm = (...forms: string[]) =>
      servedAnswers
        .filter((answer) => forms.includes(answer.form))
        .map((answer) => answer.name)
        .sort();
    const queryLessPaged = servedAnswers.filter((answer) => answer.form === 'paged' && answer.queryLess).map((answer) => answer.name);
    expect(entries('api/3/action')).toEqual([...byForm('query-less', 'show'), ...queryLessPaged].sort());
    expect(entries('api/3/page')).toEqual(byForm('paged'));
    expect(entries('api/3/error')).toEqual(byForm('error'));
    for (const name of byForm('show')) expect(statSync(path.join(api.outDir, 'api/3/action', name)).isDirectory(), name).toBe(true);
  });

  it('serves every query-less action also without the version, as the same file', () => {
    for (const name of entries('api/action')) {
      expect(entries('api/3/action')).toContain(name);
      expect(statSync(path.join(api.outDir, 'api/action', name)).ino).toBe(statSync(path.join(api.outDir, 'api/3/action', name)).ino);
    }
    expect(entries('api/action')).toEqual(entries('api/3/action').filter((name) => statSync(path.join(api.outDir, 'api/3/action', name)).isFile()));
  });

  it('golden-tests every registered answer, and has no golden file that no answer names', () => {
    for (const answer of servedAnswers) expect(answer.golden.length, `${answer.name} has no golden sample`).toBeGreaterThan(0);
    const named = servedAnswers.flatMap((answer) => answer.golden.map((sample) => sample.golden));
    expect(new Set(named).size, 'a golden file is named twice').toBe(named.length);
    expect(readdirSync(ckanGoldenDir).sort()).toEqual([...named].sort());
  });

  it('takes each golden sample from a file of its own answer', () => {
    for (const answer of servedAnswers) {
      for (const sample of answer.golden) {
        const expected = answer.form === 'paged' ? `api/3/page/${answer.name}/` : answer.form === 'error' ? `api/3/error/${answer.name}` : `api/3/action/${answer.name}`;
        expect(sample.path.startsWith(expected), `${answer.name}: ${sample.path}`).toBe(true);
      }
    }
  });
});
