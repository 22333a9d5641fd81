// A dataset's digest keys every output's kept parts (src/build/fragments.ts); a writer thread is
// handed the main thread's digests for its copy of the catalogue instead of working them out again.
import { describe, expect, it } from 'vitest';
import { datasetDigest, rememberDigests } from '../../src/catalogue/dataset-digest.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { contentFrom } from '../helpers/content.ts';

describe('datasetDigest', () => {
  it('is the same for a thread’s copy of a dataset (a structured clone) as for the dataset', async () => {
    const { contentDir } = await contentFrom('minimal');
    const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01' });
    const copy = structuredClone(catalogue);
    expect(copy.datasets.map(datasetDigest)).toEqual(catalogue.datasets.map(datasetDigest));
  });

  it('of a copy, once told, is the one told, in the datasets’ order; a list of another length is refused', async () => {
    const { contentDir } = await contentFrom('minimal');
    const { catalogue } = await loadCatalogue({ contentDir, today: '2025-06-01' });
    const told = catalogue.datasets.map((_, index) => `told-${index}`);
    const copy = structuredClone(catalogue);
    rememberDigests(copy.datasets, told);
    expect(copy.datasets.map(datasetDigest)).toEqual(told);
    expect(() => rememberDigests(structuredClone(catalogue).datasets, told.slice(1))).toThrow(`${told.length - 1} digests for ${told.length} datasets`);
  });
});
