// The rest fixture committed to a Git repository at fixed times (so its revisions and commit
// hashes are the same on every run), loaded, and its API v1/v2 files written.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { ckanIds } from '../../src/outputs/ckan/ids.ts';
import { writeCkanActionApi } from '../../src/outputs/ckan/action-files.ts';
import { writeCkanIndex } from '../../src/outputs/ckan/index-files.ts';
import { writeLegacyApi } from '../../src/outputs/ckan/legacy-api.ts';
import { contentFrom, fixturesDir } from '../helpers/content.ts';
import { git } from '../helpers/git.ts';

/** The reviewed golden files of the fixture's build. */
export const restGoldenDir = path.join(fixturesDir, 'golden', 'rest');


/** The fixture in a Git repository: published, corrected, then one commit that also touches the private dataset. */
export async function restRepository(): Promise<{ root: string; contentDir: string }> {
  const { root, contentDir } = await contentFrom('rest');
  await git(root, ['init', '-q', '-b', 'main']);
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-qm', 'First publication'], '2021-03-04T10:00:00Z');
  await appendFile(path.join(contentDir, 'datasets/road-casualties/casualties 2023.csv'), '2023-02,serious,2\r\n');
  await git(root, ['commit', '-qam', 'Add February to road casualties\n\nFigures from the police.'], '2022-01-02T09:00:00Z', 'Bob Example');
  await appendFile(path.join(contentDir, 'datasets/foi.md'), '\nUpdated monthly.\n');
  await appendFile(path.join(contentDir, 'datasets/staff-sickness/index.md'), '\nUpdated monthly.\n');
  await git(root, ['commit', '-qam', 'Tidy foi and staff-sickness'], '2023-07-08T12:30:00Z');
  return { root, contentDir };
}

export interface RestBuild {
  root: string;
  contentDir: string;
  outDir: string;
  catalogue: Catalogue;
  files: number;
  links: number;
}

/**
 * The API v1/v2 files of the fixture's public (or internal) build, without the rest of the site,
 * and the request handler's index (its answers are the `handlerOnly` resources').
 */
export async function restBuild(includePrivate = false): Promise<RestBuild> {
  const { root, contentDir } = await restRepository();
  const { catalogue } = await loadCatalogue({ contentDir, includePrivate });
  const outDir = path.join(root, 'dist');
  const { files, links } = await writeLegacyApi(catalogue, outDir);
  // The index of a public build reads its package dicts from the action API's pages (not counted in `files`).
  await writeCkanActionApi(catalogue, outDir);
  await writeCkanIndex(catalogue, outDir);
  return { root, contentDir, outDir, catalogue, files, links };
}

/** A registry golden sample's path with the commit hashes it stands for put in. */
export function goldenPath(samplePath: string, catalogue: Catalogue): string {
  return samplePath
    .replace('{newest-revision}', catalogue.revisions[0]!.id)
    .replace('{oldest-revision}', catalogue.revisions.at(-1)!.id)
    .replace(/\{uuid:([^}]+)\}/g, (_, name: string) => ckanIds.dataset(catalogue.site.url, catalogue.datasets.find((dataset) => dataset.name === name)!.id));
}
