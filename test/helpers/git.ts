// Git for tests: a fixed identity and time, and no user or system configuration.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
