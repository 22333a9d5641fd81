// `datashelf import <kind> <source>`: brings an existing catalogue into content/ (src/import/).
import path from 'node:path';
import { formatProblem } from '../catalogue/errors.ts';
import { importCkanPackages } from '../import/ckan.ts';
import { defaultFetchOptions, fetchCkanPackages, readCkanFile } from '../import/ckan-source.ts';
import { importDatapress } from '../import/datapress.ts';
import { importJkan } from '../import/jkan.ts';
import { runImport, type ImportKind, type Importer } from '../import/run.ts';
import { say, type CliContext } from './context.ts';
import { parseOptionsAndArguments, UsageError } from './options.ts';

const help = `Usage: datashelf import <kind> <source> [--content DIR] [--force]

Brings an existing catalogue into DIR (./content), as dataset files, teams, topics, licences and
custom fields, and checks the result.

Kinds and sources:
  ckan URL         a CKAN portal's address, e.g. https://data.example.gov (read with GET only)
  ckan FILE        a saved package_search response (.json) or a 'ckanapi dump' file (.jsonl)
  datapress FILE   a DataPress export.json (a URL to one works too)
  jkan FOLDER      a JKAN (Jekyll) repository: _datasets/, _organizations/, _dataset_categories/

Options:
  --content DIR    the content folder to write into (created if missing)
  --force          replace fields edited by hand since the last import with the source's
  --concurrency N  requests at once to a CKAN portal (default 2)
  --timeout S      seconds to wait for each answer before retrying (default 30)

Run it again to update: new datasets are added, changed ones updated in place, and a field a
publisher edited by hand is kept (and reported) unless --force. Nothing is ever deleted.
See docs/importing.md.`;

const importers: Record<ImportKind, (values: Record<string, unknown>, context: CliContext) => Importer> = {
  jkan: () => (source, existing) => importJkan(source, existing),
  ckan: (values, context) => async (source, existing) => {
    if (!/^https?:\/\//i.test(source)) {
      const { packages, notes } = await readCkanFile(source);
      return importCkanPackages(packages, existing, { title: 'Open data', publisher: 'Open data' }, notes);
    }
    const concurrency = positiveNumber(values.concurrency, '--concurrency');
    const timeoutMs = positiveNumber(values.timeout, '--timeout') * 1000;
    const tty = (context.stderr as { isTTY?: boolean }).isTTY === true;
    const packages = await fetchCkanPackages(source, {
      ...defaultFetchOptions,
      concurrency,
      timeoutMs,
      progress: tty ? (fetched, total) => context.stderr.write(`\rFetched ${fetched} of ${total} datasets${fetched >= total ? '\n' : ''}`) : undefined,
    });
    const host = new URL(source).hostname;
    return importCkanPackages(packages, existing, { title: host, url: source.replace(/\/*$/, '/'), publisher: host });
  },
  datapress: () => (source, existing) => importDatapress(source, existing),
};

export async function runImportCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptionsAndArguments(args, {
    content: { type: 'string', default: 'content' },
    force: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '30' },
  });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const [kind, source, ...extra] = positionals;
  if (!kind || !(kind in importers)) throw new UsageError(`${kind ? `'${kind}' is not a kind of import` : 'Say what to import'}: give one of ckan, datapress, jkan, then the source.`);
  if (!source) throw new UsageError(`Give the source to import: datashelf import ${kind} <${kind === 'jkan' ? 'folder' : kind === 'ckan' ? 'url or file' : 'export.json'}>.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument '${extra[0]}': give one source (quote a path with spaces).`);
  const contentDir = path.resolve(context.cwd, String(values.content));
  const importer = importers[kind as ImportKind](values, context);
  const resolvedSource = /^https?:\/\//i.test(source) ? source : path.resolve(context.cwd, source);
  const result = await runImport(importer, resolvedSource, { kind: kind as ImportKind, contentDir, force: Boolean(values.force) });
  const where = (file: string, line: number | null) => `${/^https?:/.test(file) ? file : path.relative(context.cwd, file) || file}${line ? `:${line}` : ''}`;

  const skipped = result.notes.filter((note) => note.severity === 'skipped');
  const changed = result.notes.filter((note) => note.severity === 'changed');
  for (const note of changed) say(context.stderr, `note: ${where(note.source, note.line)}: ${note.message}`);
  for (const note of skipped) say(context.stderr, `not imported: ${where(note.source, note.line)}: ${note.message}`);
  const { report } = result;
  for (const conflict of report.conflicts) {
    const what = conflict.fields.length > 0 ? `${conflict.fields.join(', ')} ${values.force ? 'replaced by the source' : 'kept as edited'}` : values.force ? 'replaced by the source' : 'kept as it is';
    say(context.stderr, `${values.force ? 'replaced' : 'kept'}: ${where(path.join(contentDir, conflict.file), null)}: ${conflict.reason}; ${what}${values.force ? '' : ' (run with --force to take the source\'s)'}`);
  }
  for (const id of report.notInSource) say(context.stderr, `not in the source any more: dataset '${id}' kept (delete its file to remove it)`);
  const defined = report.definitions;
  const plus = (label: string, ids: string[]) => (ids.length > 0 ? [`${label} +${ids.length}`] : []);
  say(
    context.stdout,
    [
      `Imported ${kind} ${source} into ${path.relative(context.cwd, contentDir) || '.'}: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged` +
        `${report.conflicts.length > 0 ? `, ${report.conflicts.length} with hand edits ${values.force ? 'replaced' : 'kept'}` : ''}${skipped.length > 0 ? `, ${skipped.length} not imported (listed above)` : ''}.`,
      ...(report.added.length + report.updated.length > 0 ? [`  added: ${report.added.join(', ') || '-'}`, `  updated: ${report.updated.join(', ') || '-'}`].map((line) => (line.length > 400 ? `${line.slice(0, 397)}...` : line)) : []),
      ...[[...(defined.catalogue ? ['catalogue.yaml written (check its url and publisher)'] : []), ...plus('teams', defined.teams), ...plus('topics', defined.topics), ...plus('licences', defined.licences), ...plus('custom fields', defined.customFields)].join(', ')].filter(Boolean).map((line) => `  ${line}`),
    ].join('\n'),
  );
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  for (const problem of result.problems) say(context.stderr, formatProblem(problem, context.cwd));
  if (errors.length > 0) {
    say(context.stderr, `The content does not pass 'datashelf check' after the import (${errors.length} error${errors.length === 1 ? '' : 's'} above): correct them and run 'datashelf check'.`);
    return 1;
  }
  say(context.stdout, `Content is valid: ${result.datasetCount} datasets. Next: 'datashelf build'.`);
  return 0;
}

function positiveNumber(value: unknown, option: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${option} takes a positive number, not '${String(value)}'.`);
  return number;
}
