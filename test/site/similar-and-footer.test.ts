// Related datasets by shared topics and tags; the footer's attribution line and problem report.
import { describe, expect, it } from 'vitest';
import { exampleSite, foiDataset } from '../../src/site/components/examples.ts';
import { attribution, problemReportHref } from '../../src/site/footer-notes.ts';
import { similarDatasets } from '../../src/site/similar-datasets.ts';
import type { Dataset } from '../../src/catalogue/model.ts';

const topic = (id: string) => ({ id, title: id });
const tag = (slug: string) => ({ name: slug, slug });
const dataset = (id: string, topics: string[], tags: string[], updatedAt: string | null = null): Dataset =>
  ({ ...foiDataset, id, title: `Title ${id}`, topics: topics.map(topic), tags: tags.map(tag), updatedAt });

describe('similarDatasets', () => {
  const self = dataset('self', ['transport', 'environment'], ['roads', 'air']);
  const all = [
    self,
    dataset('one-tag', [], ['roads'], '2025-01-01T00:00:00.000Z'),
    dataset('one-topic', ['transport'], [], '2024-01-01T00:00:00.000Z'),
    dataset('topic-and-tag', ['environment'], ['air']),
    dataset('both-topics', ['transport', 'environment'], []),
    dataset('also-one-tag', [], ['air'], '2025-06-01T00:00:00.000Z'),
    dataset('nothing', ['schools'], ['pupils']),
  ];

  it('orders by what is shared (a topic counts twice a tag), then the most recently updated, and leaves out itself and the unrelated', () => {
    expect(similarDatasets(self, all).map((item) => item.id)).toEqual(['both-topics', 'topic-and-tag', 'one-topic', 'also-one-tag', 'one-tag']);
  });

  it('gives the same list whatever the order of the catalogue, leaves out those already listed, and stops at the limit', () => {
    expect(similarDatasets(self, [...all].reverse()).map((item) => item.id)).toEqual(similarDatasets(self, all).map((item) => item.id));
    expect(similarDatasets(self, all, new Set(['both-topics']), 2).map((item) => item.id)).toEqual(['topic-and-tag', 'one-topic']);
  });
});

describe('attribution', () => {
  it('uses the Open Government Licence\'s own words, and names the publisher for other licences', () => {
    expect(attribution(exampleSite.defaultLicence, 'Testshire County Council')?.lead).toBe('Contains public sector information licensed under the');
    const ccBy = { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', open: true };
    expect(attribution(ccBy, 'Testshire County Council')).toEqual({ lead: 'Contains data from Testshire County Council, licensed under the', licence: ccBy });
    expect(attribution(null, 'Testshire County Council')).toBeNull();
  });
});

describe('problemReportHref', () => {
  it('writes to the first contact with an e-mail, the subject naming the dataset and the body its address', () => {
    const href = problemReportHref([{ title: 'No mail' }, { title: 'FOI Team', email: 'foi@testshire.example' }], 'Crime & "safety"', 'https://data.testshire.example/dataset/crime/');
    const url = new URL(href!);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('foi@testshire.example');
    expect(url.searchParams.get('subject')).toBe('Problem: Crime & "safety"');
    expect(url.searchParams.get('body')).toBe('https://data.testshire.example/dataset/crime/');
    expect(href).toBe('mailto:foi@testshire.example?subject=Problem%3A%20Crime%20%26%20%22safety%22&body=https%3A%2F%2Fdata.testshire.example%2Fdataset%2Fcrime%2F');
    expect(problemReportHref([null, { title: 'No mail' }], 'X', 'https://x.example/')).toBeNull();
  });
});
