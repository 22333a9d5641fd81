// CKAN package dicts as content: organizations become teams, groups topics, extras custom fields,
// licences the catalogue's licence ids, resources external URLs; names become dataset ids (so
// /dataset/<name> links still resolve), and the package and resource UUIDs are kept as `ckanId`
// (so API clients' stored ids still resolve).
import { relationshipTypes } from '../catalogue/schema.ts';
import { CustomFieldSet, titleOfKey, type CustomValue } from './custom-fields.ts';
import type { ExistingContent } from './existing.ts';
import { asList, cleanFormat, cleanTags, cleanText, compact, isEmail, isHttpUrl, schemaProblem } from './fields.ts';
import type { ImportedCatalogue, ImportedDataset, ImportedTeam, ImportedTopic, ImportNote, SiteSeed } from './imported.ts';
import { momentOf } from './jkan.ts';
import { LicenceMap } from './licences.ts';
import { isContentId, slugify, UniqueIds } from './slug.ts';

/** A package dict as read, with where it came from for notes. */
export interface SourcePackage {
  dict: Record<string, unknown>;
  source: string;
  line: number | null;
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A CKAN date (UTC, no zone: 2019-02-05T16:34:18.123456) as a moment with Z. */
function ckanMoment(value: unknown): string | undefined {
  return momentOf(cleanText(value));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CKAN ids are UUIDs (`ckanId` takes nothing else); each is kept once, as the loader asks. */
class CkanIdSet {
  private readonly taken = new Set<string>();

  claim(value: unknown): string | undefined {
    const id = cleanText(value)?.toLowerCase();
    if (!id || !uuidPattern.test(id) || this.taken.has(id)) return undefined;
    this.taken.add(id);
    return id;
  }
}

/** `["a","b"]` as a list: how datashelf (and many portals) write a list into an extra. */
function extraValue(value: unknown): CustomValue | null {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value);
  if (text === null || text.trim() === '') return null;
  if (/^\[.*\]$/s.test(text.trim())) {
    try {
      const list = JSON.parse(text) as unknown;
      if (Array.isArray(list) && list.every((item) => typeof item === 'string')) return list as string[];
    } catch {
      // Text that only looks like a list stays text.
    }
  }
  return text;
}

export function importCkanPackages(packages: SourcePackage[], existing: ExistingContent, site: SiteSeed, initialNotes: ImportNote[] = []): ImportedCatalogue {
  const notes: ImportNote[] = [...initialNotes];
  const note = (severity: ImportNote['severity'], item: SourcePackage, message: string) => notes.push({ severity, source: item.source, line: item.line, message });
  const licences = new LicenceMap(existing.licences);
  const customFields = new CustomFieldSet(existing.customFields);
  const teams = new Map<string, ImportedTeam>();
  const topics = new Map<string, ImportedTopic>();
  const datasetIds = new UniqueIds();
  const ckanIds = new CkanIdSet();

  // Relationships name the other package by UUID: its name (our id) is found among the packages read.
  const usable = packages.filter((item) => {
    const state = cleanText(item.dict.state) ?? 'active';
    const type = cleanText(item.dict.type) ?? 'dataset';
    if (state !== 'active' || type !== 'dataset') {
      note('skipped', item, `'${cleanText(item.dict.name) ?? '?'}' is ${state !== 'active' ? `in state '${state}'` : `of type '${type}', not a dataset`}`);
      return false;
    }
    return true;
  });
  const idOf = new Map<string, string>();
  const planned = usable.map((item) => {
    const name = cleanText(item.dict.name) ?? cleanText(item.dict.title) ?? '';
    const id = datasetIds.claim(name, 'dataset');
    const uuid = cleanText(item.dict.id);
    if (uuid) idOf.set(uuid, id);
    idOf.set(name, id);
    if (id !== name) note('changed', item, `the name '${name}' is not a valid id: the dataset's id is '${id}'`);
    return { item, id, name };
  });

  const datasets: ImportedDataset[] = [];
  for (const { item, id, name } of planned) {
    const dict = item.dict;
    const title = cleanText(dict.title) ?? name;
    const organization = isDict(dict.organization) ? dict.organization : null;
    const teamName = cleanText(organization?.name) ?? 'no-organisation';
    const team = isContentId(teamName) ? teamName : slugify(teamName) || 'no-organisation';
    if (!teams.has(team)) {
      const image = cleanText(organization?.image_display_url) ?? cleanText(organization?.image_url);
      teams.set(team, compact({ id: team, title: cleanText(organization?.title) ?? cleanText(organization?.name) ?? 'No organisation', description: cleanText(organization?.description), image: image && isHttpUrl(image) ? image : null }) as unknown as ImportedTeam);
    }
    const topicIds = asList(dict.groups).flatMap((group) => {
      if (!isDict(group)) return [];
      const groupName = cleanText(group.name);
      if (!groupName) return [];
      const topic = isContentId(groupName) ? groupName : slugify(groupName);
      if (!topic) return [];
      if (!topics.has(topic)) topics.set(topic, compact({ id: topic, title: cleanText(group.title) ?? cleanText(group.display_name) ?? groupName, description: cleanText(group.description) }) as unknown as ImportedTopic);
      return [topic];
    });
    const { tags } = cleanTags(asList(dict.tags).map((tag) => (isDict(tag) ? (tag.display_name ?? tag.name) : tag)));
    const licence = licences.resolve({ id: cleanText(dict.license_id), title: cleanText(dict.license_title), url: cleanText(dict.license_url), open: typeof dict.isopen === 'boolean' ? dict.isopen : null });

    const person = cleanText(dict.maintainer) ?? cleanText(dict.author);
    let email = cleanText(dict.maintainer_email) ?? cleanText(dict.author_email);
    if (email && !isEmail(email)) {
      note('changed', item, `'${name}': maintainer e-mail '${email}' is not one address: left out`);
      email = null;
    }
    const contact = person || email ? compact({ title: person ?? teams.get(team)!.title, email }) : undefined;

    const custom: Record<string, CustomValue> = {};
    for (const extra of asList(dict.extras)) {
      if (!isDict(extra)) continue;
      const key = cleanText(extra.key);
      const value = extraValue(extra.value);
      if (!key || value === null) continue;
      const [fieldId, fieldValue] = customFields.value(key, titleOfKey(key), value);
      custom[fieldId] = fieldValue;
    }
    for (const key of ['version', 'author'] as const) {
      const value = cleanText(dict[key]);
      if (value && !(key === 'author' && value === person)) custom[customFields.value(key, titleOfKey(key), value)[0]] = value;
    }

    const resourceIds = new UniqueIds();
    const resources = asList(dict.resources).flatMap((resource, index) => {
      if (!isDict(resource)) return [];
      const url = cleanText(resource.url);
      if (!url || !isHttpUrl(url)) {
        note('changed', item, `'${name}' resources[${index}] has ${url ? `the url '${url}', not an http(s) address` : 'no url'}: left out`);
        return [];
      }
      const format = cleanFormat(resource.format);
      const resourceTitle = cleanText(resource.name) || lastSegment(url) || format || `Resource ${index + 1}`;
      // A UUID is kept as the CKAN id; the id in content/ is read by people, so it comes from the title.
      const ckanId = ckanIds.claim(resource.id);
      const sourceId = cleanText(resource.id);
      const resourceId = !ckanId && sourceId && isContentId(sourceId) ? resourceIds.claim(sourceId, 'resource') : resourceIds.claim(resourceTitle, 'resource');
      const mediaType = cleanText(resource.mimetype);
      return [compact({ id: resourceId, ckanId, title: resourceTitle, url, format, mediaType: mediaType && /^[a-z]+\/[a-z0-9.+-]+$/i.test(mediaType) ? mediaType : null, description: cleanText(resource.description) })];
    });

    const sourceUrl = cleanText(dict.url);
    const links = sourceUrl && isHttpUrl(sourceUrl) && !new RegExp(`/dataset/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`).test(sourceUrl) ? [{ id: 'source', title: 'Source', url: sourceUrl }] : [];

    const relationships = asList(dict.relationships_as_subject).flatMap((row) => {
      if (!isDict(row)) return [];
      const type = cleanText(row.type);
      const extras = isDict(row.__extras) ? row.__extras : {};
      const other = idOf.get(cleanText(extras.object_package_id) ?? cleanText(row.object) ?? '');
      if (!type || !(relationshipTypes as readonly string[]).includes(type) || !other) return [];
      return [compact({ type, dataset: other, comment: cleanText(row.comment) })];
    });

    const fields = compact({
      id,
      ckanId: ckanIds.claim(dict.id),
      title,
      team,
      tags,
      topics: [...new Set(topicIds)],
      licence,
      contact,
      sharing: dict.private === true ? 'private' : undefined,
      custom,
      createdAt: ckanMoment(dict.metadata_created),
      updatedAt: ckanMoment(dict.metadata_modified),
      resources,
      links,
      relationships,
    });
    const problem = schemaProblem(fields);
    if (problem) {
      note('skipped', item, `'${name}': ${problem}`);
      continue;
    }
    datasets.push({ id, fields, body: cleanText(dict.notes) ?? '' });
  }
  return { site, teams: [...teams.values()], topics: [...topics.values()], licences: licences.definitions(), customFields: customFields.definitions(), datasets, notes };
}

function lastSegment(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment).trim();
  } catch {
    return segment;
  }
}
