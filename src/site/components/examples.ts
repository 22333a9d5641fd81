// Named examples of every UI component (the GOV.UK Frontend habit): each is rendered and checked
// for accessibility by test/site/components.test.ts and test/e2e/components.test.ts, so a component
// is only as well tested as its examples are varied. Add an example when you add a case.
import type { Dataset, GeoSummary, Resource, Site, TablePreview, Team, Topic } from '../../catalogue/model.ts';
import type { SiteOutputs } from '../../outputs/index.ts';
import { paginationView, rowDataset, tagCounts, teamCounts, topicCounts } from '../listings.ts';

export const exampleSite: Site = {
  title: 'Testshire Open Data',
  description: 'Data published by Testshire County Council.',
  url: 'https://data.testshire.example/',
  basePath: '/',
  language: 'en-GB',
  publisher: { name: 'Testshire County Council', url: 'https://www.testshire.example/', email: null, type: 'local-authority' },
  spatial: null,
  contact: { title: 'Open Data Team', email: 'opendata@testshire.example' },
  defaultLicence: { id: 'ogl-v3', title: 'UK Open Government Licence (OGL v3)', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', open: true },
  editUrl: 'https://github.com/testshire/data/edit/main/content/{path}',
  customFields: [
    { id: 'unit', title: 'Business unit', type: 'text' },
    { id: 'geography', title: 'Geography', type: 'list' },
    { id: 'updateFrequency', title: 'Update frequency', type: 'text' },
  ],
};

/** The same site served under a sub-path: every link must start with `/data/`. */
export const exampleSubPathSite: Site = { ...exampleSite, url: 'https://www.testshire.example/data/', basePath: '/data/' };

const teams: Team[] = [
  { id: 'information', title: 'Information Governance', description: 'Requests for information and data protection.', email: 'foi@testshire.example', url: 'https://www.testshire.example/foi', image: null, type: 'local-authority' },
  { id: 'highways', title: 'Highways Team', description: null, email: null, url: null, image: null, type: 'local-authority' },
];

const topics: Topic[] = [
  { id: 'community', title: 'Community Information', description: 'Population, neighbourhoods and community safety.' },
  { id: 'transport', title: 'Transport', description: 'Roads, buses and parking.' },
];

function exampleResource(fields: Partial<Resource> & Pick<Resource, 'id' | 'title' | 'datasetId'>): Resource {
  return {
    ckanId: null,
    description: null,
    position: 0,
    kind: 'file',
    url: `${exampleSite.url}download/${fields.datasetId}/${fields.id}/file.csv`,
    filename: 'file.csv',
    format: 'CSV',
    mediaType: 'text/csv',
    size: null,
    hash: null,
    timestamp: null,
    timeFrameFrom: null,
    timeFrameTo: null,
    sourcePath: null,
    publishedPath: null,
    preview: null,
    httpStatus: null,
    qaTimestamp: null,
    ...fields,
  };
}

/** A small table as the build previews it: described columns, an empty cell, numbers. */
function casualtiesTable(): TablePreview {
  return {
    kind: 'table',
    sheet: null,
    columns: [
      { name: 'month', type: 'text', emptyCells: 0, example: '2023-01', description: 'The month of the collisions.', unit: null },
      { name: 'severity', type: 'text', emptyCells: 0, example: 'slight', description: null, unit: null },
      { name: 'count', type: 'integer', emptyCells: 1, example: '12', description: 'People injured.', unit: 'people' },
    ],
    rows: [
      ['2023-01', 'slight', '12'],
      ['2023-01', 'serious', ''],
    ],
    rowCount: 24,
    profiledRows: 24,
    problem: null,
  };
}

const examplePreviews = {
  table: casualtiesTable(),
  /** A file read only in part: its first rows, and column facts from them only. */
  partial: { ...casualtiesTable(), rows: [['2023-01', 'slight', '12']], rowCount: null, profiledRows: 1, problem: 'Line 3: a quoted cell is never closed.' } satisfies TablePreview,
  headerOnly: { ...casualtiesTable(), rows: [], rowCount: 0, profiledRows: 0 } satisfies TablePreview,
  geo: { kind: 'geojson', featureCount: 12, geometryTypes: ['Point'], bbox: [-1.55256, 54.17887, -1.48997, 54.23306], problem: null } satisfies GeoSummary,
  geoEmpty: { kind: 'geojson', featureCount: 0, geometryTypes: [], bbox: null, problem: null } satisfies GeoSummary,
};

function exampleDataset(fields: Partial<Dataset> & Pick<Dataset, 'id' | 'title'>): Dataset {
  return {
    name: fields.id,
    ckanId: null,
    webpage: `${exampleSite.url}dataset/${fields.id}/`,
    descriptionMarkdown: '',
    descriptionHtml: '',
    descriptionText: '',
    team: teams[0]!,
    masthead: null,
    tags: [],
    topics: [],
    licence: exampleSite.defaultLicence,
    contact: exampleSite.contact,
    nextReviewDate: null,
    spatial: exampleSite.spatial,
    sharing: 'public',
    custom: {},
    createdAt: null,
    updatedAt: null,
    resources: [],
    links: [],
    relationships: [],
    sourceFile: `datasets/${fields.id}.md`,
    editUrl: exampleSite.editUrl!.replace('{path}', `datasets/${fields.id}.md`),
    ...fields,
  };
}

export const foiDataset = exampleDataset({
  id: 'foi',
  title: 'Freedom of Information Requests',
  descriptionHtml: '<p>Requests made under the <strong>Freedom of Information Act</strong> &amp; the EIR.</p>\n<h2>Caveats</h2>\n<p>Open requests have no response date.</p>',
  descriptionText: 'Requests made under the Freedom of Information Act & the EIR.\nCaveats\nOpen requests have no response date.',
  tags: [{ name: 'FOI', slug: 'foi' }, { name: 'Freedom of Information', slug: 'freedom-of-information' }],
  topics: [topics[0]!],
  contact: { title: 'FOI Team', email: 'foi@testshire.example' },
  nextReviewDate: '2025-04-30',
  custom: { unit: 'Assurance', geography: ['Testshire', 'South'] },
  createdAt: '2019-02-05T16:34:18.000Z',
  updatedAt: '2025-01-21T16:10:03.000Z',
  resources: [
    exampleResource({
      id: 'k93',
      datasetId: 'foi',
      title: 'FOI requests received 2020-25',
      description: 'One row per request, with the outcome.',
      url: `${exampleSite.url}download/foi/k93/FOI%20requests%202020-25.csv`,
      filename: 'FOI requests 2020-25.csv',
      size: 1_363_149,
      timestamp: '2025-01-21T16:10:02',
      timeFrameFrom: '2020-01',
      timeFrameTo: '2024-11',
    }),
    exampleResource({
      id: 'summary',
      datasetId: 'foi',
      position: 1,
      title: 'FOI performance summary',
      kind: 'url',
      url: 'https://files.testshire.example/foi/summary.xlsx',
      filename: 'summary.xlsx',
      format: 'XLSX',
      mediaType: null,
    }),
  ],
  links: [
    { id: 'guide', title: 'FOI guidance', url: 'https://www.testshire.example/foi', description: 'How to make a request.', datasetId: 'foi', position: 0, httpStatus: 200, size: null, mimetype: 'text/html', hash: null, qaTimestamp: '2025-02-01T10:00:00Z' },
  ],
});

export const roadsDataset = exampleDataset({
  id: 'roads',
  title: 'Road Casualties',
  team: teams[1]!,
  descriptionHtml: '<p>Casualties on the county’s roads, by severity.</p>',
  descriptionText: 'Casualties on the county’s roads, by severity.',
  tags: [{ name: 'Road Safety', slug: 'road-safety' }],
  topics: [topics[1]!, topics[0]!],
  updatedAt: '2024-06-30T12:00:00.000Z',
  resources: [exampleResource({ id: 'c2023', datasetId: 'roads', title: 'Casualties 2023', size: 4_812, timeFrameFrom: '2023-01', timeFrameTo: '2023-12', preview: casualtiesTable() })],
});

/** The roads dataset as a build under a sub-path describes it: its file's URL is under that path. */
const roadsDatasetOnSubPath: Dataset = {
  ...roadsDataset,
  resources: roadsDataset.resources.map((resource) => ({ ...resource, url: resource.url.replace(exampleSite.url, exampleSubPathSite.url) })),
};

export const privateDataset = exampleDataset({
  id: 'staff-absence',
  title: 'Staff Sickness Absence (draft)',
  sharing: 'private',
  descriptionHtml: '<p>Working figures, not for publication.</p>',
  descriptionText: 'Working figures, not for publication.',
  licence: { id: 'internal-use', title: 'Internal use only', open: false },
  contact: { title: 'HR Insight Team' },
  updatedAt: '2025-02-03T09:00:00.000Z',
});

/** What a full build offers pages: the CKAN API and the exports. */
export const exampleOutputs: SiteOutputs = {
  summaries: [],
  links: [
    { path: 'api/3/action/package_list', label: 'CKAN API', footerLabel: 'CKAN API' },
    { path: 'api/datasets/export.json', label: 'All datasets, resources and links as JSON', footerLabel: 'Full export (JSON)' },
    { path: 'api/datasets/export.xlsx', label: 'Datasets, files and links as an Excel workbook' },
  ],
  datasetLinks: [{ label: 'This dataset in the CKAN API', path: 'api/3/action/package_show?id={id}' }],
  reference: [],
};

/** A build with --no-ckan-api: the exports only. */
export const exampleOutputsWithoutCkan: SiteOutputs = { ...exampleOutputs, links: exampleOutputs.links.slice(1), datasetLinks: [] };

const catalogueExample = { topics, teams, datasets: [foiDataset, roadsDataset] };

/** Components whose markup is items of their caller's list (the layout's `<ul>`): an example shows them in one. */
export const listItemComponents: ReadonlySet<string> = new Set(['FooterLinks']);

/** Examples by component file name (without `.astro`), then by example name: the props to render with (and `slots`, HTML by slot name, for a component that takes content). */
export const componentExamples = {
  ReviewBadge: {
    'overdue for review': { dataset: { nextReviewDate: '2025-01-15' }, today: '2025-02-01' },
  },
  Address: {
    'an e-mail address': { text: 'opendata@testshire.example' },
    'an API address with a query': { text: '/api/3/action/package_show?id=foi' },
  },
  ApiLinks: {
    default: { site: exampleSite, outputs: exampleOutputs, dataset: foiDataset },
    'sub-path base': { site: exampleSubPathSite, outputs: exampleOutputs, dataset: foiDataset },
    'without the CKAN API': { site: exampleSite, outputs: exampleOutputsWithoutCkan, dataset: foiDataset },
  },
  Breadcrumbs: {
    default: { site: exampleSite, trail: [{ label: 'Home', path: '' }, { label: 'Datasets', path: 'datasets/' }] },
    'sub-path base': { site: exampleSubPathSite, trail: [{ label: 'Home', path: '' }, { label: 'Datasets', path: 'datasets/' }] },
  },
  BrowseNav: {
    default: { site: exampleSite, topics: topicCounts(catalogueExample), teams: teamCounts(catalogueExample), tags: tagCounts(catalogueExample) },
    'on a topic page': { site: exampleSite, topics: topicCounts(catalogueExample), teams: teamCounts(catalogueExample), tags: tagCounts(catalogueExample), currentPath: 'topic/transport/' },
  },
  DatasetFacts: {
    'every fact': { site: exampleSite, dataset: foiDataset },
    'few facts': { site: exampleSite, dataset: roadsDataset },
    'not an open licence': { site: exampleSite, dataset: privateDataset },
  },
  DatasetLinks: {
    default: { links: foiDataset.links },
    'a link that failed its check': { links: [{ ...foiDataset.links[0]!, httpStatus: 404 }] },
  },
  DatasetList: {
    default: { site: exampleSite, datasets: [foiDataset, roadsDataset] },
    'with a private dataset': { site: exampleSite, datasets: [privateDataset, foiDataset] },
    compact: { site: exampleSite, datasets: [foiDataset, roadsDataset], compact: true },
    'on a team page': { site: exampleSite, datasets: [foiDataset], showTeam: false },
    empty: { site: exampleSite, datasets: [] },
  },
  DatasetRows: {
    default: { site: exampleSite, datasets: [foiDataset, roadsDataset].map(rowDataset), caption: '2 datasets' },
    'with a private dataset, one overdue for review': { site: exampleSite, datasets: [privateDataset, { ...foiDataset, nextReviewDate: '2025-01-15' }].map(rowDataset), caption: 'Showing 1 to 2 of 102 datasets', today: '2025-02-01' },
    'sub-path base, a date not known': { site: exampleSubPathSite, datasets: [{ ...roadsDataset, updatedAt: null }].map(rowDataset), caption: '1 dataset' },
    empty: { site: exampleSite, datasets: [], caption: 'No datasets' },
  },
  FilesTable: {
    'local and external files': { site: exampleSite, dataset: foiDataset },
    'sub-path base': { site: exampleSubPathSite, dataset: roadsDatasetOnSubPath },
    'a file with its preview on the page': { site: exampleSite, dataset: roadsDataset, previewed: roadsDataset.resources },
    'no files': { site: exampleSite, dataset: privateDataset },
    'a file elsewhere that failed its check': {
      site: exampleSite,
      dataset: { ...foiDataset, resources: foiDataset.resources.map((resource) => (resource.kind === 'url' ? { ...resource, httpStatus: 404, qaTimestamp: '2025-02-01T10:00:00Z' } : resource)) },
    },
    'a file elsewhere that did not answer its check': {
      site: exampleSite,
      dataset: { ...foiDataset, resources: foiDataset.resources.map((resource) => (resource.kind === 'url' ? { ...resource, httpStatus: null, qaTimestamp: '2025-02-01T10:00:00Z' } : resource)) },
    },
  },
  FormattedDate: {
    'a date': { value: '2025-04-30' },
    'a moment': { value: '2025-01-21T16:10:03.000Z' },
  },
  Masthead: {
    'local image': { site: exampleSubPathSite, masthead: { id: 'hills', title: 'Testshire Hills', image: { href: 'media/mastheads/hills.svg', sourcePath: null, publishedPath: 'media/mastheads/hills.svg' } } },
    'external image': { site: exampleSite, masthead: { id: 'sky', title: 'Sky', image: { href: 'https://images.testshire.example/sky.jpg', sourcePath: null, publishedPath: null } } },
  },
  Pagination: {
    'first of two': { site: exampleSite, view: paginationView(1, 2, 'datasets/')! },
    'middle of many': { site: exampleSite, view: paginationView(5, 12, 'datasets/')! },
    'last of many': { site: exampleSubPathSite, view: paginationView(12, 12, 'topic/transport/')! },
  },
  PrivateBadge: {
    default: {},
  },
  // The layout's parts it renders once per site and key (src/site/rendered-once.ts); here on their own.
  SiteHeader: {
    'on a dataset page': { site: exampleSite, once: 'public:true,,,', includesPrivate: false, canonicalPath: 'dataset/foi/', section: 'datasets' },
    'internal build, on the topics page': { site: exampleSubPathSite, once: 'internal:,page,,', includesPrivate: true, canonicalPath: 'topics/', section: 'topics' },
  },
  FooterLinks: {
    default: { site: exampleSite, once: 'outputs', outputs: exampleOutputs },
    'without the CKAN API': { site: exampleSubPathSite, once: 'outputs without the CKAN API', outputs: exampleOutputsWithoutCkan },
  },
  FooterNote: {
    "the catalogue's licence": { site: exampleSite, once: 'default' },
    "a dataset's own licence": { site: exampleSite, once: 'private', licence: privateDataset.licence },
    'a dataset without a licence': { site: exampleSite, once: 'null', licence: null },
  },
  SearchBox: {
    'in the header': { site: exampleSite, id: 'site-search-text', landmark: 'Site', variant: 'header' },
    'on the home page, sub-path base': { site: exampleSubPathSite, id: 'home-search-text', landmark: 'Datasets', variant: 'hero' },
  },
  DatasetSearch: {
    // Hidden until its script runs; the script is tested in a browser (test/e2e/search.test.ts).
    default: { site: exampleSite },
    'sub-path base': { site: exampleSubPathSite },
  },
  DatasetSearchStart: {
    // Scripts only (in the page's head); run in a browser by test/e2e/search.test.ts.
    default: { site: exampleSite },
    'sub-path base': { site: exampleSubPathSite },
  },
  SearchFilters: {
    default: {},
  },
  TagList: {
    default: { site: exampleSite, tags: foiDataset.tags },
    'with counts, one current': { site: exampleSite, tags: [{ slug: 'foi', name: 'FOI', count: 1 }, { slug: 'road-safety', name: 'Road Safety', count: 12 }], currentPath: 'tag/road-safety/' },
  },
  TeamContact: {
    'email and web page': { site: exampleSite, team: teams[0]! },
    'no contact details (renders nothing)': { site: exampleSite, team: teams[1]! },
  },
  TopicCards: {
    default: { site: exampleSite, topics: topicCounts(catalogueExample), headingLevel: 2 },
  },
  TableSection: {
    'a table with an introduction': {
      id: 'datasets-api',
      title: 'Datasets',
      regionLabel: 'Table of Datasets endpoints',
      caption: 'Datasets: each endpoint with a live example',
      columns: ['Endpoint', 'What it answers'],
      tableClass: 'api-table',
      slots: { intro: '<p>Read the catalogue as CKAN does.</p>', default: '<tr><th scope="row"><code>package_list</code></th><td>Every dataset’s name.</td></tr>' },
    },
  },
  TablePreview: {
    'first rows of a count': { table: examplePreviews.table, title: 'Casualties 2023' },
    'a file read in part': { table: examplePreviews.partial, title: 'Casualties 2023' },
    'a header and no rows': { table: examplePreviews.headerOnly, title: 'Casualties 2023' },
  },
  ColumnDictionary: {
    'described columns': { table: examplePreviews.table, title: 'Casualties 2023' },
    'facts from the first rows only': { table: examplePreviews.partial, title: 'Casualties 2023' },
  },
  FilePreview: {
    'a table': { resource: roadsDataset.resources[0]! },
    'a file read in part': { resource: { ...roadsDataset.resources[0]!, preview: examplePreviews.partial } },
    'a GeoJSON file': { resource: { ...roadsDataset.resources[0]!, id: 'sites', title: 'Camera sites', format: 'GeoJSON', preview: examplePreviews.geo } },
  },
  GeoSummary: {
    'points with an extent': { summary: examplePreviews.geo },
    'no features': { summary: examplePreviews.geoEmpty },
  },
} satisfies Record<string, Record<string, Record<string, unknown>>>;

export type ComponentName = keyof typeof componentExamples;
