// The paging catalogue (test/fixtures/paging/generate.ts) written and built into a temporary folder
// that a web server's worker (another user, when the test runs as root) can read.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type BuildOptions } from '../../src/build/build.ts';
import type { OutputChoice } from '../../src/outputs/index.ts';
import { writePagingCatalogue, pagingDatasetCount, widePagingDatasetCount } from '../fixtures/paging/generate.ts';

export { pagingDatasetCount, widePagingDatasetCount };

/**
 * `choice`: the outputs, as `datashelf build` takes them (`{ ckanApi: false }` is `--no-ckan-api`);
 * `datasets`: the wider catalogue's count (`widePagingDatasetCount`) instead of the usual 25.
 */
export async function buildPagingSite(choice: OutputChoice & Pick<BuildOptions, 'edge'> & { datasets?: number } = {}): Promise<{ root: string; build: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'datashelf-host-'));
  await chmod(root, 0o755);
  const contentDir = path.join(root, 'content');
  const { datasets, ...options } = choice;
  await writePagingCatalogue(contentDir, datasets);
  const build = path.join(root, 'dist');
  await buildSite({ contentDir, outDir: build, ...options });
  return { root, build };
}
