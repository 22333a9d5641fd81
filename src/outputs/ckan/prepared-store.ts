// Each dataset's package dict, serialised (and its `fl=` projection), kept between builds
// (src/build/fragments.ts), so that an edit serialises one dict again instead of every one.
// `package_show`, the search pages and the handler's packages.json all join these strings.
//
// Two stores by the same keys: each dict's small facts (`ckan-package-heads`: its names, date,
// length and where its texts are), read whole by every build for the search order, and its texts
// (`ckan-package-texts`, lazy-fragments.ts), in shards of neighbours in the search order, read only
// for the answers a build makes again. An edit at 10,000 datasets read and deserialised all 41 MB
// of texts to use the thousand or so of the pages and index run that hold its dict (session 15).
//
// A dict reads, besides the dataset, the site (the store's context) and a few facts worked out from
// other datasets (ckanContext): its CKAN dates, its team's `created` (its oldest dataset's), its
// relationships with the other end's UUID. Those go into the fragment's key with the dataset's
// digest, so a dataset added to an older team's past makes that team's dicts again.
import { datasetDigest } from '../../catalogue/dataset-digest.ts';
import type { Dataset } from '../../catalogue/model.ts';
import type { WriterDataset } from '../../build/writer-input.ts';
import { Fragments, fragmentsConfig, storeFolder, type FragmentsConfig } from '../../build/fragments.ts';
import { PlacedFragments } from '../../build/lazy-fragments.ts';
import { rmSync } from 'node:fs';
import { valueDigest } from '../value-digest.ts';
import type { PreparedDataset } from './actions.ts';
import type { CkanContext } from './context.ts';

/** What every build reads of a kept dict: the keys it answers to, its place in the search order, its text's length (the index's runs, index-files.ts). */
interface PreparedHead extends Pick<PreparedDataset, 'id' | 'name' | 'uuid' | 'modified' | 'jsonLength'> {
  /** The texts' shard (-1 until placed, when saved). */
  textShard: number;
}
/** What only the answers made of a dict read. */
type PreparedTexts = Pick<PreparedDataset, 'json' | 'projectionJson'>;

type Stores = { heads: Fragments<PreparedHead>; texts: PlacedFragments<PreparedTexts>; order: string[] | null };
let current: { config: FragmentsConfig; site: CkanContext['site']; context: string; stores: Stores } | null = null;

/**
 * The stores of this thread's build: made once, read by every writer that prepares the dicts (the
 * action API, the handler's index of the public datasets), saved by the last of them (`savePrepared`).
 */
function stores(context: CkanContext, config: FragmentsConfig): Stores {
  // The site's digest is worked out once a build (until `savePrepared`), not once a dataset.
  if (current && current.config === config && current.site === context.site) return current.stores;
  const siteDigest = valueDigest(context.site);
  if (!current || current.config !== config || current.context !== siteDigest) {
    const heads = new Fragments<PreparedHead>('ckan-package-heads', siteDigest, config);
    const shards = (function* () {
      for (const [key, head] of heads.previousEntries()) yield [key, head.textShard] as [string, number];
    })();
    current = { config, site: context.site, context: siteDigest, stores: { heads, texts: new PlacedFragments<PreparedTexts>('ckan-package-texts', siteDigest, shards, config), order: null } };
  }
  current.site = context.site;
  return current.stores;
}

/** A kept dict: its facts read, its texts read from the store the first time an answer needs them (or made again, if the store lost them). */
class KeptDataset implements PreparedDataset {
  readonly id: string;
  readonly name: string;
  readonly uuid: string;
  readonly modified: string;
  readonly jsonLength: number;
  key: string;
  private texts: PreparedTexts | undefined;
  private readonly shard: number;
  private readonly store: PlacedFragments<PreparedTexts>;
  private readonly make: () => PreparedDataset;

  constructor(head: PreparedHead, key: string, store: PlacedFragments<PreparedTexts>, make: () => PreparedDataset) {
    ({ id: this.id, name: this.name, uuid: this.uuid, modified: this.modified, jsonLength: this.jsonLength, textShard: this.shard } = head);
    this.key = key;
    this.store = store;
    this.make = make;
  }

  get json(): string {
    return this.read().json;
  }

  get projectionJson(): string {
    return this.read().projectionJson;
  }

  private read(): PreparedTexts {
    if (this.texts === undefined) {
      this.texts = this.store.find(this.key, this.shard);
      if (this.texts === undefined) {
        const { json, projectionJson } = this.make();
        this.store.set(this.key, (this.texts = { json, projectionJson }), this.shard);
      }
    }
    return this.texts;
  }
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
  // What the answers made of this dict are kept by (answer-memo.ts): the same key, the same dict.
  const key = `${datasetDigest(dataset as Dataset)} ${valueDigest(read)}`;
  const { heads, texts } = stores(context, config);
  const head = heads.find(key);
  if (head !== undefined) {
    texts.keep(key, head.textShard);
    return new KeptDataset(head, key, texts, make);
  }
  const prepared = make();
  heads.set(key, { id: prepared.id, name: prepared.name, uuid: prepared.uuid, modified: prepared.modified, jsonLength: prepared.jsonLength, textShard: -1 });
  texts.set(key, { json: prepared.json, projectionJson: prepared.projectionJson });
  prepared.key = key;
  return prepared;
}

/** The dicts of this build in search order (the first order given: the whole catalogue's), where new texts are placed beside their neighbours. */
export function preparedOrder(datasets: readonly PreparedDataset[]): void {
  if (current && current.stores.order === null && fragmentsConfig() === current.config) current.stores.order = datasets.map((dataset) => dataset.key!);
}

/** Keeps this build's dicts for the next; the stores are then done with. */
export function savePrepared(): void {
  if (current) {
    const { heads, texts, order } = current.stores;
    const placed = texts.save(order ?? []);
    // Each new dict's head says where its texts went (a head made this build: written with them).
    for (const [key, shard] of placed ?? []) heads.set(key, { ...heads.find(key)!, textShard: shard });
    heads.save();
    // The one store both were until session 15, in a cache made before: let go.
    rmSync(storeFolder(current.config, 'ckan-packages'), { recursive: true, force: true });
  }
  current = null;
}
