// Which files under datasets/ are datasets, and each one's id: its file or folder name, which the
// front matter may repeat but not change; ids and CKAN names unique across the catalogue.
import path from 'node:path';
import fg from 'fast-glob';
import { fieldName, type ProblemList } from './errors.ts';
import type { ParsedDataset } from './read-files.ts';
import type { DatasetInput } from './schema.ts';

/** The dataset files under `contentDir`, relative to it and sorted; anything else in datasets/ is reported. */
export async function findDatasetFiles(contentDir: string, problems: ProblemList): Promise<string[]> {
  const datasetFiles = (
    await fg(['datasets/*.md', 'datasets/*/index.md'], { cwd: contentDir, onlyFiles: true, followSymbolicLinks: false, dot: false })
  ).sort();
  await reportStrayDatasetFiles(contentDir, datasetFiles, problems);
  return datasetFiles;
}

/** Each dataset's id (from its front matter or its file name), by file; ids and names must be unique. */
export function checkDatasetIds(relativeFiles: string[], parsed: (ParsedDataset<DatasetInput> | null)[], contentDir: string, problems: ProblemList): Map<string, string> {
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
function checkCkanIds(relativeFiles: string[], parsed: (ParsedDataset<DatasetInput> | null)[], ids: Map<string, string>, problems: ProblemList): void {
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
