// Each dataset's package dict, serialised (and its `fl=` projection), kept between builds
// (src/build/fragments.ts), so that an edit serialises one dict again instead of every one.
// `package_show`, the search pages and the handler's packages.json all join these strings.
//
// A dict reads, besides the dataset, the site (the store's context) and a few facts worked out from
// other datasets (ckanContext): its CKAN dates, its team's `created` (its oldest dataset's), its
// relationships with the other end's UUID. Those go into the fragment's key with the dataset's
// digest, so a dataset added to an older team's past makes that team's dicts again.
import { datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Dataset } from '../../catalogue/model.ts';
import type { WriterDataset } from '../../build/writer-input.ts';
import { Fragments, fragmentsConfig, type FragmentsConfig } from '../../build/fragments.ts';
import { valueDigest } from '../value-digest.ts';
import type { PreparedDataset } from './actions.ts';
import type { CkanContext } from './context.ts';

let current: { config: FragmentsConfig; site: CkanContext['site']; context: string; store: Fragments<PreparedDataset> } | null = null;

/**
 * The store of this thread's build: made once, read by every writer that prepares the dicts (the
 * action API, the handler's index of the public datasets), saved by the last of them (`savePrepared`).
 */
function store(context: CkanContext, config: FragmentsConfig): Fragments<PreparedDataset> {
  // The site's digest is worked out once a build (until `savePrepared`), not once a dataset.
  if (current && current.config === config && current.site === context.site) return current.store;
  const siteDigest = valueDigest(context.site);
  if (!current || current.config !== config || current.context !== siteDigest) {
    current = { config, site: context.site, context: siteDigest, store: new Fragments<PreparedDataset>('ckan-packages', siteDigest, config) };
  }
  current.site = context.site;
  return current.store;
}

export function preparedDataset(dataset: WriterDataset, context: CkanContext, make: () => PreparedDataset): PreparedDataset {
  // Without a cache nothing is kept for a next build: no key to work out (a hash of the dataset
  // and one of what its dict reads, each from its JSON text). Every writer that reads a dict reads
  // the action API's (action-files.ts `preparedCkanApi`), so none is made twice.
  const config = fragmentsConfig();
  if (config === null) return make();
  const rows = [...(context.relationshipsAsSubject.get(dataset.id) ?? []), ...(context.relationshipsAsObject.get(dataset.id) ?? [])];
  const read = {
    uuid: context.datasetUuids.get(dataset.id),
    dates: context.datasetDates.get(dataset.id),
    teamCreated: context.teamCreated.get(dataset.team.id),
    relationships: [context.relationshipsAsSubject.get(dataset.id) ?? [], context.relationshipsAsObject.get(dataset.id) ?? []],
    ends: rows.map((row) => [context.datasetUuids.get(row.subject), context.datasetUuids.get(row.object)]),
  };
  // The digest of the main thread's whole dataset, remembered for the writer thread's copy
  // (api-thread-entry.ts): that copy leaves out fields no dict reads, so it keys the same dict.
  const key = `${datasetDigest(dataset as Dataset)} ${valueDigest(read)}`;
  const prepared = store(context, config).get(key, make);
  // What the answers made of this dict are kept by (answer-memo.ts): the same key, the same dict.
  prepared.key = key;
  return prepared;
}

/** Keeps this build's dicts for the next; the store is then done with. */
export function savePrepared(): void {
  current?.store.save();
  current = null;
}
