// `datashelf review`: the datasets due for review, as Markdown (for the weekly job summary).
import path from 'node:path';
import { validateCatalogue } from '../catalogue/validate.ts';
import { reviewDueMarkdown } from '../review/review-due.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';

const help = `Usage: datashelf review [--content DIR] [--date YYYY-MM-DD]

Lists the public datasets whose nextReviewDate is on or before the date (default today, UTC), as Markdown.`;

export async function runReview(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, { content: { type: 'string', default: 'content' }, date: { type: 'string' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const today = (values.date as string | undefined) ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UsageError(`--date must be YYYY-MM-DD, not '${today}'.`);
  const { catalogue } = await validateCatalogue({ contentDir: path.resolve(context.cwd, String(values.content)) });
  context.stdout.write(reviewDueMarkdown(catalogue.datasets, today));
  return 0;
}
