// `datashelf check` and `datashelf new` validate and stop: they hash no data file, which is a
// build's work; check reads Git's log once (to compare written updatedAt with the files' commits),
// new not at all. Watched where it would happen: every `git` the process starts
// goes through a stand-in on PATH that logs it, and the one function that reads a data file's bytes
// for a build (hash and preview) is spied on. The same content
// loaded for a build shows the watch sees both.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLocalFile } from '../../src/catalogue/previews/file-preview.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { validateCatalogue } from '../../src/catalogue/validate.ts';
import { runCheck } from '../../src/cli/check.ts';
import { runNew } from '../../src/cli/new.ts';
import { capturedStreams } from '../helpers/cli.ts';
import { contentFrom } from '../helpers/content.ts';
import { git } from '../helpers/git.ts';

vi.mock('../../src/catalogue/previews/file-preview.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/catalogue/previews/file-preview.ts')>();
  return { ...actual, readLocalFile: vi.fn(actual.readLocalFile) };
});

const run = promisify(execFile);

/** A content folder in a Git repository with one commit, as a publisher's clone is. */
async function committedContent(): Promise<{ root: string; contentDir: string }> {
  const workspace = await contentFrom('minimal');
  await git(workspace.root, ['init', '-q', '-b', 'main']);
  await git(workspace.root, ['add', '-A']);
  await git(workspace.root, ['commit', '-qm', 'First publication'], '2021-03-04T10:00:00Z');
  return workspace;
}

let pathBefore: string | undefined;

/** From here on, every `git` this process starts is logged; the MD5 spy starts counting afresh. */
async function watchGitAndHashing(): Promise<() => Promise<string[]>> {
  const bin = await mkdtemp(path.join(tmpdir(), 'datashelf-git-watch-'));
  const log = path.join(bin, 'calls.log');
  const realGit = (await run('sh', ['-c', 'command -v git'])).stdout.trim();
  await writeFile(log, '');
  await writeFile(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  await chmod(path.join(bin, 'git'), 0o755);
  pathBefore = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${pathBefore ?? ''}`;
  vi.mocked(readLocalFile).mockClear();
  return async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean);
}

afterEach(() => {
  if (pathBefore !== undefined) process.env.PATH = pathBefore;
});

describe('check and new validate only', () => {
  it('check hashes no data file and reads Git\'s log once, where loading for a build hashes too', async () => {
    const { root, contentDir } = await committedContent();
    const gitCalls = await watchGitAndHashing();
    const output = capturedStreams();
    const code = await runCheck(['--content', contentDir], { ...output, env: {}, cwd: root });
    expect([code, output.written()]).toEqual([0, 'Content is valid: 3 datasets (1 private), 2 topics, 2 teams.\n']);
    const calls = (await gitCalls()).map((call) => call.replace(/^-c core\.quotepath=off /, ''));
    expect(calls.filter((call) => call.startsWith('log '))).toHaveLength(1);
    expect(calls.every((call) => call.startsWith('log ') || call.startsWith('rev-parse '))).toBe(true);
    expect(readLocalFile).not.toHaveBeenCalled();

    await loadCatalogue({ contentDir });
    expect((await gitCalls()).length).toBeGreaterThan(0);
    expect(readLocalFile).toHaveBeenCalled();
  });

  it('new writes and checks a dataset without hashing or reading Git', async () => {
    const { root, contentDir } = await committedContent();
    const gitCalls = await watchGitAndHashing();
    const output = capturedStreams();
    const code = await runNew(['--content', contentDir, '--title', 'Bus Stops', '--team', 'highways', '--topic', 'transport'], { ...output, env: {}, cwd: root });
    expect([code, output.written()]).toEqual([0, "Wrote content/datasets/bus-stops.md. Fill in the description and resources, then run 'datashelf check'.\n"]);
    expect(await gitCalls()).toEqual([]);
    expect(readLocalFile).not.toHaveBeenCalled();
  });

  it('gives every dataset, private ones too, with its files found and measured but not hashed, dated or rendered', async () => {
    const { contentDir } = await contentFrom('minimal');
    const { catalogue, warnings } = await validateCatalogue({ contentDir });
    expect(warnings).toEqual([]);
    expect(catalogue.datasets.map((dataset) => [dataset.id, dataset.sharing])).toEqual([
      ['foi', 'public'],
      ['roads', 'public'],
      ['secret-staff', 'private'],
    ]);
    const roads = catalogue.datasets.find((dataset) => dataset.id === 'roads')!;
    expect(roads.writtenDates).toEqual({ createdAt: '2020-03-01T09:00:00.000Z', updatedAt: '2024-06-30T12:00:00.000Z' });
    expect(Object.keys(roads)).not.toEqual(expect.arrayContaining(['descriptionHtml']));
    expect(Object.keys(roads)).not.toEqual(expect.arrayContaining(['createdAt']));
    const [file] = roads.resources;
    expect(file).toMatchObject({ kind: 'file', filename: 'casualties 2023.csv', format: 'CSV', sourcePath: path.join(contentDir, 'datasets/roads/casualties 2023.csv') });
    expect(file!.size).toBeGreaterThan(0);
    expect(file).not.toHaveProperty('hash');
    expect(file).not.toHaveProperty('timestamp');
  });
});
