// A synthetic catalogue of any size, shaped like a council's: for the benchmark.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

export async function writeSyntheticCatalogue(contentDir: string, datasets: number): Promise<void> {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  await mkdir(path.join(contentDir, 'datasets'), { recursive: true });
  await writeFile(
    path.join(contentDir, 'catalogue.yaml'),
    [
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
    ].join('\n'),
  );
  await writeFile(path.join(contentDir, 'topics.yaml'), topics.map((id) => `- id: ${id}\n  title: ${id[0]!.toUpperCase()}${id.slice(1)}\n`).join(''));
  await writeFile(path.join(contentDir, 'teams.yaml'), teams.map((id) => `- id: ${id}\n  title: ${id} team\n`).join(''));
  const tagPool = Array.from({ length: 400 }, (_, index) => `${pick(words)} ${pick(words)} ${index % 7}`);
  for (let index = 0; index < datasets; index++) {
    const id = `dataset-${String(index).padStart(6, '0')}`;
    const folder = path.join(contentDir, 'datasets', id);
    await mkdir(folder, { recursive: true });
    const rows = ['ward,month,value', ...Array.from({ length: 20 + Math.floor(next() * 80) }, (_, row) => `ward-${row % 17},2024-${String((row % 12) + 1).padStart(2, '0')},${Math.floor(next() * 1000)}`)];
    await writeFile(path.join(folder, 'data.csv'), `${rows.join('\r\n')}\r\n`);
    const title = `${pick(words)} ${pick(words)} ${pick(words)} ${index}`.replace(/^./, (first) => first.toUpperCase());
    const tags = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(tagPool));
    const sharing = index % 50 === 7 ? 'private' : 'public';
    await writeFile(
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
