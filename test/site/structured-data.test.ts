// schema.org JSON-LD for search engines: a dataset's page describes it as Google Dataset Search reads
// it, the home page describes the catalogue, and no text of the catalogue can close the script.
import { describe, expect, it } from 'vitest';
import { exampleSite, foiDataset, privateDataset, roadsDataset } from '../../src/site/components/examples.ts';
import { catalogueStructuredData, cutAtWord, datasetStructuredData, descriptionLimit } from '../../src/site/structured-data.ts';

describe('datasetStructuredData', () => {
  it('describes the dataset with the properties Google Dataset Search reads', () => {
    expect(JSON.parse(datasetStructuredData(exampleSite, foiDataset))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      '@id': 'https://data.testshire.example/dataset/foi/',
      url: 'https://data.testshire.example/dataset/foi/',
      identifier: 'foi',
      name: 'Freedom of Information Requests',
      description: 'Requests made under the Freedom of Information Act & the EIR.\nCaveats\nOpen requests have no response date.',
      keywords: ['FOI', 'Freedom of Information'],
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      isAccessibleForFree: true,
      creator: { '@type': 'Organization', name: 'Information Governance', url: 'https://www.testshire.example/foi' },
      publisher: { '@type': 'Organization', name: 'Testshire County Council', url: 'https://www.testshire.example/' },
      datePublished: '2019-02-05T16:34:18.000Z',
      dateModified: '2025-01-21T16:10:03.000Z',
      temporalCoverage: '2020-01/2024-11',
      includedInDataCatalog: { '@type': 'DataCatalog', '@id': 'https://data.testshire.example/', name: 'Testshire Open Data', url: 'https://data.testshire.example/' },
      distribution: [
        { '@type': 'DataDownload', name: 'FOI requests received 2020-25', contentUrl: 'https://data.testshire.example/download/foi/k93/FOI%20requests%202020-25.csv', encodingFormat: 'text/csv', contentSize: '1363149 B' },
        { '@type': 'DataDownload', name: 'FOI performance summary', contentUrl: 'https://files.testshire.example/foi/summary.xlsx', encodingFormat: 'XLSX' },
      ],
    });
  });

  it('leaves out dates it does not know, writes an open end as `..`, and names a licence without a URL', () => {
    const dataset = { ...privateDataset, resources: [{ ...roadsDataset.resources[0]!, timeFrameTo: null }] };
    const data = JSON.parse(datasetStructuredData(exampleSite, dataset));
    expect(data).not.toHaveProperty('datePublished');
    expect(data.temporalCoverage).toBe('2023-01/..');
    expect(data.license).toEqual({ '@type': 'CreativeWork', name: 'Internal use only' });
    expect(data.isAccessibleForFree).toBe(false);
    expect(JSON.parse(datasetStructuredData(exampleSite, { ...dataset, resources: [{ ...roadsDataset.resources[0]!, timeFrameFrom: null }] })).temporalCoverage).toBe('../2023-12');
  });

  it('describes a dataset without a body by its title, and cuts a description over 5,000 characters at a word', () => {
    expect(JSON.parse(datasetStructuredData(exampleSite, { ...roadsDataset, descriptionText: ' ' })).description).toBe('Road Casualties');
    const long = JSON.parse(datasetStructuredData(exampleSite, { ...roadsDataset, descriptionText: 'word '.repeat(2000) })).description as string;
    expect(long.length).toBeLessThanOrEqual(descriptionLimit);
    expect(long).toMatch(/ word…$/);
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('abcdefghijklmnop', 10)).toBe('abcdefghi…');
  });

  it('cannot close its script element, whatever the catalogue says', () => {
    const json = datasetStructuredData(exampleSite, { ...privateDataset, title: '</script><script>alert(1)</script>' });
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script>');
  });
});

describe('catalogueStructuredData', () => {
  it('describes the catalogue as a DataCatalog with its publisher, language and licence', () => {
    expect(JSON.parse(catalogueStructuredData(exampleSite))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'DataCatalog',
      '@id': 'https://data.testshire.example/',
      name: 'Testshire Open Data',
      url: 'https://data.testshire.example/',
      description: 'Data published by Testshire County Council.',
      inLanguage: 'en-GB',
      publisher: { '@type': 'Organization', name: 'Testshire County Council', url: 'https://www.testshire.example/' },
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    });
  });
});
