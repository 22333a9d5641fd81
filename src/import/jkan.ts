// A JKAN (Jekyll) portal's repository folder as content: _datasets/ become datasets (the
// description is in `notes`), _organizations/ teams, _dataset_categories/ topics, and
// _data/licenses.yml licences. A dataset file that cannot be read is reported with its line and
// left out; everything that can be read is taken, its dirt cleaned and each change noted.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { parseYamlSource } from '../catalogue/yaml-source.ts';
import { CustomFieldSet, titleOfKey, type CustomValue } from './custom-fields.ts';
import type { ExistingContent } from './existing.ts';
import { asList, cleanFormat, cleanTags, cleanText, compact, isEmail, isHttpUrl, schemaProblem } from './fields.ts';
import type { ImportedCatalogue, ImportedDataset, ImportedTeam, ImportedTopic, ImportNote } from './imported.ts';
import { LicenceMap } from './licences.ts';
import { slugify, UniqueIds } from './slug.ts';
import { UserError } from '../util/user-error.ts';

// Keys with a place of their own in a dataset file; `schema` and `layout` are Jekyll's own.
const mappedKeys = new Set(['title', 'notes', 'organization', 'category', 'license', 'maintainer', 'maintainer_email', 'maintainer_link', 'tags', 'resources', 'metadata_modified', 'schema', 'layout', 'permalink', 'published']);

// Known misspellings of formats in JKAN catalogues.
const formatFixes: Record<string, string> = { XSLX: 'XLSX', 'HT ML': 'HTML' };

interface FrontMatterFile {
  file: string;
  data: Record<string, unknown> | null;
  body: string;
  /** Why it could not be read, and where. */
  problem: { line: number; message: string } | null;
  lineOf: (fieldPath: (string | number)[]) => number;
}

async function readFrontMatterFile(file: string): Promise<FrontMatterFile> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const none = { file, data: null, body: '', lineOf: () => 1 };
  const match = /^---\n([\s\S]*?\n)?---[ \t]*(\n|$)/.exec(text);
  if (!match) return { ...none, problem: { line: 1, message: 'has no front matter between --- lines' } };
  const source = parseYamlSource(match[1] ?? '', 2);
  if ('message' in source) return { ...none, problem: { line: source.line, message: source.message } };
  const data = source.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return { ...none, problem: { line: 2, message: 'front matter is not a set of fields' } };
  return { file, data: data as Record<string, unknown>, body: text.slice(match[0].length).trim(), problem: null, lineOf: (fieldPath) => source.lineOf(fieldPath) };
}

async function markdownFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.md')).sort().map((name) => path.join(folder, name));
}

async function readYamlData(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch (error) {
    throw new UserError(`${file}:${((error as { mark?: { line: number } }).mark?.line ?? 0) + 1}: is not valid YAML (${(error as { reason?: string }).reason ?? 'syntax error'}); correct it and run the import again.`);
  }
}

export async function importJkan(folder: string, existing: ExistingContent): Promise<ImportedCatalogue> {
  const root = path.resolve(folder);
  const datasetsFolder = path.join(root, '_datasets');
  const datasetFiles = await markdownFiles(datasetsFolder);
  if (datasetFiles.length === 0) {
    throw new UserError(`${datasetsFolder}: no dataset files found; give the folder of a JKAN repository (the one holding _datasets/ and _config.yml).`);
  }
  const notes: ImportNote[] = [];
  const note = (severity: ImportNote['severity'], file: string, line: number | null, message: string) => notes.push({ severity, source: file, line, message });

  const config = ((await readYamlData(path.join(root, '_config.yml'))) ?? {}) as Record<string, unknown>;
  const schemaName = cleanText(config.schema) ?? 'default';
  const schema = ((await readYamlData(path.join(root, '_data', 'schemas', `${schemaName}.yml`))) ?? {}) as { dataset_fields?: { field_name?: string; label?: string }[] };
  const labels = new Map((schema.dataset_fields ?? []).flatMap((field) => (field.field_name && field.label ? [[field.field_name, field.label] as const] : [])));

  const licenceData = ((await readYamlData(path.join(root, '_data', 'licenses.yml'))) ?? {}) as { items?: { name?: unknown; url?: unknown }[] };
  const licenceUrls = new Map((licenceData.items ?? []).flatMap((item) => (cleanText(item.name) ? [[cleanText(item.name)!, cleanText(item.url)] as const] : [])));
  const licences = new LicenceMap(existing.licences);
  const customFields = new CustomFieldSet(existing.customFields);

  // Teams and topics are found by the title or name a dataset gives; ids come from file names.
  const teams = new Map<string, ImportedTeam>();
  const teamIds = new UniqueIds();
  const teamByTitle = new Map<string, string>();
  let logosLeftOut = 0;
  for (const file of await markdownFiles(path.join(root, '_organizations'))) {
    const read = await readFrontMatterFile(file);
    const title = cleanText(read.data?.title);
    if (!read.data || !title) {
      note('skipped', file, read.problem?.line ?? 1, read.problem?.message ?? 'has no title: the organisation is left out');
      continue;
    }
    const id = teamIds.claim(path.basename(file, '.md'), 'team');
    const logo = cleanText(read.data.logo);
    // Logos are paths into the Jekyll site's img/ folder, which is not content: only absolute URLs come across.
    if (logo && !isHttpUrl(logo)) logosLeftOut++;
    teams.set(id, compact({ id, title, description: cleanText(read.data.description) ?? undefined, image: logo && isHttpUrl(logo) ? logo : undefined }) as unknown as ImportedTeam);
    teamByTitle.set(title.toLowerCase(), id);
  }
  if (logosLeftOut > 0) note('changed', path.join(root, '_organizations'), null, `${logosLeftOut} organisation logos are paths into the Jekyll site, not files in content/: left out (add an image: to teams.yaml)`);

  const topics = new Map<string, ImportedTopic>();
  const topicIds = new UniqueIds();
  const topicByName = new Map<string, string>();
  for (const file of await markdownFiles(path.join(root, '_dataset_categories'))) {
    const read = await readFrontMatterFile(file);
    const name = cleanText(read.data?.name) ?? cleanText(read.data?.title);
    if (!read.data || !name) {
      note('skipped', file, read.problem?.line ?? 1, read.problem?.message ?? 'has no name: the category is left out');
      continue;
    }
    const id = topicIds.claim(path.basename(file, '.md'), 'topic');
    topics.set(id, { id, title: name });
    topicByName.set(name.toLowerCase(), id);
  }

  const teamFor = (title: string, file: string, line: number): string => {
    const known = teamByTitle.get(title.toLowerCase());
    if (known) return known;
    const id = teamIds.claim(title, 'team');
    teams.set(id, { id, title });
    teamByTitle.set(title.toLowerCase(), id);
    note('changed', file, line, `organization '${title}' has no file in _organizations/: team '${id}' created`);
    return id;
  };
  const topicFor = (name: string, file: string, line: number): string => {
    const known = topicByName.get(name.toLowerCase());
    if (known) return known;
    const id = topicIds.claim(name, 'topic');
    topics.set(id, { id, title: name });
    topicByName.set(name.toLowerCase(), id);
    note('changed', file, line, `category '${name}' has no file in _dataset_categories/: topic '${id}' created`);
    return id;
  };

  const datasetIds = new UniqueIds();
  const datasets: ImportedDataset[] = [];
  const defaultOrganization = cleanText(((config.defaults as { values?: { organization?: unknown } }[] | undefined) ?? []).find((entry) => entry.values?.organization)?.values?.organization);
  for (const file of datasetFiles) {
    const read = await readFrontMatterFile(file);
    if (!read.data) {
      note('skipped', file, read.problem!.line, read.problem!.message);
      continue;
    }
    const data = read.data;
    let title = cleanText(data.title);
    if (!title) {
      // Everything else is there: a title from the file name keeps the dataset, and the note says so.
      title = titleOfKey(path.basename(file, '.md'));
      note('changed', file, read.lineOf(['title']), `has no title: titled '${title}' from its file name (edit it)`);
    }
    const id = datasetIds.claim(path.basename(file, '.md'), 'dataset');
    if (id !== path.basename(file, '.md')) note('changed', file, 1, `the file name is not a valid id: the dataset's id is '${id}'`);
    const organization = cleanText(data.organization) ?? defaultOrganization ?? 'No organisation';
    const team = teamFor(organization, file, read.lineOf(['organization']));
    const topicIdsOfDataset = [...new Set(asList(data.category).flatMap((category, index) => {
      const name = cleanText(category);
      return name ? [topicFor(name, file, read.lineOf(['category', index]))] : [];
    }))];
    const licenceName = cleanText(data.license);
    const licence = licenceName ? licences.resolve({ title: licenceName, url: licenceUrls.get(licenceName) ?? null, open: /creative commons|cc zero|open data commons|public domain/i.test(licenceName) }) : null;

    const maintainer = cleanText(data.maintainer);
    let email = cleanText(data.maintainer_email);
    if (email && !isEmail(email)) {
      note('changed', file, read.lineOf(['maintainer_email']), `maintainer_email '${email}' is not one e-mail address: left out`);
      email = null;
    }
    const link = cleanText(data.maintainer_link);
    const contact = maintainer || email ? compact({ title: maintainer ?? teams.get(team)!.title, email, url: link && isHttpUrl(link) ? link : null }) : undefined;

    const { tags, dropped } = cleanTags(asList(data.tags));
    for (const tag of dropped) note('changed', file, read.lineOf(['tags']), `tag '${tag.slice(0, 40)}…' is longer than 100 characters: left out`);

    const resourceIds = new UniqueIds();
    const resources = asList(data.resources).flatMap((item, index) => {
      const line = read.lineOf(['resources', index]);
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        note('changed', file, line, `resources[${index}] is not a set of fields: left out`);
        return [];
      }
      const resource = item as Record<string, unknown>;
      let url = cleanText(resource.url);
      const stray = url && /^[^a-z]+(https?:\/\/\S+)$/i.exec(url);
      if (stray) {
        note('changed', file, read.lineOf(['resources', index, 'url']), `resources[${index}].url starts with '${url!.slice(0, url!.length - stray[1]!.length)}' before http: read as ${stray[1]!.slice(0, 60)}…`);
        url = stray[1]!;
      }
      if (!url || !isHttpUrl(url)) {
        note('changed', file, read.lineOf(['resources', index, 'url']), `resources[${index}] has ${url ? `the url '${url}', not an http(s) address` : 'no url'}: left out`);
        return [];
      }
      const rawFormat = cleanText(resource.format);
      let format = cleanFormat(rawFormat);
      if (format && formatFixes[format]) {
        note('changed', file, read.lineOf(['resources', index, 'format']), `format '${format}' read as ${formatFixes[format]}`);
        format = formatFixes[format]!;
      }
      if (rawFormat && !format) note('changed', file, read.lineOf(['resources', index, 'format']), `format '${rawFormat}' is longer than 20 characters: left out`);
      const resourceTitle = cleanText(resource.name) ?? cleanText(resource.title) ?? `${format ?? 'Resource'} ${index + 1}`;
      return [compact({ id: resourceIds.claim(resourceTitle, 'resource'), title: resourceTitle, url, format, description: cleanText(resource.description) })];
    });

    const custom: Record<string, CustomValue> = {};
    for (const key of Object.keys(data).sort()) {
      if (mappedKeys.has(key)) continue;
      const values = asList(data[key]).map(cleanText).filter((value): value is string => value !== null);
      if (values.length === 0) continue;
      const [fieldId, value] = customFields.value(key, labels.get(key) ?? titleOfKey(key), Array.isArray(data[key]) ? values : values[0]!);
      custom[fieldId] = value;
    }
    if (data.published === false) note('changed', file, read.lineOf(['published']), 'published: false: imported with sharing: private');

    const fields = compact({
      id,
      title,
      team,
      tags,
      topics: topicIdsOfDataset,
      licence,
      contact,
      sharing: data.published === false ? 'private' : undefined,
      custom,
      updatedAt: momentOf(cleanText(data.metadata_modified)),
      resources,
    });
    const body = [cleanText(data.notes), read.body].filter(Boolean).join('\n\n');
    const problem = schemaProblem(fields);
    if (problem) {
      note('skipped', file, 1, problem);
      continue;
    }
    datasets.push({ id, fields, body });
  }
  return {
    site: { title: cleanText(config.title) ?? 'Open data', description: cleanText(config.description) ?? undefined, url: validSiteUrl(cleanText(config.url)), publisher: cleanText(config.title) ?? 'Open data' },
    teams: [...teams.values()],
    topics: [...topics.values()],
    licences: licences.definitions(),
    customFields: customFields.definitions(),
    datasets,
    notes,
  };
}

function validSiteUrl(url: string | null): string | undefined {
  return url && isHttpUrl(url) ? url : undefined;
}

/** A date or date-time as the schema's moment (Z); undefined when it is not one. */
export function momentOf(value: string | null): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return undefined;
  return `${match[1]}T${match[2]}${match[3] ?? ''}${match[4] ?? 'Z'}`;
}
