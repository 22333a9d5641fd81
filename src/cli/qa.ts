// `datashelf qa`: checks every link and external file and writes the results file the build reads.
import path from 'node:path';
import { validateCatalogue } from '../catalogue/validate.ts';
import { defaultResultsFile, isBroken, writeResults } from '../qa/results.ts';
import { externalUrls, qaSummaryMarkdown, runQa } from '../qa/run-qa.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';

const help = `Usage: datashelf qa [--content DIR] [--results FILE] [--concurrency N] [--timeout SECONDS] [--retries N] [--backoff SECONDS] [--summary]

Checks every link and external file of the public datasets (HEAD, then GET when a server refuses
HEAD; redirects followed) and writes the results to FILE (default ./link-check.json, beside
content/), which the build reads to fill the export's httpStatus, size, mimetype, hash and
qaTimestamp and to show broken links. --summary prints the broken ones as Markdown (for a job summary).
Exits 0 however many links are broken: a broken link elsewhere must not stop a publication.`;

const positive = (value: unknown, name: string) => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new UsageError(`--${name} must be a number, not '${String(value)}'.`);
  return number;
};

export async function runQaCommand(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, {
    content: { type: 'string', default: 'content' },
    results: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '15' },
    retries: { type: 'string', default: '2' },
    backoff: { type: 'string', default: '1' },
    summary: { type: 'boolean', default: false },
  });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const contentDir = path.resolve(context.cwd, String(values.content));
  const resultsFile = path.resolve(context.cwd, values.results ?? path.join(path.dirname(contentDir), defaultResultsFile));
  const { catalogue } = await validateCatalogue({ contentDir });
  const uses = externalUrls(catalogue);
  const tty = (context.stderr as NodeJS.WriteStream).isTTY === true;
  const results = await runQa([...uses.keys()], {
    concurrency: Math.max(1, Math.floor(positive(values.concurrency, 'concurrency'))),
    timeoutMs: positive(values.timeout, 'timeout') * 1000,
    retries: Math.floor(positive(values.retries, 'retries')),
    backoffMs: positive(values.backoff, 'backoff') * 1000,
    now: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    onProgress: tty ? (done, total) => context.stderr.write(`\rChecked ${done} of ${total} URLs`) : undefined,
  });
  if (tty) context.stderr.write('\n');
  await writeResults(resultsFile, results);
  const broken = results.results.filter(isBroken).length;
  if (values.summary) context.stdout.write(qaSummaryMarkdown(results, uses));
  else say(context.stdout, `Checked ${results.results.length} URLs: ${broken} broken. Results in ${path.relative(context.cwd, resultsFile) || resultsFile}.`);
  return 0;
}
