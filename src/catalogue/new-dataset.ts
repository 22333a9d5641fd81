// The text of a new dataset file: every field of the schema, filled in or shown commented out.
import { stringify } from 'yaml';
import type { Contact, CustomFieldDefinition } from './schema.ts';

export interface NewDataset {
  id: string;
  title: string;
  team: string;
  topics: string[];
  tags: string[];
  licence: string | null;
  sharing: 'public' | 'private';
  customFields: CustomFieldDefinition[];
  contact: Contact | null;
  /** The published JSON Schema of dataset files, named for editors that check YAML as it is typed. */
  schemaUrl?: string;
}

export function newDatasetFile(dataset: NewDataset): string {
  const value = (data: unknown) => stringify(data, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
  const line = (key: string, data: unknown) => `${key}: ${value(data)}`;
  const custom = dataset.customFields.map((field) => `#   ${field.id}: ${field.type === 'list' ? '[]' : "''"}    # ${field.title}`);
  return [
    '---',
    ...(dataset.schemaUrl ? [`# yaml-language-server: $schema=${dataset.schemaUrl}`] : []),
    line('id', dataset.id),
    '# name: <CKAN name, if not the id>',
    '# ckanId: <its UUID in the CKAN portal it came from, if any>',
    line('title', dataset.title),
    line('team', dataset.team),
    '# masthead: <id from mastheads.yaml>',
    `tags: ${value(dataset.tags)}`.replace(/^tags: \[\]$/, 'tags: []'),
    `topics: ${value(dataset.topics)}`,
    dataset.licence ? line('licence', dataset.licence) : '# licence: <id from licences.yaml>',
    "# contact:                 # defaults to the catalogue's contact",
    `#   email: ${dataset.contact?.email ?? 'someone@example.org'}`,
    `#   title: ${dataset.contact?.title ?? 'Team name'}`,
    '#   url: https://example.org/contact',
    '# nextReviewDate: YYYY-MM-DD',
    "# spatial:                 # defaults to the catalogue's area",
    '#   uri: https://sws.geonames.org/…',
    '#   label: Place name',
    '#   bbox: [west, south, east, north]',
    '#   centroid: [longitude, latitude]',
    line('sharing', dataset.sharing),
    ...(custom.length > 0 ? ['# custom:', ...custom] : []),
    '# createdAt: 2019-02-05T16:34:18Z   # createdAt and updatedAt come from Git history;',
    '# updatedAt: 2025-01-21T16:10:03Z   # set them only for a dataset published before it was in Git.',
    'resources: []',
    '#  - id: data',
    '#    ckanId: <its UUID in the CKAN portal it came from, if any>',
    '#    title: What the file holds',
    '#    file: data.csv            # a file beside this one, or instead:',
    '#    url: https://example.org/data.csv',
    '#    description: Plain text.',
    '#    format: CSV               # defaults from the file name',
    '#    mediaType: text/csv       # defaults from the format',
    '#    timeFrameFrom: 2024-01',
    '#    timeFrameTo: 2024-12',
    '#    columns:                  # a table of the site (CSV, TSV, Excel): what its columns mean',
    '#      - name: column_name     # exactly as the header row writes it',
    '#        description: Plain text.',
    '#        unit: GBP',
    'links: []',
    '#  - id: guide',
    '#    title: A page about the data',
    '#    url: https://example.org/guide',
    '#    description: Plain text.',
    'relationships: []',
    '#  - type: derives_from       # depends_on, dependency_of, derives_from, has_derivation, child_of, parent_of, links_to, linked_from',
    '#    dataset: <id of another dataset>',
    '#    comment: Plain text.',
    '---',
    '',
    `Describe ${dataset.title}: what it holds, where it comes from, how often it changes and what to watch out for.`,
    '',
  ].join('\n');
}
