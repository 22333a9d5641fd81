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
import type { CkanContext, DatasetFacts } from './context.ts';

/**
 * What every build reads of a kept dict, by its dataset's digest: the keys it answers to, its place
 * in the search order, its text's length (the index's runs, index-files.ts), and the dataset's facts
 * the CKAN context takes from it alone (context.ts `DatasetFacts`: its UUID and dates are the dict's).
 * A list, not an object, and its tag names one string: read whole every build, 10,000 objects
 * took the deserialiser twice as long (their property names read again for each).
 */
type PreparedHead = [
  id: string,
  name: string,
  uuid: string,
  modified: string,
  jsonLength: number,
  /** The texts' shard (-1 until placed, when saved). */
  textShard: number,
  /** The dataset's CKAN `metadata_created`, and its CKAN tag names (context.ts), one a line. */
  created: string,
  tagNames: string,
  /** What the dict read of other datasets (`readKey`): the dict is this build's only when that is the same. */
  read: string,
];
/** Where each field is in a head. */
const at = { uuid: 2, modified: 3, textShard: 5, created: 6, tagNames: 7, read: 8 } as const;

/** What only the answers made of a dict read. */
type PreparedTexts = Pick<PreparedDataset, 'json' | 'projectionJson'>;

type Stores = { heads: Fragments<PreparedHead>; texts: PlacedFragments<PreparedTexts>; order: string[] | null };
let current: { config: FragmentsConfig; site: CkanContext['site']; context: string; stores: Stores } | null = null;

/** A dict's key (what the answers made of it are kept by, answer-memo.ts; its texts' key): its dataset's digest and what it read of other datasets. */
const dictKey = (digest: string, read: string) => `${digest} ${read}`;

/**
 * The stores of this thread's build: made once, read by every writer that prepares the dicts (the
 * action API, the handler's index of the public datasets), saved by the last of them (`savePrepared`).
 */
function stores(site: CkanContext['site'], config: FragmentsConfig): Stores {
  // The site's digest is worked out once a build (until `savePrepared`), not once a dataset.
  if (current && current.config === config && current.site === site) return current.stores;
  const siteDigest = valueDigest(site);
  if (!current || current.config !== config || current.context !== siteDigest) {
    const heads = new Fragments<PreparedHead>('ckan-package-heads', `heads 2 ${siteDigest}`, config);
    const shards = (function* () {
      for (const [digest, head] of heads.previousEntries()) yield [dictKey(digest, head[at.read]), head[at.textShard]] as [string, number];
    })();
    current = { config, site, context: siteDigest, stores: { heads, texts: new PlacedFragments<PreparedTexts>('ckan-package-texts', siteDigest, shards, config), order: null } };
  }
  current.site = site;
  return current.stores;
}

/**
 * The facts of each dataset the last build kept a dict of (by its digest), for the CKAN context
 * (context.ts `ckanContext`): read from the dicts' heads, which every build reads anyway, so that
 * an edit works out one dataset's UUID, dates and tag names, not every one's. Null without a cache.
 */
export function keptFacts(site: CkanContext['site']): ((dataset: WriterDataset) => DatasetFacts | undefined) | null {
  const config = fragmentsConfig();
  if (config === null) return null;
  const { heads } = stores(site, config);
  return (dataset) => {
    const head = heads.peek(datasetDigest(dataset as Dataset));
    // CKAN tag names hold no line break (context.ts `ckanTagName`).
    return head && [head[at.uuid], head[at.created], head[at.modified], head[at.tagNames] === '' ? [] : head[at.tagNames].split('\n')];
  };
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
    [this.id, this.name, this.uuid, this.modified, this.jsonLength, this.shard] = head;
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
  // The digest of the main thread's whole dataset, remembered for the writer thread's copy
  // (api-thread-entry.ts): that copy leaves out fields no dict reads, so it keys the same dict.
  const digest = datasetDigest(dataset as Dataset);
  const read = readKey(dataset, context);
  // What the answers made of this dict are kept by (answer-memo.ts): the same key, the same dict.
  const key = dictKey(digest, read);
  const { heads, texts } = stores(context.site, config);
  const head = heads.peek(digest);
  if (head !== undefined && head[at.read] === read) {
    heads.find(digest);
    texts.keep(key, head[at.textShard]);
    return new KeptDataset(head, key, texts, make);
  }
  const prepared = make();
  const dates = context.datasetDates.get(dataset.id)!;
  const tagNames = context.datasetTags.get(dataset.id)!.join('\n');
  heads.set(digest, [prepared.id, prepared.name, prepared.uuid, prepared.modified, prepared.jsonLength, -1, dates.created, tagNames, read]);
  texts.set(key, { json: prepared.json, projectionJson: prepared.projectionJson });
  prepared.key = key;
  return prepared;
}

/**
 * What a dict reads of other datasets, for its key: its team's `created` (its oldest dataset's) and,
 * when it has any, its relationships and the UUIDs at their ends (hashed). Its own UUID and CKAN
 * dates are not said: they are worked out from the dataset (its digest names them) and the site's
 * URL (the stores' context). Most datasets have no relationship: their key is hashed from nothing
 * (hashing each dataset's facts took 20 to 30 ms of the writer thread on every build, session 16).
 */
function readKey(dataset: WriterDataset, context: CkanContext): string {
  const teamCreated = context.teamCreated.get(dataset.team.id);
  const asSubject = context.relationshipsAsSubject.get(dataset.id) ?? [];
  const asObject = context.relationshipsAsObject.get(dataset.id) ?? [];
  if (asSubject.length === 0 && asObject.length === 0) return `${teamCreated}`;
  const ends = [...asSubject, ...asObject].map((row) => [context.datasetUuids.get(row.subject), context.datasetUuids.get(row.object)]);
  return `${teamCreated} ${valueDigest({ relationships: [asSubject, asObject], ends })}`;
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
    // Each new dict's head says where its texts went (a head made this build: written with them);
    // not a head made again since, for another view of the catalogue (an internal build's public index).
    for (const [key, shard] of placed ?? []) {
      const digest = key.slice(0, key.indexOf(' '));
      const head = heads.find(digest);
      if (head && dictKey(digest, head[at.read]) === key) heads.set(digest, head.with(at.textShard, shard) as PreparedHead);
    }
    heads.save();
    // The one store both were until session 15, in a cache made before: let go.
    rmSync(storeFolder(current.config, 'ckan-packages'), { recursive: true, force: true });
  }
  current = null;
}
