// Two builds compared: which datasets were added, removed, renamed or changed, which of their
// fields, what each public output says differently about them, and which files differ.
import { isDeepStrictEqual } from 'node:util';
import { mapLimited } from '../util/map-limited.ts';
import { changedKeys, fieldChanges, type FieldChange } from './field-changes.ts';
import { fileHash, type BuildSnapshot, type JsonObject, type PublishedDataset } from './read-build.ts';
import { statementChanges } from './rdf-changes.ts';

export type OutputName = 'export.json' | 'package_show' | 'dcat' | 'data.json';

export interface OutputEffect {
  output: OutputName;
  /** Where a consumer reads it, from the site's root. */
  where: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged' | 'not built';
  /** The keys that differ (JSON outputs) or the predicates of the statements that differ (DCAT). */
  keys: string[];
  statements?: { added: number; removed: number };
}

export type DatasetChangeKind = 'removed' | 'renamed' | 'added' | 'changed';

export interface DatasetChange {
  kind: DatasetChangeKind;
  title: string;
  before: { id: string; name: string } | null;
  after: { id: string; name: string } | null;
  fields: FieldChange[];
  outputs: OutputEffect[];
  /** What a consumer relying on the old outputs will notice (broken addresses, withdrawn entries). */
  notes: string[];
}

export interface FileChanges {
  area: string;
  added: string[];
  removed: string[];
  changed: string[];
}

export interface CatalogueDiff {
  base: { dir: string; datasets: number };
  head: { dir: string; datasets: number };
  counts: Record<DatasetChangeKind | 'unchanged', number>;
  datasets: DatasetChange[];
  files: FileChanges[];
}

const kindOrder: DatasetChangeKind[] = ['removed', 'renamed', 'added', 'changed'];

export async function compareBuilds(base: BuildSnapshot, head: BuildSnapshot): Promise<CatalogueDiff> {
  const removed = [...base.datasets.values()].filter((dataset) => !head.datasets.has(dataset.id)).sort(byId);
  const added = [...head.datasets.values()].filter((dataset) => !base.datasets.has(dataset.id)).sort(byId);
  const changes: DatasetChange[] = [];
  let unchanged = 0;

  for (const [id, after] of [...head.datasets].sort(([a], [b]) => compareText(a, b))) {
    const before = base.datasets.get(id);
    if (!before) continue;
    const change = datasetChange(before, after);
    if (change) changes.push(change);
    else unchanged += 1;
  }
  // A dataset whose file was renamed has a new id: pair it with the one that went, so the reviewer
  // sees a rename (and what it breaks) rather than an unrelated removal and addition.
  const pairedAdded = new Set<string>();
  for (const gone of removed) {
    const successor = added.find((dataset) => !pairedAdded.has(dataset.id) && isSuccessor(gone, dataset));
    if (successor) {
      pairedAdded.add(successor.id);
      changes.push(datasetChange(gone, successor) ?? unreachable());
    } else {
      changes.push(appeared(gone, 'removed'));
    }
  }
  for (const dataset of added) if (!pairedAdded.has(dataset.id)) changes.push(appeared(dataset, 'added'));

  changes.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || compareText((a.after ?? a.before)!.id, (b.after ?? b.before)!.id));
  const counts = { removed: 0, renamed: 0, added: 0, changed: 0, unchanged };
  for (const change of changes) counts[change.kind] += 1;
  return {
    base: { dir: base.dir, datasets: base.datasets.size },
    head: { dir: head.dir, datasets: head.datasets.size },
    counts,
    datasets: changes,
    files: await fileChanges(base, head),
  };
}

function isSuccessor(gone: PublishedDataset, candidate: PublishedDataset): boolean {
  // The old CKAN name kept (name: <old id>), so that API clients still find it…
  if (candidate.name === gone.name || candidate.name === gone.id) return true;
  // …or the same dataset under a new file name: same title and the same files.
  const files = (dataset: PublishedDataset) => (dataset.exportRow.resources as JsonObject[]).map((resource) => [resource.id, resource.title, resource.filename ?? resource.url]);
  return gone.exportRow.title === candidate.exportRow.title && isDeepStrictEqual(files(gone), files(candidate));
}

function datasetChange(before: PublishedDataset, after: PublishedDataset): DatasetChange | null {
  const outputs = outputEffects(before, after);
  const renamed = before.id !== after.id || before.name !== after.name;
  if (!renamed && outputs.every((effect) => effect.change === 'unchanged' || effect.change === 'not built')) return null;
  const notes: string[] = [];
  if (before.id !== after.id) {
    notes.push(`The dataset's id changed from \`${before.id}\` to \`${after.id}\`: its page moves from /dataset/${before.id}/ to /dataset/${after.id}/ and its CKAN id changes, so links and harvesters holding the old ones lose it.`);
  }
  if (before.name !== after.name) {
    // package_show answers to our id as well as the name: an old name that is the id still answers.
    const oldNameAnswers = before.name === after.id;
    notes.push(
      `CKAN name \`${before.name}\` → \`${after.name}\`: package_show?id=${before.name} ${oldNameAnswers ? 'still answers (it is the dataset\'s id), but clients that store names see a new one' : 'no longer answers'}${before.id === after.id ? '; the CKAN id is unchanged' : ''}.`,
    );
  } else if (before.id !== after.id) {
    notes.push(`The CKAN name \`${after.name}\` is kept: package_show?id=${after.name} still answers.`);
  }
  return {
    kind: renamed ? 'renamed' : 'changed',
    title: String(after.exportRow.title),
    before: { id: before.id, name: before.name },
    after: { id: after.id, name: after.name },
    // Fields that follow from the id alone (its web page, each file's dataset) are the rename itself.
    fields: fieldChanges(before.exportRow, after.exportRow).filter((change) => !(before.id !== after.id && isIdEcho(change))),
    outputs,
    notes,
  };
}

const isIdEcho = (change: FieldChange) => change.field === 'id' || /(^|\.)webpage$/.test(change.field) || /\]\.dataset$/.test(change.field);

function appeared(dataset: PublishedDataset, kind: 'added' | 'removed'): DatasetChange {
  const side = { id: dataset.id, name: dataset.name };
  const effects = outputEffects(kind === 'removed' ? dataset : null, kind === 'added' ? dataset : null);
  const notes =
    kind === 'removed'
      ? [`/dataset/${dataset.id}/ and package_show?id=${dataset.name} answer Not found; harvesters (data.json, DCAT) withdraw it at their next run.`]
      : [];
  return { kind, title: String(dataset.exportRow.title), before: kind === 'removed' ? side : null, after: kind === 'added' ? side : null, fields: [], outputs: effects, notes };
}

function outputEffects(before: PublishedDataset | null, after: PublishedDataset | null): OutputEffect[] {
  const id = (after ?? before)!.id;
  const name = (after ?? before)!.name;
  return [
    jsonEffect('export.json', '/api/datasets/export.json', before?.exportRow, after?.exportRow, before !== null, after !== null),
    jsonEffect('package_show', `/api/3/action/package_show?id=${name}`, before?.packageShow, after?.packageShow, before?.packageShow != null, after?.packageShow != null),
    dcatEffect(`/dataset/${id}.ttl`, before?.dcatTurtle ?? null, after?.dcatTurtle ?? null, before !== null, after !== null),
    jsonEffect('data.json', '/data.json', before?.dataJson, after?.dataJson, before?.dataJson != null, after?.dataJson != null),
  ];
}

function presence(hadBefore: boolean, hasAfter: boolean): OutputEffect['change'] | null {
  if (!hadBefore && !hasAfter) return 'not built';
  if (!hadBefore) return 'added';
  if (!hasAfter) return 'removed';
  return null;
}

function jsonEffect(output: OutputName, where: string, before: JsonObject | null | undefined, after: JsonObject | null | undefined, hadBefore: boolean, hasAfter: boolean): OutputEffect {
  const change = presence(hadBefore, hasAfter);
  if (change) return { output, where, change, keys: [] };
  const keys = changedKeys(before!, after!);
  return { output, where, change: keys.length > 0 ? 'changed' : 'unchanged', keys };
}

function dcatEffect(where: string, before: string | null, after: string | null, datasetBefore: boolean, datasetAfter: boolean): OutputEffect {
  const change = presence(datasetBefore && before !== null, datasetAfter && after !== null);
  if (change) return { output: 'dcat', where, change, keys: [] };
  const statements = statementChanges(before!, after!);
  const changed = statements.added + statements.removed > 0;
  return { output: 'dcat', where, change: changed ? 'changed' : 'unchanged', keys: statements.predicates, statements: { added: statements.added, removed: statements.removed } };
}

/** Where a published file belongs, for a reviewer: the outputs a consumer uses. */
export function fileArea(file: string): string {
  if (file.startsWith('download/')) return 'data files';
  if (file.startsWith('api/datasets/')) return 'exports';
  if (/^api\/(3\/|action\/|\.datashelf\/)/.test(file)) return 'CKAN API v3';
  if (/^api\/(1\/|2\/|rest\/|search\/|tag_counts)/.test(file)) return 'CKAN API v1/v2';
  if (/^(catalog[./]|dataset\/[^/]+\.(ttl|jsonld)$)/.test(file)) return 'DCAT-AP';
  if (file === 'data.json') return 'data.json';
  if (file.startsWith('search/')) return 'search index';
  if (file.startsWith('_astro/')) return 'site assets';
  if (file.endsWith('.html')) return 'pages';
  return 'feeds, sitemap and host configuration';
}

async function fileChanges(base: BuildSnapshot, head: BuildSnapshot): Promise<FileChanges[]> {
  const areas = new Map<string, FileChanges>();
  const area = (file: string) => {
    const name = fileArea(file);
    if (!areas.has(name)) areas.set(name, { area: name, added: [], removed: [], changed: [] });
    return areas.get(name)!;
  };
  for (const file of head.files.keys()) if (!base.files.has(file)) area(file).added.push(file);
  for (const file of base.files.keys()) if (!head.files.has(file)) area(file).removed.push(file);
  const common = [...head.files.keys()].filter((file) => base.files.has(file));
  const differs = await mapLimited(common, 16, async (file) => {
    if (base.files.get(file)!.size !== head.files.get(file)!.size) return true;
    return (await fileHash(base.dir, file)) !== (await fileHash(head.dir, file));
  });
  common.forEach((file, index) => {
    if (differs[index]) area(file).changed.push(file);
  });
  return [...areas.values()].sort((a, b) => compareText(a.area, b.area));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: PublishedDataset, b: PublishedDataset) => compareText(a.id, b.id);
function unreachable(): never {
  throw new Error('a renamed dataset always differs');
}
