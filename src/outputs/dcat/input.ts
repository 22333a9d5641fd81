// What the DCAT-AP output reads of the catalogue, and nothing else: its writer thread is handed
// this instead of the whole catalogue (no Markdown, HTML, previews, custom fields or revisions, a
// fraction of the copy), and a dataset's part of it is what the output's per-dataset fragments are
// keyed by (its digest: an edit to a field DCAT-AP does not say serialises nothing again).
import { createHash } from 'node:crypto';
import { knownDigest } from '../../catalogue/dataset-digest.ts';
import type { Catalogue, Dataset, Link, Relationship, Resource, Site, Tag, Team } from '../../catalogue/model.ts';
import { hasUnreadFields } from '../../util/unread-fields.ts';

export type DcatSite = Pick<Site, 'url' | 'title' | 'description' | 'language' | 'publisher' | 'spatial' | 'defaultLicence'>;
export type DcatResource = Pick<Resource, 'id' | 'title' | 'description' | 'kind' | 'url' | 'format' | 'mediaType' | 'size' | 'hash' | 'timestamp' | 'timeFrameFrom' | 'timeFrameTo'>;
export type DcatTeam = Pick<Team, 'id' | 'title' | 'email' | 'url' | 'type'>;

export interface DcatDataset extends Pick<Dataset, 'id' | 'title' | 'descriptionText' | 'webpage' | 'contact' | 'topics' | 'licence' | 'spatial' | 'sharing' | 'createdAt' | 'updatedAt'> {
  team: DcatTeam;
  tags: Pick<Tag, 'name'>[];
  resources: DcatResource[];
  links: Pick<Link, 'url' | 'title' | 'description'>[];
  relationships: Pick<Relationship, 'dataset'>[];
}

export interface DcatCatalogue {
  site: DcatSite;
  topics: Catalogue['topics'];
  datasets: DcatDataset[];
}

/**
 * The catalogue as DCAT-AP reads it. The model's own objects where they are small and whole (a
 * topic, a licence, a contact, a place); a team once however many datasets it has, as in the model,
 * so a structured clone copies it once. What the writer thread is handed; the main thread's writer
 * reads the model itself (build.ts), the same fields.
 */
export function dcatInput(catalogue: DcatCatalogue): DcatCatalogue {
  // Its own already (the writer thread's input, handed to the output's part): the same objects, their model digests with them.
  if (made.has(catalogue)) return catalogue;
  const teams = new Map<DcatTeam, DcatTeam>();
  // A dataset whose fields are not all read yet (the writer thread's datasets the build's cache holds
  // as published, build/writer-input.ts) is kept as it is: it holds every field this output reads,
  // and an edit's DCAT-AP reads only the ids, pages, dates and topics of those whose pieces it keeps
  // (catalogue-graph.ts `catalogueFacts`, output.ts `plannedFiles`). Projected, all 10,000 were read whole.
  const input: DcatCatalogue = { site: dcatSite(catalogue.site), topics: catalogue.topics, datasets: catalogue.datasets.map((dataset) => (hasUnreadFields(dataset) ? dataset : dcatDataset(dataset, teams))) };
  made.add(input);
  return input;
}

/** The site's fields DCAT-AP reads, in one order: what the fragments' context is a digest of, whether of the model's site or of this. */
export function dcatSite(site: DcatSite): DcatSite {
  return { url: site.url, title: site.title, description: site.description, language: site.language, publisher: site.publisher, spatial: site.spatial, defaultLicence: site.defaultLicence };
}

/** A dataset's fields DCAT-AP reads, in one order (its digest's text: the same of a model dataset and of its projection). */
function dcatDataset(dataset: DcatDataset, teams: Map<DcatTeam, DcatTeam>): DcatDataset {
  const team = (model: DcatTeam) => teams.get(model) ?? teams.set(model, { id: model.id, title: model.title, email: model.email, url: model.url, type: model.type }).get(model)!;
  const input: DcatDataset = {
    id: dataset.id,
    title: dataset.title,
    descriptionText: dataset.descriptionText,
    webpage: dataset.webpage,
    team: team(dataset.team),
    contact: dataset.contact,
    tags: dataset.tags.map((tag) => ({ name: tag.name })),
    topics: dataset.topics,
    licence: dataset.licence,
    spatial: dataset.spatial,
    sharing: dataset.sharing,
    createdAt: dataset.createdAt,
    updatedAt: dataset.updatedAt,
    resources: dataset.resources.map((resource) => ({
      id: resource.id,
      title: resource.title,
      description: resource.description,
      kind: resource.kind,
      url: resource.url,
      format: resource.format,
      mediaType: resource.mediaType,
      size: resource.size,
      hash: resource.hash,
      timestamp: resource.timestamp,
      timeFrameFrom: resource.timeFrameFrom,
      timeFrameTo: resource.timeFrameTo,
    })),
    links: dataset.links.map((link) => ({ url: link.url, title: link.title, description: link.description })),
    relationships: dataset.relationships.map((relationship) => ({ dataset: relationship.dataset })),
  };
  projected.add(input);
  const digest = knownDigest(dataset as Dataset) ?? modelDigests.get(dataset);
  if (digest !== undefined) modelDigests.set(input, digest);
  return input;
}

/** Catalogues and datasets dcatInput made. */
const made = new WeakSet<DcatCatalogue>();
const projected = new WeakSet<DcatDataset>();

/**
 * The digest of the whole model dataset each of dcatInput's datasets was made from, when the build
 * knows it already (dataset-digest.ts: remembered from the last build for an unchanged dataset, or
 * worked out for the pages' keys), never worked out here.
 */
const modelDigests = new WeakMap<DcatDataset, string>();

/**
 * What plans a dataset's page (output.ts `planKey`) without reading the dataset: the model's digest
 * when known (the same model dataset gives the same DCAT-AP dataset, as what this output reads is
 * part of it), else this output's own digest. Tagged by kind, so the two never stand for each other.
 */
export function planDigest(dataset: DcatDataset): string {
  // A model dataset (the main thread's writer) or dcatInput's copy of one.
  const model = knownDigest(dataset as Dataset) ?? modelDigests.get(dataset);
  return model === undefined ? `${dcatKind}${dcatDatasetDigest(dataset)}` : `model ${model}`;
}

/** How a plan digest that is this output's own digest begins (the rest is that digest). */
export const dcatKind = 'dcat ';

/**
 * A dataset's digest for this output: a hash of what it reads of the dataset, so the same digest
 * means the same DCAT-AP nodes (under the same site: the fragments' context). Narrower than
 * dataset-digest.ts `datasetDigest` (the whole dataset) by construction: the writer can read nothing
 * this leaves out, and its thread has nothing else to hash.
 */
export function dcatDatasetDigest(dataset: DcatDataset): string {
  const told = toldDigests.get(dataset);
  if (told !== undefined) return told;
  const own = projected.has(dataset) ? dataset : dcatDataset(dataset, new Map());
  return createHash('sha256').update(JSON.stringify(own)).digest('base64url');
}

/** This output's digests of datasets, worked out elsewhere from the same fields (`tellDcatDigest`). */
const toldDigests = new WeakMap<DcatDataset, string>();

/**
 * `dataset`'s digest for this output, worked out by another thread from a dataset of the same
 * fields (build/writer-input.ts: the main thread's model of a dataset the writer thread is handed
 * as its head), so that it is not read whole to work it out again.
 */
export function tellDcatDigest(dataset: DcatDataset, digest: string): void {
  toldDigests.set(dataset, digest);
}
