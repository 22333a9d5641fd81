// The package as a publisher installs it: packed, installed into a repository holding only
// content/, and run. It must bring no Node.js binary or TypeScript loader, and build from there.
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';
import { installOffline, npmEnv as env, packDatashelf, run } from '../helpers/package.ts';
const systemNode = '/usr/bin/node';

let work: string;
let publisher: string;
let installed: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-package-'));
  const tarball = await packDatashelf(work);
  publisher = path.join(work, 'portal');
  await cp(path.join(repoRoot, 'test/fixtures/minimal'), path.join(publisher, 'content'), { recursive: true });
  await writeFile(path.join(publisher, 'package.json'), JSON.stringify({ private: true, dependencies: { datashelf: `file:${tarball}` } }));
  await installOffline(publisher);
  installed = path.join(publisher, 'node_modules/datashelf');
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('datashelf installed in a publisher’s repository', () => {
  it('declares the Node.js it needs and brings none, nor a TypeScript loader', async () => {
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as { engines: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.engines.node).toBe('>=22.12');
    expect(Object.keys(manifest.dependencies)).not.toContain('node');
    const modules = await readdir(path.join(publisher, 'node_modules'));
    expect(modules).not.toContain('node');
    expect(modules).not.toContain('tsx');
    expect((await stat(path.join(installed, 'lib/cli/main.js'))).isFile()).toBe(true);
  });

  it('builds the publisher’s content with `datashelf build`', async () => {
    const { stdout } = await run(process.execPath, [path.join(publisher, 'node_modules/.bin/datashelf'), 'build'], { cwd: publisher, env });
    expect(stdout).toMatch(/^Built 2 datasets into dist/);
    expect(await readFile(path.join(publisher, 'dist/index.html'), 'utf8')).toContain('Testshire Open Data');
    // Beside the site, its build cache (compiled pages, page keys); nothing else.
    expect((await readdir(publisher)).sort()).toEqual(['.dist-cache', 'content', 'dist', 'node_modules', 'package-lock.json', 'package.json']);
  });

  it('says in one line which Node.js it needs when started with an older one', async () => {
    const { stdout: version } = await run(systemNode, ['--version']);
    expect(Number(version.slice(1).split('.')[0])).toBeLessThan(22);
    const result = await run(systemNode, [path.join(publisher, 'node_modules/.bin/datashelf'), 'build'], { cwd: publisher }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(result.stderr).toBe(`datashelf needs Node.js 22.12 or newer; this is ${version.trim().slice(1)}.\nInstall a current Node.js LTS release (22 or 24) and run the command again.\n`);
  });
});
