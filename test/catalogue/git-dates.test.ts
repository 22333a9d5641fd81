// Dataset and file dates come from Git history when the front matter does not set them.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/catalogue/errors.ts';
import { readGitHistory } from '../../src/catalogue/git-history.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { minimalWithHistory } from '../helpers/git.ts';

const run = promisify(execFile);


const roads = '---\ntitle: Road Casualties\nteam: highways\ntopics: [transport]\nresources:\n  - id: "2023"\n    title: Casualties 2023\n    file: casualties 2023.csv\n---\nBody.\n';

const repoWithHistory = () => minimalWithHistory(roads);

describe('dates from Git', () => {
  it('takes createdAt from the first commit and updatedAt from the last change to the dataset or its files', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue, warnings } = await loadCatalogue({ contentDir });
    const dataset = catalogue.datasets.find((item) => item.id === 'roads')!;
    expect(dataset.createdAt).toBe('2021-03-04T10:00:00.000Z');
    expect(dataset.updatedAt).toBe('2024-07-08T09:30:15.000Z');
    expect(dataset.resources[0]!.timestamp).toBe('2024-07-08T09:30:15');
    expect(warnings).toEqual([]);
  });

  it('keeps dates set in the front matter', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue } = await loadCatalogue({ contentDir });
    const foi = catalogue.datasets.find((item) => item.id === 'foi')!;
    expect([foi.createdAt, foi.updatedAt]).toEqual(['2019-02-05T16:34:18.000Z', '2025-01-21T16:10:03.000Z']);
  });

  it('warns on a shallow clone and gives no date rather than a wrong one', async () => {
    const { root } = await repoWithHistory();
    const clone = path.join(root, '..', `${path.basename(root)}-shallow`);
    await run('git', ['clone', '-q', '--depth', '1', `file://${root}`, clone]);
    const { catalogue, warnings } = await loadCatalogue({ contentDir: path.join(clone, 'content') });
    const dataset = catalogue.datasets.find((item) => item.id === 'roads')!;
    expect(dataset.createdAt).toBeNull();
    // The only commit present is the cut-off one: it lists every file, so it dates none of them.
    expect(dataset.updatedAt).toBeNull();
    expect(dataset.resources[0]!.timestamp).toBeNull();
    expect(warnings.map((warning) => warning.message)).toEqual([
      'this is a shallow Git clone, so datasets without createdAt/updatedAt get no dates rather than wrong ones',
    ]);
  });

  it('read beside validation: content with errors fails with its errors alone, and Git is stopped', async () => {
    const { contentDir } = await repoWithHistory();
    await run('sh', ['-c', `printf -- '---\\ntitle: Broken\\n---\\n' > '${path.join(contentDir, 'datasets', 'broken.md')}'`]);
    const failed = await loadCatalogue({ contentDir }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ContentError);
    expect((failed as ContentError).problems.map((problem) => problem.field)).toContain('team');
    // What stopping does to a reading of the history under way: it ends, and tells of no history.
    const stopped = new AbortController();
    stopped.abort();
    await expect(readGitHistory(contentDir, stopped.signal)).resolves.toMatchObject({ state: 'none', commits: [] });
  });
});
