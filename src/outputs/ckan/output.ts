// The CKAN API as one output: the Action API (v3), API v1/v2 and the Search API, the index the
// request handler answers every other query from (src/ckan-handler/), the host rules that map
// CKAN's query forms onto their files, and the links pages offer to it.
import type { Output } from '../output.ts';
import { writeCkanActionApi } from './action-files.ts';
import { writeCkanIndex } from './index-files.ts';
import { writeLegacyApi } from './legacy-api.ts';
import { ckanReference } from './reference.ts';
import { ckanIndexFolder } from './paths.ts';
import { ckanRewrites } from './rewrites.ts';

export const ckanApiOutput: Output = {
  id: 'ckan-api',
  thread: 'api',
  // Its writers are typed on the writer's input (build/writer-input.ts).
  readsWriterInput: true,
  parts: [
    { name: 'ckan v3', write: writeCkanActionApi },
    { name: 'ckan v1/v2', write: writeLegacyApi },
    { name: 'ckan index', write: writeCkanIndex },
  ],
  // Its answers are extension-less JSON under `jsonPrefixes`; only the folder answers have a name.
  mediaTypes: { json: 'application/json' },
  // The handler's index (its folder: the files and the parts a Worker's build cuts) is data for
  // `datashelf serve`, the preview and the edge code, not an answer: hidden on every host.
  hostRules: { ...ckanRewrites, hidden: [ckanIndexFolder] },
  describe: (catalogue) => ({
    summary: 'Tools that speak the CKAN API (other portals, national aggregators, CKAN client libraries) can read this catalogue as they read any CKAN portal.',
    links: [{ path: 'api/3/action/package_list', label: 'CKAN API', footerLabel: 'CKAN API' }],
    datasetLinks: [{ label: 'This dataset in the CKAN API', path: 'api/3/action/package_show?id={id}' }],
    reference: ckanReference(catalogue),
  }),
};
