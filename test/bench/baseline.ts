// The plain-Node baseline of `npm run bench` (issue 12): what any static generator must at least
// do with a catalogue, with no framework. It finds the dataset files with fast-glob, parses their
// front matter with js-yaml and renders their Markdown with the project's own renderer (markdown-it
// and sanitize-html, src/catalogue/markdown.ts), as the loader does, then writes one simple HTML
// page and one JSON file per public dataset. No validation, Git dates, file hashing, lists, API or
// exports: a build's ratio to it is the price of everything else.
//
// `node test/bench/baseline.ts <content> <out>` prints JSON in the shape build-once.ts prints. It runs
// the compiled lib/ (runtime.ts), as the build does: `npm run compile` first (`npm run bench` does).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstPageWritten } from './first-page.ts';
import { compiled } from './runtime.ts';
import { watchTreeMemory } from './tree-memory.ts';

// The project's renderer as the build runs it; the libraries after the compile cache is on, as the build's are.
const { renderMarkdown } = await compiled<typeof import('../../src/catalogue/markdown.ts')>('catalogue/markdown.js');
const { default: fg } = await import('fast-glob');
const { default: jsYaml } = await import('js-yaml');

interface Resource {
  id?: string;
  title?: string;
  url?: string;
  file?: string;
  format?: string;
}

interface Dataset {
  id: string;
  title: string;
  team?: string;
  topics?: string[];
  tags?: string[];
  sharing?: string;
  resources?: Resource[];
  links?: Resource[];
  description: string;
}

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"]/g, (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[character]};`);

function read(contentDir: string, relative: string): Dataset {
  const text = readFileSync(path.join(contentDir, relative), 'utf8');
  const end = text.indexOf('\n---', 4);
  const fields = jsYaml.load(text.slice(4, end), { schema: jsYaml.CORE_SCHEMA }) as Omit<Dataset, 'id' | 'description'>;
  const id = relative.endsWith('/index.md') ? path.basename(path.dirname(relative)) : path.basename(relative, '.md');
  return { ...fields, id, description: renderMarkdown(text.slice(text.indexOf('\n', end + 4) + 1)) };
}

function page(dataset: Dataset): string {
  const items = (list: Resource[] | undefined) => (list ?? []).map((item) => `<li><a href="${escape(item.url ?? item.file)}">${escape(item.title)}</a></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(dataset.title)}</title><link rel="stylesheet" href="/style.css"></head>
<body>
<main>
<h1>${escape(dataset.title)}</h1>
<p>Team: ${escape(dataset.team)}. Topics: ${escape((dataset.topics ?? []).join(', '))}. Tags: ${escape((dataset.tags ?? []).join(', '))}.</p>
${dataset.description}
<h2>Files</h2>
<ul>
${items(dataset.resources)}
</ul>
<h2>Links</h2>
<ul>
${items(dataset.links)}
</ul>
</main>
</body>
</html>
`;
}

if (process.argv[1] === import.meta.filename) {
  const [contentDir, outDir] = process.argv.slice(2) as [string, string];
  const memory = watchTreeMemory();
  const stages: { name: string; ms: number }[] = [];
  let started = performance.now();
  const files = (await fg(['datasets/*.md', 'datasets/*/index.md'], { cwd: contentDir, onlyFiles: true })).sort();
  const datasets = files.map((file) => read(contentDir, file)).filter((dataset) => dataset.sharing !== 'private');
  stages.push({ name: 'load', ms: Math.round(performance.now() - started) });
  started = performance.now();
  for (const dataset of datasets) {
    const folder = path.join(outDir, 'dataset', dataset.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'index.html'), page(dataset));
    writeFileSync(path.join(outDir, 'dataset', `${dataset.id}.json`), `${JSON.stringify(dataset)}\n`);
  }
  stages.push({ name: 'pages', ms: Math.round(performance.now() - started) });
  const peakRssMiB = memory.stop();
  const finishedAt = Date.now();
  process.stdout.write(`${JSON.stringify({ stages, peakRssMiB, datasets: datasets.length, firstPageAt: await firstPageWritten(outDir, performance.timeOrigin), finishedAt })}\n`);
}
