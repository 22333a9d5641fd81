// Synthetic catalogues of any size, shaped like a council's: for the benchmark. Two shapes:
//
// - `files` (the default): each dataset in folder form with one local CSV of 20–100 rows, two
//   external resources and a link, its dates written in its front matter; not in Git.
// - `git`: each dataset one Markdown file with three external files and a link, no dates written,
//   in a Git repository whose history (several commits adding and editing datasets, at different
//   dates) is where the build takes every dataset's `createdAt` and `updatedAt` from.
//
// Files are written synchronously (many small writes go several times faster than through the
// promise API's thread pool) and the Git history is made by `git fast-import` in one stream, so
// 100,000 datasets take well under a minute.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const catalogueShapes = ['files', 'git'] as const;
export type CatalogueShape = (typeof catalogueShapes)[number];

const topics = ['transport', 'environment', 'housing', 'finance', 'education', 'health', 'community', 'planning', 'council', 'economy'];
const teams = ['place', 'resources', 'people', 'environment', 'digital'];
const words = 'air quality parking fines library visits school places road safety waste recycling housing stock council tax planning applications street lights trees parks licensing elections population crime transport buses cycling energy'.split(' ');

/** Deterministic pseudo-random numbers, so every run generates the same catalogue. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const catalogueYaml = [
  'title: Benchmark Open Data',
  'description: A synthetic catalogue for measuring builds.',
  'url: https://bench.example/',
  'publisher: { name: Bench Council }',
  'contact: { email: data@bench.example, title: Data Team }',
  'licence: ogl-v3',
  'editUrl: https://example.org/edit/{path}',
  'customFields:',
  '  - { id: unit, title: Unit, type: text }',
  '  - { id: geography, title: Geography, type: list }',
  '',
].join('\n');
const topicsYaml = topics.map((id) => `- id: ${id}\n  title: ${id[0]!.toUpperCase()}${id.slice(1)}\n`).join('');
const teamsYaml = teams.map((id) => `- id: ${id}\n  title: ${id} team\n`).join('');

export async function writeSyntheticCatalogue(contentDir: string, datasets: number, shape: CatalogueShape = 'files'): Promise<void> {
  if (shape === 'git') return writeGitCatalogue(contentDir, datasets);
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  mkdirSync(path.join(contentDir, 'datasets'), { recursive: true });
  writeFileSync(path.join(contentDir, 'catalogue.yaml'), catalogueYaml);
  writeFileSync(path.join(contentDir, 'topics.yaml'), topicsYaml);
  writeFileSync(path.join(contentDir, 'teams.yaml'), teamsYaml);
  const tagPool = Array.from({ length: 400 }, (_, index) => `${pick(words)} ${pick(words)} ${index % 7}`);
  for (let index = 0; index < datasets; index++) {
    const id = `dataset-${String(index).padStart(6, '0')}`;
    const folder = path.join(contentDir, 'datasets', id);
    mkdirSync(folder);
    const rows = ['ward,month,value', ...Array.from({ length: 20 + Math.floor(next() * 80) }, (_, row) => `ward-${row % 17},2024-${String((row % 12) + 1).padStart(2, '0')},${Math.floor(next() * 1000)}`)];
    writeFileSync(path.join(folder, 'data.csv'), `${rows.join('\r\n')}\r\n`);
    const title = `${pick(words)} ${pick(words)} ${pick(words)} ${index}`.replace(/^./, (first) => first.toUpperCase());
    const tags = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(tagPool));
    const sharing = index % 50 === 7 ? 'private' : 'public';
    writeFileSync(
      path.join(folder, 'index.md'),
      [
        '---',
        `title: ${title}`,
        `team: ${pick(teams)}`,
        `tags: ${JSON.stringify([...new Set(tags)])}`,
        `topics: [${pick(topics)}]`,
        `sharing: ${sharing}`,
        `nextReviewDate: 2027-0${1 + (index % 9)}-15`,
        `custom: { unit: Unit ${index % 13}, geography: [Benchtown] }`,
        `createdAt: 2020-01-01T00:00:00Z`,
        `updatedAt: 2025-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}T12:00:00Z`,
        'resources:',
        '  - id: data',
        '    title: The data',
        '    file: data.csv',
        '    timeFrameFrom: 2024-01',
        '    timeFrameTo: 2024-12',
        '  - id: archive',
        '    title: Archive',
        `    url: https://files.bench.example/${id}/archive.zip`,
        '  - id: api',
        '    title: API',
        `    url: https://api.bench.example/${id}.json`,
        'links:',
        '  - id: about',
        '    title: About this data',
        `    url: https://www.bench.example/about/${id}`,
        '---',
        `## About ${title}`,
        '',
        `This dataset records **${pick(words)}** across the borough. It is updated monthly and covers every ward.`,
        '',
        '- One row per ward and month',
        '- Values are counts',
        '',
      ].join('\n'),
    );
  }
}

/**
 * The `git` shape's history: datasets added in three commits, then three commits each revising a
 * share of them (every 3rd, 7th, 11th), so created and updated dates differ between datasets and
 * from each other. Times are fixed: the same catalogue, and the same dates, every run.
 */
const history = [
  { time: '2021-03-01T09:00:00Z', author: 'Ann Archer', message: 'First datasets', adds: [0, 0.5] },
  { time: '2022-06-01T09:00:00Z', author: 'Ben Brook', message: 'More datasets', adds: [0.5, 0.8] },
  { time: '2023-02-01T09:00:00Z', author: 'Ann Archer', message: 'The remaining datasets', adds: [0.8, 1] },
  { time: '2024-05-01T09:00:00Z', author: 'Cal Carter', message: 'Revise descriptions', every: 3 },
  { time: '2025-01-15T09:00:00Z', author: 'Ben Brook', message: 'New API addresses', every: 7 },
  { time: '2025-09-30T09:00:00Z', author: 'Ann Archer', message: 'Review notes', every: 11 },
] as const;

interface GitDataset {
  id: string;
  title: string;
  team: string;
  tags: string[];
  topic: string;
  word: string;
  sharing: string;
  index: number;
}

function gitDatasetText(dataset: GitDataset, revision: number): string {
  const { id, title, index } = dataset;
  const file = (name: string, format: string) => [`  - id: ${name}`, `    title: ${name[0]!.toUpperCase()}${name.slice(1)} (${format})`, `    url: https://files.bench.example/${id}/${name}.${format.toLowerCase()}${revision > 0 ? `?v=${revision}` : ''}`];
  return [
    '---',
    `title: ${title}`,
    `team: ${dataset.team}`,
    `tags: ${JSON.stringify(dataset.tags)}`,
    `topics: [${dataset.topic}]`,
    `sharing: ${dataset.sharing}`,
    `nextReviewDate: 2027-0${1 + (index % 9)}-15`,
    `custom: { unit: Unit ${index % 13}, geography: [Benchtown] }`,
    'resources:',
    ...file('data', 'CSV'),
    '    timeFrameFrom: 2024-01',
    '    timeFrameTo: 2024-12',
    ...file('summary', 'XLSX'),
    ...file('boundaries', 'GeoJSON'),
    'links:',
    '  - id: about',
    '    title: About this data',
    `    url: https://www.bench.example/about/${id}`,
    '---',
    `## About ${title}`,
    '',
    `This dataset records **${dataset.word}** across the borough. It is updated monthly and covers every ward.`,
    '',
    '- One row per ward and month',
    '- Values are counts',
    ...(revision > 0 ? ['', `Revision ${revision}: figures checked against the source.`] : []),
    '',
  ].join('\n');
}

async function writeGitCatalogue(contentDir: string, datasets: number): Promise<void> {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const tagPool = Array.from({ length: 400 }, (_, index) => `${pick(words)} ${pick(words)} ${index % 7}`);
  const all: GitDataset[] = Array.from({ length: datasets }, (_, index) => ({
    index,
    id: `dataset-${String(index).padStart(6, '0')}`,
    title: `${pick(words)} ${pick(words)} ${pick(words)} ${index}`.replace(/^./, (first) => first.toUpperCase()),
    team: pick(teams),
    tags: [...new Set(Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(tagPool)))],
    topic: pick(topics),
    word: pick(words),
    sharing: index % 50 === 7 ? 'private' : 'public',
  }));
  mkdirSync(contentDir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', contentDir]);
  // Every version of every file is stored by one `git fast-import` stream of blobs (a pack, not
  // 100,000 loose objects); each commit's trees are then made whole by `git mktree`, since
  // fast-import's own tree edits slow down with the square of a folder's entries.
  const blobs = new Map<string, string>();
  const blobId = (text: string) => {
    const bytes = Buffer.from(text);
    const id = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    if (!blobs.has(id)) blobs.set(id, text);
    return id;
  };
  const settings = { 'catalogue.yaml': blobId(catalogueYaml), 'teams.yaml': blobId(teamsYaml), 'topics.yaml': blobId(topicsYaml) };
  const revisions = new Array<number>(datasets).fill(0);
  const versions = new Map<string, string>();
  const trees: { datasets: string[]; commit: (typeof history)[number] }[] = [];
  for (const commit of history) {
    if ('adds' in commit) {
      const [from, to] = commit.adds.map((share) => Math.round(share * datasets));
      for (let index = from!; index < to!; index++) versions.set(`${all[index]!.id}.md`, blobId(gitDatasetText(all[index]!, 0)));
    } else {
      for (let index = 0; index < datasets; index += commit.every) versions.set(`${all[index]!.id}.md`, blobId(gitDatasetText(all[index]!, ++revisions[index]!)));
    }
    trees.push({ commit, datasets: [...versions].map(([name, id]) => `100644 blob ${id}\t${name}`) });
  }
  await importBlobs(contentDir, blobs.values());
  let parent: string | null = null;
  for (const { commit, datasets: entries } of trees) {
    const datasetsTree = git(contentDir, ['mktree', '--missing'], `${entries.join('\n')}\n`);
    const root = git(contentDir, ['mktree', '--missing'], `${Object.entries(settings).map(([name, id]) => `100644 blob ${id}\t${name}\n`).join('')}040000 tree ${datasetsTree}\tdatasets\n`);
    const email = `${commit.author.split(' ')[0]!.toLowerCase()}@bench.example`;
    const env = { ...process.env, GIT_AUTHOR_NAME: commit.author, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: commit.time, GIT_COMMITTER_NAME: commit.author, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: commit.time };
    parent = git(contentDir, ['commit-tree', root, ...(parent ? ['-p', parent] : []), '-m', commit.message], '', env);
  }
  git(contentDir, ['update-ref', 'refs/heads/main', parent!], '');
  // The work tree as the last commit has it, written directly, then an index that matches it.
  mkdirSync(path.join(contentDir, 'datasets'));
  writeFileSync(path.join(contentDir, 'catalogue.yaml'), catalogueYaml);
  writeFileSync(path.join(contentDir, 'topics.yaml'), topicsYaml);
  writeFileSync(path.join(contentDir, 'teams.yaml'), teamsYaml);
  for (const dataset of all) writeFileSync(path.join(contentDir, 'datasets', `${dataset.id}.md`), gitDatasetText(dataset, revisions[dataset.index]!));
  execFileSync('git', ['read-tree', 'HEAD'], { cwd: contentDir });
  execFileSync('git', ['update-index', '-q', '--refresh'], { cwd: contentDir, stdio: 'ignore' });
}

function git(cwd: string, args: string[], input: string, env?: NodeJS.ProcessEnv): string {
  return execFileSync('git', args, { cwd, input, env, maxBuffer: 1 << 30 }).toString().trim();
}

/** Writes the texts as blobs in one pack. */
async function importBlobs(repository: string, texts: Iterable<string>): Promise<void> {
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: repository, stdio: ['pipe', 'inherit', 'inherit'] });
  const finished = new Promise<void>((resolve, reject) => {
    importer.once('error', reject);
    importer.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
  });
  let batch: string[] = [];
  let size = 0;
  for (const text of texts) {
    batch.push(`blob\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    size += text.length;
    if (size < 1 << 20) continue;
    const ready = importer.stdin.write(batch.join(''));
    batch = [];
    size = 0;
    if (!ready) await new Promise((resolve) => importer.stdin.once('drain', resolve));
  }
  importer.stdin.end(`${batch.join('')}done\n`);
  await finished;
}
