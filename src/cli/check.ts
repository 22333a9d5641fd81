// `datashelf check`: validates the content without building, for pull-request CI. It runs the
// loader's validation, and reads Git's log once to warn of an `updatedAt` older than a file's last
// commit; no data file is hashed (that is the build's).
import path from 'node:path';
import { staleUpdatedAtWarnings } from '../catalogue/date-consistency.ts';
import { readGitHistory } from '../catalogue/git-history.ts';
import { validateCatalogue } from '../catalogue/validate.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';
import { ContentError } from '../catalogue/errors.ts';
import { reportProblems } from './report.ts';
import { buildDay, dueWithinDays, reviewReport, type ReviewedDataset } from '../catalogue/review.ts';

const help = `Usage: datashelf check [--content DIR] [--format text|github] [--due [--today YYYY-MM-DD]]

Checks every content file and reports every problem with its file and line.
Exits 1 when there is an error.

  --format text|github  github (the default in GitHub Actions) also prints each problem as an
                        annotation (::error file=…,line=…::…), shown on the pull request's line
  --due                 also list the datasets overdue for review or due within ${dueWithinDays} days, by team,
                        one line each (for a scheduled workflow that opens issues)
  --today YYYY-MM-DD    the day to measure against (default: today, by the clock)`;

export async function runCheck(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, { content: { type: 'string', default: 'content' }, format: { type: 'string' }, due: { type: 'boolean', default: false }, today: { type: 'string' } });
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
  reportProblems([...warnings, ...staleUpdatedAtWarnings(catalogue.datasets, await readGitHistory(contentDir))], context, annotations);
  const privateCount = catalogue.datasets.filter((dataset) => dataset.sharing === 'private').length;
  say(context.stdout, `Content is valid: ${catalogue.datasets.length} datasets (${privateCount} private), ${catalogue.topics.length} topics, ${catalogue.teams.length} teams.`);
  if (values.due) {
    // A report, not an output: measured against the real day unless told otherwise.
    const today = buildDay({ today: values.today === undefined ? undefined : String(values.today) }).date;
    say(context.stdout, dueReport(catalogue.datasets, today));
  }
  return 0;
}

/**
 * The datasets overdue or due for review, by team: one line each, tab-separated after the state, so
 * a scheduled workflow can open an issue per line (`cut -f`), and a person can read it.
 */
export function dueReport(datasets: readonly ReviewedDataset[], today: string): string {
  const groups = reviewReport(datasets, today);
  const count = groups.reduce((sum, group) => sum + group.entries.length, 0);
  if (count === 0) return `Reviews on ${today}: none overdue or due within ${dueWithinDays} days.`;
  const lines = [`Reviews on ${today}: ${count} dataset${count === 1 ? '' : 's'} overdue or due within ${dueWithinDays} days.`];
  for (const group of groups) {
    for (const entry of group.entries) {
      const when = entry.state === 'overdue' ? `${entry.days} day${entry.days === 1 ? '' : 's'} late` : `in ${entry.days} day${entry.days === 1 ? '' : 's'}`;
      const contact = entry.contact ? `${entry.contact.title}${entry.contact.email ? ` <${entry.contact.email}>` : ''}` : 'no contact';
      lines.push([entry.state, entry.nextReviewDate, when, group.team.title, entry.dataset.id, entry.dataset.title, contact].join('\t'));
    }
  }
  return lines.join('\n');
}
