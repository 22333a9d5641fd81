// A dataset's digest: one hash of everything the model holds of it, worked out once per dataset
// object. Two builds that give a dataset the same digest hold the same dataset, so whatever is a
// function of the dataset alone (a page's view of it, its rows of an export, its DCAT-AP nodes) may
// be reused from the last build (src/build/fragments.ts). What an output reads besides the dataset
// (the site, the topics, the teams) is not in it: see `catalogueContextDigest`.
import { createHash } from 'node:crypto';
import type { Catalogue, Dataset } from './model.ts';

const digests = new WeakMap<Dataset, string>();

export function datasetDigest(dataset: Dataset): string {
  let digest = digests.get(dataset);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(dataset)).digest('base64url');
    digests.set(dataset, digest);
  }
  return digest;
}

/** The dataset's digest if it was worked out (or remembered) already; nothing is worked out. */
export function knownDigest(dataset: Dataset): string | undefined {
  return digests.get(dataset);
}

/**
 * The digest of a dataset, known without working it out: the build's cache holds the digest of an
 * unchanged dataset published with the same dates, times and relationships (build/load-memo.ts).
 */
export function rememberDigest(dataset: Dataset, digest: string): void {
  digests.set(dataset, digest);
}

/**
 * The digests of a copy of datasets whose digests are known (a writer thread's structured clone
 * of the main thread's catalogue: the same JSON text, so the same digests), in the same order, so
 * the copy's are not worked out again.
 */
export function rememberDigests(datasets: readonly Dataset[], known: readonly string[]): void {
  if (datasets.length !== known.length) throw new Error(`${known.length} digests for ${datasets.length} datasets`);
  for (const [index, dataset] of datasets.entries()) digests.set(dataset, known[index]!);
}

/**
 * Everything of the catalogue but its datasets and revisions: the site, topics, teams, mastheads,
 * licences, whether private datasets are in, the build's day. A fragment made under another
 * context is not reused, so an output whose per-dataset part reads any of these names this digest
 * (or a narrower one of its own) as its store's context.
 */
export function catalogueContextDigest(catalogue: Omit<Catalogue, 'datasets'> & { datasets: readonly unknown[] }): string {
  const { datasets: _datasets, revisions: _revisions, ...context } = catalogue;
  return createHash('sha256').update(JSON.stringify(context)).digest('base64url');
}
