// The catalogue behind the CSV and Excel export tests (test/fixtures/exports/content), made stable.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';

export const exportsFixtureDir = fileURLToPath(new URL('../fixtures/exports/', import.meta.url));
export const goldenDir = path.join(exportsFixtureDir, 'golden');

/** An upload time for every local file, as DataPress writes it. */
export const fixedUploadTimestamp = '2025-01-20T09:30:00';

/**
 * The public catalogue of the fixture. A local file's `timestamp` comes from Git or its mtime,
 * which differ between checkouts, so it is set here; dataset dates are written in the fixture.
 */
export async function loadExportsFixture(): Promise<Catalogue> {
  const { catalogue } = await loadCatalogue({ contentDir: path.join(exportsFixtureDir, 'content') });
  for (const dataset of catalogue.datasets) {
    for (const resource of dataset.resources) if (resource.kind === 'file') resource.timestamp = fixedUploadTimestamp;
  }
  return catalogue;
}

export function temporaryOutDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'datashelf-exports-'));
}
