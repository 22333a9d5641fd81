// CKAN identifies everything by UUID; real clients (CKAN 2.11's harvester, udata) reject other
// ids. Ours are derived, name-based UUIDs (RFC 9562 version 5): the same catalogue URL and slug
// always give the same UUID, so builds stay byte-identical and ids never change. A dataset or file
// brought from a CKAN portal keeps the UUID it had there (`ckanId`), so old API ids still resolve.
import { hash } from 'node:crypto';
import type { WriterDataset, WriterResource } from '../../build/writer-input.ts';

// The RFC's URL namespace: our names are URLs under the catalogue's canonical base.
const urlNamespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

export function uuidFor(name: string): string {
  // One call, not a hash object of its own: tens of thousands of ids a build (each dataset's, file's,
  // tag's), about ten times faster so.
  const bytes = Buffer.allocUnsafe(urlNamespace.length + Buffer.byteLength(name));
  urlNamespace.copy(bytes);
  bytes.write(name, urlNamespace.length, 'utf8');
  const hex = hash('sha1', bytes, 'hex');
  // The version (5) in byte 6's high half, the variant (binary 10) in byte 8's two high bits.
  const variant = variantDigits[Number.parseInt(hex[16]!, 16) & 0x3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const variantDigits = '89ab';

/**
 * The UUID of a name met again and again (a team's, a topic's, a tag's: in every dict and answer
 * that holds it, some nine a dataset), worked out once: a few hundred names, where hashing each
 * time took 90,000 SHA-1s a full build at 10,000 datasets (about 60 ms of the writer thread's CPU).
 */
function repeatedUuid(name: string): string {
  let uuid = repeatedUuids.get(name);
  if (uuid === undefined) {
    if (repeatedUuids.size >= maxRepeatedUuids) repeatedUuids.clear();
    uuid = uuidFor(name);
    repeatedUuids.set(name, uuid);
  }
  return uuid;
}

const repeatedUuids = new Map<string, string>();
const maxRepeatedUuids = 100_000;

/** The UUID of each kind of thing, from the catalogue's canonical URL and our own ids. */
export const ckanIds = {
  dataset: (siteUrl: string, datasetId: string) => uuidFor(`${siteUrl}dataset/${datasetId}`),
  resource: (siteUrl: string, datasetId: string, resourceId: string) => uuidFor(`${siteUrl}dataset/${datasetId}/resource/${resourceId}`),
  organization: (siteUrl: string, teamId: string) => repeatedUuid(`${siteUrl}team/${teamId}`),
  group: (siteUrl: string, topicId: string) => repeatedUuid(`${siteUrl}topic/${topicId}`),
  tag: (siteUrl: string, tagName: string) => repeatedUuid(`${siteUrl}tag/${tagName}`),
  revision: (siteUrl: string, commit: string) => uuidFor(`${siteUrl}revision/${commit}`),
  /** A relationship as CKAN stores it: subject, forward type, object (`child_of`, never `parent_of`). */
  relationship: (siteUrl: string, subjectId: string, forwardType: string, objectId: string) => uuidFor(`${siteUrl}dataset/${subjectId}/relationship/${forwardType}/${objectId}`),
};

/** A dataset's CKAN id: the one it had in its old portal, else derived. */
export function datasetUuid(siteUrl: string, dataset: Pick<WriterDataset, 'id' | 'ckanId'>): string {
  return dataset.ckanId ?? ckanIds.dataset(siteUrl, dataset.id);
}

/** A file's CKAN id: the one it had in its old portal, else derived. */
export function resourceUuid(siteUrl: string, resource: Pick<WriterResource, 'id' | 'ckanId' | 'datasetId'>): string {
  return resource.ckanId ?? ckanIds.resource(siteUrl, resource.datasetId, resource.id);
}
