// When content files were first and last committed, read from Git once for the whole content folder.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FileHistory {
  /** Commit time (epoch seconds) of the first commit that touched the file. */
  first: number;
  /** Commit time of the last commit that touched it. */
  last: number;
  /** Whether the last commit is a shallow-clone boundary, so that time is not the file's own. */
  lastIsBoundary: boolean;
  firstIsBoundary: boolean;
}

export interface GitHistory {
  /** `none` outside a Git work tree; `shallow` when history was cut by a shallow clone. */
  state: 'full' | 'shallow' | 'none';
  /** By absolute file path. */
  files: Map<string, FileHistory>;
}

export async function readGitHistory(contentDir: string): Promise<GitHistory> {
  const files = new Map<string, FileHistory>();
  let top: string;
  try {
    top = (await git(contentDir, ['rev-parse', '--show-toplevel'])).trim();
    await git(contentDir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return { state: 'none', files };
  }
  const shallow = (await git(contentDir, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  // In a shallow clone the oldest commits present have their parents cut, so they list every file.
  const boundaries = new Set<string>();
  if (shallow) {
    const shallowFile = (await git(contentDir, ['rev-parse', '--path-format=absolute', '--git-path', 'shallow'])).trim();
    for (const line of (await readFile(shallowFile, 'utf8').catch(() => '')).split('\n')) if (line.trim()) boundaries.add(line.trim());
  }
  // One pass over the whole history of content/, newest first.
  const log = await git(contentDir, ['log', '--no-renames', '--format=%x00%H %ct', '--name-only', '--', '.']);
  for (const entry of log.split('\0')) {
    if (!entry.trim()) continue;
    const [header = '', ...names] = entry.split('\n');
    const [hash = '', time = '0'] = header.split(' ');
    const committed = Number(time);
    const boundary = boundaries.has(hash);
    for (const name of names) {
      if (!name) continue;
      const absolute = path.join(top, name);
      const known = files.get(absolute);
      if (known) {
        known.first = committed;
        known.firstIsBoundary = boundary;
      } else {
        files.set(absolute, { first: committed, last: committed, lastIsBoundary: boundary, firstIsBoundary: boundary });
      }
    }
  }
  return { state: shallow ? 'shallow' : 'full', files };
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: 1 << 30 });
  return stdout;
}
