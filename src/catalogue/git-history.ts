// What Git knows about content/, read in one `git log` pass: when each file was first and last
// committed (for dates), and the commits themselves (for CKAN's revisions).
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

export interface Commit {
  hash: string;
  /** The author's name (after .mailmap). Never the e-mail address. */
  author: string;
  /** Commit time, epoch seconds. */
  time: number;
  /** Subject and body, trailing blank lines removed, e-mail addresses removed. */
  message: string;
  /** Files it changed, relative to the content folder, `/`-separated. */
  files: string[];
  /**
   * A shallow clone's cut-off commit: its parents are missing, so `files` lists every file it
   * holds, not what it changed.
   */
  boundary: boolean;
}

export interface GitHistory {
  /** `none` outside a Git work tree; `shallow` when history was cut by a shallow clone. */
  state: 'full' | 'shallow' | 'none';
  /** By absolute file path. */
  files: Map<string, FileHistory>;
  /** The commits that changed content/, newest first; merge commits are left out (they change nothing of their own). */
  commits: Commit[];
}

/** `signal`: stops the `git` under way (a build that stopped before it needs the history). */
export async function readGitHistory(contentDir: string, signal?: AbortSignal): Promise<GitHistory> {
  const files = new Map<string, FileHistory>();
  const commits: Commit[] = [];
  let top: string;
  let prefix: string;
  try {
    top = (await git(contentDir, signal, ['rev-parse', '--show-toplevel'])).trim();
    await git(contentDir, signal, ['rev-parse', '--verify', '--quiet', 'HEAD']);
    // content/'s own path inside the repository (`content/`, or empty at the top).
    prefix = (await git(contentDir, signal, ['rev-parse', '--show-prefix'])).trim();
  } catch {
    return { state: 'none', files, commits };
  }
  const shallow = (await git(contentDir, signal, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  // In a shallow clone the oldest commits present have their parents cut, so they list every file.
  const boundaries = new Set<string>();
  if (shallow) {
    const shallowFile = (await git(contentDir, signal, ['rev-parse', '--path-format=absolute', '--git-path', 'shallow'])).trim();
    for (const line of (await readFile(shallowFile, 'utf8').catch(() => '')).split('\n')) if (line.trim()) boundaries.add(line.trim());
  }
  // One pass over the whole history of content/, newest first. With -z every field ends in NUL
  // (no quoting of odd file names); each commit starts with an empty field, which no path can be.
  const log = await git(contentDir, signal, ['log', '-z', '--no-renames', '--no-merges', '--format=%x00%H %ct%n%aN%n%B', '--name-only', '--', '.']);
  let commit: Commit | null = null;
  let expectHeader = false;
  let firstName = false;
  for (const field of log.split('\0')) {
    if (field === '') {
      expectHeader = true;
      continue;
    }
    if (expectHeader) {
      expectHeader = false;
      firstName = true;
      commit = parseHeader(field, boundaries);
      commits.push(commit);
      continue;
    }
    if (!commit) continue;
    // The first name follows the header's terminating NUL and a newline.
    const name = firstName ? field.slice(1) : field;
    firstName = false;
    if (!name) continue;
    const absolute = path.join(top, name);
    const known = files.get(absolute);
    if (known) {
      known.first = commit.time;
      known.firstIsBoundary = commit.boundary;
    } else {
      files.set(absolute, { first: commit.time, last: commit.time, lastIsBoundary: commit.boundary, firstIsBoundary: commit.boundary });
    }
    if (name.startsWith(prefix)) commit.files.push(name.slice(prefix.length));
  }
  return { state: shallow ? 'shallow' : 'full', files, commits };
}

/** An e-mail address anywhere in a text. */
const address = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function parseHeader(header: string, boundaries: Set<string>): Commit {
  const firstBreak = header.indexOf('\n');
  const secondBreak = header.indexOf('\n', firstBreak + 1);
  const [hash = '', time = '0'] = header.slice(0, firstBreak).split(' ');
  return {
    hash,
    time: Number(time),
    author: authorName(header.slice(firstBreak + 1, secondBreak)),
    message: withoutAddresses(header.slice(secondBreak + 1)),
    files: [],
    boundary: boundaries.has(hash),
  };
}

/**
 * Revisions publish names, never addresses: `Co-authored-by: Ann <ann@example.org>` becomes
 * `Co-authored-by: Ann`, and an address elsewhere in the message is replaced.
 */
function withoutAddresses(message: string): string {
  return message
    .replace(/[ \t]*<[^<>\s]+@[^<>\s]+>/g, '')
    .replace(address, '(address removed)')
    .replace(/\s+$/, '');
}

/** An author "name" that is an e-mail address (a `user.name` set to one) is not published. */
function authorName(name: string): string {
  return name.replace(address, '').trim() || 'Unknown';
}

async function git(cwd: string, signal: AbortSignal | undefined, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: 1 << 30, ...(signal ? { signal } : {}) });
  return stdout;
}
