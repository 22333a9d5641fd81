// The Search API of CKAN's API v1 and v2 (`/api/<v>/search/dataset|resource|revision`,
// `/api/<v>/tag_counts`): `{count, results}` with no envelope, results as names (v1) or ids (v2).
// Query forms (`?limit=&offset=`, `?since_id=`) are files
// the host configurations rewrite to (docs/decisions/ckan-static-api.md, "Decisions (v1/v2)").
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import type { WriterDataset } from '../../build/writer-input.ts';
import { datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Dataset } from '../../catalogue/model.ts';
import { resourceUuid } from './ids.ts';
import { pageStarts, resourcePagesVersion, revisionsSinceFile, searchApiDatasetLimits, searchApiFile, searchApiPageFile, searchApiResourceLimits, tagCountsFile } from './paths.ts';
import { apiVersions, datasetRef, revisionPageSize, type Answer, type LegacyContext } from './rest.ts';

/** CKAN's page sizes when no `limit` is given: `rows` 10 for datasets, the legacy `limit` 20 for resources. */
const defaultDatasetLimit = 10;
const defaultResourceLimit = 20;

/**
 * `/search/dataset`: every dataset, in pages. A search by `tags`, `groups` or `organization` is the
 * request handler's (src/ckan-handler/legacy-search.ts): as files it was a set of pages per value
 * and version, most of the API's files (docs/decisions/ckan-static-api.md, "Lean layout"). At the
 * default limit, 10, only the first page is written, as for `package_search`: further pages of 10
 * are the handler's (2,000 files at 10,000 datasets; docs/decisions/lean-layout.md, session 6).
 */
export function* datasetSearch(context: LegacyContext): Generator<Answer> {
  for (const version of apiVersions) {
    const refs = context.searchOrder.map((dataset) => datasetRef(dataset, version, context));
    const pathsOf = (limit: number, offset: number) => [searchApiPageFile(version, 'dataset', limit, offset), ...(limit === defaultDatasetLimit && offset === 0 ? [searchApiFile(version, 'dataset')] : [])];
    const startsOf = (limit: number) => (limit === defaultDatasetLimit ? [0] : pageStarts(refs.length, limit));
    for (const page of pages(refs.length, searchApiDatasetLimits, pathsOf, startsOf)) yield { paths: page.paths, folder: false, body: { count: refs.length, results: refs.slice(page.start, page.end) } };
  }
}

/**
 * The pages of `count` results for each limit, at the offsets `pageStarts` gives. Pages holding
 * the same results (every empty page; the first page of each limit at or above the count) are
 * one answer: one file, the other paths hard links.
 */
function pages(count: number, limits: readonly number[], pathsOf: (limit: number, offset: number) => string[], startsOf = (limit: number) => pageStarts(count, limit)): { start: number; end: number; paths: string[] }[] {
  const byRange = new Map<string, { start: number; end: number; paths: string[] }>();
  for (const limit of limits) {
    for (const offset of startsOf(limit)) {
      const start = Math.min(offset, count);
      const end = Math.min(offset + limit, count);
      const range = start === end ? 'empty' : `${start}-${end}`;
      const page = byRange.get(range);
      if (page) page.paths.push(...pathsOf(limit, offset));
      else byRange.set(range, { start, end, paths: pathsOf(limit, offset) });
    }
  }
  return [...byRange.values()];
}

/**
 * `/search/resource`: resource ids, the same in both versions, in the datasets' search order. The
 * pages are version 1's only: the host rules send version 2's queries to them (rewrites.ts), as
 * they send `/api/search/`; as hard links they were 1,800 more files at 10,000 datasets. The
 * query-less `/api/2/search/resource` stays a link, for hosts without rewrites.
 */
export function* resourceSearch({ catalogue, searchOrder }: LegacyContext): Generator<Answer> {
  const uuidsOf = (dataset: WriterDataset) => dataset.resources.map((resource) => resourceUuid(catalogue.site.url, resource));
  // With a cache, each dataset's resource UUIDs kept by its digest (which names its resources; the
  // site's URL is the store's context): an addition or a removal, which writes these pages again,
  // hashed every resource's UUID again (30,000 SHA-1s, about 0.1 s of the writer thread at 10,000 datasets).
  const kept = fragmentsConfig() && new Fragments<string[]>('ckan-resource-ids', catalogue.site.url);
  const ids = searchOrder.flatMap((dataset) => (kept ? kept.get(datasetDigest(dataset as Dataset), () => uuidsOf(dataset)) : uuidsOf(dataset)));
  kept?.save();
  const pathsOf = (limit: number, offset: number) => [
    searchApiPageFile(resourcePagesVersion, 'resource', limit, offset),
    ...(limit === defaultResourceLimit && offset === 0 ? apiVersions.map((version) => searchApiFile(version, 'resource')) : []),
  ];
  for (const page of pages(ids.length, searchApiResourceLimits, pathsOf)) yield { paths: page.paths, folder: false, body: { count: ids.length, results: ids.slice(page.start, page.end) } };
}

/**
 * `/search/revision`: revision ids oldest first, 50 at a time; with `since_id`, those after the
 * one given; without a parameter, from the start of the history (CKAN answers 400 there; a start
 * is more use, and a client pages on from it with `since_id`).
 */
export function* revisionSearch({ catalogue, revisionUuids }: LegacyContext): Generator<Answer> {
  const oldestFirst = [...catalogue.revisions].reverse().map((revision) => ({ commit: revision.id, uuid: revisionUuids.get(revision.id)! }));
  const after = (index: number) => oldestFirst.slice(index + 1, index + 1 + revisionPageSize).map((revision) => revision.uuid);
  yield { paths: apiVersions.map((version) => searchApiFile(version, 'revision')), folder: false, body: after(-1) };
  for (const [index, revision] of oldestFirst.entries()) {
    yield { paths: apiVersions.flatMap((version) => [revision.uuid, revision.commit].map((key) => revisionsSinceFile(version, key))), folder: false, body: after(index) };
  }
}

/** `/tag_counts`: every tag of this build with its number of datasets, by name. */
export function* tagCounts({ ckan }: LegacyContext): Generator<Answer> {
  yield { paths: apiVersions.map(tagCountsFile), folder: false, body: [...ckan.tags] };
}
