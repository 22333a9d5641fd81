// The CKAN action API of a test catalogue, written without the rest of the build (no Astro: fast).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { writeCkanActionApi } from '../../src/outputs/ckan/action-files.ts';
import { contentFrom, fixturesDir } from './content.ts';

/** The reviewed golden answers of the minimal fixture, named in the registry (src/outputs/ckan/actions.ts). */
export const ckanGoldenDir = path.join(fixturesDir, 'golden', 'ckan');

export interface WrittenCkanApi {
  catalogue: Catalogue;
  outDir: string;
  /** A written answer, parsed. */
  read: <T = any>(relativePath: string) => T;
  /** A written answer's `result`. */
  result: <T = any>(relativePath: string) => T;
}

/** The minimal fixture with `changes` applied (see `contentFrom`), loaded and written. */
export async function ckanApiOf(changes: Record<string, string | null> = {}, options: { includePrivate?: boolean } = {}): Promise<WrittenCkanApi> {
  const { root, contentDir } = await contentFrom('minimal', changes);
  const { catalogue } = await loadCatalogue({ contentDir, includePrivate: options.includePrivate });
  const outDir = path.join(root, options.includePrivate ? 'internal' : 'dist');
  await writeCkanActionApi(catalogue, outDir);
  const read = (relativePath: string) => JSON.parse(readFileSync(path.join(outDir, relativePath), 'utf8'));
  return { catalogue, outDir, read, result: (relativePath: string) => read(relativePath).result };
}

/** A dataset file of the least a dataset needs, for catalogues of many datasets. */
export function datasetFile(title: string, fields: Record<string, string> = {}): string {
  const lines = Object.entries({ title, team: 'highways', ...fields }).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\nAbout ${title}.\n`;
}
