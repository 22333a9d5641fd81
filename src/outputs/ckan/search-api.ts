// The Search API of CKAN's API v1 and v2 (`/api/<v>/search/dataset|resource|revision`,
// `/api/<v>/tag_counts`): `{count, results}` with no envelope, results as names (v1) or ids (v2).
// Query forms (`?tags=`, `?groups=`, `?organization=`, `?limit=&offset=`, `?since_id=`) are files
// the host configurations rewrite to (docs/decisions/ckan-static-api.md, "Decisions (v1/v2)").
import type { Dataset } from '../../catalogue/model.ts';
import { ckanIds } from './ids.ts';
import {
  keyVariants,
  pageStarts,
  revisionsSinceFile,
  searchApiDatasetLimits,
  searchApiFile,
  searchApiNoMatchFile,
  searchApiPageFile,
  searchApiResourceLimits,
  tagCountsFile,
  type SearchApiFilter,
} from './paths.ts';
import { apiVersions, caseInsensitivelyUnique, datasetRef, datasetsByTag, fitsFileName, revisionPageSize, type Answer, type ApiVersion, type LegacyContext } from './rest.ts';

/** CKAN's page sizes when no `limit` is given: `rows` 10 for datasets, the legacy `limit` 20 for resources. */
const defaultDatasetLimit = 10;
const defaultResourceLimit = 20;

/** `/search/dataset`: every dataset, then by tag, group (topic) and organization (team); `no-match` for any other value. */
export function* datasetSearch(context: LegacyContext): Generator<Answer> {
  const { catalogue, searchOrder } = context;
  const filters: { field: SearchApiFilter; value: string; datasets: Dataset[] }[] = [
    ...[...datasetsByTag(context)].map(([name, datasets]) => ({ field: 'tags' as const, value: name, datasets })),
    ...catalogue.topics.map((topic) => ({ field: 'groups' as const, value: topic.id, datasets: searchOrder.filter((dataset) => dataset.topics.some((item) => item.id === topic.id)) })),
    ...catalogue.teams.map((team) => ({ field: 'organization' as const, value: team.id, datasets: searchOrder.filter((dataset) => dataset.team.id === team.id) })),
  ];
  // Each field's values are files of one folder: spellings differing only in case keep the first.
  const unique = { tags: caseInsensitivelyUnique(), groups: caseInsensitivelyUnique(), organization: caseInsensitivelyUnique() };
  const keysOf = filters.map((filter) => keyVariants(filter.value).filter((key) => fitsFileName(key) && unique[filter.field](key)));
  for (const version of apiVersions) {
    yield* datasetPages(version, null, searchOrder, context, [searchApiFile(version, 'dataset')]);
    for (const [index, filter] of filters.entries()) yield* datasetPages(version, { field: filter.field, keys: keysOf[index]! }, filter.datasets, context, []);
    yield { paths: [searchApiNoMatchFile(version)], folder: false, body: { count: 0, results: [] } };
  }
}

/**
 * Every page of one dataset search, under each spelling of the filter's value; the default page
 * (limit 10, offset 0) also answers at `defaultPaths`.
 */
function* datasetPages(version: ApiVersion, filter: { field: SearchApiFilter; keys: string[] } | null, datasets: readonly Dataset[], context: LegacyContext, defaultPaths: string[]): Generator<Answer> {
  if (filter?.keys.length === 0) return;
  const refs = datasets.map((dataset) => datasetRef(dataset, version, context));
  const pathsOf = (limit: number, offset: number) => [
    ...(filter ? filter.keys.map((key) => searchApiPageFile(version, 'dataset', { field: filter.field, key }, limit, offset)) : [searchApiPageFile(version, 'dataset', null, limit, offset)]),
    ...(limit === defaultDatasetLimit && offset === 0 ? defaultPaths : []),
  ];
  for (const page of pages(refs.length, searchApiDatasetLimits, pathsOf)) yield { paths: page.paths, folder: false, body: { count: refs.length, results: refs.slice(page.start, page.end) } };
}

/**
 * The pages of `count` results for each limit, at the offsets `pageStarts` gives. Pages holding
 * the same results (every empty page; the first page of each limit at or above the count) are
 * one answer: one file, the other paths hard links.
 */
function pages(count: number, limits: readonly number[], pathsOf: (limit: number, offset: number) => string[]): { start: number; end: number; paths: string[] }[] {
  const byRange = new Map<string, { start: number; end: number; paths: string[] }>();
  for (const limit of limits) {
    for (const offset of pageStarts(count, limit)) {
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

/** `/search/resource`: resource ids in both versions, in the datasets' search order. */
export function* resourceSearch({ catalogue, searchOrder }: LegacyContext): Generator<Answer> {
  const ids = searchOrder.flatMap((dataset) => dataset.resources.map((resource) => ckanIds.resource(catalogue.site.url, dataset.id, resource.id)));
  const pathsOf = (limit: number, offset: number) =>
    apiVersions.flatMap((version) => [searchApiPageFile(version, 'resource', null, limit, offset), ...(limit === defaultResourceLimit && offset === 0 ? [searchApiFile(version, 'resource')] : [])]);
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
