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
}

export function newDatasetFile(dataset: NewDataset): string {
  const value = (data: unknown) => stringify(data, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
  const line = (key: string, data: unknown) => `${key}: ${value(data)}`;
  const custom = dataset.customFields.map((field) => `#   ${field.id}: ${field.type === 'list' ? '[]' : "''"}    # ${field.title}`);
  return [
    '---',
    line('id', dataset.id),
    line('title', dataset.title),
    line('team', dataset.team),
    '# masthead: <id from mastheads.yaml>',
    `tags: ${value(dataset.tags)}`.replace(/^tags: \[\]$/, 'tags: []'),
    `topics: ${value(dataset.topics)}`,
    dataset.licence ? line('licence', dataset.licence) : '# licence: <id from licences.yaml>',
    dataset.contact ? `# contact: { email: ${dataset.contact.email ?? 'someone@example.org'}, title: ${dataset.contact.title} }   # defaults to the catalogue's contact` : '# contact: { email: someone@example.org, title: Team name }',
    '# nextReviewDate: YYYY-MM-DD',
    "# spatial: { uri: https://sws.geonames.org/…, label: Place name }   # defaults to the catalogue's spatial",
    line('sharing', dataset.sharing),
    ...(custom.length > 0 ? ['# custom:', ...custom] : []),
    '# createdAt and updatedAt come from Git history; set them only to override it.',
    'resources: []',
    '#  - id: data',
    '#    title: What the file holds',
    '#    file: data.csv            # a file beside this one, or instead:',
    '#    url: https://example.org/data.csv',
    '#    description: Plain text.',
    '#    timeFrameFrom: 2024-01',
    '#    timeFrameTo: 2024-12',
    'links: []',
    '#  - id: guide',
    '#    title: A page about the data',
    '#    url: https://example.org/guide',
    '---',
    '',
    `Describe ${dataset.title}: what it holds, where it comes from, how often it changes and what to watch out for.`,
    '',
  ].join('\n');
}
