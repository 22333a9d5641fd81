// A page's key (src/site/page-views.ts) changes exactly when its bytes may: here, a tag's page, which
// shows a row of each of its datasets (title, team, date, badges) and no counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import type { Catalogue, Dataset } from '../../src/catalogue/model.ts';
import { enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import { datasetPath, datasetsPath, tagPath } from '../../src/site/links.ts';
import { pageJobs, siteContext } from '../../src/site/page-views.ts';
import { contentFrom } from '../helpers/content.ts';

let catalogue: Catalogue;

beforeAll(async () => {
  const { contentDir } = await contentFrom('minimal');
  catalogue = (await loadCatalogue({ contentDir, today: '2025-06-01' })).catalogue;
});

/** Every page's key, by address. */
function keys(of: Catalogue): Map<string, string> {
  return new Map([...pageJobs(of, siteContext(of, siteOutputs(of, enabledOutputs({}))), 'compiled pages')].map((job) => [job.path, job.key]));
}

/** The catalogue with one dataset changed (a new object, as a new build's loader makes). */
function withDataset(id: string, change: (dataset: Dataset) => Dataset): Catalogue {
  return { ...catalogue, datasets: catalogue.datasets.map((dataset) => (dataset.id === id ? change(dataset) : dataset)) };
}

describe('a tag page’s key', () => {
  it('stays when a listed dataset changes in what its row does not show, and when the counts change', () => {
    const dataset = catalogue.datasets.find((candidate) => candidate.tags.length > 0)!;
    const tagPages = dataset.tags.map((tag) => tagPath(tag.slug));
    const before = keys(catalogue);
    for (const page of tagPages) expect(before.has(page), page).toBe(true);

    const described = keys(withDataset(dataset.id, (old) => ({ ...old, descriptionText: `${old.descriptionText} More.`, descriptionHtml: `${old.descriptionHtml}<p>More.</p>`, resources: [] })));
    expect(described.get(datasetPath(dataset.id))).not.toBe(before.get(datasetPath(dataset.id)));
    // The list of summaries shows the description: it changes; the tag's rows do not.
    expect(described.get(datasetsPath)).not.toBe(before.get(datasetsPath));
    for (const page of tagPages) expect(described.get(page), page).toBe(before.get(page));

    // Another dataset, with a tag of its own: the counts change (and the pages showing them), this tag's pages do not.
    const other: Dataset = { ...dataset, id: 'another', title: 'Another', tags: [{ name: 'Elsewhere', slug: 'elsewhere' }] };
    const added = keys({ ...catalogue, datasets: [...catalogue.datasets, other] });
    expect(added.has(tagPath('elsewhere'))).toBe(true);
    expect(added.get('topics/')).not.toBe(before.get('topics/'));
    for (const page of tagPages.filter((path) => !other.tags.some((tag) => tagPath(tag.slug) === path))) expect(added.get(page), page).toBe(before.get(page));
  });

  it('changes when a row does: a listed dataset’s title, team, last update or review date', () => {
    const dataset = catalogue.datasets.find((candidate) => candidate.tags.length > 0)!;
    const page = tagPath(dataset.tags[0]!.slug);
    const before = keys(catalogue).get(page);
    const changes: ((old: Dataset) => Dataset)[] = [
      (old) => ({ ...old, title: `${old.title} (revised)` }),
      (old) => ({ ...old, team: { ...old.team, title: 'Another team' } }),
      (old) => ({ ...old, updatedAt: '2025-05-31T10:00:00.000Z' }),
      (old) => ({ ...old, nextReviewDate: '2025-01-01' }),
    ];
    for (const change of changes) expect(keys(withDataset(dataset.id, change)).get(page)).not.toBe(before);
  });
});
