// One dataset file's checked front matter → a model Dataset: references resolved against the
// catalogue's lists, local files located and measured, dates taken from Git, description rendered.
import { statSync } from 'node:fs';
import path from 'node:path';
import { closest } from './closest.ts';
import type { ProblemList } from './errors.ts';
import { filenameOfUrl, formatOf, isoMoment, md5File, mediaTypeOf, uploadTimestamp } from './file-facts.ts';
import type { GitHistory } from './git-history.ts';
import { containedFile } from './contained-file.ts';
import { htmlToText, renderMarkdown } from './markdown.ts';
import type { Dataset, Licence, Link, Masthead, Resource, Site, Tag, Team, Topic } from './model.ts';
import { fieldName, type ParsedDataset } from './read-files.ts';
import type { DatasetInput } from './schema.ts';
import { tagSlug } from './tags.ts';

export interface DatasetContext {
  contentDir: string;
  realContentDir: string;
  site: Site;
  topics: Map<string, Topic>;
  teams: Map<string, Team>;
  mastheads: Map<string, Masthead>;
  licences: Map<string, Licence>;
  /** Dataset id by absolute file path, for every dataset that has a valid id. */
  datasetIds: Map<string, string>;
  /** The same ids as a set, for relationship checks. */
  knownIds: Set<string>;
  history: GitHistory;
  problems: ProblemList;
}

export async function resolveDataset(parsed: ParsedDataset<DatasetInput>, id: string, context: DatasetContext): Promise<Dataset | null> {
  const { value: input, source, file } = parsed;
  const { site, problems } = context;
  const errorsBefore = problems.errors.length;
  const fail = (field: (string | number)[], message: string, hint: string, code: 'unknown-reference' | 'duplicate-id' | 'bad-file-path' | 'invalid-field' = 'unknown-reference') =>
    problems.error({ code, file, line: source.lineOf(field), field: fieldName(field), message, hint });

  const reference = <T>(map: Map<string, T>, key: string, field: (string | number)[], what: string, listFile: string): T | null => {
    const found = map.get(key);
    if (found) return found;
    const suggestion = closest(key, map.keys());
    fail(
      field,
      `'${key}' is not ${what} in content/${listFile}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      map.size > 0 ? `Use one of the ids in content/${listFile}, or add '${key}' there.` : `Add '${key}' to content/${listFile}.`,
    );
    return null;
  };

  const team = reference(context.teams, input.team, ['team'], 'a team', 'teams.yaml');
  const masthead = input.masthead ? reference(context.mastheads, input.masthead, ['masthead'], 'a masthead', 'mastheads.yaml') : null;
  const topics = input.topics.map((topic, index) => reference(context.topics, topic, ['topics', index], 'a topic', 'topics.yaml'));
  const licence = input.licence ? reference(context.licences, input.licence, ['licence'], 'a licence', 'licences.yaml or the built-in list') : site.defaultLicence;

  const tags: Tag[] = [];
  const seenTags = new Set<string>();
  input.tags.forEach((name, index) => {
    const slug = tagSlug(name);
    if (!slug) {
      fail(['tags', index], `'${name}' has no letters or digits`, 'A tag names a subject, e.g. "Air Quality".', 'invalid-field');
      return;
    }
    if (seenTags.has(slug)) return;
    seenTags.add(slug);
    tags.push({ name, slug });
  });

  const custom: Record<string, string | string[]> = {};
  const definitions = new Map(site.customFields.map((definition) => [definition.id, definition]));
  for (const [key, value] of Object.entries(input.custom)) {
    const definition = definitions.get(key);
    if (!definition) {
      const suggestion = closest(key, definitions.keys());
      fail(
        ['custom', key],
        `'${key}' is not a custom field defined in content/catalogue.yaml${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        definitions.size > 0 ? `Custom fields defined: ${[...definitions.keys()].join(', ')}; add '${key}' under customFields in content/catalogue.yaml to use it.` : `Define it under customFields in content/catalogue.yaml.`,
      );
      continue;
    }
    if (definition.type === 'text' && Array.isArray(value)) {
      fail(['custom', key], 'must be text, not a list', `'${key}' is a text field; give one value, or make it type: list in content/catalogue.yaml.`, 'invalid-field');
    }
  }
  for (const definition of site.customFields) {
    const value = input.custom[definition.id];
    if (value === undefined) continue;
    custom[definition.id] = definition.type === 'list' && !Array.isArray(value) ? [value] : value;
  }

  const webpage = `${site.url}dataset/${id}/`;
  const datasetDir = path.dirname(file);
  const resourceIds = new Set<string>();
  const resources = await Promise.all(
    input.resources.map(async (resource, position): Promise<Resource | null> => {
      if (resourceIds.has(resource.id)) {
        fail(['resources', position, 'id'], `the resource id '${resource.id}' is used twice in this dataset`, 'Give each resource of a dataset its own id.', 'duplicate-id');
        return null;
      }
      resourceIds.add(resource.id);
      const common = {
        id: resource.id,
        title: resource.title,
        description: resource.description || null,
        datasetId: id,
        position,
        timeFrameFrom: resource.timeFrameFrom ?? null,
        timeFrameTo: resource.timeFrameTo ?? null,
      };
      if (resource.url !== undefined) {
        const filename = filenameOfUrl(resource.url);
        const format = resource.format?.toUpperCase() ?? formatOf(filename);
        return {
          ...common,
          kind: 'url',
          url: resource.url,
          filename,
          format,
          mediaType: resource.mediaType ?? mediaTypeOf(format),
          size: null,
          hash: null,
          timestamp: null,
          sourcePath: null,
          publishedPath: null,
        };
      }
      const located = await containedFile(context.contentDir, context.realContentDir, datasetDir, resource.file!);
      if (typeof located === 'string') {
        fail(['resources', position, 'file'], `'${resource.file}' ${located}`, 'A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset\'s folder).', 'bad-file-path');
        return null;
      }
      const filename = path.basename(located.path);
      const format = resource.format?.toUpperCase() ?? formatOf(filename);
      const hash = await md5File(located.path, located.size);
      const publishedPath = `download/${id}/${resource.id}/${filename}`;
      return {
        ...common,
        kind: 'file',
        url: `${site.url}download/${id}/${resource.id}/${encodeURIComponent(filename)}`,
        filename,
        format,
        mediaType: resource.mediaType ?? mediaTypeOf(format),
        size: located.size,
        hash,
        timestamp: fileTimestamp(located.path, located.mtimeMs, context.history),
        sourcePath: located.path,
        publishedPath,
      };
    }),
  );

  const linkIds = new Set<string>();
  const links: Link[] = [];
  input.links.forEach((link, position) => {
    if (linkIds.has(link.id)) {
      fail(['links', position, 'id'], `the link id '${link.id}' is used twice in this dataset`, 'Give each link of a dataset its own id.', 'duplicate-id');
      return;
    }
    linkIds.add(link.id);
    links.push({
      id: link.id,
      title: link.title,
      url: link.url,
      description: link.description || null,
      datasetId: id,
      position,
      httpStatus: null,
      size: null,
      mimetype: null,
      hash: null,
      qaTimestamp: null,
    });
  });

  input.relationships.forEach((relationship, index) => {
    if (relationship.dataset === id) {
      fail(['relationships', index, 'dataset'], 'a dataset cannot be related to itself', 'Name another dataset.', 'invalid-field');
    } else if (!context.knownIds.has(relationship.dataset)) {
      const suggestion = closest(relationship.dataset, context.knownIds);
      fail(['relationships', index, 'dataset'], `'${relationship.dataset}' is not a dataset id${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, 'Give the id of a dataset in content/datasets/.');
    }
  });

  if (problems.errors.length > errorsBefore || !team) return null;

  const descriptionHtml = renderMarkdown(parsed.body);
  const sourceFile = path.relative(context.contentDir, file).split(path.sep).join('/');
  const localFiles = resources.flatMap((resource) => (resource?.sourcePath ? [resource.sourcePath] : []));
  const dates = datasetDates(file, localFiles, context.history, statSync(file).mtimeMs);

  return {
    id,
    name: input.name ?? id,
    title: input.title,
    webpage,
    descriptionMarkdown: parsed.body,
    descriptionHtml,
    descriptionText: htmlToText(descriptionHtml),
    team,
    masthead,
    tags,
    topics: topics.filter((topic): topic is Topic => topic !== null),
    licence,
    contact: input.contact ?? site.contact,
    nextReviewDate: input.nextReviewDate ?? null,
    sharing: input.sharing,
    custom,
    createdAt: input.createdAt ? isoMoment(Date.parse(input.createdAt)) : dates.createdAt,
    updatedAt: input.updatedAt ? isoMoment(Date.parse(input.updatedAt)) : dates.updatedAt,
    resources: resources.filter((resource): resource is Resource => resource !== null),
    links,
    relationships: input.relationships.map((relationship) => ({ type: relationship.type, dataset: relationship.dataset, comment: relationship.comment ?? null })),
    sourceFile,
    editUrl: site.editUrl ? site.editUrl.replace('{path}', sourceFile.split('/').map(encodeURIComponent).join('/')) : null,
  };
}

/** Commit time of the file's last change; its modification time when Git does not know it. */
function fileTimestamp(file: string, mtimeMs: number, history: GitHistory): string | null {
  const known = history.files.get(file);
  if (known) return known.lastIsBoundary ? null : uploadTimestamp(known.last);
  return history.state === 'shallow' ? null : uploadTimestamp(Math.floor(mtimeMs / 1000));
}

/** First commit of the dataset file, and the last commit of it or any of its files. */
function datasetDates(datasetFile: string, localFiles: string[], history: GitHistory, mtimeMs: number): { createdAt: string | null; updatedAt: string | null } {
  const own = history.files.get(datasetFile);
  if (!own) {
    // Not committed yet (or no Git at all): it is new as of its last save.
    if (history.state === 'shallow') return { createdAt: null, updatedAt: null };
    const moment = isoMoment(Math.floor(mtimeMs / 1000) * 1000);
    return { createdAt: history.state === 'none' ? null : moment, updatedAt: moment };
  }
  let last = own.lastIsBoundary ? null : own.last;
  for (const file of localFiles) {
    const known = history.files.get(file);
    if (known && !known.lastIsBoundary && (last === null || known.last > last)) last = known.last;
  }
  return {
    createdAt: own.firstIsBoundary ? null : isoMoment(own.first * 1000),
    updatedAt: last === null ? null : isoMoment(last * 1000),
  };
}
