// The load thread (src/build/load-thread.ts): descriptions and local files worked out on a second
// thread exactly as the main thread works them out, each claimed by one thread only, and a load
// that uses it deriving the very catalogue a load without it derives.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descriptionOf, startLoadThread, type LoadThread } from '../../src/build/load-thread.ts';
import { findDatasetFiles } from '../../src/catalogue/dataset-files.ts';
import { ProblemList } from '../../src/catalogue/errors.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { renderDescription } from '../../src/catalogue/markdown.ts';
import { readLocalFile, type LocalFile } from '../../src/catalogue/previews/file-preview.ts';
import { readMarkdownFile } from '../../src/catalogue/read-files.ts';
import { datasetSchema } from '../../src/catalogue/schema.ts';
import { contentFrom } from '../helpers/content.ts';

/** Datasets with local tables and descriptions of every shape the cut must agree on. */
function manyDatasets(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const id = `set-${String(index).padStart(3, '0')}`;
    const table = index % 3 === 0 ? { file: 'data.tsv', text: `area\tcount\nNorth\t${index}\nSouth\t${index * 2}\n` } : { file: 'data.csv', text: `area,count,rate\nNorth,${index},0.${index}\nSouth,${index + 1},1.5\n` };
    const body = [
      `## About ${id}\n\nCounts of **things** in <em>${index}</em> places. <script>alert(1)</script>\n\n- one\n- two\n`,
      `\n\n\nLeading blank lines, then [a link](https://example.org/${index}).\n`,
      `# A top heading\n\n| a | b |\n|---|---|\n| ${index} | x |\n`,
      '',
    ][index % 4]!;
    let text = `---\ntitle: Dataset ${index}\nteam: highways\ntopics: [transport]\nresources:\n  - id: data\n    title: The data\n    file: ${table.file}\n---\n${body}`;
    if (index % 5 === 1) text = text.replace(/\n/g, '\r\n');
    if (index % 7 === 2) text = `\uFEFF${text}`;
    files[`datasets/${id}/index.md`] = text;
    files[`datasets/${id}/${table.file}`] = table.text;
  }
  return files;
}

describe('the load thread', () => {
  let root: string;
  let contentDir: string;
  const started: LoadThread[] = [];
  const start = () => {
    const thread = startLoadThread(contentDir, { fewest: 0 });
    expect(thread).not.toBeNull();
    started.push(thread!);
    return thread!;
  };

  beforeAll(async () => {
    ({ root, contentDir } = await contentFrom('minimal', manyDatasets(40)));
  });
  afterAll(async () => {
    for (const thread of started) thread.end();
    await rm(root, { recursive: true, force: true });
  });

  it('is not started for a catalogue too small for it to pay', async () => {
    expect(startLoadThread(contentDir)).toBeNull();
    expect(startLoadThread(path.join(root, 'nowhere'), { fewest: 0 })).toBeNull();
  });

  it('cuts each description as the main thread reads it, whatever its line ends and byte-order mark', async () => {
    const files = await findDatasetFiles(contentDir, new ProblemList());
    expect(files.length).toBe(43);
    for (const relative of files) {
      const file = path.join(contentDir, relative);
      const read = await readMarkdownFile(file, datasetSchema, 'dataset', new ProblemList());
      expect(descriptionOf(readFileSync(file)), relative).toBe(read!.body);
    }
    expect(descriptionOf(Buffer.from('no front matter'))).toBeNull();
    expect(descriptionOf(Buffer.from('---\ntitle: x\n'))).toBeNull();
    expect(descriptionOf(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]))).toBeNull();
  });

  it('renders every description on its thread as this thread renders it, and only for the text it rendered', async () => {
    const thread = start();
    await thread.idle();
    const files = await findDatasetFiles(contentDir, new ProblemList());
    expect(thread.done.descriptions).toBe(files.length);
    // A text other than the one it read (the file changed since): this thread renders its own.
    const last = path.join(contentDir, files.at(-1)!);
    expect(await thread.description(last, 'another text')).toBeNull();
    // Not a dataset file it listed.
    expect(await thread.description(path.join(contentDir, 'datasets', 'elsewhere.md'), 'x')).toBeNull();
    for (const relative of files.slice(0, -1)) {
      const file = path.join(contentDir, relative);
      const { body } = (await readMarkdownFile(file, datasetSchema, 'dataset', new ProblemList()))!;
      const rendered = await thread.description(file, body);
      expect(rendered, relative).not.toBeNull();
      expect(rendered).toEqual(renderDescription(body));
      // Handed over once: asked again, this thread renders it.
      expect(await thread.description(file, body)).toBeNull();
    }
  });

  it('reads the local files it is handed, each as this thread reads it, and leaves a failed read to this thread', async () => {
    const thread = start();
    await thread.idle();
    const files: LocalFile[] = (await findDatasetFiles(contentDir, new ProblemList()))
      .filter((relative) => relative.startsWith('datasets/set-'))
      .map((relative) => {
        const name = readFileSync(path.join(contentDir, relative), 'utf8').includes('data.tsv') ? 'data.tsv' : 'data.csv';
        const file = path.join(contentDir, path.dirname(relative), name);
        return { path: file, size: readFileSync(file).length, format: name.endsWith('.tsv') ? 'TSV' : 'CSV', describedColumns: [] };
      });
    files.push({ path: path.join(contentDir, 'datasets', 'missing.csv'), size: 10, format: 'CSV', describedColumns: [] });
    thread.localFiles(files);
    await thread.idle();
    expect(thread.done.files).toBe(files.length - 1);
    for (const [index, file] of files.entries()) {
      const facts = await thread.localFile(index);
      if (index === files.length - 1) {
        expect(facts).toBeNull();
        await expect(readLocalFile(file)).rejects.toThrow(/ENOENT/);
      } else {
        expect(facts).toEqual(await readLocalFile(file));
        expect(facts!.preview).not.toBeNull();
      }
    }
  });

  it('claims each item for one thread only: what this thread claimed first, it does itself', async () => {
    const thread = start();
    // Asked before the thread could render it: the first dataset is this thread's to render (null).
    const files = await findDatasetFiles(contentDir, new ProblemList());
    const first = path.join(contentDir, files[0]!);
    const { body } = (await readMarkdownFile(first, datasetSchema, 'dataset', new ProblemList()))!;
    const answer = await thread.description(first, body);
    await thread.idle();
    // Either this thread claimed it (null, and the other never rendered it) or the other had (its rendering).
    if (answer === null) expect(thread.done.descriptions).toBe(files.length - 1);
    else {
      expect(answer).toEqual(renderDescription(body));
      expect(thread.done.descriptions).toBe(files.length);
    }
  });

  it('gives a load the catalogue a load without it makes, value for value and key for key', async () => {
    const alone = await loadCatalogue({ contentDir, includePrivate: true, today: '2026-12-02' });
    for (const wait of [true, false]) {
      const thread = start();
      // Waiting: every description is the thread's; not waiting: the two threads share them.
      if (wait) await thread.idle();
      const helped = await loadCatalogue({ contentDir, includePrivate: true, today: '2026-12-02', helper: thread });
      if (wait) expect(thread.done.descriptions).toBe(43);
      expect(thread.done.descriptions + thread.done.files).toBeGreaterThan(0);
      thread.end();
      // The same values, keys in the same order. (Not V8's serialised bytes: a preview's rows made by
      // `map` here are "holey" arrays, which V8 writes as sparse; copied from the thread, as dense.)
      expect(JSON.stringify(helped.catalogue)).toBe(JSON.stringify(alone.catalogue));
      expect(helped.catalogue).toStrictEqual(alone.catalogue);
      expect(helped.warnings).toEqual(alone.warnings);
    }
  });

  it('leaves every error to the main thread: a load with it reports what a load without it does', async () => {
    const broken = await contentFrom('minimal', { ...manyDatasets(12), 'datasets/set-004/index.md': '---\ntitle: [unclosed\nteam: nobody\n---\nText', 'datasets/set-009/index.md': '---\ntitle: Nine\nteam: nobody\nresources:\n  - id: data\n    title: Data\n    file: gone.csv\n---\n' });
    try {
      const problems = async (helper: LoadThread | null) => loadCatalogue({ contentDir: broken.contentDir, helper }).then(() => [], (error: { problems: unknown[] }) => error.problems);
      const alone = await problems(null);
      expect(alone.length).toBeGreaterThan(1);
      const thread = startLoadThread(broken.contentDir, { fewest: 0 })!;
      started.push(thread);
      await thread.idle();
      expect(await problems(thread)).toEqual(alone);
    } finally {
      await rm(broken.root, { recursive: true, force: true });
    }
  });
});
