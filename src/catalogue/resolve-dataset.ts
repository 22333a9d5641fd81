// One dataset file's checked front matter → a checked dataset: references resolved against the
// catalogue's lists, local files found inside content/ and measured. Nothing here reads a file's
// bytes or Git: that is derivation's (derive.ts), which `datashelf check` does not run. The one
// exception is a table's header row, when the front matter describes its columns.
import path from 'node:path';
import { closest } from './closest.ts';
import { fieldName, type ProblemList } from './errors.ts';
import { filenameOfUrl, formatOf, isoMoment, mediaTypeOf } from './file-facts.ts';
import { containedFile } from './contained-file.ts';
import { tabularFormats } from './previews/file-preview.ts';
import { readHeaderRow } from './previews/header-row.ts';
import { detachedString, sharedString } from './detached.ts';
import type { CheckedDataset, CheckedResource, ColumnDescription, Licence, Link, Masthead, Site, Tag, Team, Topic } from './model.ts';
import type { ParsedDataset } from './read-files.ts';
import { isPossibleCustomFieldId, type DatasetInput } from './schema.ts';
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
  problems: ProblemList;
}

export async function resolveDataset(parsed: ParsedDataset<DatasetInput>, id: string, context: DatasetContext): Promise<CheckedDataset | null> {
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
    tags.push({ name, slug: sharedString(slug) });
  });

  const custom: Record<string, string | string[]> = {};
  const definitions = new Map(site.customFields.map((definition) => [definition.id, definition]));
  for (const [key, value] of input.custom) {
    const definition = definitions.get(key);
    if (!definition) {
      const suggestion = closest(key, definitions.keys());
      const defined = definitions.size > 0 ? `Custom fields defined: ${[...definitions.keys()].join(', ')}` : 'No custom fields are defined';
      fail(
        ['custom', key],
        `'${key}' is not a custom field defined in content/catalogue.yaml${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        // A key that could never be defined (`__proto__`, `constructor`) gets no advice to define it.
        isPossibleCustomFieldId(key) ? `${defined}; add '${key}' under customFields in content/catalogue.yaml to use it.` : `${defined}. Remove '${key}', or correct it to one of them.`,
      );
      continue;
    }
    if (definition.type === 'text' && Array.isArray(value)) {
      fail(['custom', key], 'must be text, not a list', `'${key}' is a text field; give one value, or make it type: list in content/catalogue.yaml.`, 'invalid-field');
    }
  }
  for (const definition of site.customFields) {
    const value = input.custom.get(definition.id);
    if (value === undefined) continue;
    custom[definition.id] = definition.type === 'list' && !Array.isArray(value) ? [value] : value;
  }

  const webpage = `${site.url}dataset/${id}/`;
  const datasetDir = path.dirname(file);
  const resourceIds = new Set<string>();
  const resources = await Promise.all(
    input.resources.map(async (resource, position): Promise<CheckedResource | null> => {
      if (resourceIds.has(resource.id)) {
        fail(['resources', position, 'id'], `the resource id '${resource.id}' is used twice in this dataset`, 'Give each resource of a dataset its own id.', 'duplicate-id');
        return null;
      }
      resourceIds.add(resource.id);
      const common = {
        id: resource.id,
        ckanId: resource.ckanId ?? null,
        title: resource.title,
        description: resource.description || null,
        datasetId: id,
        position,
        timeFrameFrom: resource.timeFrameFrom ?? null,
        timeFrameTo: resource.timeFrameTo ?? null,
        httpStatus: null,
        qaTimestamp: null,
        describedColumns: resource.columns.map((column) => ({ name: column.name, description: column.description || null, unit: column.unit ?? null })),
      };
      if (resource.url !== undefined) {
        if (resource.columns.length > 0) {
          fail(['resources', position, 'columns'], 'columns are described only for a file published with the site', "The build reads a local file's columns; for a file elsewhere, describe its columns in the resource's description.", 'invalid-field');
        }
        // Shared or flat copies, as read-files.ts makes of what the file says (detached.ts).
        const filename = sharedString(filenameOfUrl(resource.url));
        const format = sharedString(resource.format?.toUpperCase() ?? formatOf(filename));
        return {
          ...common,
          kind: 'url',
          url: resource.url,
          filename,
          format,
          mediaType: resource.mediaType ?? mediaTypeOf(format),
          size: null,
          sourcePath: null,
          publishedPath: null,
        };
      }
      const located = await containedFile(context.contentDir, context.realContentDir, datasetDir, resource.file!);
      if (typeof located === 'string') {
        fail(['resources', position, 'file'], `'${resource.file}' ${located}`, 'A file is given by its path from the dataset file, and stays inside content/ (put it in the dataset\'s folder).', 'bad-file-path');
        return null;
      }
      const filename = sharedString(path.basename(located.path));
      const format = sharedString(resource.format?.toUpperCase() ?? formatOf(filename));
      const publishedPath = detachedString(`download/${id}/${resource.id}/${filename}`);
      await checkDescribedColumns(common.describedColumns, located.path, filename, format, position, fail);
      return {
        ...common,
        kind: 'file',
        url: detachedString(`${site.url}download/${id}/${resource.id}/${encodeURIComponent(filename)}`),
        filename,
        format,
        mediaType: resource.mediaType ?? mediaTypeOf(format),
        size: located.size,
        sourcePath: detachedString(located.path),
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

  const sourceFile = sharedString(path.relative(context.contentDir, file).split(path.sep).join('/'));
  return {
    id,
    name: input.name ?? id,
    ckanId: input.ckanId ?? null,
    title: input.title,
    webpage,
    descriptionMarkdown: parsed.body,
    team,
    masthead,
    tags,
    topics: topics.filter((topic): topic is Topic => topic !== null),
    licence,
    contact: input.contact ?? site.contact,
    nextReviewDate: input.nextReviewDate ?? null,
    spatial: input.spatial ?? site.spatial,
    sharing: input.sharing,
    custom,
    writtenDates: {
      createdAt: input.createdAt ? isoMoment(Date.parse(input.createdAt)) : null,
      updatedAt: input.updatedAt ? isoMoment(Date.parse(input.updatedAt)) : null,
    },
    resources: resources.filter((resource): resource is CheckedResource => resource !== null),
    links,
    relationships: input.relationships.map((relationship) => ({ type: relationship.type, dataset: relationship.dataset, comment: relationship.comment ?? null })),
    sourceFile,
    editUrl: site.editUrl ? detachedString(site.editUrl.replace('{path}', sourceFile.split('/').map(encodeURIComponent).join('/'))) : null,
    file,
  };
}

type Fail = (field: (string | number)[], message: string, hint: string, code?: 'unknown-reference' | 'duplicate-id' | 'bad-file-path' | 'invalid-field') => void;

/** Every described column is named once and is a column of the file's header row. */
async function checkDescribedColumns(described: ColumnDescription[], file: string, filename: string, format: string, position: number, fail: Fail): Promise<void> {
  if (described.length === 0) return;
  if (!tabularFormats.has(format)) {
    fail(['resources', position, 'columns'], `columns are described only for a CSV, TSV or XLSX file, and '${filename}' is ${format || 'of no known format'}`, 'Remove columns: from this resource, or describe them in its description.', 'invalid-field');
    return;
  }
  const seen = new Set<string>();
  described.forEach((column, index) => {
    if (seen.has(column.name)) fail(['resources', position, 'columns', index, 'name'], `the column '${column.name}' is described twice`, 'Describe each column once.', 'duplicate-id');
    seen.add(column.name);
  });
  const header = await readHeaderRow(file, format);
  // A header that cannot be read is the build's note on the file's page, not an error here.
  if (!header) return;
  const names = new Set(header);
  described.forEach((column, index) => {
    if (names.has(column.name)) return;
    const suggestion = closest(column.name, names);
    fail(
      ['resources', position, 'columns', index, 'name'],
      `'${column.name}' is not a column of '${filename}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      `Use a name from the file's header row exactly as written: ${header.map((name) => `'${name}'`).join(', ')}.`,
    );
  });
}
