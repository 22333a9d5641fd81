// What pages link to of a build's outputs: derived from the outputs a build enables, through the base.
import { describe, expect, it } from 'vitest';
import { exampleOutputs, exampleOutputsWithoutCkan, exampleSite, exampleSubPathSite, foiDataset } from '../../src/site/components/examples.ts';
import { allOutputs, enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import { catalogueLinks, datasetLinks, footerLinks } from '../../src/site/output-links.ts';

const catalogue = { site: exampleSite, datasets: [foiDataset], teams: [], topics: [], licences: [], includesPrivate: false } as never;

describe('the outputs a build enables', () => {
  it('are every output by default, and leave out the CKAN API on request', () => {
    expect(enabledOutputs({}).map((output) => output.id)).toEqual(allOutputs.map((output) => output.id));
    // The Table Schemas are read in the CKAN API's resources: their note on the /api/ page goes with it.
    expect(enabledOutputs({ ckanApi: false }).map((output) => output.id)).toEqual(allOutputs.map((output) => output.id).filter((id) => id !== 'ckan-api' && id !== 'table-schema'));
  });

  it('describe what pages may link to, and nothing of an output left out', () => {
    const full = siteOutputs(catalogue, enabledOutputs({}));
    const core = siteOutputs(catalogue, enabledOutputs({ ckanApi: false }));
    // Every output's own links are tested with it; here, what leaving the CKAN API out takes away.
    expect(full.links.map((link) => link.path)).toEqual(expect.arrayContaining(['api/3/action/package_list', 'api/datasets/export.json', 'api/datasets/export.datasets.csv', 'api/datasets/export.resources.csv', 'api/datasets/export.xlsx', 'data.json', 'datasets/feed.atom']));
    expect(full.reference.map((group) => group.id)).toEqual(expect.arrayContaining(['action', 'legacy', 'exports', 'data-json', 'feeds']));
    expect(core.links).toEqual(full.links.filter((link) => !link.path.startsWith('api/3/')));
    expect(core.datasetLinks).toEqual(full.datasetLinks.filter((link) => !link.path.startsWith('api/3/')));
    expect(core.reference.map((group) => group.id)).toEqual(full.reference.map((group) => group.id).filter((id) => id !== 'action' && id !== 'legacy'));
    expect(JSON.stringify(core)).not.toMatch(/CKAN|api\/3\//);
  });
});

describe('links to outputs', () => {
  it('go through the base, show the canonical URL, and put the dataset id in the dataset link', () => {
    expect(datasetLinks(exampleSubPathSite, exampleOutputs, { id: 'foi bar' })[0]).toEqual({
      label: 'This dataset in the CKAN API',
      href: '/data/api/3/action/package_show?id=foi%20bar',
      url: 'https://www.testshire.example/data/api/3/action/package_show?id=foi%20bar',
    });
    expect(catalogueLinks(exampleSubPathSite, exampleOutputs).map((link) => link.href)).toEqual(['/data/api/3/action/package_list', '/data/api/datasets/export.json', '/data/api/datasets/export.xlsx']);
  });

  it('offer a dataset page its own answers only: the whole-catalogue downloads are on the /api/ page', () => {
    expect(datasetLinks(exampleSite, exampleOutputs, foiDataset).map((link) => link.href)).toEqual(['/api/3/action/package_show?id=foi']);
    expect(datasetLinks(exampleSite, exampleOutputsWithoutCkan, foiDataset).map((link) => link.href)).toEqual([]);
  });

  it('list in the footer only those with a footer label', () => {
    expect(footerLinks(exampleSite, exampleOutputs).map((link) => link.label)).toEqual(['CKAN API', 'Full export (JSON)']);
    expect(footerLinks(exampleSite, exampleOutputsWithoutCkan).map((link) => link.label)).toEqual(['Full export (JSON)']);
  });
});
