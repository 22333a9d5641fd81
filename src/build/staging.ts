// Where a build works before it publishes: a folder beside the output (same file system, so
// publishing is two renames), owned by one process, and cleared by the next build if that process
// died. A build killed between the two renames of publishing leaves the previous site in its
// staging folder; the next build puts it back before doing anything else, as it undoes a patch
// (publish-patch.ts) that a killed build left half-applied.
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { rollBackPatch } from './publish-patch.ts';

export interface Staging {
  /** The staging folder. */
  dir: string;
  /** Where the new site is built. */
  site: string;
}

/** The prefix of every staging folder of `outDir`; the owner's process id follows it. */
function stagingPrefix(outDir: string): string {
  return `.${path.basename(outDir)}-building-`;
}

const previousName = 'previous';

export async function openStaging(outDir: string): Promise<Staging> {
  const parent = path.dirname(outDir);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, `${stagingPrefix(outDir)}${process.pid}-`));
  return { dir, site: path.join(dir, 'site') };
}

/** Replaces `outDir` with the built site; the old output is kept until the new one is in place. */
export async function publishStaged(staging: Staging, outDir: string): Promise<void> {
  const previous = path.join(staging.dir, previousName);
  const existing = await stat(outDir).catch(() => null);
  if (existing) await rename(outDir, previous);
  try {
    await rename(staging.site, outDir);
  } catch (error) {
    if (existing) await rename(previous, outDir);
    throw error;
  }
}

export async function closeStaging(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
}

/**
 * Staging folders of builds whose process is gone: the site they held is put back if the output
 * is missing (the build died while publishing), then they are removed. Folders of builds still
 * running are left alone.
 */
export async function recoverAbandoned(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const prefix = stagingPrefix(outDir);
  const removed: string[] = [];
  const names = (await readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).sort();
  for (const name of names) {
    const owner = Number(name.slice(prefix.length).split('-')[0]);
    if (isRunning(owner)) continue;
    const dir = path.join(parent, name);
    const previous = path.join(dir, previousName);
    // A build killed while patching the output: its moves are undone from the journal.
    rollBackPatch(dir, outDir);
    if (!(await stat(outDir).catch(() => null)) && (await stat(previous).catch(() => null))) await rename(previous, outDir);
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
