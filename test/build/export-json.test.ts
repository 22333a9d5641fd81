// export.json: the DataPress document's shape, key by key, checked against a reviewed golden file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { datapressDataset } from '../../src/outputs/datapress.ts';
import { buildInto } from '../helpers/build.ts';
import { contentFrom, fixturesDir } from '../helpers/content.ts';
import { expectGolden } from '../helpers/golden.ts';

// The keys of reference/datapress-export-api.txt, in the document's order.
const datasetKeys = ['webpage', 'id', 'title', 'description', 'masthead', 'tags', 'topics', 'nextReviewDate', 'licence', 'contact', 'custom', 'resources', 'links', 'sharing', 'team', 'createdAt', 'updatedAt'];
const resourceKeys = ['id', 'title', 'url', 'filename', 'description', 'timeFrameFrom', 'timeFrameTo', 'size', 'hash', 'timestamp', 'dataset', 'webpage'];
const linkKeys = ['id', 'title', 'url', 'description', 'httpStatus', 'size', 'mimetype', 'hash', 'qaTimestamp', 'dataset', 'webpage'];
const golden = path.join(fixturesDir, 'golden', 'minimal-export.json');

describe('export.json', () => {
  let exported: Record<string, unknown>[];
  let text: string;

  beforeAll(async () => {
    const { root, contentDir } = await contentFrom('minimal');
    await buildInto(contentDir, path.join(root, 'dist'));
    text = await readFile(path.join(root, 'dist/api/datasets/export.json'), 'utf8');
    exported = JSON.parse(text) as Record<string, unknown>[];
  });

  it('matches the reviewed golden file', () => {
    expectGolden(text, golden);
  });

  it('has every documented key, in the document order, for datasets, resources and links', () => {
    for (const dataset of exported) {
      expect(Object.keys(dataset)).toEqual(datasetKeys);
      for (const resource of dataset.resources as Record<string, unknown>[]) expect(Object.keys(resource)).toEqual(resourceKeys);
      for (const link of dataset.links as Record<string, unknown>[]) expect(Object.keys(link)).toEqual(linkKeys);
    }
  });

  it('gives null, not a missing key, where a value is absent', () => {
    const roads = exported.find((dataset) => dataset.id === 'roads')!;
    expect(roads.masthead).toBeNull();
    expect(roads.nextReviewDate).toBeNull();
    expect((roads.resources as Record<string, unknown>[])[0]!.description).toBeNull();
  });

  it('writes custom values as text or lists of text, and absolute URLs from the catalogue url', () => {
    const foi = exported.find((dataset) => dataset.id === 'foi')!;
    expect(foi.custom).toEqual({ unit: 'Assurance', geography: ['Testshire', 'South'] });
    const roads = exported.find((dataset) => dataset.id === 'roads')!;
    expect(roads.custom).toEqual({ unit: 'Highways', geography: ['Testshire'] });
    expect(roads.webpage).toBe('https://data.testshire.example/dataset/roads/');
    expect((roads.resources as { url: string }[])[0]!.url).toBe('https://data.testshire.example/download/roads/2023/casualties%202023.csv');
  });

  it('gives a remote file the last segment of its address as filename, null when the address names none', async () => {
    const remote = (url: string) => `---\ntitle: Remote ${url}\nteam: information\nresources:\n  - id: r1\n    title: A file elsewhere\n    url: ${url}\n---\nText.\n`;
    const { contentDir } = await contentFrom('minimal', {
      'datasets/remote-named.md': remote('https://files.testshire.example/data/bus%20stops.csv?version=2'),
      'datasets/remote-folder.md': remote('https://files.testshire.example/data/'),
      'datasets/remote-host.md': remote('https://files.testshire.example'),
    });
    const { catalogue } = await loadCatalogue({ contentDir });
    const filename = (id: string) => datapressDataset(catalogue.datasets.find((dataset) => dataset.id === id)!).resources[0]!.filename;
    expect(filename('remote-named')).toBe('bus stops.csv');
    expect(filename('remote-folder')).toBeNull();
    expect(filename('remote-host')).toBeNull();
  });

  it('is the same mapping that other outputs may reuse', async () => {
    const { contentDir } = await contentFrom('minimal');
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.datasets.map(datapressDataset)).toEqual(exported);
  });
});
