// Reads what a finished build publishes about each dataset (its export row, CKAN package_show
// answer, data.json entry and DCAT file) and a fingerprint of every file, for comparing two builds.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../util/user-error.ts';
import { mapLimited } from '../util/map-limited.ts';
import { buildMarkerFile } from '../outputs/output-sink.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What one dataset looks like in each public output of a build (null: that output is not built). */
export interface PublishedDataset {
  id: string;
  /** The CKAN name, from package_show (the id when the build has no CKAN API). */
  name: string;
  exportRow: JsonObject;
  packageShow: JsonObject | null;
  dataJson: JsonObject | null;
  dcatTurtle: string | null;
}

export interface BuildSnapshot {
  dir: string;
  datasets: Map<string, PublishedDataset>;
  /** Every file of the build by path (with `/`): its size, and its MD5 when asked for. */
  files: Map<string, { size: number }>;
}

const exportJson = 'api/datasets/export.json';

export async function readBuild(dir: string): Promise<BuildSnapshot> {
  const rows = await readFile(path.join(dir, exportJson), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
      throw new UserError(`${dir} is not a datashelf build: it has no ${exportJson}.`, 'Give the folders two builds were written to, e.g. datashelf diff base-dist dist.');
    }
    throw error;
  });
  const exportRows = JSON.parse(rows) as JsonObject[];
  const dataJsonText = await readFile(path.join(dir, 'data.json'), 'utf8').catch(() => null);
  const dataJsonEntries = new Map<string, JsonObject>();
  if (dataJsonText) {
    for (const entry of (JSON.parse(dataJsonText) as { dataset: JsonObject[] }).dataset) dataJsonEntries.set(String(entry.identifier), entry);
  }
  const datasets = new Map<string, PublishedDataset>();
  const read = await mapLimited(exportRows, 16, async (row) => {
    const id = String(row.id);
    const packageShowText = await readFile(path.join(dir, 'api/3/action/package_show', id), 'utf8').catch(() => null);
    const packageShow = packageShowText ? ((JSON.parse(packageShowText) as { result: JsonObject }).result ?? null) : null;
    return {
      id,
      name: packageShow ? String(packageShow.name) : id,
      exportRow: row,
      packageShow,
      dataJson: dataJsonEntries.get(id) ?? null,
      dcatTurtle: await readFile(path.join(dir, 'dataset', `${id}.ttl`), 'utf8').catch(() => null),
    } satisfies PublishedDataset;
  });
  for (const dataset of read) datasets.set(dataset.id, dataset);
  return { dir, datasets, files: await listFiles(dir) };
}

async function listFiles(dir: string): Promise<Map<string, { size: number }>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    // The build's marker names its manifest: it changes with any file, and says nothing itself.
    .filter((file) => file !== buildMarkerFile)
    .sort();
  const sizes = await mapLimited(paths, 32, async (file) => (await stat(path.join(dir, file))).size);
  return new Map(paths.map((file, index) => [file, { size: sizes[index]! }]));
}

/** The MD5 of a file, streamed (a build may publish large data files). */
export async function fileHash(dir: string, file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path.join(dir, file))) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
