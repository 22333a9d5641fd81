// The registry of the CKAN action API (v3) as files: one line per answer served (action → how its
// result is built → which golden file of the minimal fixture shows it). The writer serves exactly
// this list, and test/ckan/registry.test.ts fails when a served answer has no golden file or a
// golden file belongs to no served answer.
import type { WriterCatalogue } from '../../build/writer-input.ts';
import { jsonText } from '../json-text.ts';
import type { CkanContext } from './context.ts';
import { failure, type CkanErrorType, type FieldErrors } from './envelope.ts';
import type { SolrField } from './package.ts';
import { defaultPageSize, firstPageSizes, fullPageSizes, staticRowsMax, type ErrorName, type PagedAction } from './paths.ts';
import {
  groupList,
  groupShow,
  licenseList,
  organizationList,
  organizationShow,
  packageList,
  packageListJson,
  packageSearchJson,
  searchDatasetJson,
  siteRead,
  statusShow,
  tagList,
  tagShow,
} from './results.ts';

/** One dataset, made into CKAN JSON once per build and reused by every answer that holds it. */
export interface PreparedDataset {
  /** Our id, the CKAN name and the CKAN id (UUID): the keys `package_show` answers to. */
  id: string;
  name: string;
  uuid: string;
  /** `metadata_modified`, for the search order. */
  modified: string;
  /** The package dict, serialised: a kept dict's is read from the store when first asked for (prepared-store.ts). */
  readonly json: string;
  /** Its length (the handler's index cuts its runs by it, index-files.ts), known without the text. */
  jsonLength: number;
  /** The `fl=id,metadata_modified,organization` projection, serialised. */
  readonly projectionJson: string;
  /** Its fragment's key (prepared-store.ts), with a cache only: what it is made of, for the answers that hold it (answer-memo.ts). */
  key?: string;
}

/** What the answers are built from: the catalogue, its CKAN facts, and the datasets in search order. */
export interface CkanApi {
  catalogue: WriterCatalogue;
  context: CkanContext;
  /** Newest `metadata_modified` first, then CKAN id: the one order of every page. */
  datasets: PreparedDataset[];
}

/**
 * A `*_show` answer: the keys it is looked up by (the first is the file, the rest hard links) and its
 * result as JSON, made only when written; `key`: what it is made of, when kept between builds (a package dict's).
 */
export interface ShowAnswer {
  keys: string[];
  json: () => string;
  key?: string;
}

/** A build file of the minimal fixture and the golden file (test/fixtures/golden/ckan/) it must equal. */
export interface GoldenSample {
  path: string;
  golden: string;
}

export type ServedAnswer =
  | { name: string; form: 'query-less'; result: (api: CkanApi) => unknown; golden: GoldenSample[] }
  | { name: 'package_show' | 'organization_show' | 'group_show' | 'tag_show'; form: 'show'; answers: (api: CkanApi) => Iterable<ShowAnswer>; golden: GoldenSample[] }
  | {
      name: PagedAction;
      form: 'paged';
      /** The action named in the envelope's `help`. */
      envelopeAction: string;
      /** Whether the action without a query answers too (with the first page of 10). */
      queryLess: boolean;
      /** The page's `result` as JSON text, in pieces. */
      page: (api: CkanApi, datasets: PreparedDataset[]) => Iterable<string>;
      golden: GoldenSample[];
    }
  | { name: ErrorName; form: 'error'; status: number; body: (api: CkanApi) => ReturnType<typeof failure>; golden: GoldenSample[] };

/** The fields of data.gov.uk's `fl=id,metadata_modified,organization`. */
export const searchDatasetFields: readonly SolrField[] = ['id', 'metadata_modified', 'organization'];

const orList = (numbers: readonly number[]) => (numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} or ${numbers.at(-1)}` : String(numbers[0]));
const sizes = orList(fullPageSizes.package_search);
/** `package_search`'s rows as the files take them: a CKAN with `ckan.search.rows_max` set to their largest page (`staticRowsMax`). */
const capped = `a larger rows gets ${staticRowsMax} rows a page, as from a CKAN with ckan.search.rows_max = ${staticRowsMax}`;
/** The pages written, in words: what the paging error tells a client. */
const pagesWritten = `package_search has pages of ${sizes} (rows; ${capped}), /api/3/search/dataset of ${orList(fullPageSizes.search_dataset)} (rows), each its first page of ${defaultPageSize}, and current_package_list_with_resources only its first page of ${orList(firstPageSizes.current_package_list_with_resources)} (limit)`;

export const servedAnswers: ServedAnswer[] = [
  // Query-less actions.
  { name: 'package_list', form: 'query-less', result: ({ catalogue }) => packageList(catalogue), golden: [{ path: 'api/3/action/package_list', golden: 'package_list.json' }] },
  { name: 'organization_list', form: 'query-less', result: ({ catalogue }) => organizationList(catalogue), golden: [{ path: 'api/3/action/organization_list', golden: 'organization_list.json' }] },
  { name: 'group_list', form: 'query-less', result: ({ catalogue }) => groupList(catalogue), golden: [{ path: 'api/3/action/group_list', golden: 'group_list.json' }] },
  { name: 'tag_list', form: 'query-less', result: ({ context }) => tagList(context), golden: [{ path: 'api/3/action/tag_list', golden: 'tag_list.json' }] },
  { name: 'license_list', form: 'query-less', result: ({ catalogue }) => licenseList(catalogue), golden: [{ path: 'api/3/action/license_list', golden: 'license_list.json' }] },
  { name: 'status_show', form: 'query-less', result: ({ catalogue }) => statusShow(catalogue.site), golden: [{ path: 'api/3/action/status_show', golden: 'status_show.json' }] },
  { name: 'site_read', form: 'query-less', result: () => siteRead(), golden: [{ path: 'api/3/action/site_read', golden: 'site_read.json' }] },

  // Lookups by id: one file per key.
  {
    name: 'package_show',
    form: 'show',
    // One file per dataset, by name (and our id where it differs): the UUID is answered by the
    // request handler, and on nginx alone by the map its block holds (packageUuidNames).
    answers: ({ datasets }) => datasets.map((dataset) => ({ keys: [dataset.name, dataset.id], json: () => dataset.json, ...(dataset.key === undefined ? {} : { key: dataset.key }) })),
    golden: [
      { path: 'api/3/action/package_show/foi', golden: 'package_show-foi.json' },
      { path: 'api/3/action/package_show/roads', golden: 'package_show-roads.json' },
    ],
  },
  {
    name: 'organization_show',
    form: 'show',
    answers: ({ catalogue, context }) =>
      catalogue.teams.map((team) => {
        const result = organizationShow(team, context);
        return { keys: [result.id, result.name], json: () => jsonText(result) };
      }),
    golden: [
      { path: 'api/3/action/organization_show/information', golden: 'organization_show-information.json' },
      { path: 'api/3/action/organization_show/highways', golden: 'organization_show-highways.json' },
    ],
  },
  {
    name: 'group_show',
    form: 'show',
    answers: ({ catalogue, context }) =>
      catalogue.topics.map((topic) => {
        const result = groupShow(topic, context);
        return { keys: [result.id, result.name], json: () => jsonText(result) };
      }),
    golden: [{ path: 'api/3/action/group_show/transport', golden: 'group_show-transport.json' }],
  },
  {
    name: 'tag_show',
    form: 'show',
    answers: ({ context }) =>
      tagList(context).map((name) => {
        const result = tagShow(name, context);
        return { keys: [result.id, result.name], json: () => jsonText(result) };
      }),
    golden: [{ path: 'api/3/action/tag_show/FOI%20Requests', golden: 'tag_show-FOI_Requests.json' }],
  },

  // Paged answers: api/3/page/<action>/<size>/<start>.
  {
    name: 'package_search',
    form: 'paged',
    envelopeAction: 'package_search',
    queryLess: true,
    page: ({ datasets: all }, datasets) => packageSearchJson(all.length, datasets.map((dataset) => dataset.json)),
    golden: [
      { path: 'api/3/page/package_search/10/0', golden: 'package_search-10-0.json' },
      { path: 'api/3/page/package_search/100/0', golden: 'package_search-100-0.json' },
    ],
  },
  {
    name: 'current_package_list_with_resources',
    form: 'paged',
    envelopeAction: 'current_package_list_with_resources',
    queryLess: true,
    page: (_api, datasets) => packageListJson(datasets.map((dataset) => dataset.json)),
    golden: [{ path: 'api/3/page/current_package_list_with_resources/100/0', golden: 'current_package_list_with_resources-100-0.json' }],
  },
  {
    name: 'search_dataset',
    form: 'paged',
    envelopeAction: 'package_search',
    queryLess: false,
    page: ({ datasets: all }, datasets) => searchDatasetJson(all.length, datasets.map((dataset) => dataset.projectionJson)),
    golden: [{ path: 'api/3/page/search_dataset/1000/0', golden: 'search_dataset-1000-0.json' }],
  },

  // The fixed error answers the host configurations fall back on (with the HTTP status they send).
  {
    name: 'not-found',
    form: 'error',
    status: 404,
    body: ({ catalogue }) => fixedError(catalogue, 'Not Found Error', 'Not found: no dataset, organization, group or tag of this catalogue has this id or name'),
    golden: [{ path: 'api/3/error/not-found', golden: 'error-not-found.json' }],
  },
  {
    name: 'missing-id',
    form: 'error',
    status: 409,
    body: ({ catalogue }) => fixedError(catalogue, 'Validation Error', { id: ['Missing value'] }),
    golden: [{ path: 'api/3/error/missing-id', golden: 'error-missing-id.json' }],
  },
  {
    name: 'unsupported-query',
    form: 'error',
    status: 400,
    body: ({ catalogue }) =>
      fixedError(
        catalogue,
        'Search Query Error',
        `Search Query is invalid: this CKAN API is published as static files and answers package_search for every dataset only (q empty, *:* or type:dataset; no fq). Page through it with rows ${sizes} (${capped}) and start a multiple of ${staticRowsMax}, and filter the results yourself.`,
      ),
    golden: [{ path: 'api/3/error/unsupported-query', golden: 'error-unsupported-query.json' }],
  },
  {
    name: 'unsupported-paging',
    form: 'error',
    status: 400,
    body: ({ catalogue }) =>
      fixedError(
        catalogue,
        'Search Query Error',
        `Search Query is invalid: this CKAN API is published as static files, and ${pagesWritten}: start (or offset) must be a multiple of the page size or the number of datasets.`,
      ),
    golden: [{ path: 'api/3/error/unsupported-paging', golden: 'error-unsupported-paging.json' }],
  },
  {
    name: 'read-only',
    form: 'error',
    status: 405,
    body: ({ catalogue }) =>
      fixedError(
        catalogue,
        'Authorization Error',
        `Access denied: this CKAN API is read-only, published as static files, and answers GET requests only. ckanapi sends POST unless told otherwise: add -g (--get-request), e.g. ckanapi action package_show id=<name> -r ${catalogue.site.url.replace(/\/$/, '')} -g`,
      ),
    golden: [{ path: 'api/3/error/read-only', golden: 'error-read-only.json' }],
  },
  {
    name: 'unknown-action',
    form: 'error',
    status: 400,
    body: ({ catalogue }) => fixedError(catalogue, 'Bad Request', `Bad request - Action name not known. This read-only CKAN API answers: ${actionNames().join(', ')}.`),
    golden: [{ path: 'api/3/error/unknown-action', golden: 'error-unknown-action.json' }],
  },
];

/** An error file answers for several actions, so its `help` names none. */
function fixedError(catalogue: WriterCatalogue, type: CkanErrorType, detail: string | FieldErrors) {
  return failure(catalogue.site, null, type, detail);
}

/** The CKAN actions a client can call, as `/api/3/action/<name>` (search_dataset is a path of its own). */
export function actionNames(): string[] {
  return servedAnswers.filter((answer) => answer.form !== 'error' && answer.name !== 'search_dataset').map((answer) => answer.name);
}
