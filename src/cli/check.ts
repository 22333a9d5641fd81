// `datashelf check`: validates the content without building, for pull-request CI. It runs the
// loader's validation only: no data file is hashed and Git is not read (those are the build's).
import path from 'node:path';
import { validateCatalogue } from '../catalogue/validate.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions } from './options.ts';
import { reportProblems } from './report.ts';

const help = `Usage: datashelf check [--content DIR]

Checks every content file and reports every problem with its file and line.
Exits 1 when there is an error. In GitHub Actions it also prints annotations for the pull request.`;

export async function runCheck(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, { content: { type: 'string', default: 'content' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const contentDir = path.resolve(context.cwd, String(values.content));
  const { catalogue, warnings } = await validateCatalogue({ contentDir });
  reportProblems(warnings, context);
  const privateCount = catalogue.datasets.filter((dataset) => dataset.sharing === 'private').length;
  say(context.stdout, `Content is valid: ${catalogue.datasets.length} datasets (${privateCount} private), ${catalogue.topics.length} topics, ${catalogue.teams.length} teams.`);
  return 0;
}
