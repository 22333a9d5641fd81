// Every resource of the API v1/v2 registry, for the rest fixture, compared whole with a reviewed
// golden file (STYLE habit 6). Goldens are pretty-printed so a change reads as a diff; key order counts.
// UPDATE_GOLDEN=1 rewrites them (test/helpers/golden.ts): review each against /work/shared/reference/ckan-api-v1-v2.txt and
// docs/ckan-reference-notes.md §A5 (v1 refers by name, v2 by id) before keeping it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCkanHandler } from '../../src/ckan-handler/handler.ts';
import { readCkanIndex } from '../../src/ckan-handler/read-index.ts';
import { legacyResources } from '../../src/outputs/ckan/legacy-api.ts';
import { expectGolden } from '../helpers/golden.ts';
import { goldenPath, restBuild, restGoldenDir, type RestBuild } from './rest-fixture.ts';

describe('API v1/v2 of the rest fixture', () => {
  let build: RestBuild;

  beforeAll(async () => {
    build = await restBuild();
  });

  for (const resource of legacyResources) {
    for (const sample of resource.golden) {
      it(`${resource.name} (${resource.location}): ${sample.path} is the reviewed ${sample.golden}${resource.handlerOnly ? ' (the request handler\'s answer)' : ''}`, async () => {
        const samplePath = goldenPath(sample.path, build.catalogue);
        let text: string;
        if (resource.handlerOnly) {
          const handler = createCkanHandler(await readCkanIndex(build.outDir));
          const response = await handler(new Request(new URL(samplePath, build.catalogue.site.url)));
          expect(response.status).toBe(200);
          text = await response.text();
        } else {
          text = readFileSync(path.join(build.outDir, samplePath), 'utf8');
        }
        const written = JSON.parse(text) as unknown;
        const pretty = `${JSON.stringify(written, null, 2)}\n`;
        expectGolden(pretty, path.join(restGoldenDir, sample.golden));
      });
    }
  }
});
