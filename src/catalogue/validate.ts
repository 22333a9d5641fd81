// Reads content/ into the checked catalogue: every file parsed and checked against the schema,
// every reference resolved, every local file found inside content/. Any error stops the run with
// all problems found. This is all `datashelf check` and `datashelf new` run: nothing here reads a
// data file's bytes or Git (derive.ts does, for a build).
import type { BigIntStats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { builtInLicences } from './builtin-licences.ts';
import { closest } from './closest.ts';
import { checkDatasetIds, findDatasetFiles } from './dataset-files.ts';
import { ContentError, ProblemList, type ContentProblem } from './errors.ts';
import { ImageResolver } from './images.ts';
import type { CheckedCatalogue, Licence, Masthead, Site, Team } from './model.ts';
import { readMarkdownFile, readYamlFile, sourceReadAgain, type CheckMemo, type Parsed, type ParsedDataset } from './read-files.ts';
import { resolveDataset, type DatasetContext } from './resolve-dataset.ts';
import { datasetSchema, licencesFileSchema, mastheadsFileSchema, siteSchema, teamsFileSchema, topicsFileSchema, type DatasetInput } from './schema.ts';
import { checkContext, relinked, rememberedIdentity, type DatasetMemo } from './unchanged-datasets.ts';
import type { DatasetIdentity } from './dataset-files.ts';
import { mapLimited } from '../util/map-limited.ts';

export interface ValidateOptions {
  contentDir: string;
  /** Earlier checks of unchanged dataset files (the build's cache). */
  memo?: CheckMemo & Partial<DatasetMemo>;
}

export interface Validated {
  catalogue: CheckedCatalogue;
  warnings: ContentProblem[];
}

export async function validateCatalogue(options: ValidateOptions): Promise<Validated> {
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
      // A team is part of the publisher: of its kind unless teams.yaml says otherwise.
      type: team.type ?? siteFile?.value.publisher.type ?? null,
    });
  }
  const mastheads = new Map<string, Masthead>();
  for (const [id, masthead] of mastheadInputs) {
    const index = mastheadsFile!.value.findIndex((item) => item.id === id);
    const image = await images.resolve(masthead.image, mastheadsFile!, [index, 'image']);
    if (image) mastheads.set(id, { id, title: masthead.title, image });
  }

  const site = siteFile ? resolveSite(siteFile, licences, problems) : null;

  // Datasets the last build checked, unchanged since (the build's cache): read no further. The
  // stats of their files taken while finding them are the ones the memo compares.
  const memo = options.memo;
  const statted = memo?.unchangedDataset ? new Map<string, BigIntStats>() : undefined;
  const datasetFiles = await findDatasetFiles(contentDir, problems, statted);
  const realContentDir = await realpath(contentDir);
  const lists = { contentDir, realContentDir, topics, teams, mastheads, licences };
  const listsDigest = site && memo?.unchangedDataset ? checkContext({ ...lists, site, realDatasetsDir: await realpath(file('datasets')).catch(() => null) }) : null;
  // `contentDir` is resolved and a dataset file's relative path is names joined by `/`: where that
  // is what path.join gives, joined as text (10,000 datasets: 10 ms of an edit).
  const datasetFile = path.sep === '/' && contentDir !== '/' ? (relative: string) => `${contentDir}/${relative}` : file;
  const remembered = datasetFiles.map((relative) => (listsDigest !== null ? memo!.unchangedDataset!(datasetFile(relative), listsDigest, statted?.get(relative)) : null));
  const parsedDatasets: (ParsedDataset<DatasetInput | DatasetIdentity> | null)[] = await mapLimited(datasetFiles, 32, async (relative, index) => {
    await eventLoopTurn(index);
    const known = remembered[index];
    return known ? rememberedIdentity(known, sourceReadAgain(known.file)) : readMarkdownFile(file(relative), datasetSchema, 'dataset', problems, memo);
  });
  const datasetIds = checkDatasetIds(datasetFiles, parsedDatasets, contentDir, problems);

  if (site) {
    const context: DatasetContext = { ...lists, site, datasetIds, knownIds: new Set(datasetIds.values()), problems };
    const datasets = (
      await mapLimited(parsedDatasets, 16, async (parsed, index) => {
        await eventLoopTurn(index);
        if (!parsed || !datasetIds.has(parsed.file)) return null;
        const id = datasetIds.get(parsed.file)!;
        const known = remembered[index];
        // Its relationships name datasets of this build: checked again every build.
        if (known && known.id === id && known.relationships.every((relationship) => context.knownIds.has(relationship.dataset))) return relinked(known, context);
        const full = known ? await readMarkdownFile(parsed.file, datasetSchema, 'dataset', problems, memo) : (parsed as ParsedDataset<DatasetInput>);
        const checked = full && (await resolveDataset(full, id, context));
        if (checked && listsDigest !== null) memo!.checkedDataset!(checked, listsDigest);
        return checked;
      })
    ).filter((dataset) => dataset !== null);
    if (problems.errors.length === 0) {
      datasets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const catalogue: CheckedCatalogue = {
        contentDir,
        site,
        topics: [...topics.values()],
        teams: [...teams.values()],
        mastheads: [...mastheads.values()],
        licences: [...licences.values()],
        datasets,
      };
      return { catalogue, warnings: problems.warnings };
    }
  }
  throw new ContentError(problems.items);
}

/**
 * A turn of the event loop every few hundred datasets. Reading and checking them is synchronous
 * work that otherwise holds the thread from the first dataset to the last, and Git's history is
 * read beside it (load.ts): each `git` call's answer, and `git log`'s output through a pipe that
 * holds 64 KiB, wait for this thread to take them.
 */
async function eventLoopTurn(index: number): Promise<void> {
  if (index % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
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
    publisher: { name: input.publisher.name, url: input.publisher.url ?? null, email: input.publisher.email ?? null, type: input.publisher.type ?? null },
    spatial: input.spatial ?? null,
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
