// The pull-request check workflow run as far as it can be without GitHub: its `run:` steps, as
// written in starter/.github/workflows/check.yml (the same file as this project's), one after the
// other in a publisher's repository made by `datashelf init` (installed from a packed tarball), with
// the environment GitHub's runner sets (GITHUB_STEP_SUMMARY, GITHUB_BASE_REF, GITHUB_ACTIONS…), in
// bash as GitHub runs a step (-eo pipefail), and stopping at the first step that fails, as a job does.
//
// What does not run here: the `uses:` steps. actions/checkout is stood in for by the repository
// itself (the pull request's branch checked out, full history: what `fetch-depth: 0` gives;
// GitHub checks out a merge of it into the base, the same tree while the base has not moved) and
// actions/setup-node by this Node.js 24 first on PATH. The install step runs for real, from npm's
// cache (npm_config_prefer_offline): this machine has no network. It takes its `npm install` branch:
// a package-lock.json made offline lacks a Windows-only optional package npm has no metadata for,
// and `npm ci` refuses such a lock, so this repository commits none (a publisher's, made online,
// may). node_modules is kept between the two jobs here, where a runner starts empty. No offline runner exists to run the
// whole file: Debian has no `act`, and npm's `@kie/act-js` downloads act's binary when installed
// and act pulls Docker images at run time (docs/publishing.md).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/content.ts';
import { git } from '../helpers/git.ts';
import { installOffline, npmEnv, packDatashelf, run } from '../helpers/package.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

interface StepRun {
  step: string;
  code: number;
  stdout: string;
  stderr: string;
}

const workflowFile = 'starter/.github/workflows/check.yml';
let work: string;
let portal: string;
let steps: Step[];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'datashelf-workflow-'));
  const tarball = await packDatashelf(work);
  portal = path.join(work, 'portal');
  await run(process.execPath, [path.join(repoRoot, 'bin/datashelf.mjs'), 'init', 'portal', '--title', 'Testshire Open Data', '--url', 'https://data.testshire.example', '--datashelf', `file:${tarball}`], { cwd: work, env: npmEnv });
  await installOffline(portal);
  await rm(path.join(portal, 'package-lock.json'));
  await git(portal, ['init', '-q', '-b', 'main']);
  await git(portal, ['add', '-A']);
  await git(portal, ['commit', '-q', '-m', 'A new portal'], '2026-01-05T10:00:00Z');
  const workflow = parse(await readFile(path.join(repoRoot, workflowFile), 'utf8')) as { on: Record<string, unknown>; jobs: { check: { steps: Step[] } } };
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  steps = workflow.jobs.check.steps;
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A branch from main with `change` applied to files of the repository, committed. */
async function pullRequestBranch(branch: string, change: Record<string, (text: string) => string>): Promise<void> {
  await git(portal, ['checkout', '-q', 'main']);
  await git(portal, ['checkout', '-q', '-b', branch]);
  for (const [file, edit] of Object.entries(change)) {
    const target = path.join(portal, file);
    await writeFile(target, edit(await readFile(target, 'utf8').catch(() => '')));
    await git(portal, ['add', file]);
  }
  await git(portal, ['commit', '-q', '-m', `Change on ${branch}`], '2026-01-06T10:00:00Z');
}

/** `${{ … }}` in a step, from the pull request's event; an expression this test does not know fails it. */
function expand(script: string, event: Record<string, string>): string {
  return script.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const value = event[expression];
    if (value === undefined) throw new Error(`${workflowFile} uses \${{ ${expression} }}, which this test does not set`);
    return value;
  });
}

/** A job on the pull request of `branch` into main: each `run:` step in order, stopping at the first that fails. */
async function runJob(branch: string, jobSteps: Step[] = steps): Promise<{ runs: StepRun[]; summary: string }> {
  await git(portal, ['checkout', '-q', branch]);
  // A checkout holds what the commit holds: not the lock file the last job's install wrote.
  await rm(path.join(portal, 'package-lock.json'), { force: true });
  await rm(path.join(work, 'base'), { recursive: true, force: true });
  await git(portal, ['worktree', 'prune']);
  const baseSha = (await git(portal, ['rev-parse', 'main'])).trim();
  const headSha = (await git(portal, ['rev-parse', 'HEAD'])).trim();
  const runnerTemp = await mkdtemp(path.join(work, 'runner-'));
  const summaryFile = path.join(runnerTemp, 'step_summary');
  await writeFile(summaryFile, '');
  const env = {
    ...npmEnv,
    npm_config_prefer_offline: 'true',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: branch,
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: headSha,
    GITHUB_WORKSPACE: portal,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: path.join(runnerTemp, 'output'),
    GITHUB_ENV: path.join(runnerTemp, 'env'),
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
  };
  const runs: StepRun[] = [];
  for (const [index, step] of jobSteps.entries()) {
    if (step.run === undefined) continue; // a `uses:` action: stood in for (see the top of this file)
    const script = path.join(runnerTemp, `step-${index}.sh`);
    await writeFile(script, expand(step.run, { 'github.event.pull_request.base.sha': baseSha }));
    const result = await new Promise<StepRun>((resolve) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: portal, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ step: step.name ?? step.run!.split('\n')[0]!, code: code ?? 1, stdout, stderr }));
    });
    runs.push(result);
    if (result.code !== 0) {
      // What a job's log would show of the failed step, for a failing assertion's reader.
      process.stderr.write(`step '${result.step}' exited ${result.code}:\n${result.stdout}${result.stderr}\n`);
      break;
    }
  }
  return { runs, summary: await readFile(summaryFile, 'utf8') };
}

/** The lines each file has after the change, by `git diff` against main. */
async function changedLines(): Promise<Map<string, Set<number>>> {
  const diff = await git(portal, ['diff', '-U0', 'main', 'HEAD']);
  const lines = new Map<string, Set<number>>();
  let file = '';
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ b/')) file = line.slice(6);
    const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk) continue;
    const [start, count] = [Number(hunk[1]), hunk[2] === undefined ? 1 : Number(hunk[2])];
    const set = lines.get(file) ?? new Set<number>();
    for (let n = start; n < start + count; n++) set.add(n);
    lines.set(file, set);
  }
  return lines;
}

describe(`${workflowFile}, its run: steps on a pull request (checkout and setup-node stood in for)`, () => {
  it('is the workflow this project runs itself', async () => {
    expect(await readFile(path.join(repoRoot, workflowFile), 'utf8')).toBe(await readFile(path.join(repoRoot, '.github/workflows/check.yml'), 'utf8'));
  });

  it('a broken commit: the check step fails with ::error annotations on the changed lines, and nothing is built', async () => {
    await pullRequestBranch('broken-team', {
      'content/datasets/council-meetings.md': (text) => text.replace('team: open-data', 'team: Open Data Team'),
      'content/datasets/recycling-rates/index.md': (text) => text.replace('topics: [environment]', 'topics: [environment, parking]'),
    });
    const { runs, summary } = await runJob('broken-team');
    const names = runs.map((step) => step.step);
    expect(runs.slice(0, -1).every((step) => step.code === 0)).toBe(true);
    expect(runs.at(-1)).toMatchObject({ step: 'Check the content', code: 1 });
    expect(names).not.toContain('Build the pull request');
    const annotations = [...runs.at(-1)!.stdout.matchAll(/^::error file=([^,]+),line=(\d+),title=[^:]*::(.*)$/gm)].map((match) => ({ file: match[1]!, line: Number(match[2]), message: match[3]! }));
    expect(annotations.map((annotation) => `${annotation.file}:${annotation.line} ${annotation.message.split(':')[0]}`)).toEqual([
      'content/datasets/council-meetings.md:4 team',
      'content/datasets/recycling-rates/index.md:6 topics[1]',
    ]);
    const changed = await changedLines();
    for (const annotation of annotations) expect(changed.get(annotation.file), `${annotation.file}:${annotation.line}`).toContain(annotation.line);
    expect(summary).toBe('');
  }, 600_000);

  it('a metadata change: every step passes, and the job summary holds the catalogue diff', async () => {
    await pullRequestBranch('retitle', {
      'content/datasets/council-meetings.md': (text) => text.replace('title: Council Meetings', 'title: Council and Committee Meetings'),
    });
    const { runs, summary } = await runJob('retitle');
    expect(runs.map((step) => [step.step, step.code])).toEqual([
      ['if [ -f package-lock.json ]; then npm ci; else npm install; fi', 0],
      ['Refuse Git LFS pointer files', 0],
      ['Check the content', 0],
      ['Build the pull request', 0],
      ['Build the base branch', 0],
      ['Catalogue diff', 0],
    ]);
    expect(runs[2]!.stdout).not.toContain('::error');
    expect(summary).toMatch(/^## Catalogue changes\n\n\*\*1 changed\*\*; 1 unchanged \(2 datasets before, 2 after\)\.\n/);
    expect(summary).toContain('| changed | `council-meetings` Council and Committee Meetings |');
    expect(summary).toContain('Council Meetings');
  }, 600_000);

  it("the weekly workflow's review step puts check --due's report into the job summary", async () => {
    const weekly = parse(await readFile(path.join(repoRoot, 'starter/.github/workflows/weekly.yml'), 'utf8')) as { jobs: { report: { steps: Step[] } } };
    const review = weekly.jobs.report.steps.filter((step) => step.name === 'Review due');
    expect(review).toHaveLength(1);
    await pullRequestBranch('overdue', { 'content/datasets/council-meetings.md': (text) => text.replace('nextReviewDate: 2027-01-31', 'nextReviewDate: 2020-01-31') });
    const { runs, summary } = await runJob('overdue', review);
    expect(runs.map((step) => step.code)).toEqual([0]);
    expect(summary).toMatch(/^## Datasets due for review\n\n```\n[\s\S]*^Reviews on \d{4}-\d{2}-\d{2}: 1 dataset overdue or due within 30 days\.\noverdue\t2020-01-31\t\d+ days late\t[^\t]+\tcouncil-meetings\tCouncil Meetings\t[^\n]+\n```\n$/m);
  }, 300_000);
});
