// A full build of the minimal fixture: what it publishes, what it never publishes, and that it is repeatable.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { ContentError } from '../../src/catalogue/errors.ts';
import { buildInto, listFiles, readAll } from '../helpers/build.ts';
import { contentFrom } from '../helpers/content.ts';
import { checkSiteLinks } from '../helpers/links.ts';

const run = promisify(execFile);

/** This process's child processes (Linux), by id. */
async function childProcesses(): Promise<string[]> {
  const tasks = await readdir('/proc/self/task');
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/self/task/${task}/children`, 'utf8').catch(() => '')));
  return lists.join(' ').split(/\s+/).filter(Boolean);
}

describe('a public build of the minimal fixture', () => {
  let root: string;
  let contentDir: string;
  let outDir: string;

  beforeAll(async () => {
    ({ root, contentDir } = await contentFrom('minimal'));
    outDir = path.join(root, 'dist');
    await buildInto(contentDir, outDir);
  });

  it('writes the pages, the exports and the files at their SPEC paths', async () => {
    const files = await listFiles(outDir);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'dataset/foi/index.html',
        'dataset/roads/index.html',
        'api/datasets/export.json',
        'download/roads/2023/casualties 2023.csv',
        'media/mastheads/hills.svg',
      ]),
    );
  });

  it('publishes a local file byte for byte', async () => {
    const published = await readFile(path.join(outDir, 'download/roads/2023/casualties 2023.csv'));
    expect(published.equals(await readFile(path.join(contentDir, 'datasets/roads/casualties 2023.csv')))).toBe(true);
  });

  it('has no trace of the private dataset in any file: no id, title, tag or file name', async () => {
    const needles = ['secret-staff', 'Confidential Staff Sickness Register', 'Sickness Absence Secret', 'sickness-register-confidential', 'Sickness register'];
    for (const [file, bytes] of await readAll(outDir)) {
      const text = bytes.toString('latin1');
      for (const needle of needles) {
        expect(file.includes(needle), `${file} is named after the private dataset`).toBe(false);
        expect(text.includes(needle), `${file} mentions '${needle}'`).toBe(false);
      }
    }
  });

  it('gives byte-identical output when built again from the same input', async () => {
    const again = path.join(root, 'dist-again');
    await buildInto(contentDir, again);
    const first = await readAll(outDir);
    const second = await readAll(again);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, bytes] of first) expect(second.get(file)!.equals(bytes), `${file} differs between builds`).toBe(true);
  });
});

describe('an internal build with --include-private', () => {
  it('includes the private dataset, marked as private', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'internal');
    await buildInto(contentDir, outDir, true);
    const exported = JSON.parse(await readFile(path.join(outDir, 'api/datasets/export.json'), 'utf8')) as { id: string; sharing: string }[];
    expect(exported.find((dataset) => dataset.id === 'secret-staff')?.sharing).toBe('private');
    expect(await listFiles(outDir)).toContain('download/secret-staff/reg/sickness-register-confidential.csv');
  });
});

describe('a build without the CKAN API (--no-ckan-api)', () => {
  it('writes the pages, the exports and the host configurations, and no API files', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'core');
    await buildSite({ contentDir, outDir, ckanApi: false });
    const files = await listFiles(outDir);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'dataset/roads/index.html', 'api/datasets/export.json', 'api/datasets/export.xlsx']));
    expect(files).toEqual(expect.arrayContaining(['datashelf.nginx.conf', '.htaccess', '_redirects', '_headers', 'datashelf.outputs.json']));
    expect(files.filter((file) => /^api\/(1|2|3|action|rest|search)\//.test(file))).toEqual([]);
  });

  it('links only what it built: every link of every page finds a file, and no page mentions the CKAN API', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'core');
    await buildSite({ contentDir, outDir, ckanApi: false });
    const links = await checkSiteLinks(outDir, '/');
    expect(links.missing).toEqual([]);
    expect(links.checked).toBeGreaterThan(50);
    for (const file of (await listFiles(outDir)).filter((name) => name.endsWith('.html'))) {
      expect(await readFile(path.join(outDir, file), 'utf8'), file).not.toMatch(/CKAN|api\/3\//);
    }
  });
});

describe('a build with errors', () => {
  it('leaves the previous output exactly as it was', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'dist');
    await mkdir(path.join(outDir, 'api/datasets'), { recursive: true });
    await writeFile(path.join(outDir, 'index.html'), 'the site as published yesterday');
    await writeFile(path.join(outDir, 'api/datasets/export.json'), '[]');
    await writeFile(path.join(contentDir, 'datasets/foi.md'), '---\ntitle: FOI\nteam: nobody\n---\n');
    await expect(buildInto(contentDir, outDir)).rejects.toBeInstanceOf(ContentError);
    expect(await listFiles(outDir)).toEqual(['api/datasets/export.json', 'index.html']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('the site as published yesterday');
    // And no half-built folder is left beside it.
    expect((await listFiles(root)).filter((file) => file.includes('building'))).toEqual([]);
    // Nor the page compiler, started beside loading: it was stopped when loading failed.
    expect(await childProcesses()).toEqual([]);
  });
});

describe('the datashelf command', () => {
  const cli = path.resolve(import.meta.dirname, '../../bin/datashelf.mjs');
  const node = process.execPath;

  it('check exits 1 with every error, file:line first, and GitHub annotations in Actions', async () => {
    const { root, contentDir } = await contentFrom('minimal', {
      'datasets/foi.md': '---\ntitle: FOI\nteam: nobody\ntopics: [comunity]\n---\n',
      'datasets/roads/index.md': '---\ntitle: Roads\nteam: highways\nresources:\n  - id: a\n    title: A\n    file: ../../../../etc/passwd\n---\n',
    });
    const result = await run(node, [cli, 'check', '--content', contentDir], { cwd: root, env: { ...process.env, GITHUB_ACTIONS: 'true' } }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr).toContain("content/datasets/foi.md:3 team: 'nobody' is not a team in content/teams.yaml");
    expect(result.stderr).toContain("content/datasets/foi.md:4 topics[0]: 'comunity' is not a topic in content/topics.yaml (did you mean 'community-information'?)");
    expect(result.stderr).toContain("content/datasets/roads/index.md:7 resources[0].file: '../../../../etc/passwd' leads outside content/");
    expect(result.stderr).toContain('3 errors in the content; nothing was published.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('::error file=content/datasets/foi.md,line=3,title=A reference names something that is not defined::team: \'nobody\' is not a team in content/teams.yaml');
  });

  it('build of a missing content folder says so, with no stack trace', async () => {
    const { root } = await contentFrom('minimal');
    const result = await run(node, [cli, 'build', '--content', 'nowhere'], { cwd: root }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr).toContain('nowhere: is not a folder');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('build refuses an output folder it would wrongly replace: the content, the working folder, a folder of other files', async () => {
    const { root } = await contentFrom('minimal', { 'notes/keep.txt': 'mine' });
    for (const out of ['.', 'content', 'content/site', path.join('content', '..', 'content', 'notes')]) {
      const result = await run(node, [cli, 'build', '--out', out], { cwd: root }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect('code' in result ? result.code : 0, out).toBe(1);
      expect(result.stderr, out).toMatch(/the build replaces it whole\.\n  hint: /);
    }
    expect(await readFile(path.join(root, 'content/notes/keep.txt'), 'utf8')).toBe('mine');
  });

  it('build writes the edge code only for the hosts --edge names, and says what it takes', async () => {
    const { root } = await contentFrom('minimal');
    const edgeFilesIn = async (out: string) => (await listFiles(path.join(root, out))).filter((file) => /^(?:_worker\.js|wrangler\.jsonc|\.assetsignore|\.netlify\/)/.test(file)).sort();
    await run(node, [cli, 'build', '--out', 'plain'], { cwd: root });
    expect(await edgeFilesIn('plain')).toEqual([]);
    await run(node, [cli, 'build', '--out', 'netlify', '--edge', 'netlify'], { cwd: root });
    expect(await edgeFilesIn('netlify')).toEqual(['.netlify/v1/edge-functions/datashelf-api.js']);
    await run(node, [cli, 'build', '--out', 'both', '--edge', 'cloudflare,netlify'], { cwd: root });
    expect(await edgeFilesIn('both')).toEqual(['.assetsignore', '.netlify/v1/edge-functions/datashelf-api.js', '_worker.js', 'wrangler.jsonc']);
    const wrong = await run(node, [cli, 'build', '--edge', 'vercel'], { cwd: root }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in wrong ? wrong.code : 0).toBe(1);
    expect(wrong.stderr).toContain("--edge: 'vercel' is not a host datashelf writes code for (netlify, cloudflare).");
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it('new writes a dataset file that checks as written', async () => {
    const { root } = await contentFrom('minimal');
    const created = await run(node, [cli, 'new', '--title', 'Bus Stops', '--team', 'highways', '--topic', 'transport', '--tag', 'Buses'], { cwd: root });
    expect(created.stdout).toContain('Wrote content/datasets/bus-stops.md');
    const checked = await run(node, [cli, 'check'], { cwd: root });
    expect(checked.stdout).toContain('Content is valid: 4 datasets');
    const text = await readFile(path.join(root, 'content/datasets/bus-stops.md'), 'utf8');
    for (const field of ['title', 'team', 'masthead', 'tags', 'topics', 'licence', 'contact', 'nextReviewDate', 'sharing', 'custom', 'resources', 'links']) expect(text).toContain(`${field}:`);
  });
});
