// `datashelf check`: validates the content without building, for pull-request CI. It runs the
// loader's validation only: no data file is hashed and Git is not read (those are the build's).
import path from 'node:path';
import { validateCatalogue } from '../catalogue/validate.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';
import { ContentError } from '../catalogue/errors.ts';
import { reportProblems } from './report.ts';

const help = `Usage: datashelf check [--content DIR] [--format text|github]

Checks every content file and reports every problem with its file and line.
Exits 1 when there is an error. With --format github (the default in GitHub Actions) it also
prints each problem as an annotation (::error file=…,line=…::…), shown on the pull request's line.`;

export async function runCheck(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, { content: { type: 'string', default: 'content' }, format: { type: 'string' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const format = values.format ?? (context.env.GITHUB_ACTIONS ? 'github' : 'text');
  if (format !== 'text' && format !== 'github') throw new UsageError(`--format is text or github, not '${format}'.`);
  const annotations = format === 'github';
  const contentDir = path.resolve(context.cwd, String(values.content));
  let validated;
  try {
    validated = await validateCatalogue({ contentDir });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    reportProblems(error.problems, context, annotations);
    return 1;
  }
  const { catalogue, warnings } = validated;
  reportProblems(warnings, context, annotations);
  const privateCount = catalogue.datasets.filter((dataset) => dataset.sharing === 'private').length;
  say(context.stdout, `Content is valid: ${catalogue.datasets.length} datasets (${privateCount} private), ${catalogue.topics.length} topics, ${catalogue.teams.length} teams.`);
  return 0;
}
