// An incremental build's page plan (src/site/page-plan.ts): pages whose inputs did not change are
// kept with the previous build's key, unworked. Whatever changed, every page's key must be exactly
// the one a build working out every page gives (a page whose bytes change has another key, so it is
// rendered again: test/site/page-keys.test.ts), and most pages must be kept unworked on an edit.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { datasetDigest } from '../../src/catalogue/dataset-digest.ts';
import type { Catalogue, Dataset, Team, Topic } from '../../src/catalogue/model.ts';
import { enabledOutputs, siteOutputs } from '../../src/outputs/index.ts';
import { foiDataset } from '../../src/site/components/examples.ts';
import { datasetPath, tagPath, topicPath } from '../../src/site/links.ts';
import { recentFirstFrom } from '../../src/site/listings.ts';
import { planEntry, readPlan, type PagePlan, type PlannedDataset } from '../../src/site/page-plan.ts';
import { pageJobs, planWith, siteContext, type PageJob } from '../../src/site/page-views.ts';
import { contentFrom } from '../helpers/content.ts';

let base: Catalogue;

/** A small deterministic generator (the same catalogue every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const topics: Topic[] = Array.from({ length: 6 }, (_, index) => ({ ...foiDataset.topics[0]!, id: `topic-${index}`, title: `Topic ${index}` }));
const teams: Team[] = Array.from({ length: 4 }, (_, index) => ({ ...foiDataset.team, id: `team-${index}`, title: `Team ${index}` }));

/** 300 datasets made to share topics, tags, dates and titles (lists of several pages, similar lists that tie), some related to others. */
function generated(): Dataset[] {
  const next = random(7);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const dates = ['2024-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z', '2025-09-01T00:00:00.000Z', null];
  return Array.from({ length: 300 }, (_, index) => {
    const id = `dataset-${String(index).padStart(3, '0')}`;
    const slugs = [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => `tag-${Math.floor(next() ** 2 * 40)}`))];
    return {
      ...foiDataset,
      id,
      // Some titles of their own: an edit of one keeps its place in the order.
      title: index % 10 === 0 || index % 10 === 7 ? `Own title ${index}` : pick(['Roads', 'Air quality', 'Schools 2', 'Schools 10']),
      updatedAt: pick(dates),
      team: pick(teams),
      topics: [...new Set([pick(topics), pick(topics)])],
      tags: slugs.map((slug) => ({ name: slug.toUpperCase(), slug })),
      relationships: index % 9 === 4 ? [{ type: 'derives_from', dataset: `dataset-${String(index + 3).padStart(3, '0')}`, comment: null }] : [],
    } as Dataset;
  });
}

beforeAll(async () => {
  const { contentDir } = await contentFrom('minimal');
  const loaded = (await loadCatalogue({ contentDir, today: '2025-06-01' })).catalogue;
  base = { ...loaded, topics, teams, datasets: generated() };
});

interface Built {
  keys: Record<string, string>;
  jobs: PageJob[];
  /** The pages kept in bulk (page-views.ts `editedPages`): not jobs. */
  keptInBulk: string[];
  /** The changed datasets' digests, when every page but those worked out was kept in bulk. */
  changedDigests?: string[];
}

/**
 * The jobs of a build, given the previous build's keys and plan (as the cache keeps them) or none; its keys and plan for the next.
 * `bulk`: pages kept in bulk, as the build takes them (render-pages.ts), each given to `keep` (true: it is in the previous output).
 */
function build(catalogue: Catalogue, previous: Built | null = null, bulk?: (file: string) => boolean): Built {
  // As the build does (render-pages.ts `sortAsBefore`): the catalogue sorted from the plan's order first.
  const plan = previous && readPlan(previous.keys);
  if (plan) recentFirstFrom(catalogue.datasets, plan.order);
  const context = siteContext(catalogue, siteOutputs(catalogue, enabledOutputs({})));
  const keys: Record<string, string> = {};
  const keptInBulk: string[] = [];
  let changedDigests: string[] | undefined;
  const keep = bulk && ((file: string, key: string) => bulk(file) && (keptInBulk.push(file), (keys[file] = key), true));
  const jobs = [...pageJobs(catalogue, context, 'compiled pages', { previous: previous && { keys: previous.keys, plan: readPlan(previous.keys) }, keep, onKeptInBulk: (digests) => (changedDigests = digests), onPlan: (plan) => (keys[planEntry] = plan) })];
  for (const job of jobs) keys[job.file] = job.key;
  return { keys, jobs, keptInBulk, changedDigests };
}

/** Every page's key as a build working out every page gives it. */
function fullKeys(catalogue: Catalogue): Map<string, string> {
  // A list of its own: sorted afresh, not taken from the planned build's sort.
  return new Map(build({ ...catalogue, datasets: [...catalogue.datasets] }).jobs.map((job) => [job.file, job.key]));
}

const worked = (built: Built) => built.jobs.filter((job) => !job.kept);

/** The planned build's keys are the full build's, page for page; a kept page worked out has its kept key. */
function expectSameKeys(planned: Built, catalogue: Catalogue): void {
  const full = fullKeys(catalogue);
  const { [planEntry]: _, ...pageKeys } = planned.keys;
  expect(pageKeys).toEqual(Object.fromEntries(full));
  if (planned.keptInBulk.length === 0) expect(new Set(planned.jobs.map((job) => job.file))).toEqual(new Set(full.keys()));
  for (const job of planned.jobs) {
    expect(job.key, job.file).toBe(full.get(job.file));
    if (job.kept) expect(job.kept().key, job.file).toBe(job.key);
  }
}

function changed(catalogue: Catalogue, id: string, change: (dataset: Dataset) => Dataset): Catalogue {
  return { ...catalogue, datasets: catalogue.datasets.map((dataset) => (dataset.id === id ? change(dataset) : dataset)) };
}

const edits: [string, (catalogue: Catalogue) => Catalogue, { datasetPagesAtMost?: number }][] = [
  ['a title (its place in the order kept)', (c) => changed(c, 'dataset-120', (d) => ({ ...d, title: `${d.title} revised` })), { datasetPagesAtMost: 30 }],
  ['a description', (c) => changed(c, 'dataset-121', (d) => ({ ...d, descriptionText: 'Other words.', descriptionHtml: '<p>Other words.</p>' })), { datasetPagesAtMost: 30 }],
  ['a title that moves it in the order', (c) => changed(c, 'dataset-122', (d) => ({ ...d, title: 'Aardvarks' })), {}],
  ['tags', (c) => changed(c, 'dataset-123', (d) => ({ ...d, tags: [{ name: 'New', slug: 'new' }, ...d.tags.slice(1)] })), {}],
  ['a topic', (c) => changed(c, 'dataset-124', (d) => ({ ...d, topics: [topics.find((topic) => !d.topics.includes(topic))!] })), {}],
  ['a team', (c) => changed(c, 'dataset-125', (d) => ({ ...d, team: teams.find((team) => team !== d.team)! })), {}],
  ['the last update', (c) => changed(c, 'dataset-126', (d) => ({ ...d, updatedAt: '2025-11-30T00:00:00.000Z' })), {}],
  ['a review date', (c) => changed(c, 'dataset-127', (d) => ({ ...d, nextReviewDate: '2025-05-01' })), { datasetPagesAtMost: 30 }],
  ['a relationship', (c) => changed(c, 'dataset-128', (d) => ({ ...d, relationships: [{ type: 'depends_on', dataset: 'dataset-010', comment: 'Needs it' }] })), {}],
  ['a related dataset’s title', (c) => changed(c, 'dataset-007', (d) => ({ ...d, title: `${d.title} (2)` })), { datasetPagesAtMost: 30 }],
  ['an addition', (c) => ({ ...c, datasets: [...c.datasets, { ...c.datasets[5]!, id: 'dataset-new', title: 'Newcomer', tags: [{ name: 'Fresh', slug: 'fresh' }] }] }), {}],
  ['a removal', (c) => ({ ...c, datasets: c.datasets.filter((dataset) => dataset.id !== 'dataset-130') }), {}],
  ['a removal of a related dataset', (c) => ({ ...c, datasets: c.datasets.filter((dataset) => dataset.id !== 'dataset-007') }), {}],
  [
    'a topic’s title (every page of its datasets)',
    (c) => {
      const renamed = { ...topics[1]!, title: 'Renamed topic' };
      return { ...c, topics: c.topics.map((topic) => (topic.id === renamed.id ? renamed : topic)), datasets: c.datasets.map((dataset) => (dataset.topics.some((topic) => topic.id === renamed.id) ? { ...dataset, topics: dataset.topics.map((topic) => (topic.id === renamed.id ? renamed : topic)) } : dataset)) };
    },
    {},
  ],
  ['a team’s title', (c) => ({ ...c, datasets: c.datasets.map((dataset) => (dataset.team.id === 'team-2' ? { ...dataset, team: { ...dataset.team, title: 'Renamed team' } } : dataset)) }), {}],
  ['nothing', (c) => ({ ...c, datasets: [...c.datasets] }), { datasetPagesAtMost: 0 }],
];

describe('pages kept by the previous build’s plan', () => {

  it.each(edits)('after %s, every key is the full build’s', (_, edit, { datasetPagesAtMost }) => {
    const before = build(base);
    const after = edit(base);
    const planned = build(after, before);
    expectSameKeys(planned, after);
    // Pages kept unworked: an edit that changes no list and no similar list works out a few pages.
    const kept = planned.jobs.filter((job) => job.kept).length;
    if (datasetPagesAtMost !== undefined) {
      expect(worked(planned).filter((job) => job.path.startsWith('dataset/')).length).toBeLessThanOrEqual(datasetPagesAtMost);
      expect(kept).toBeGreaterThan(planned.jobs.length / 2);
    }
  });

  it('after an addition or a removal, keeps unworked the dataset pages naming the same datasets as before, none of them changed', () => {
    const before = build(base);
    const addition = { ...base, datasets: [...base.datasets, { ...base.datasets[5]!, id: 'dataset-new', title: 'Newcomer', tags: [{ name: 'Fresh', slug: 'fresh' }] }] };
    const removal = { ...base, datasets: base.datasets.filter((dataset) => dataset.id !== 'dataset-130') };
    for (const [after, gone] of [
      [addition, 'dataset-new'],
      [removal, 'dataset-130'],
    ] as const) {
      const planned = build(after, before);
      const plan = readPlan(planned.keys)!;
      const datasetPages = planned.jobs.filter((job) => job.path.startsWith('dataset/'));
      const workedIds = new Set(datasetPages.filter((job) => !job.kept).map((job) => job.path.split('/')[1]!));
      // Worked out: exactly the pages of the new dataset and of those naming (now or before) the dataset added or removed.
      const naming = (id: string, record: readonly unknown[] | undefined) => record !== undefined && [...(record[4] as string[]), ...(record[5] as string[])].includes(gone);
      const expected = new Set(after.datasets.filter((dataset) => dataset.id === gone || naming(dataset.id, plan.datasets[dataset.id]) || naming(dataset.id, readPlan(before.keys)!.datasets[dataset.id])).map((dataset) => dataset.id));
      expect(workedIds).toEqual(expected);
      expect(workedIds.size).toBeLessThan(datasetPages.length / 2);
    }
  });

  it('keeps the edited dataset’s topic, team and tag lists worked out, and the others kept', () => {
    const before = build(base);
    const dataset = base.datasets.find((candidate) => candidate.tags.length > 0 && candidate.relationships.length === 0)!;
    const planned = build(changed(base, dataset.id, (d) => ({ ...d, title: `${d.title} revised` })), before);
    const workedPaths = new Set(worked(planned).map((job) => job.path));
    expect(workedPaths.has(datasetPath(dataset.id))).toBe(true);
    expect(workedPaths.has(topicPath(dataset.topics[0]!.id))).toBe(true);
    expect(workedPaths.has(tagPath(dataset.tags[0]!.slug))).toBe(true);
    const otherTopic = topics.find((topic) => !dataset.topics.some((own) => own.id === topic.id))!;
    expect(workedPaths.has(topicPath(otherTopic.id))).toBe(false);
  });

  it('holds over a chain of builds, each from the plan the one before left', () => {
    let catalogue = base;
    let previous = build(catalogue);
    const steps = edits.map(([, edit]) => edit);
    for (const step of steps) {
      catalogue = step(catalogue);
      previous = build(catalogue, previous);
      expectSameKeys(previous, catalogue);
    }
  });

  it('is not used when a page’s previous key is missing, nor when two datasets share an id', () => {
    const before = build(base);
    const file = `${datasetPath('dataset-200')}index.html`;
    const { [file]: _, ...without } = before.keys;
    const planned = build(changed(base, 'dataset-120', (d) => ({ ...d, title: `${d.title} revised` })), { ...before, keys: without });
    expect(planned.jobs.find((job) => job.file === file)!.kept).toBeUndefined();
    const twice = { ...base, datasets: [...base.datasets, { ...base.datasets[3]!, title: 'Same id' }] };
    expect(worked(build(twice, before)).length).toBe(build(twice).jobs.length);
    expect(build(twice).keys[planEntry]).toBeUndefined();
  });
});

describe('an edit’s pages kept in bulk', () => {
  const everyFile = () => true;

  it.each(edits)('after %s, every key is the full build’s, and the plan the one a build taking every page leaves', (_, edit, { datasetPagesAtMost }) => {
    const before = build(base);
    const after = edit(base);
    const planned = build(after, before, everyFile);
    expectSameKeys(planned, after);
    expect(JSON.parse(planned.keys[planEntry]!)).toEqual(JSON.parse(build(after, before).keys[planEntry]!));
    // An edit of a few pages: every other page kept in bulk, none of them a job.
    if (datasetPagesAtMost !== undefined && datasetPagesAtMost > 0) {
      expect(planned.keptInBulk.length).toBeGreaterThan(Object.keys(before.keys).length / 2);
      expect(planned.jobs.every((job) => !job.kept)).toBe(true);
      expect(planned.jobs.filter((job) => job.path.startsWith('dataset/')).length).toBeLessThanOrEqual(datasetPagesAtMost);
    }
  });

  it('takes a title edit’s pages alone: its own, those naming it, its lists, and the pages without a list', () => {
    const before = build(base);
    const dataset = base.datasets.find((candidate) => candidate.id === 'dataset-120')!;
    const planned = build(changed(base, dataset.id, (d) => ({ ...d, title: `${d.title} revised` })), before, everyFile);
    const plan = readPlan(before.keys)!;
    const naming = Object.entries(plan.datasets).filter(([, record]) => record[4].includes(dataset.id) || record[5].includes(dataset.id)).map(([id]) => datasetPath(id));
    const datasetPages = planned.jobs.filter((job) => job.path.startsWith('dataset/')).map((job) => job.path);
    expect(new Set(datasetPages)).toEqual(new Set([datasetPath(dataset.id), ...naming]));
    const workedPaths = new Set(planned.jobs.map((job) => job.path));
    expect(workedPaths.has(topicPath(dataset.topics[0]!.id))).toBe(true);
    const otherTopic = topics.find((topic) => !dataset.topics.some((own) => own.id === topic.id))!;
    expect(workedPaths.has(topicPath(otherTopic.id))).toBe(false);
    expect(planned.jobs.length + planned.keptInBulk.length).toBe(Object.keys(before.keys).length - 1);
    // The edited dataset's digest, for its cards (src/build/card-store.ts `fewPages`).
    const edited = planned.jobs.find((job) => job.path === datasetPath(dataset.id))!;
    expect(planned.changedDigests).toEqual([datasetDigest((edited.view as { dataset: Dataset }).dataset)]);
  });

  it('holds over a chain of builds, each from the plan the one before left', () => {
    let catalogue = base;
    let previous = build(catalogue);
    for (const [, step] of edits) {
      catalogue = step(catalogue);
      previous = build(catalogue, previous, everyFile);
      expectSameKeys(previous, catalogue);
    }
  });

  it('gives every page as a job when the previous output lacks one, or a previous key is missing', () => {
    const before = build(base);
    const edit = changed(base, 'dataset-120', (d) => ({ ...d, title: `${d.title} revised` }));
    const file = `${datasetPath('dataset-200')}index.html`;
    const lacking = build(edit, before, (other) => other !== file);
    expectSameKeys(lacking, edit);
    expect(lacking.jobs.some((job) => job.file === file)).toBe(true);
    expect(lacking.jobs.length).toBe(fullKeys(edit).size);
    const { [file]: _, ...without } = before.keys;
    const missing = build(edit, { ...before, keys: without }, everyFile);
    expect(missing.keptInBulk).toEqual([]);
    expect(missing.changedDigests).toBeUndefined();
    expect(lacking.changedDigests).toBeUndefined();
    expectSameKeys(missing, edit);
  });

  it('writes the plan again from the previous one’s text, the changed records replaced', () => {
    const plan = { form: 1, global: 'g', counts: 'c', order: ['a', 'b'], datasets: { a: ['d1', 't', [], [], [], ['b']], b: ['d2', 't', [], [], [], ['a']] }, pages: { topic: {}, team: {}, tag: {} } } as PagePlan;
    const text = JSON.stringify(plan);
    const record: PlannedDataset = ['d3', 't', [], [], [], ['a']];
    expect(planWith(text, plan, new Map([['b', record]]))).toBe(JSON.stringify({ ...plan, datasets: { ...plan.datasets, b: record } }));
    // A text that does not hold the record as written: the whole plan written out.
    expect(JSON.parse(planWith(JSON.stringify(plan, null, 1), plan, new Map([['b', record]])))).toEqual({ ...plan, datasets: { ...plan.datasets, b: record } });
  });
});
