// `datashelf init`: a publisher's repository that works as made: installed from a packed tarball,
// it checks and builds, and its workflows call only commands that exist, with LFS and full history.
import { readdir, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';
import { installOffline, npmEnv as env, packDatashelf, run } from '../helpers/package.ts';

let work: string;
let portal: string;
let cli: string;

interface Step { uses?: string; run?: string; with?: Record<string, unknown> }
interface Workflow { on: unknown; jobs: Record<string, { steps?: Step[] }> }

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-init-'));
  const tarball = await packDatashelf(work);
  portal = path.join(work, 'portal');
  const made = await run(process.execPath, [path.join(repoRoot, 'bin/datashelf.mjs'), 'init', 'portal', '--title', 'Testshire Open Data', '--url', 'https://data.testshire.example', '--publisher', 'Testshire County Council', '--datashelf', `file:${tarball}`], { cwd: work, env });
  expect(made.stdout).toMatch(/^Made portal \(\d+ files\)\./);
  await installOffline(portal);
  cli = path.join(portal, 'node_modules/.bin/datashelf');
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const workflows = async (dir: string) => {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.yml')).sort();
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(dir, file), 'utf8') })));
};

describe('datashelf init', () => {
  it('makes a repository with a small example, the workflows, LFS rules, editor settings and a README', async () => {
    const files = (await readdir(portal, { recursive: true })).filter((file) => !file.startsWith('node_modules')).map((file) => file.split(path.sep).join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        '.gitattributes',
        '.gitignore',
        '.github/workflows/check.yml',
        '.github/workflows/deploy.yml',
        '.github/workflows/preview.yml',
        '.github/workflows/weekly.yml',
        '.vscode/settings.json',
        'README.md',
        'content/catalogue.yaml',
        'content/datasets/council-meetings.md',
        'content/datasets/recycling-rates/index.md',
        'content/datasets/recycling-rates/recycling-rates.csv',
        'package.json',
      ]),
    );
    expect(await readFile(path.join(portal, 'content/catalogue.yaml'), 'utf8')).toContain('title: "Testshire Open Data"\n');
    expect(await readFile(path.join(portal, '.gitattributes'), 'utf8')).toContain('*.xlsx filter=lfs diff=lfs merge=lfs -text');
    const settings = JSON.parse(await readFile(path.join(portal, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(JSON.parse(await readFile(path.join(portal, schema), 'utf8')).title).toBeTruthy();
    const manifest = JSON.parse(await readFile(path.join(portal, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.datashelf).toMatch(/^file:.*datashelf-0\.1\.0\.tgz$/);
  });

  it('refuses a folder that is not empty', async () => {
    const result = await run(process.execPath, [path.join(repoRoot, 'bin/datashelf.mjs'), 'init', 'portal'], { cwd: work, env }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr).toBe(`${portal} is not empty: datashelf init makes a new repository.\n  hint: Give a new folder, e.g. datashelf init my-portal.\n`);
  });

  it('checks and builds once installed, and names the published schema in its dataset files', async () => {
    const checked = await run('npm', ['run', 'check'], { cwd: portal, env });
    expect(checked.stdout).toContain('Content is valid: 2 datasets (0 private), 2 topics, 2 teams.');
    await run('npm', ['run', 'build'], { cwd: portal, env });
    expect(await readFile(path.join(portal, 'dist/index.html'), 'utf8')).toContain('Testshire Open Data');
    expect(await readFile(path.join(portal, 'dist/download/recycling-rates/rates/recycling-rates.csv'), 'utf8')).toContain('2024-25,82540,46.0');
    const published = JSON.parse(await readFile(path.join(portal, 'dist/schema/dataset.json'), 'utf8')) as { $id: string };
    expect(await readFile(path.join(portal, 'content/datasets/council-meetings.md'), 'utf8')).toContain(`# yaml-language-server: $schema=${published.$id}\n`);
  });

  it('reports a mistake on its line as a GitHub annotation with --format github', async () => {
    const file = path.join(portal, 'content/datasets/council-meetings.md');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('team: open-data', 'team: Open Data Team'));
    try {
      const result = await run(cli, ['check', '--format', 'github'], { cwd: portal, env }).catch((error: { code: number; stdout: string }) => error);
      expect('code' in result ? result.code : 0).toBe(1);
      expect(result.stdout).toMatch(/^::error file=content\/datasets\/council-meetings\.md,line=4,title=[^:]+::team: must be lower-case letters, digits and hyphens/m);
    } finally {
      await writeFile(file, good);
    }
  });

  it('has workflows that parse, call only npm scripts and datashelf commands that exist, and check out LFS files with full history', async () => {
    const manifest = JSON.parse(await readFile(path.join(portal, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const { file, text } of await workflows(path.join(portal, '.github/workflows'))) {
      const workflow = parse(text) as Workflow;
      expect(workflow.on, file).toBeTruthy();
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
      for (const step of steps.filter((candidate) => candidate.uses?.startsWith('actions/checkout@'))) {
        expect(step.with, file).toMatchObject({ lfs: true, 'fetch-depth': 0 });
      }
      for (const script of steps.flatMap((step) => [...(step.run ?? '').matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1]!))) {
        expect(Object.keys(manifest.scripts), `${file}: npm run ${script}`).toContain(script);
        // Each script's datashelf command exists: it answers --help.
        const command = manifest.scripts[script]!.split(' ')[1]!;
        const help = await run(cli, [command, '--help'], { cwd: portal, env });
        expect(help.stdout, `${file}: datashelf ${command}`).toMatch(/^Usage: datashelf /);
      }
    }
  });

  it('are the workflows this project runs itself', async () => {
    expect(await workflows(path.join(repoRoot, '.github/workflows'))).toEqual(await workflows(path.join(repoRoot, 'starter/.github/workflows')));
    const ownScripts = Object.keys((JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const { text } of await workflows(path.join(repoRoot, '.github/workflows'))) {
      for (const match of text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(ownScripts).toContain(match[1]);
    }
  });
});
