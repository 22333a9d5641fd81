// What the search index holds of each dataset: every field a reader may search by, public datasets only.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue } from '../../src/catalogue/model.ts';
import { searchInput } from '../../src/outputs/search/records.ts';
import { contentFrom } from '../helpers/content.ts';

let internal: Catalogue;

beforeAll(async () => {
  const { contentDir } = await contentFrom('minimal');
  // An internal build's catalogue: the private dataset is in it.
  ({ catalogue: internal } = await loadCatalogue({ contentDir, includePrivate: true }));
  expect(internal.datasets.some((dataset) => dataset.sharing === 'private')).toBe(true);
});

describe('the search records', () => {
  it('leave private datasets out, even in an internal build, and every trace of them (labels included)', () => {
    const input = searchInput(internal);
    expect(input.records.map((record) => record.document.path)).toEqual(['dataset/foi/', 'dataset/roads/']);
    expect(JSON.stringify({ ...input, labels: Object.fromEntries(Object.entries(input.labels).map(([name, labels]) => [name, [...labels]])) })).not.toMatch(/secret|Sickness|Confidential/i);
  });

  it('hold the title, description, tags, topics, team, custom fields and file titles and formats, by field', () => {
    const roads = searchInput(internal).records.find((record) => record.document.path === 'dataset/roads/')!;
    expect(roads.text).toEqual({
      title: 'Road Casualties',
      tags: 'Road Safety',
      topics: 'Transport',
      team: 'Highways Team',
      description: 'Casualties on the county’s roads, by severity.'.replace('’', "'"),
      custom: 'Highways\nTestshire',
      files: 'Casualties 2023\nCSV',
    });
    expect(roads.facets).toEqual({ topic: ['transport'], team: ['highways'], format: ['CSV'], licence: ['ogl-v3'] });
    expect(roads.tags).toEqual([{ slug: 'road-safety', name: 'Road Safety' }]);
  });

  it('show a result as the list pages show a dataset, and come most recently updated first', () => {
    const { records, labels } = searchInput(internal);
    expect(records.map((record) => record.document)).toEqual([
      { path: 'dataset/foi/', title: 'Freedom of Information Requests', summary: 'Requests made under the Freedom of Information Act.', team: 'Information Governance', updated: '2025-01-21T16:10:03.000Z', formats: ['CSV'] },
      { path: 'dataset/roads/', title: 'Road Casualties', summary: "Casualties on the county's roads, by severity.", team: 'Highways Team', updated: '2024-06-30T12:00:00.000Z', formats: ['CSV'] },
    ]);
    expect([...labels.topic]).toEqual([['community-information', 'Community Information'], ['transport', 'Transport']]);
    expect([...labels.licence]).toEqual([['ogl-v3', 'UK Open Government Licence (OGL v3)']]);
  });
});
