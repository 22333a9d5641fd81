// Writes an import into content/: new files for what is new, in-place updates for what the
// importer wrote before, and never a publisher's own edits overwritten without --force. What the
// importer last wrote for each dataset is kept in content/.datashelf-import.json, so a re-run
// tells a field the publisher changed (kept) from one the source changed (updated).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { datasetFileText, orderedFields, readDatasetFileText, sameData } from './dataset-file.ts';
import type { ImportedCatalogue, ImportedDataset } from './imported.ts';

export const stateFileName = '.datashelf-import.json';

export interface WriteOptions {
  contentDir: string;
  /** The source kind (ckan, datapress, jkan): a dataset no longer in a source of the same kind is reported. */
  kind: string;
  /** Replace what a publisher edited by hand with what the source says. */
  force: boolean;
}

export interface Conflict {
  id: string;
  file: string;
  /** The fields kept as the publisher wrote them; empty when the whole file was kept. */
  fields: string[];
  reason: string;
}

export interface WriteReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Hand edits kept (or, with --force, replaced). */
  conflicts: Conflict[];
  /** Datasets an earlier import of this kind wrote that the source no longer has: kept, never deleted. */
  notInSource: string[];
  /** Ids added to each list file, and custom fields added to catalogue.yaml. */
  definitions: { teams: string[]; topics: string[]; licences: string[]; customFields: string[]; catalogue: boolean };
}

interface StateEntry {
  kind: string;
  fields: Record<string, unknown>;
  body: string;
}

interface State {
  version: 1;
  datasets: Record<string, StateEntry>;
}

const exists = async (file: string) => (await stat(file).catch(() => null)) !== null;

/** Writes `file` only when its text changes: an unchanged import touches nothing. */
async function writeIfChanged(file: string, text: string): Promise<boolean> {
  const before = await readFile(file, 'utf8').catch(() => null);
  if (before === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return true;
}

export async function writeImport(imported: ImportedCatalogue, options: WriteOptions): Promise<WriteReport> {
  const contentDir = path.resolve(options.contentDir);
  await mkdir(path.join(contentDir, 'datasets'), { recursive: true });
  const definitions = {
    catalogue: await writeCatalogueSettings(contentDir, imported),
    customFields: await addCustomFields(contentDir, imported),
    teams: await mergeListFile(path.join(contentDir, 'teams.yaml'), imported.teams, ['id', 'title', 'description', 'email', 'url', 'image']),
    topics: await mergeListFile(path.join(contentDir, 'topics.yaml'), imported.topics, ['id', 'title', 'description']),
    licences: await mergeListFile(path.join(contentDir, 'licences.yaml'), imported.licences, ['id', 'title', 'url', 'open']),
  };

  const statePath = path.join(contentDir, stateFileName);
  const state = await readState(statePath);
  const report: WriteReport = { added: [], updated: [], unchanged: [], conflicts: [], notInSource: [], definitions };
  const seen = new Set<string>();
  for (const dataset of [...imported.datasets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    seen.add(dataset.id);
    await writeDataset(dataset, contentDir, state, options, report);
  }
  for (const [id, entry] of Object.entries(state.datasets)) {
    if (entry.kind === options.kind && !seen.has(id)) report.notInSource.push(id);
  }
  const sortedState: State = { version: 1, datasets: Object.fromEntries(Object.keys(state.datasets).sort().map((id) => [id, state.datasets[id]!])) };
  await writeIfChanged(statePath, `${JSON.stringify(sortedState, null, 1)}\n`);
  return report;
}

async function readState(file: string): Promise<State> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return { version: 1, datasets: {} };
  try {
    const parsed = JSON.parse(text) as State;
    if (parsed && typeof parsed.datasets === 'object') return parsed;
  } catch {
    // A damaged record only means every existing file counts as hand-made: safe, never destructive.
  }
  return { version: 1, datasets: {} };
}

/** What the written file will read back as: the base the next import compares with. */
function asWritten(dataset: ImportedDataset): { fields: Record<string, unknown>; body: string } {
  return readDatasetFileText(datasetFileText(dataset.fields, dataset.body))!;
}

async function datasetPath(contentDir: string, id: string): Promise<string | null> {
  for (const candidate of [path.join(contentDir, 'datasets', `${id}.md`), path.join(contentDir, 'datasets', id, 'index.md')]) {
    if (await exists(candidate)) return candidate;
  }
  return null;
}

async function writeDataset(dataset: ImportedDataset, contentDir: string, state: State, options: WriteOptions, report: WriteReport): Promise<void> {
  const incoming = asWritten(dataset);
  const existing = await datasetPath(contentDir, dataset.id);
  const relative = (file: string) => path.relative(contentDir, file);
  const remember = () => {
    state.datasets[dataset.id] = { kind: options.kind, fields: orderedFields(incoming.fields), body: incoming.body };
  };
  if (!existing) {
    await writeIfChanged(path.join(contentDir, 'datasets', `${dataset.id}.md`), datasetFileText(incoming.fields, incoming.body));
    remember();
    report.added.push(dataset.id);
    return;
  }
  const currentText = await readFile(existing, 'utf8');
  const current = readDatasetFileText(currentText);
  const base = state.datasets[dataset.id];
  if (!current || !base) {
    if (current && sameData(current.fields, incoming.fields) && current.body === incoming.body) {
      remember();
      report.unchanged.push(dataset.id);
      return;
    }
    const reason = !current ? 'its front matter cannot be read' : 'it was not written by an import';
    report.conflicts.push({ id: dataset.id, file: relative(existing), fields: [], reason });
    if (options.force) {
      await writeIfChanged(existing, datasetFileText(incoming.fields, incoming.body));
      remember();
      report.updated.push(dataset.id);
    }
    return;
  }

  // Three-way, field by field: the last import (base), the file now (current), the source now.
  const merged: Record<string, unknown> = {};
  const kept: string[] = [];
  const keys = new Set([...Object.keys(base.fields), ...Object.keys(current.fields), ...Object.keys(incoming.fields)]);
  // --force takes the source's value of every field the importer owns (one it wrote or writes
  // now), including edits kept by earlier runs; a field only the publisher wrote stays theirs.
  const pick = (was: unknown, now: unknown, source: unknown, key: string, owned: boolean) => {
    if (sameData(now, was) || sameData(now, source)) return source;
    if (options.force && owned) {
      kept.push(key);
      return source;
    }
    if (sameData(source, was)) return now;
    kept.push(key);
    return now;
  };
  for (const key of keys) {
    const owned = key in base.fields || key in incoming.fields;
    const value = pick(base.fields[key], current.fields[key], incoming.fields[key], key, owned);
    if (value !== undefined) merged[key] = value;
  }
  const body = pick(base.body, current.body, incoming.body, 'description (body)', true) as string;
  if (kept.length > 0) report.conflicts.push({ id: dataset.id, file: relative(existing), fields: kept, reason: options.force ? 'edited by hand' : 'edited by hand and changed in the source' });
  remember();
  if (sameData(merged, current.fields) && body === current.body) {
    report.unchanged.push(dataset.id);
    return;
  }
  await writeIfChanged(existing, datasetFileText(merged, body));
  report.updated.push(dataset.id);
}

/** A catalogue.yaml from the source's settings, when content/ has none yet. */
async function writeCatalogueSettings(contentDir: string, imported: ImportedCatalogue): Promise<boolean> {
  const file = path.join(contentDir, 'catalogue.yaml');
  if (await exists(file)) return false;
  const { site } = imported;
  const settings = {
    title: site.title,
    ...(site.description ? { description: site.description } : {}),
    url: site.url ?? 'https://data.example.org/',
    publisher: { name: site.publisher },
  };
  const note = site.url ? '' : '# Set url to the address the catalogue will be published at.\n';
  await writeFile(file, `# Written by datashelf import; edit freely (see content/README.md).\n${note}${stringify(settings, { lineWidth: 0 })}`);
  return true;
}

/** Adds the custom fields the import met to catalogue.yaml, keeping the file's comments and order. */
async function addCustomFields(contentDir: string, imported: ImportedCatalogue): Promise<string[]> {
  const file = path.join(contentDir, 'catalogue.yaml');
  const document = parseDocument(await readFile(file, 'utf8'));
  if (!isMap(document.contents)) return [];
  let list = document.get('customFields');
  const known = new Set<string>();
  if (isSeq(list)) for (const item of list.items) if (isMap(item)) known.add(String(item.get('id')));
  const missing = imported.customFields.filter((field) => !known.has(field.id));
  if (missing.length === 0) return [];
  if (!isSeq(list)) {
    document.set('customFields', document.createNode([]));
    list = document.get('customFields');
  }
  for (const field of missing) {
    (list as { add(value: unknown): void }).add(document.createNode({ id: field.id, title: field.title, type: field.type, ...(field.description ? { description: field.description } : {}) }));
  }
  await writeFile(file, document.toString({ lineWidth: 0 }));
  return missing.map((field) => field.id);
}

/** Appends the entries whose ids the file lacks; entries already there are the publisher's and stay as they are. */
async function mergeListFile<T extends { id: string }>(file: string, items: T[], order: string[]): Promise<string[]> {
  if (items.length === 0) return [];
  const text = await readFile(file, 'utf8').catch(() => null);
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((item) => orderedKeys(item, order));
  if (text === null || text.trim() === '') {
    await writeFile(file, stringify(sorted, { lineWidth: 0 }));
    return sorted.map((item) => item.id as string);
  }
  const document = parseDocument(text);
  const list = document.contents;
  if (!isSeq(list)) return [];
  const known = new Set(list.items.map((item) => (isMap(item) ? String(item.get('id')) : '')));
  const missing = sorted.filter((item) => !known.has(item.id as string));
  if (missing.length === 0) return [];
  for (const item of missing) (list as { add(value: unknown): void }).add(document.createNode(item));
  await writeFile(file, document.toString({ lineWidth: 0 }));
  return missing.map((item) => item.id as string);
}

function orderedKeys(item: object, order: string[]): Record<string, unknown> {
  const entries = Object.entries(item).filter(([, value]) => value !== undefined && value !== null && value !== '');
  entries.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  return Object.fromEntries(entries);
}

