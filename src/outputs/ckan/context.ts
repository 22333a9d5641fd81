// What every CKAN dict needs to know about the catalogue beyond one dataset: UUIDs, the datasets'
// CKAN dates, relationships seen from both ends, counts per team, topic and tag. Worked out once per
// build (linear in the catalogue), then read by the package, organization, group and tag builders.
import type { Site } from '../../catalogue/model.ts';
import type { WriterCatalogue, WriterDataset } from '../../build/writer-input.ts';
import type { RelationshipType } from '../../catalogue/schema.ts';
import { ckanDateTime, unknownDate } from './dates.ts';
import { datasetUuid } from './ids.ts';
import { byText } from './order.ts';

export { byText };

/** A relationship as CKAN stores it: once, in its forward type (`child_of`, never `parent_of`). */
export interface RelationshipRow {
  subject: string;
  object: string;
  type: ForwardRelationshipType;
  comment: string | null;
}

export type ForwardRelationshipType = 'depends_on' | 'derives_from' | 'links_to' | 'child_of';

/** CKAN's pairs (`ckan/model/package_relationship.py`): each reverse type and the forward type it is stored as. */
const forwardOf: Record<RelationshipType, { type: ForwardRelationshipType; reversed: boolean }> = {
  depends_on: { type: 'depends_on', reversed: false },
  dependency_of: { type: 'depends_on', reversed: true },
  derives_from: { type: 'derives_from', reversed: false },
  has_derivation: { type: 'derives_from', reversed: true },
  links_to: { type: 'links_to', reversed: false },
  linked_from: { type: 'links_to', reversed: true },
  child_of: { type: 'child_of', reversed: false },
  parent_of: { type: 'child_of', reversed: true },
};

export interface CkanContext {
  site: Site;
  /** CKAN's `id` of each dataset of this build, by our id. */
  datasetUuids: Map<string, string>;
  /** `metadata_created` / `metadata_modified` of each dataset, by our id. */
  datasetDates: Map<string, MetadataDates>;
  relationshipsAsSubject: Map<string, RelationshipRow[]>;
  relationshipsAsObject: Map<string, RelationshipRow[]>;
  /** An organization's `created`: its oldest dataset's `metadata_created` in this build. */
  teamCreated: Map<string, string>;
  /** A group's `created`, likewise from its datasets. */
  topicCreated: Map<string, string>;
  datasetCountByTeam: Map<string, number>;
  datasetCountByTopic: Map<string, number>;
  /** Every CKAN tag name on a dataset of this build (see `ckanTagName`), sorted; with how many datasets carry it. */
  tags: Map<string, number>;
  /** Each dataset's CKAN tag names (`ckanTagNames`), by our id: API v1/v2's tag entities read them again (rest.ts `datasetsByTag`). */
  datasetTags: Map<string, string[]>;
}

export interface MetadataDates {
  created: string;
  modified: string;
}

/**
 * A dataset's CKAN dates: each falls back on the other when only one is known, and both are
 * `unknownDate` when neither is (only in a shallow clone without dates in the files, which the
 * loader warns about): never the build's clock, so builds stay byte-identical.
 */
export function metadataDates(dataset: Pick<WriterDataset, 'createdAt' | 'updatedAt'>): MetadataDates {
  const created = dataset.createdAt ?? dataset.updatedAt;
  const modified = dataset.updatedAt ?? dataset.createdAt;
  return { created: created ? ckanDateTime(created) : unknownDate, modified: modified ? ckanDateTime(modified) : unknownDate };
}

/** `known`: each dataset's facts kept from the last build, where it has them (prepared-store.ts `keptFacts`). */
export function ckanContext(catalogue: WriterCatalogue, known: ((dataset: WriterDataset) => DatasetFacts | undefined) | null = null): CkanContext {
  const { site } = catalogue;
  const datasetUuids = new Map<string, string>();
  const datasetDates = new Map<string, MetadataDates>();
  const teamCreated = new Map<string, string>();
  const topicCreated = new Map<string, string>();
  const datasetCountByTeam = new Map<string, number>();
  const datasetCountByTopic = new Map<string, number>();
  const tagCounts = new Map<string, number>();
  const datasetTags = new Map<string, string[]>();
  const earliest = (map: Map<string, string>, key: string, date: string) => {
    const known = map.get(key);
    if (known === undefined || date < known) map.set(key, date);
  };
  const facts = datasetFacts(site, known);
  for (const dataset of catalogue.datasets) {
    const [uuid, created, modified, tagNames] = facts(dataset);
    datasetUuids.set(dataset.id, uuid);
    const dates = { created, modified };
    datasetDates.set(dataset.id, dates);
    earliest(teamCreated, dataset.team.id, dates.created);
    datasetCountByTeam.set(dataset.team.id, (datasetCountByTeam.get(dataset.team.id) ?? 0) + 1);
    for (const topic of dataset.topics) {
      earliest(topicCreated, topic.id, dates.created);
      datasetCountByTopic.set(topic.id, (datasetCountByTopic.get(topic.id) ?? 0) + 1);
    }
    datasetTags.set(dataset.id, tagNames);
    for (const name of tagNames) tagCounts.set(name, (tagCounts.get(name) ?? 0) + 1);
  }

  // Each relationship once, in CKAN's stored form, whichever end declared it (first declaration wins).
  const rows = new Map<string, RelationshipRow>();
  for (const dataset of catalogue.datasets) {
    for (const relationship of dataset.relationships) {
      // Only between datasets of this build: a public build never names a private dataset.
      if (!datasetUuids.has(relationship.dataset)) continue;
      const { type, reversed } = forwardOf[relationship.type];
      const [subject, object] = reversed ? [relationship.dataset, dataset.id] : [dataset.id, relationship.dataset];
      const key = `${subject} ${type} ${object}`;
      if (!rows.has(key)) rows.set(key, { subject, object, type, comment: relationship.comment });
    }
  }
  const relationshipsAsSubject = new Map<string, RelationshipRow[]>();
  const relationshipsAsObject = new Map<string, RelationshipRow[]>();
  for (const key of [...rows.keys()].sort(byText)) {
    const row = rows.get(key)!;
    pushTo(relationshipsAsSubject, row.subject, row);
    pushTo(relationshipsAsObject, row.object, row);
  }

  return {
    site,
    datasetUuids,
    datasetDates,
    relationshipsAsSubject,
    relationshipsAsObject,
    teamCreated,
    topicCreated,
    datasetCountByTeam,
    datasetCountByTopic,
    tags: new Map([...tagCounts].sort(([a], [b]) => byText(a, b))),
    datasetTags,
  };
}

/** What a dataset's CKAN dicts take of it alone: its UUID, its CKAN dates, its CKAN tag names. */
export type DatasetFacts = [uuid: string, created: string, modified: string, tagNames: string[]];

/**
 * A dataset's facts: `known`'s when it has them (the last build's dict of the same dataset, by its
 * digest, prepared-store.ts `keptFacts`), else worked out. Hashing 10,000 UUIDs (SHA-1), formatting
 * 20,000 dates and sorting every dataset's tag names took 60 to 100 ms of the writer thread on
 * every edit at 10,000 datasets (session 16); an edit works out one dataset's.
 */
function datasetFacts(site: Site, known: ((dataset: WriterDataset) => DatasetFacts | undefined) | null): (dataset: WriterDataset) => DatasetFacts {
  const make = (dataset: WriterDataset): DatasetFacts => {
    const dates = metadataDates(dataset);
    return [datasetUuid(site.url, dataset), dates.created, dates.modified, ckanTagNames(dataset)];
  };
  return known ? (dataset) => known(dataset) ?? make(dataset) : make;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A tag name as CKAN accepts it (`tag_name_validator`: letters, digits, spaces, `-`, `_`, `.`):
 * any other run of characters becomes one space, so `Health & Social Care` is `Health Social Care`.
 * CKAN clients that re-create datasets (ckanext-harvest, `ckanapi load`) would reject the dataset
 * otherwise. Every CKAN output names a tag this way, and its id comes from this name.
 */
export function ckanTagName(name: string): string {
  let ckanName = knownTagNames.get(name);
  if (ckanName === undefined) {
    ckanName = name
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_ .-]+/gu, ' ')
      .replace(/ {2,}/g, ' ')
      .trim();
    // A few hundred distinct names carried tens of thousands of times: each worked out once (two
    // passes over the catalogue, with regular expressions of Unicode classes: 0.1 s at 10,000 datasets).
    if (knownTagNames.size >= maxKnownTagNames) knownTagNames.clear();
    knownTagNames.set(name, ckanName);
  }
  return ckanName;
}

const knownTagNames = new Map<string, string>();
const maxKnownTagNames = 100_000;

/** A dataset's tags as CKAN names: distinct, sorted. */
export function ckanTagNames(dataset: Pick<WriterDataset, 'tags'>): string[] {
  return [...new Set(dataset.tags.map((tag) => ckanTagName(tag.name)))].sort(byText);
}

