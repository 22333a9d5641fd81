// What the DCAT-AP output reads of the catalogue, and nothing else: its writer thread is handed
// this instead of the whole catalogue (no Markdown, HTML, previews, custom fields or revisions, a
// fraction of the copy), and a dataset's part of it is what the output's per-dataset fragments are
// keyed by (its digest: an edit to a field DCAT-AP does not say serialises nothing again).
import { createHash } from 'node:crypto';
import type { Catalogue, Dataset, Link, Relationship, Resource, Site, Tag, Team } from '../../catalogue/model.ts';

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
 * so a structured clone copies it once.
 */
export function dcatInput(catalogue: DcatCatalogue): DcatCatalogue {
  const { site } = catalogue;
  const teams = new Map<DcatTeam, DcatTeam>();
  const team = (model: DcatTeam) => teams.get(model) ?? teams.set(model, { id: model.id, title: model.title, email: model.email, url: model.url, type: model.type }).get(model)!;
  return {
    site: { url: site.url, title: site.title, description: site.description, language: site.language, publisher: site.publisher, spatial: site.spatial, defaultLicence: site.defaultLicence },
    topics: catalogue.topics,
    datasets: catalogue.datasets.map((dataset) => ({
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
    })),
  };
}

/**
 * A dataset's digest for this output: a hash of what it reads of the dataset, so the same digest
 * means the same DCAT-AP nodes (under the same site: the fragments' context). Narrower than
 * dataset-digest.ts `datasetDigest` (the whole dataset) by construction: the writer can read nothing
 * this leaves out, and its thread has nothing else to hash.
 */
export function dcatDatasetDigest(dataset: DcatDataset): string {
  return createHash('sha256').update(JSON.stringify(dataset)).digest('base64url');
}
