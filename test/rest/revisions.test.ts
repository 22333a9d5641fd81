// Revisions are the commits that changed content/: who, when, what they said, which datasets they
// changed. A public build never lets one reveal a private dataset.
import { execFile } from 'node:child_process';
import { appendFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { withheldMessage } from '../../src/catalogue/revisions.ts';
import { contentFrom } from '../helpers/content.ts';
import { git } from '../helpers/git.ts';

const run = promisify(execFile);


/** The minimal fixture committed in steps, each at a fixed time. */
async function repoWithHistory() {
  const { root, contentDir } = await contentFrom('minimal');
  const file = (name: string) => path.join(contentDir, name);
  await git(root, ['init', '-q', '-b', 'main']);
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-qm', 'First publication'], '2021-03-04T10:00:00Z');
  await appendFile(file('datasets/roads/casualties 2023.csv'), '2023-02,serious,2\r\n');
  await git(root, ['commit', '-qam', 'Add February\n\nFigures from the police.\n\nCo-authored-by: Bob Example <bob@testshire.example>\n'], '2022-01-02T09:00:00Z', 'Bob Example');
  await appendFile(file('datasets/secret-staff/sickness-register-confidential.csv'), 'x,y\n');
  await git(root, ['commit', '-qam', 'Update the secret-staff sickness register'], '2022-05-06T11:00:00Z');
  await appendFile(file('datasets/foi.md'), '\nMore.\n');
  await appendFile(file('datasets/secret-staff/index.md'), '\nMore.\n');
  await git(root, ['commit', '-qam', 'Tidy foi and Confidential Staff Sickness Register'], '2023-07-08T12:30:00Z');
  await appendFile(file('teams.yaml'), '- id: parks\n  title: Parks\n');
  await git(root, ['commit', '-qam', 'Add the parks team'], '2024-01-01T00:00:00Z');
  return { root, contentDir };
}

describe('revisions from the Git history', () => {
  it('lists the commits newest first with author names, messages, times and the datasets they changed', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.revisions.map(({ id, ...rest }) => ({ id: id.length, ...rest }))).toEqual([
      { id: 40, message: 'Add the parks team', author: 'Ann Example', timestamp: '2024-01-01T00:00:00.000Z', datasets: [] },
      { id: 40, message: withheldMessage, author: 'Ann Example', timestamp: '2023-07-08T12:30:00.000Z', datasets: ['foi'] },
      { id: 40, message: 'Add February\n\nFigures from the police.\n\nCo-authored-by: Bob Example', author: 'Bob Example', timestamp: '2022-01-02T09:00:00.000Z', datasets: ['roads'] },
      { id: 40, message: withheldMessage, author: 'Ann Example', timestamp: '2021-03-04T10:00:00.000Z', datasets: ['foi', 'roads'] },
    ]);
  });

  it('never publishes an e-mail address', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(JSON.stringify(catalogue.revisions)).not.toContain('@');
  });

  it('removes an address from a message, and an author name that is an address', async () => {
    const { root, contentDir } = await repoWithHistory();
    await appendFile(path.join(contentDir, 'datasets/foi.md'), '\nAgain.\n');
    await git(root, ['commit', '-qam', 'Figures from roads@testshire.example\n\nSigned-off-by: Ann Example <ann@testshire.example>'], '2024-05-01T00:00:00Z', 'carol@testshire.example');
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.revisions[0]).toMatchObject({ message: 'Figures from (address removed)\n\nSigned-off-by: Ann Example', author: 'Unknown' });
  });

  it('in a public build, leaves out commits that touched only private datasets and withholds the message of one that also touched them', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue } = await loadCatalogue({ contentDir });
    const text = JSON.stringify(catalogue.revisions);
    for (const needle of ['secret-staff', 'Confidential Staff Sickness Register', 'sickness register']) expect(text).not.toContain(needle);
    expect(catalogue.revisions).toHaveLength(4);
  });

  it('in an internal build, lists every commit as written, private datasets included', async () => {
    const { contentDir } = await repoWithHistory();
    const { catalogue } = await loadCatalogue({ contentDir, includePrivate: true });
    expect(catalogue.revisions.map((revision) => [revision.message, revision.datasets])).toEqual([
      ['Add the parks team', []],
      ['Tidy foi and Confidential Staff Sickness Register', ['foi', 'secret-staff']],
      ['Update the secret-staff sickness register', ['secret-staff']],
      ['Add February\n\nFigures from the police.\n\nCo-authored-by: Bob Example', ['roads']],
      ['First publication', ['foi', 'roads', 'secret-staff']],
    ]);
  });

  it('treats the files of a dataset that no longer exists as private in a public build (it may have been)', async () => {
    const { root, contentDir } = await repoWithHistory();
    await writeFile(path.join(contentDir, 'datasets/old-survey.md'), '---\ntitle: Old survey\nteam: highways\n---\n');
    await git(root, ['add', '-A']);
    await git(root, ['commit', '-qm', 'Add the old survey'], '2024-02-01T00:00:00Z');
    await appendFile(path.join(contentDir, 'datasets/foi.md'), '\nAgain.\n');
    await rm(path.join(contentDir, 'datasets/old-survey.md'));
    await git(root, ['commit', '-qam', 'Remove the old survey, touch foi'], '2024-03-01T00:00:00Z');
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.revisions.slice(0, 2).map((revision) => [revision.message, revision.datasets])).toEqual([
      [withheldMessage, ['foi']],
      ['Add the parks team', []],
    ]);
    const internal = await loadCatalogue({ contentDir, includePrivate: true });
    expect(internal.catalogue.revisions.slice(0, 2).map((revision) => [revision.message, revision.datasets])).toEqual([
      ['Remove the old survey, touch foi', ['foi']],
      ['Add the old survey', []],
    ]);
  });

  it('on a shallow clone lists only the commits present, and attributes nothing to the cut-off commit', async () => {
    const { root } = await repoWithHistory();
    const clone = path.join(root, '..', `${path.basename(root)}-shallow`);
    await run('git', ['clone', '-q', '--depth', '2', `file://${root}`, clone]);
    const internal = await loadCatalogue({ contentDir: path.join(clone, 'content'), includePrivate: true });
    expect(internal.catalogue.revisions.map((revision) => [revision.message, revision.datasets])).toEqual([
      ['Add the parks team', []],
      // The cut-off commit lists every file: it is a revision, but of no dataset we can name.
      ['Tidy foi and Confidential Staff Sickness Register', []],
    ]);
    // In a public build the cut-off commit lists the private dataset's files too, so it is left out.
    const { catalogue } = await loadCatalogue({ contentDir: path.join(clone, 'content') });
    expect(catalogue.revisions.map((revision) => revision.message)).toEqual(['Add the parks team']);
  });

  it('is empty outside Git', async () => {
    const { contentDir } = await contentFrom('minimal');
    const { catalogue } = await loadCatalogue({ contentDir });
    expect(catalogue.revisions).toEqual([]);
  });
});
