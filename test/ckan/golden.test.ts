// Every answer of the CKAN registry, for the minimal fixture, compared whole with a reviewed golden
// file (STYLE habit 6). Goldens are pretty-printed so a change reads as a diff; key order counts.
// UPDATE_GOLDEN=1 rewrites them (test/helpers/golden.ts): review each against docs/ckan-reference-notes.md §A before keeping it.
import path from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { servedAnswers } from '../../src/outputs/ckan/actions.ts';
import { ckanApiOf, ckanGoldenDir, type WrittenCkanApi } from '../helpers/ckan.ts';
import { expectGolden } from '../helpers/golden.ts';

describe('the CKAN action API of the minimal fixture', () => {
  let api: WrittenCkanApi;

  beforeAll(async () => {
    api = await ckanApiOf();
  });

  for (const answer of servedAnswers) {
    for (const sample of answer.golden) {
      it(`${answer.name}: ${sample.path} is the reviewed ${sample.golden}`, () => {
        const pretty = `${JSON.stringify(api.read(sample.path), null, 2)}\n`;
        expectGolden(pretty, path.join(ckanGoldenDir, sample.golden));
      });
    }
  }
});
