// Reads content/ into the validated catalogue: every file parsed and checked, every reference
// resolved, derived facts added. Any error stops the run with all problems found.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { builtInLicences } from './builtin-licences.ts';
import { ContentError, ProblemList, type ContentProblem } from './errors.ts';
import { readGitHistory } from './git-history.ts';
import type { Catalogue, Image, Licence, Masthead, Site, Team } from './model.ts';
import { readMarkdownFile, readYamlFile } from './read-files.ts';
import { resolveDataset, type DatasetContext } from './resolve-dataset.ts';
import { revisionsFromCommits } from './revisions.ts';
import {
  datasetSchema,
  isHttpUrl,
  licencesFileSchema,
  mastheadsFileSchema,
  siteSchema,
  teamsFileSchema,
  topicsFileSchema,
  type DatasetInput,
} from './schema.ts';
import type { Parsed, ParsedDataset } from './read-files.ts';
import { closest } from './closest.ts';
import { containedFile } from './contained-file.ts';
import { mapLimited } from '../util/map-limited.ts';

export interface LoadOptions {
  contentDir: string;
  /** Keep private datasets (an internal build); otherwise they are dropped here, before any output. */
  includePrivate?: boolean;
}

export interface LoadResult {
  catalogue: Catalogue;
  warnings: ContentProblem[];
}

export async function loadCatalogue(options: LoadOptions): Promise<LoadResult> {
  const contentDir = path.resolve(options.contentDir);
  const problems = new ProblemList();
  const folder = await stat(contentDir).catch(() => null);
  if (!folder?.isDirectory()) {
    problems.error({ code: 'missing-file', file: contentDir, message: 'is not a folder', hint: 'Point --content at the folder that holds catalogue.yaml and datasets/.' });
    throw new ContentError(problems.items);
  }
  const file = (name: string) => path.join(contentDir, name);
  const exists = async (name: string) => (await stat(file(name)).catch(() => null))?.isFile() ?? false;

  if (!(await exists('catalogue.yaml'))) {
    problems.error({ code: 'missing-file', file: file('catalogue.yaml'), message: 'is missing', hint: 'Every catalogue has a catalogue.yaml with its title, url and publisher; see the README.' });
  }
  const [siteFile, topicsFile, teamsFile, mastheadsFile, licencesFile] = await Promise.all([
    (await exists('catalogue.yaml')) ? readYamlFile(file('catalogue.yaml'), siteSchema, 'catalogue settings', problems) : null,
    (await exists('topics.yaml')) ? readYamlFile(file('topics.yaml'), topicsFileSchema, 'list of topics', problems) : null,
    (await exists('teams.yaml')) ? readYamlFile(file('teams.yaml'), teamsFileSchema, 'list of teams', problems) : null,
    (await exists('mastheads.yaml')) ? readYamlFile(file('mastheads.yaml'), mastheadsFileSchema, 'list of mastheads', problems) : null,
    (await exists('licences.yaml')) ? readYamlFile(file('licences.yaml'), licencesFileSchema, 'list of licences', problems) : null,
  ]);

  const topics = uniqueById(topicsFile, 'topic', problems);
  const teamInputs = uniqueById(teamsFile, 'team', problems);
  const mastheadInputs = uniqueById(mastheadsFile, 'masthead', problems);
  // Built-in licences first; content/licences.yaml adds to them and overrides by id.
  const licences = new Map<string, Licence>(builtInLicences.map((licence) => [licence.id, licence]));
  for (const licence of uniqueById(licencesFile, 'licence', problems).values()) licences.set(licence.id, licence);

  const images = new ImageResolver(contentDir, problems);
  const teams = new Map<string, Team>();
  for (const [id, team] of teamInputs) {
    const index = teamsFile!.value.findIndex((item) => item.id === id);
    teams.set(id, {
      id,
      title: team.title,
      description: team.description ?? null,
      email: team.email ?? null,
      url: team.url ?? null,
      image: team.image ? await images.resolve(team.image, teamsFile!, [index, 'image']) : null,
    });
  }
  const mastheads = new Map<string, Masthead>();
  for (const [id, masthead] of mastheadInputs) {
    const index = mastheadsFile!.value.findIndex((item) => item.id === id);
    const image = await images.resolve(masthead.image, mastheadsFile!, [index, 'image']);
    if (image) mastheads.set(id, { id, title: masthead.title, image });
  }

  const site = siteFile ? resolveSite(siteFile, licences, problems) : null;

  const datasetFiles = (
    await fg(['datasets/*.md', 'datasets/*/index.md'], { cwd: contentDir, onlyFiles: true, followSymbolicLinks: false, dot: false })
  ).sort();
  await reportStrayDatasetFiles(contentDir, datasetFiles, problems);
  const parsedDatasets = await mapLimited(datasetFiles, 32, (relative) => readMarkdownFile(file(relative), datasetSchema, 'dataset', problems));
  const datasetIds = checkDatasetIds(datasetFiles, parsedDatasets, contentDir, problems);

  const history = await readGitHistory(contentDir);
  if (history.state === 'shallow') {
    problems.warning({
      code: 'git-history',
      file: contentDir,
      message: 'this is a shallow Git clone, so datasets without createdAt/updatedAt get no dates rather than wrong ones',
      hint: 'Build from a full clone (in GitHub Actions: actions/checkout with fetch-depth: 0).',
    });
  } else if (history.state === 'none') {
    problems.warning({
      code: 'git-history',
      file: contentDir,
      message: 'content/ is not in a Git repository, so dataset and file dates come from file modification times',
      hint: 'Build from a Git clone, or set createdAt and updatedAt in each dataset.',
    });
  }

  if (site) {
    const context: DatasetContext = {
      contentDir,
      realContentDir: await realpath(contentDir),
      site,
      topics,
      teams,
      mastheads,
      licences,
      datasetIds,
      knownIds: new Set(datasetIds.values()),
      history,
      problems,
    };
    const datasets = (
      await mapLimited(parsedDatasets, 16, (parsed) => (parsed && datasetIds.has(parsed.file) ? resolveDataset(parsed, datasetIds.get(parsed.file)!, context) : Promise.resolve(null)))
    ).filter((dataset) => dataset !== null);
    if (problems.errors.length === 0) {
      const included = datasets
        .filter((dataset) => options.includePrivate || dataset.sharing === 'public')
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // A relationship to a dataset left out of this build would name it: drop it.
      const includedIds = new Set(included.map((dataset) => dataset.id));
      for (const dataset of included) dataset.relationships = dataset.relationships.filter((relationship) => includedIds.has(relationship.dataset));
      const catalogue: Catalogue = {
        site,
        topics: [...topics.values()],
        teams: [...teams.values()],
        mastheads: [...mastheads.values()],
        licences: [...licences.values()],
        datasets: included,
        includesPrivate: options.includePrivate ?? false,
        revisions: revisionsFromCommits(history.commits, datasets, contentDir, options.includePrivate ?? false),
      };
      return { catalogue, warnings: problems.warnings };
    }
  }
  throw new ContentError(problems.items);
}

function resolveSite(parsed: Parsed<ReturnType<typeof siteSchema.parse>>, licences: Map<string, Licence>, problems: ProblemList): Site | null {
  const input = parsed.value;
  let defaultLicence: Licence | null = null;
  if (input.licence) {
    defaultLicence = licences.get(input.licence) ?? null;
    if (!defaultLicence) {
      const suggestion = closest(input.licence, licences.keys());
      problems.error({
        code: 'unknown-reference',
        file: parsed.file,
        line: parsed.source.lineOf(['licence']),
        field: 'licence',
        message: `'${input.licence}' is not a licence in content/licences.yaml or the built-in list${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        hint: `Use one of: ${[...licences.keys()].join(', ')}; or add it to content/licences.yaml.`,
      });
      return null;
    }
  }
  const seen = new Set<string>();
  input.customFields.forEach((field, index) => {
    if (seen.has(field.id)) {
      problems.error({ code: 'duplicate-id', file: parsed.file, line: parsed.source.lineOf(['customFields', index, 'id']), field: `customFields[${index}].id`, message: `'${field.id}' is defined twice`, hint: 'Give each custom field its own id.' });
    }
    seen.add(field.id);
  });
  return {
    title: input.title,
    description: input.description,
    url: input.url,
    basePath: new URL(input.url).pathname,
    language: input.language,
    publisher: { name: input.publisher.name, url: input.publisher.url ?? null, email: input.publisher.email ?? null },
    contact: input.contact ?? null,
    defaultLicence,
    editUrl: input.editUrl ?? null,
    customFields: input.customFields,
  };
}

/** The entries of a list file by id, reporting an id used twice. */
function uniqueById<T extends { id: string }>(parsed: Parsed<T[]> | null, what: string, problems: ProblemList): Map<string, T> {
  const byId = new Map<string, T>();
  parsed?.value.forEach((item, index) => {
    if (byId.has(item.id)) {
      problems.error({ code: 'duplicate-id', file: parsed.file, line: parsed.source.lineOf([index, 'id']), field: `[${index}].id`, message: `the ${what} id '${item.id}' is used twice`, hint: `Give each ${what} its own id.` });
      return;
    }
    byId.set(item.id, item);
  });
  return byId;
}

/** Each dataset's id (from its front matter or its file name), by file; ids and names must be unique. */
function checkDatasetIds(relativeFiles: string[], parsed: (ParsedDataset<DatasetInput> | null)[], contentDir: string, problems: ProblemList): Map<string, string> {
  const ids = new Map<string, string>();
  const owners = new Map<string, string>();
  relativeFiles.forEach((relative, index) => {
    const dataset = parsed[index];
    if (!dataset) return;
    const fromPath = relative.endsWith('/index.md') ? path.basename(path.dirname(relative)) : path.basename(relative, '.md');
    const id = dataset.value.id ?? fromPath;
    if (dataset.value.id === undefined && !/^[a-z0-9][a-z0-9-]*$/.test(fromPath)) {
      problems.error({ code: 'id-mismatch', file: dataset.file, line: 1, message: `the file name '${fromPath}' is not a valid dataset id`, hint: 'Rename the file (or folder) to lower-case letters, digits and hyphens, e.g. road-casualties.md.' });
      return;
    }
    if (dataset.value.id !== undefined && dataset.value.id !== fromPath) {
      problems.error({ code: 'id-mismatch', file: dataset.file, line: dataset.source.lineOf(['id']), field: 'id', message: `'${dataset.value.id}' differs from the file name '${fromPath}'`, hint: `Rename the file to ${dataset.value.id}${relative.endsWith('/index.md') ? '/index.md' : '.md'}, or remove the id line.` });
      return;
    }
    const other = owners.get(id);
    if (other) {
      problems.error({ code: 'duplicate-id', file: dataset.file, line: 1, field: 'id', message: `the dataset id '${id}' is also used by ${path.relative(contentDir, other)}`, hint: 'Dataset ids are unique across the catalogue: rename one of them.' });
      return;
    }
    owners.set(id, dataset.file);
    ids.set(dataset.file, id);
  });
  // A CKAN client looks datasets up by id or by name: a name must not answer for two datasets.
  const names = new Map<string, string>();
  relativeFiles.forEach((relative, index) => {
    const dataset = parsed[index];
    const id = dataset && ids.get(dataset.file);
    if (!dataset || !id) return;
    const name = dataset.value.name ?? id;
    const clash = names.get(name) ?? (name !== id && owners.has(name) ? path.relative(contentDir, owners.get(name)!) : undefined);
    if (clash && clash !== relative) {
      problems.error({ code: 'duplicate-id', file: dataset.file, line: dataset.source.lineOf(['name']), field: 'name', message: `the name '${name}' is also the id or name of ${clash}`, hint: 'Choose a name that no other dataset uses as its id or name.' });
      return;
    }
    names.set(name, relative);
  });
  return ids;
}

/**
 * A file in datasets/ that is not a dataset file, or a folder without index.md, would make a
 * dataset vanish from the site without a word: both are errors.
 */
async function reportStrayDatasetFiles(contentDir: string, datasetFiles: string[], problems: ProblemList): Promise<void> {
  const known = new Set(datasetFiles.map((file) => file.split('/').slice(0, 2).join('/')));
  const entries = await fg(['datasets/*'], { cwd: contentDir, onlyFiles: false, markDirectories: true, dot: false, followSymbolicLinks: false });
  for (const entry of entries.sort()) {
    const folder = entry.endsWith('/');
    const name = folder ? entry.slice(0, -1) : entry;
    if (known.has(name)) continue;
    problems.error({
      code: 'missing-file',
      file: path.join(contentDir, name),
      message: folder ? 'is a dataset folder without an index.md' : 'is not a dataset file',
      hint: folder
        ? `Put the dataset's front matter and description in ${name}/index.md, or move the folder out of datasets/.`
        : 'Dataset files are Markdown ending in .md (e.g. datasets/road-casualties.md); data files go in a dataset folder beside its index.md.',
    });
  }
}

/** Resolves image references: a URL, or a file inside content/ published under media/. */
class ImageResolver {
  private realContentDir: string | undefined;

  constructor(
    private readonly contentDir: string,
    private readonly problems: ProblemList,
  ) {}

  async resolve(reference: string, parsed: Parsed<unknown>, field: (string | number)[]): Promise<Image | null> {
    if (isHttpUrl(reference)) return { href: reference, sourcePath: null, publishedPath: null };
    const report = (message: string) =>
      this.problems.error({
        code: 'bad-file-path',
        file: parsed.file,
        line: parsed.source.lineOf(field),
        field: field.map((key, index) => (typeof key === 'number' ? `[${key}]` : index ? `.${key}` : key)).join(''),
        message,
        hint: 'Give a path inside content/ (e.g. mastheads/river.svg) or an https:// URL.',
      });
    this.realContentDir ??= await realpath(this.contentDir);
    const source = await containedFile(this.contentDir, this.realContentDir, this.contentDir, reference);
    if (typeof source === 'string') {
      report(`'${reference}' ${source}`);
      return null;
    }
    const relative = path.relative(this.contentDir, source.path).split(path.sep).join('/');
    return { href: `media/${relative}`, sourcePath: source.path, publishedPath: `media/${relative}` };
  }
}

