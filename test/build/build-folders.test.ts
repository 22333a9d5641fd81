// Where a build works and what it leaves: an output on another file system, a read-only install,
// builds killed at any moment, a full disk, two builds in one process.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build.ts';
import { listFiles } from '../helpers/build.ts';
import { contentFrom, repoRoot } from '../helpers/content.ts';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin/datashelf.mjs');
type Ran = { code?: number; stdout: string; stderr: string };

/** tmpfs: a file system of its own, as a Docker volume or a second disk would be. */
const otherFileSystem = '/dev/shm';
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function folderOnOtherFileSystem(): Promise<string> {
  const dir = await mkdtemp(path.join(otherFileSystem, 'datashelf-test-'));
  made.push(dir);
  return dir;
}

/** Runs a shell script in a mount namespace of its own (root only): its mounts vanish with it. */
function inMountNamespace(script: string, env: Record<string, string>): Promise<Ran> {
  return run('unshare', ['--mount', '--propagation', 'private', 'sh', '-euc', script], { env: { ...process.env, ...env } }).then(
    (result) => ({ code: 0, ...result }),
    (error: Ran) => error,
  );
}

/** The names in the package's folder and its node_modules/ that start with a dot: where builds used to leave work. */
async function packageDotEntries(): Promise<string[]> {
  const top = (await readdir(repoRoot)).filter((name) => name.startsWith('.') && !['.git', '.gitignore', '.gitattributes', '.ci'].includes(name));
  const modules = (await readdir(path.join(repoRoot, 'node_modules'))).filter((name) => name.startsWith('.datashelf'));
  return [...top, ...modules.map((name) => `node_modules/${name}`)];
}

describe('where a build works', () => {
  it('builds into an --out on another file system, from a package mounted read-only, writing nothing inside the package', async () => {
    const { contentDir } = await contentFrom('minimal');
    const out = path.join(await folderOnOtherFileSystem(), 'site');
    expect((await stat(otherFileSystem)).dev).not.toBe((await stat(repoRoot)).dev);
    const before = await packageDotEntries();
    const result = await inMountNamespace('mount --bind -o ro "$ROOT" "$ROOT"\nexec "$NODE" "$CLI" build --content "$CONTENT" --out "$OUT"', {
      ROOT: repoRoot,
      NODE: process.execPath,
      CLI: cli,
      CONTENT: contentDir,
      OUT: out,
    });
    expect(result.code, result.stderr).toBe(0);
    // Only the warning that the test content is not in Git: no error, no trace.
    expect(result.stderr).toMatch(/^\S+content: warning: content\/ is not in a Git repository[^\n]*\n  hint: [^\n]*\n$/);
    expect(await listFiles(out)).toEqual(expect.arrayContaining(['index.html', 'dataset/roads/index.html', 'api/datasets/export.json']));
    expect(await packageDotEntries()).toEqual(before);
    // Beside the site, only its build cache (the compiled pages, the pages' keys).
    expect((await readdir(path.dirname(out))).sort()).toEqual(['.site-cache', 'site']);
  });

  it('runs two builds at once in one process, each with its own catalogue, and leaves the working folder as it was', async () => {
    const cwd = process.cwd();
    const sites = await Promise.all(
      ['Northshire', 'Southshire'].map(async (name) => {
        const { root, contentDir } = await contentFrom('minimal');
        const catalogueFile = path.join(contentDir, 'catalogue.yaml');
        await writeFile(catalogueFile, (await readFile(catalogueFile, 'utf8')).replace('Testshire Open Data', `${name} Open Data`));
        const outDir = path.join(root, 'dist');
        await buildSite({ contentDir, outDir });
        return { name, outDir };
      }),
    );
    for (const { name, outDir } of sites) {
      const home = await readFile(path.join(outDir, 'index.html'), 'utf8');
      expect(home).toContain(`${name} Open Data`);
      expect(home).not.toMatch(sites.find((other) => other.name !== name)!.name);
    }
    expect(process.cwd()).toBe(cwd);
    expect(Object.getOwnPropertySymbols(globalThis).map(String).filter((symbol) => symbol.includes('datashelf'))).toEqual([]);
  });
});

describe('what an interrupted build leaves', () => {
  /** Starts `datashelf build`, waits until it has a staging folder, and kills it with SIGKILL. */
  async function killMidBuild(cwd: string, stagingPattern: RegExp): Promise<void> {
    const child = spawn(process.execPath, [cli, 'build'], { cwd, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (!(await readdir(cwd)).some((name) => stagingPattern.test(name))) {
      if (Date.now() > deadline) throw new Error('the build never made a staging folder');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Let it get some way into rendering, then pull the plug.
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGKILL');
    await exited;
  }

  it('a build killed with SIGKILL leaves a staging folder that the next build removes', async () => {
    const { root } = await contentFrom('minimal');
    await killMidBuild(root, /^\.dist-building-/);
    expect((await readdir(root)).filter((name) => name.startsWith('.dist-building-'))).toHaveLength(1);
    const result = await run(process.execPath, [cli, 'build'], { cwd: root });
    expect(result.stdout).toMatch(/^Built 2 datasets into dist/);
    expect((await readdir(root)).sort()).toEqual(['.dist-cache', 'content', 'dist']);
  });

  it('an output stranded by a build killed while publishing is put back by the next run, even one that fails', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const outDir = path.join(root, 'dist');
    // A process that has ended: its id is the one a dead build's staging folder carries.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    const previous = path.join(root, `.dist-building-${dead.pid}-x1Y2z3`, 'previous');
    await mkdir(path.join(previous, 'api/datasets'), { recursive: true });
    await writeFile(path.join(previous, 'index.html'), 'the site as published yesterday');
    await writeFile(path.join(previous, 'api/datasets/export.json'), '[]');
    await writeFile(path.join(contentDir, 'datasets/foi.md'), '---\ntitle: FOI\nteam: nobody\n---\n');

    await expect(buildSite({ contentDir, outDir })).rejects.toThrow();
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('the site as published yesterday');
    expect((await readdir(root)).sort()).toEqual(['content', 'dist']);
  });

  it('leaves alone the staging folder of a build that is still running', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const running = path.join(root, `.dist-building-${process.ppid}-aBcDeF`);
    await mkdir(running);
    await buildSite({ contentDir, outDir: path.join(root, 'dist') });
    expect((await readdir(root)).sort()).toEqual(['.dist-building-' + process.ppid + '-aBcDeF', '.dist-cache', 'content', 'dist']);
  });
});

describe('a full disk', () => {
  it('is one line and a hint, and the previous site is unchanged', async () => {
    const { contentDir } = await contentFrom('minimal');
    const disk = await folderOnOtherFileSystem();
    // A 256 KiB disk holding yesterday's site: today's does not fit.
    const result = await inMountNamespace(
      [
        'mount -t tmpfs -o size=256k tmpfs "$DISK"',
        'mkdir -p "$DISK/site/api/datasets"',
        'echo "the site as published yesterday" > "$DISK/site/index.html"',
        'echo "[]" > "$DISK/site/api/datasets/export.json"',
        'status=0; "$NODE" "$CLI" build --content "$CONTENT" --out "$DISK/site" || status=$?',
        'echo "exit $status"; ls -A "$DISK"; cat "$DISK/site/index.html"',
      ].join('\n'),
      { DISK: disk, NODE: process.execPath, CLI: cli, CONTENT: contentDir },
    );
    expect(result.stdout).toBe('exit 1\nsite\nthe site as published yesterday\n');
    expect(result.stderr).toBe(
      `datashelf build: no space left on device while writing ${disk}/site; the previous site is unchanged.\n` +
        '  hint: Free some space on that disk, or build to a folder on another (--out), and run the build again.\n',
    );
  });
});
