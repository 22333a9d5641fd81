// The API page lists every action the build serves, and each example on it answers.
import { mkdtemp } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { actionNames } from '../../src/outputs/ckan/actions.ts';
import { startPreview } from '../../src/preview/server.ts';
import { contentFrom } from '../helpers/content.ts';
import { elementsOf } from '../helpers/html.ts';

describe('the API page', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const { contentDir } = await contentFrom('minimal');
    const outDir = path.join(await mkdtemp(path.join(tmpdir(), 'datashelf-api-page-')), 'dist');
    await buildSite({ contentDir, outDir });
    server = await startPreview({ root: outDir, port: 0 });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names every action the build serves', async () => {
    const page = await (await fetch(`${base}/api/`)).text();
    for (const action of actionNames()) expect(page, action).toContain(`<code>${action}</code>`);
  });

  it('has examples that each answer 200 (and success, for the Action API)', async () => {
    const page = await (await fetch(`${base}/api/`)).text();
    const examples = elementsOf(page)
      .filter((element) => element.name === 'a' && element.attributes.href?.startsWith('/api/') && element.attributes.href !== '/api/')
      .map((element) => element.attributes.href!);
    expect(examples.length).toBeGreaterThan(25);
    for (const example of examples) {
      const response = await fetch(`${base}${example}`);
      expect(response.status, example).toBe(200);
      if (example.startsWith('/api/3/action/')) expect(((await response.json()) as { success: boolean }).success, example).toBe(true);
    }
  });
});
