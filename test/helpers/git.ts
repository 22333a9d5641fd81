// Git for tests: a fixed identity and time, and no user or system configuration.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { contentFrom } from './content.ts';

const run = promisify(execFile);

export async function git(cwd: string, args: string[], when?: string, author = 'Ann Example'): Promise<string> {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: 'ann@testshire.example',
    GIT_COMMITTER_NAME: 'Build Bot',
    GIT_COMMITTER_EMAIL: 'bot@testshire.example',
    ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}),
  };
  return (await run('git', args, { cwd, env })).stdout;
}

/**
 * The minimal fixture in a new repository (its roads dataset as `roads` gives it) with two commits:
 * the first publication (2021-03-04T10:00:00Z), then a correction of the roads CSV (2024-07-08T09:30:15Z).
 */
export async function minimalWithHistory(roads: string): Promise<{ root: string; contentDir: string }> {
  const { root, contentDir } = await contentFrom('minimal', { 'datasets/roads/index.md': roads });
  await git(root, ['init', '-q', '-b', 'main']);
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-qm', 'First publication'], '2021-03-04T10:00:00Z');
  await writeFile(path.join(contentDir, 'datasets/roads/casualties 2023.csv'), 'month,severity,count\r\n2023-01,slight,13\r\n');
  await git(root, ['commit', '-qam', 'Correct January'], '2024-07-08T09:30:15Z');
  return { root, contentDir };
}
