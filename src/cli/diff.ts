// `datashelf diff BASE_OUT HEAD_OUT`: what a change to the content does to the published catalogue,
// from two finished builds, as Markdown for a pull request's job summary (or JSON).
import path from 'node:path';
import { compareBuilds } from '../diff/compare.ts';
import { diffMarkdown } from '../diff/markdown.ts';
import { readBuild } from '../diff/read-build.ts';
import { say, type CliContext } from './context.ts';
import { parseOptionsAndArguments, UsageError } from './options.ts';

const help = `Usage: datashelf diff BASE_OUT HEAD_OUT [--json]

Compares two builds (e.g. of the main branch and of a pull request): datasets added, removed,
renamed and changed, the fields that changed, and what each public output (export.json,
CKAN package_show, DCAT-AP, data.json) says differently. Prints Markdown for a job summary
(append it to $GITHUB_STEP_SUMMARY), or JSON with --json.`;

export async function runDiff(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptionsAndArguments(args, { json: { type: 'boolean', default: false } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`datashelf diff takes two build folders (the base and the head), not ${positionals.length}.`);
  const [base, head] = await Promise.all(positionals.map((dir) => readBuild(path.resolve(context.cwd, dir))));
  const diff = await compareBuilds(base!, head!);
  // Folders as given, so that the output does not depend on where it was run.
  diff.base.dir = positionals[0]!;
  diff.head.dir = positionals[1]!;
  context.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : diffMarkdown(diff));
  return 0;
}
