// datashelf as a publisher gets it: packed by npm pack, installed from the tarball offline.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './content.ts';

export const run = promisify(execFile);
/** npm run by this Node.js (24), as on a publisher's machine with a current Node.js. */
export const npmEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, npm_config_update_notifier: 'false' };

/** Packs this repository into `destination`; returns the tarball's path. */
export async function packDatashelf(destination: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: repoRoot, env: npmEnv, maxBuffer: 1 << 24 });
  return path.join(destination, stdout.trim().split('\n').at(-1)!);
}

/** `npm install` in a publisher's folder, from npm's cache (the repository's own install has filled it). */
export async function installOffline(folder: string): Promise<void> {
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: folder, env: npmEnv, maxBuffer: 1 << 24 });
}
