// The registry of CKAN's API v1 and v2 (Model API and Search API) as files: one line per resource
// of the reference document (name → answers → golden files of test/fixtures/rest), and the writer
// that serves exactly this list: each answer written once, every other path a hard link.
// test/rest/registry.test.ts fails when a resource has no golden file or a golden file no resource.
import { hash } from 'node:crypto';
import { Fragments, fragmentsConfig } from '../../build/fragments.ts';
import { catalogueContextDigest, datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Dataset } from '../../catalogue/model.ts';
import type { WriterCatalogue, WriterDataset } from '../../build/writer-input.ts';
import { jsonText } from '../json-text.ts';
import { sinkFor, type OutputEntry } from '../output-sink.ts';
import type { CkanContext } from './context.ts';
import { preparedLegacyFacts } from './action-files.ts';
import { LinkedFiles } from './linked-files.ts';
import { folderAnswerFile, legacyErrorFile, pathAliases, type LegacyErrorName } from './paths.ts';
import {
  datasetEntities,
  datasetRegister,
  datasetRevisionLists,
  groupEntities,
  groupRegister,
  legacyContext,
  licenses,
  relationshipEntities,
  relationshipRegisters,
  relationshipsOfType,
  relationshipsWithDataset,
  revisionEntities,
  revisionRegister,
  tagEntities,
  tagRegister,
  type Answer,
  type LegacyContext,
} from './rest.ts';
import { datasetSearch, resourceSearch, revisionSearch, tagCounts } from './search-api.ts';

/**
 * A file of the rest fixture's build (inside a Git repository with fixed commits), or the path the
 * request handler answers for a `handlerOnly` resource, and its golden file under test/fixtures/golden/rest/. `{newest-revision}` and `{oldest-revision}` stand for
 * commit hashes, `{uuid:<name>}` for the CKAN id of the dataset of that name (v2's key).
 */
export interface GoldenSample {
  path: string;
  golden: string;
}

export interface LegacyResource {
  /** As the reference document names it, with its location (`/rest/dataset/DATASET-REF`). */
  name: string;
  location: string;
  answers: (context: LegacyContext) => Iterable<Answer>;
  /**
   * Answered by the CKAN request handler alone (src/ckan-handler/model-api.ts), from the index, and
   * written as no file: one or two per dataset, 39,200 files at 10,000 datasets (docs/decisions/lean-layout.md,
   * decision 2). `answers` stays the reference the handler is tested against, byte for byte.
   */
  handlerOnly?: true;
  golden: GoldenSample[];
}

export const legacyResources: LegacyResource[] = [
  // Model API.
  {
    name: 'Dataset Register',
    location: '/rest/dataset',
    answers: datasetRegister,
    golden: [
      { path: 'api/1/rest/dataset/index.json', golden: 'v1/dataset-register.json' },
      { path: 'api/2/rest/dataset/index.json', golden: 'v2/dataset-register.json' },
    ],
  },
  {
    name: 'Dataset Entity',
    location: '/rest/dataset/DATASET-REF',
    answers: datasetEntities,
    handlerOnly: true,
    golden: [
      { path: 'api/1/rest/dataset/casualties', golden: 'v1/dataset-casualties.json' },
      { path: 'api/2/rest/dataset/{uuid:casualties}', golden: 'v2/dataset-casualties.json' },
      { path: 'api/1/rest/dataset/traffic-counts', golden: 'v1/dataset-traffic-counts.json' },
    ],
  },
  {
    name: 'Group Register',
    location: '/rest/group',
    answers: groupRegister,
    golden: [
      { path: 'api/1/rest/group/index.json', golden: 'v1/group-register.json' },
      { path: 'api/2/rest/group/index.json', golden: 'v2/group-register.json' },
    ],
  },
  {
    name: 'Group Entity',
    location: '/rest/group/GROUP-REF',
    answers: groupEntities,
    golden: [
      { path: 'api/1/rest/group/transport', golden: 'v1/group-transport.json' },
      { path: 'api/2/rest/group/transport', golden: 'v2/group-transport.json' },
    ],
  },
  { name: 'Tag Register', location: '/rest/tag', answers: tagRegister, golden: [{ path: 'api/1/rest/tag/index.json', golden: 'tag-register.json' }] },
  {
    name: 'Tag Entity',
    location: '/rest/tag/TAG-NAME',
    answers: tagEntities,
    golden: [
      { path: 'api/1/rest/tag/Road Safety', golden: 'v1/tag-road-safety.json' },
      { path: 'api/2/rest/tag/Road Safety', golden: 'v2/tag-road-safety.json' },
    ],
  },
  {
    name: 'Dataset Relationships Register',
    location: '/rest/dataset/DATASET-REF/relationships',
    answers: relationshipRegisters,
    golden: [
      { path: 'api/1/rest/dataset/traffic-counts/relationships/index.json', golden: 'v1/relationships-traffic-counts.json' },
      { path: 'api/2/rest/dataset/{uuid:traffic-counts}/relationships/index.json', golden: 'v2/relationships-traffic-counts.json' },
      { path: 'api/1/rest/dataset/foi/relationships/index.json', golden: 'v1/relationships-foi.json' },
    ],
  },
  {
    name: 'Dataset Relationships Register',
    location: '/rest/dataset/DATASET-REF/RELATIONSHIP-TYPE',
    answers: relationshipsOfType,
    golden: [{ path: 'api/1/rest/dataset/traffic-counts/has_derivation/index.json', golden: 'v1/relationships-traffic-counts-has_derivation.json' }],
  },
  {
    name: 'Dataset Relationships Register',
    location: '/rest/dataset/DATASET-REF/relationships/DATASET-REF',
    answers: relationshipsWithDataset,
    golden: [{ path: 'api/1/rest/dataset/traffic-counts/relationships/casualties', golden: 'v1/relationships-traffic-counts-casualties.json' }],
  },
  {
    name: 'Dataset Relationship Entity',
    location: '/rest/dataset/DATASET-REF/RELATIONSHIP-TYPE/DATASET-REF',
    answers: relationshipEntities,
    golden: [{ path: 'api/2/rest/dataset/{uuid:traffic-counts}/links_to/{uuid:foi}', golden: 'v2/relationship-traffic-counts-links_to-foi.json' }],
  },
  {
    name: 'Dataset’s Revisions Entity',
    location: '/rest/dataset/DATASET-REF/revisions',
    answers: datasetRevisionLists,
    handlerOnly: true,
    golden: [{ path: 'api/1/rest/dataset/casualties/revisions', golden: 'revisions-casualties.json' }],
  },
  { name: 'Revision Register', location: '/rest/revision', answers: revisionRegister, golden: [{ path: 'api/1/rest/revision/index.json', golden: 'revision-register.json' }] },
  {
    name: 'Revision Entity',
    location: '/rest/revision/REVISION-ID',
    answers: revisionEntities,
    golden: [
      { path: 'api/1/rest/revision/{newest-revision}', golden: 'v1/revision-newest.json' },
      { path: 'api/2/rest/revision/{newest-revision}', golden: 'v2/revision-newest.json' },
      { path: 'api/1/rest/revision/{oldest-revision}', golden: 'v1/revision-oldest.json' },
    ],
  },
  { name: 'License List', location: '/rest/licenses', answers: licenses, golden: [{ path: 'api/1/rest/licenses', golden: 'licenses.json' }] },

  // Search API.
  {
    name: 'Dataset Search',
    location: '/search/dataset',
    answers: datasetSearch,
    golden: [
      { path: 'api/1/search/dataset', golden: 'v1/search-dataset.json' },
      { path: 'api/2/search/dataset', golden: 'v2/search-dataset.json' },
      { path: 'api/1/page/search_dataset/100/3', golden: 'v1/search-dataset-100-3.json' },
    ],
  },
  { name: 'Resource Search', location: '/search/resource', answers: resourceSearch, golden: [{ path: 'api/1/search/resource', golden: 'search-resource.json' }] },
  {
    name: 'Revision Search',
    location: '/search/revision',
    answers: revisionSearch,
    golden: [
      { path: 'api/1/search/revision', golden: 'search-revision.json' },
      { path: 'api/1/page/search_revision/since_id/{oldest-revision}', golden: 'search-revision-since-oldest.json' },
    ],
  },
  { name: 'Tag Counts', location: '/tag_counts', answers: tagCounts, golden: [{ path: 'api/1/tag_counts', golden: 'tag-counts.json' }] },

  // The fixed errors the host configurations answer with when no file does.
  { name: 'Not found', location: legacyErrorFile('not-found'), answers: () => legacyError('not-found'), golden: [{ path: 'api/1/error/not-found', golden: 'error-not-found.json' }] },
  {
    name: 'Unsupported search',
    location: legacyErrorFile('unsupported-search'),
    answers: () => legacyError('unsupported-search'),
    golden: [{ path: 'api/1/error/unsupported-search', golden: 'error-unsupported-search.json' }],
  },
  { name: 'Read-only', location: legacyErrorFile('read-only'), answers: () => legacyError('read-only'), golden: [{ path: 'api/1/error/read-only', golden: 'error-read-only.json' }] },
];

/** The HTTP status each error file is served with. */
export const legacyErrorStatus: Record<LegacyErrorName, number> = { 'not-found': 404, 'unsupported-search': 400, 'read-only': 405 };

/** CKAN 2.7's v1/v2 errors are bare JSON strings: `"Not found"`, `"Bad search option: …"`, `"Access denied - …"`. */
function* legacyError(name: LegacyErrorName): Generator<Answer> {
  const message = {
    'not-found': 'Not found',
    'unsupported-search':
      'Bad search option: this API is published as static files and answers a search for every dataset, with limit 100 or 1000 and offset a multiple of limit or the number of results, or its first page of 10; revisions with since_id only.',
    'read-only': 'Access denied - this API is read-only, published as static files: only GET requests are answered.',
  }[name];
  yield { paths: [legacyErrorFile(name)], folder: false, body: message };
}

/** What API v1/v2 wrote last time, kept between builds by what its answers read (`legacyInputsKey`). */
interface WrittenLegacyApi {
  entries: [string, OutputEntry][];
  files: number;
  links: number;
}

export async function writeLegacyApi(catalogue: WriterCatalogue, outDir: string): Promise<{ files: number; links: number }> {
  const [ckan, searchOrder] = preparedLegacyFacts(catalogue);
  // With a cache: an edit that changes nothing these answers read (a title, a description, a file)
  // keeps every one of them as the previous output has it, made of nothing (0.35 s of the thread's
  // CPU at 10,000 datasets); any other change makes them all again.
  const store = fragmentsConfig() && new Fragments<WrittenLegacyApi>('ckan-legacy', 'v1/v2 answers');
  const parts = store && new Fragments<string>('ckan-legacy-parts', `v1/v2 parts ${catalogue.site.url}`);
  const key = store && legacyInputsKey(catalogue, ckan, parts);
  parts?.save();
  const sink = sinkFor(outDir);
  const kept = store?.find(key!);
  if (kept && kept.entries.every(([file, entry]) => sink.previousEntry(file)?.hash === entry.hash && !sink.has(file))) {
    for (const [file, entry] of kept.entries) sink.keepIfPrevious(file, entry);
    store!.save();
    return { files: kept.files, links: kept.links };
  }
  const context = legacyContext(catalogue, ckan, searchOrder);
  const files = new LinkedFiles(outDir);
  for (const resource of legacyResources.filter((item) => !item.handlerOnly)) {
    for (const answer of resource.answers(context)) files.write(answerFiles(answer), jsonText(answer.body));
  }
  if (store) {
    store.set(key!, { entries: files.paths.map((file) => [file, sink.entries.get(file)!]), files: files.files, links: files.links });
    store.save();
  }
  return { files: files.files, links: files.links };
}

/**
 * A key of everything the written v1/v2 answers read: the catalogue but its datasets and revisions
 * (site, topics, licences…), the revisions, and of each dataset what the registers, searches,
 * group, tag, relationship and revision answers hold of it (never its title, description or
 * files: the dataset entities that hold those are the request handler's, `handlerOnly`).
 *
 * Each dataset's part is hashed on its own and, with `parts` (a build with a cache), kept by the
 * dataset's digest, which names all of it (its UUID and CKAN dates are worked out from the dataset
 * and the site's URL, the store's context): an edit hashes one part again, where serialising and
 * hashing every dataset's took 50 to 90 ms of the writer thread at 10,000 datasets (session 14).
 */
export function legacyInputsKey(catalogue: WriterCatalogue, ckan: CkanContext, parts: Fragments<string> | null = null): string {
  const part = (dataset: WriterDataset) =>
    hash(
      'sha256',
      JSON.stringify([
        dataset.id,
        dataset.name,
        dataset.sharing,
        dataset.team.id,
        ckan.datasetUuids.get(dataset.id),
        ckan.datasetDates.get(dataset.id),
        dataset.topics.map((topic) => topic.id),
        dataset.tags.map((tag) => tag.name),
        dataset.relationships,
        dataset.resources.map((resource) => [resource.id, resource.ckanId, resource.datasetId]),
      ]),
      'base64url',
    );
  const datasets = catalogue.datasets.map((dataset) => (parts ? parts.get(datasetDigest(dataset as Dataset), () => part(dataset)) : part(dataset)));
  return hash('sha256', JSON.stringify([catalogueContextDigest(catalogue), catalogue.revisions, datasets]), 'base64url');
}

/** Where an answer is written: each of its paths (as the folder's `index.json` when it is also a folder), and their aliases. */
export function answerFiles(answer: Answer): string[] {
  return answer.paths.map((path) => (answer.folder ? folderAnswerFile(path) : path)).flatMap((file) => [file, ...pathAliases(file)]);
}
