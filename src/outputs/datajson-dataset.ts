// One dataset as an entry of a DCAT-US 1.1 (Project Open Data) data.json: the model's fields under
// the schema's names, in a fixed key order. Which fields, and what stands in when the model lacks
// one, is decided here (README, "DCAT-US data.json").
import type { Dataset, Resource, Site } from '../catalogue/model.ts';
import { datasetTimeFrame, lastChanged } from './dataset-dates.ts';
import { defaultMediaType } from './hosts/media-types.ts';

/** The media type form the schema accepts (no parameters): anything else is left out, not sent broken. */
const schemaMediaType = /^[-\w]+\/[-\w]+(\.[-\w]+)*([+][-\w]+)?$/;

interface PodOrganization {
  '@type': 'org:Organization';
  name: string;
  subOrganizationOf?: PodOrganization;
}

interface PodContact {
  '@type': 'vcard:Contact';
  fn: string;
  hasEmail?: string;
}

export interface PodDistribution {
  '@type': 'dcat:Distribution';
  title: string;
  description?: string;
  format?: string;
  downloadURL?: string;
  mediaType?: string;
  accessURL?: string;
}

export interface PodDataset {
  '@type': 'dcat:Dataset';
  identifier: string;
  title: string;
  description: string;
  keyword: string[];
  issued?: string;
  modified?: string;
  publisher: PodOrganization;
  contactPoint: PodContact;
  accessLevel: 'public' | 'non-public';
  license?: string;
  landingPage: string;
  language: string[];
  theme?: string[];
  temporal?: string;
  distribution: PodDistribution[];
  references?: string[];
}

export function podDataset(site: Site, dataset: Dataset): PodDataset {
  const issued = dataset.createdAt;
  const modified = lastChanged(dataset);
  const themes = unique(dataset.topics.map((topic) => topic.title));
  const temporal = temporalInterval(dataset);
  const references = unique(dataset.links.map((link) => link.url));
  return {
    '@type': 'dcat:Dataset',
    // Our id: unique within this catalogue (what the schema asks) and unchanged if the site moves.
    identifier: dataset.id,
    title: dataset.title,
    // Plain text; the schema requires some, so a dataset without a body is described by its title.
    description: dataset.descriptionText.trim() || dataset.title,
    keyword: keywords(dataset),
    ...(issued ? { issued } : {}),
    ...(modified ? { modified } : {}),
    publisher: publisher(site, dataset),
    contactPoint: contactPoint(site, dataset),
    // Only an internal build (--include-private) holds private datasets; nothing public says non-public.
    accessLevel: dataset.sharing === 'public' ? 'public' : 'non-public',
    ...(dataset.licence?.url ? { license: dataset.licence.url } : {}),
    landingPage: dataset.webpage,
    language: [site.language],
    ...(themes.length ? { theme: themes } : {}),
    ...(temporal ? { temporal } : {}),
    distribution: dataset.resources.map(distribution),
    ...(references.length ? { references } : {}),
  };
}

/** The schema requires at least one keyword: the tags, else the topics' titles, else the title. */
function keywords(dataset: Dataset): string[] {
  const tags = unique(dataset.tags.map((tag) => tag.name));
  if (tags.length) return tags;
  const topics = unique(dataset.topics.map((topic) => topic.title));
  return topics.length ? topics : [dataset.title];
}

/** The team publishes, as a part of the catalogue's publisher (a council's service, an agency's office). */
function publisher(site: Site, dataset: Dataset): PodOrganization {
  const team: PodOrganization = { '@type': 'org:Organization', name: dataset.team.title };
  if (dataset.team.title === site.publisher.name) return team;
  return { ...team, subOrganizationOf: { '@type': 'org:Organization', name: site.publisher.name } };
}

/**
 * Who to ask: the first of the dataset's contact (which defaults to the catalogue's), its team and
 * the publisher that has an e-mail address (the federal schema requires one); with none, the
 * dataset's contact or team by name only.
 */
function contactPoint(site: Site, dataset: Dataset): PodContact {
  const candidates = [
    dataset.contact && { name: dataset.contact.title, email: dataset.contact.email ?? null },
    { name: dataset.team.title, email: dataset.team.email },
    site.contact && { name: site.contact.title, email: site.contact.email ?? null },
    { name: site.publisher.name, email: site.publisher.email },
  ];
  const reachable = candidates.find((candidate) => candidate?.email);
  if (reachable) return { '@type': 'vcard:Contact', fn: reachable.name, hasEmail: `mailto:${reachable.email}` };
  return { '@type': 'vcard:Contact', fn: dataset.contact?.title ?? dataset.team.title };
}

/**
 * `2020-01/2024-11`: the months the files cover. The schema takes only whole intervals, so a
 * dataset whose files give only a start or only an end, or no time frame, has no `temporal`.
 */
function temporalInterval(dataset: Dataset): string | null {
  const frame = datasetTimeFrame(dataset);
  return frame?.from && frame.to ? `${frame.from}/${frame.to}` : null;
}

/** A file published with the site downloads from here; a link elsewhere may be a page, so it is an access URL. */
function distribution(resource: Resource): PodDistribution {
  const common: PodDistribution = {
    '@type': 'dcat:Distribution',
    title: resource.title,
    ...(resource.description ? { description: resource.description } : {}),
    ...(resource.format ? { format: resource.format } : {}),
  };
  if (resource.kind === 'file') {
    // The schema requires a media type beside a download URL; an unknown one is served as bytes.
    const mediaType = resource.mediaType && schemaMediaType.test(resource.mediaType) ? resource.mediaType : defaultMediaType;
    return { ...common, downloadURL: resource.url, mediaType };
  }
  return { ...common, accessURL: resource.url };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
