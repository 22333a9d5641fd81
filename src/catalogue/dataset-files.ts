// Which files under datasets/ are datasets, and each one's id: its file or folder name, which the
// front matter may repeat but not change; ids and CKAN names unique across the catalogue.
import { lstatSync, readdirSync, type BigIntStats, type Dirent } from 'node:fs';
import path from 'node:path';
import { fieldName, type ProblemList } from './errors.ts';
import type { ParsedDataset } from './read-files.ts';
import type { DatasetInput } from './schema.ts';

/** What the checks across dataset files read of each one's front matter. */
export type DatasetIdentity = Pick<DatasetInput, 'id' | 'name' | 'ckanId'> & { resources: readonly Pick<DatasetInput['resources'][number], 'ckanId'>[] };

/**
 * The dataset files under `contentDir`, relative to it and sorted; anything else in datasets/ is
 * reported. What the globs `datasets/*.md` and `datasets/*\/index.md` find (regular files only,
 * no name starting with a dot, no link followed), read with one directory listing and one lstat
 * per folder: a glob library read every folder whole and matched each name (at 10,000 datasets,
 * about half of loading an unchanged catalogue).
 *
 * `statted`, when given, gets the lstat (nanoseconds: `bigint`) of each `index.md` by its path
 * relative to `contentDir`: a regular file, no link, so what a stat of it would say too. The build's
 * memo tells an unchanged dataset by it instead of a second stat of each file (unchanged-datasets.ts).
 */
export async function findDatasetFiles(contentDir: string, problems: ProblemList, statted?: Map<string, BigIntStats>): Promise<string[]> {
  const folder = path.join(contentDir, 'datasets');
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    // No datasets/ folder: no datasets (as the glob found none).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') entries = [];
    else throw error;
  }
  const datasetFiles: string[] = [];
  const others: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isFile() && entry.name.endsWith('.md')) datasetFiles.push(`datasets/${entry.name}`);
    // `folder` is whole and `entry.name` a name: joined as text, not by path.join (10,000 datasets: 10 ms).
    else if (entry.isDirectory() && indexFile(`${folder}${path.sep}${entry.name}${path.sep}index.md`, `datasets/${entry.name}/index.md`, statted)) datasetFiles.push(`datasets/${entry.name}/index.md`);
    else others.push(entry.isDirectory() ? `datasets/${entry.name}/` : `datasets/${entry.name}`);
  }
  datasetFiles.sort();
  reportStrayDatasetFiles(contentDir, others, problems);
  return datasetFiles;
}

/** Whether `file` is a regular file (not a link), its stats into `statted` under `relative` if so. */
function indexFile(file: string, relative: string, statted: Map<string, BigIntStats> | undefined): boolean {
  if (!statted) return lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  const stats = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stats?.isFile()) return false;
  statted.set(relative, stats);
  return true;
}

/** Each dataset's id (from its front matter or its file name), by file; ids and names must be unique. */
export function checkDatasetIds(relativeFiles: string[], parsed: (ParsedDataset<DatasetIdentity> | null)[], contentDir: string, problems: ProblemList): Map<string, string> {
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
  checkCkanIds(relativeFiles, parsed, ids, problems);
  return ids;
}

/**
 * A CKAN id kept from an old portal answers `package_show` and `resource_show`: it must find one
 * dataset or file, so it is used once in the catalogue and is no dataset's id or name.
 */
function checkCkanIds(relativeFiles: string[], parsed: (ParsedDataset<DatasetIdentity> | null)[], ids: Map<string, string>, problems: ProblemList): void {
  // The keys package_show already answers to: every dataset's id and name.
  const keys = new Map<string, string>();
  relativeFiles.forEach((relative, index) => {
    const dataset = parsed[index];
    const id = dataset && ids.get(dataset.file);
    if (!dataset || !id) return;
    for (const key of [id, dataset.value.name ?? id]) if (!keys.has(key)) keys.set(key, relative);
  });
  const users = new Map<string, string>();
  relativeFiles.forEach((relative, index) => {
    const dataset = parsed[index];
    if (!dataset || !ids.has(dataset.file)) return;
    const claim = (ckanId: string | undefined, field: (string | number)[], what: string) => {
      if (ckanId === undefined) return;
      const user = users.get(ckanId) ?? (keys.has(ckanId) ? `the id or name of ${keys.get(ckanId)}` : undefined);
      if (user) {
        problems.error({ code: 'duplicate-id', file: dataset.file, line: dataset.source.lineOf(field), field: fieldName(field), message: `the CKAN id '${ckanId}' is also ${user}`, hint: `A CKAN id finds one ${what}: keep it on the one it belonged to in the old portal, and remove it here.` });
        return;
      }
      users.set(ckanId, `the ckanId of ${relative}${field.length > 1 ? ` ${fieldName(field)}` : ''}`);
    };
    claim(dataset.value.ckanId, ['ckanId'], 'dataset');
    dataset.value.resources.forEach((resource, position) => claim(resource.ckanId, ['resources', position, 'ckanId'], 'file'));
  });
}

/**
 * A file in datasets/ that is not a dataset file, or a folder without index.md, would make a
 * dataset vanish from the site without a word: both are errors. `strays` end in `/` for a folder.
 */
function reportStrayDatasetFiles(contentDir: string, strays: string[], problems: ProblemList): void {
  for (const entry of strays.sort()) {
    const folder = entry.endsWith('/');
    const name = folder ? entry.slice(0, -1) : entry;
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
