// `datashelf build`: builds the site and says what it published.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultResultsFile, readResults } from '../qa/results.ts';
import { buildSite } from '../build/build.ts';
import { cacheFolder } from '../build/build-cache.ts';
import { useSmallNursery } from '../build/memory.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';
import { edgeHosts, type EdgeHost } from '../edge/files.ts';
import { reportProblems } from './report.ts';

const help = `Usage: datashelf build [--content DIR] [--out DIR] [--include-private] [--no-ckan-api] [--edge HOSTS] [--link-check FILE] [--today YYYY-MM-DD]
                       [--cache DIR] [--no-cache]

  --content DIR       the catalogue's content folder (default ./content)
  --out DIR           where the site is written (default ./dist); replaced only when the build succeeds
  --include-private   an internal build that also publishes private datasets, marked as private
  --no-ckan-api       leave out the CKAN API (pages and exports only), e.g. for a host that cannot
                      rewrite query strings; the host configurations then hold no CKAN rule
  --edge HOSTS        also write the CKAN request handler as code for these hosts, comma-separated:
                      netlify (the Edge Function, .netlify/), cloudflare (the Worker, _worker.js and
                      wrangler.jsonc); default none (the Edge Function holds the whole index)
  --link-check FILE   the results of datashelf qa (default: link-check.json beside the content folder, if there)
  --today YYYY-MM-DD  the day review dates are measured against ("overdue for review"); default:
                      SOURCE_DATE_EPOCH if set, else the day of the latest commit to the content,
                      so the same commit always builds the same site
  --cache DIR         where the build keeps what the next build can reuse (default: .datashelf-cache
                      beside the content folder); with it and the previous output, a build rewrites
                      only the files that changed
  --no-cache          build from scratch, ignoring the cache (it is written anew)`;

export async function runBuild(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    'include-private': { type: 'boolean', default: false },
    'no-ckan-api': { type: 'boolean', default: false },
    edge: { type: 'string', default: '' },
    'link-check': { type: 'string' },
    today: { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
  });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const contentDir = path.resolve(context.cwd, String(values.content));
  const outDir = path.resolve(context.cwd, String(values.out));
  const linkCheckFile = values['link-check'] ? path.resolve(context.cwd, values['link-check']) : path.join(path.dirname(contentDir), defaultResultsFile);
  const linkCheck = values['link-check'] || (await stat(linkCheckFile).catch(() => null)) ? await readResults(linkCheckFile) : null;
  const cacheDir = cacheFolder(values.cache === undefined ? undefined : path.resolve(context.cwd, values.cache), contentDir, outDir);
  const edge = edgeChoice(String(values.edge));
  if (edge.length > 0 && values['no-ckan-api']) throw new UsageError('--edge writes the CKAN request handler: it needs the CKAN API, so leave out --no-ckan-api or --edge.');
  useSmallNursery();
  const report = await buildSite({
    contentDir,
    outDir,
    includePrivate: Boolean(values['include-private']),
    ckanApi: !values['no-ckan-api'],
    edge,
    linkCheck,
    ...(values.today === undefined ? {} : { today: String(values.today) }),
    cache: cacheDir === null ? null : { dir: cacheDir, reuse: !values['no-cache'] },
  });
  reportProblems(report.warnings, context);
  const { datasets } = report.catalogue;
  const { output } = report;
  const written = output.publish === 'patch' ? `; ${output.written} of ${output.files} files written, ${output.removed} removed` : '';
  const timing = report.stages.map((stage) => `${stage.name} ${(stage.ms / 1000).toFixed(1)}s`).join(', ');
  say(
    context.stdout,
    `Built ${datasets.length} dataset${datasets.length === 1 ? '' : 's'}${report.catalogue.includesPrivate ? ' (including private ones: an internal build, do not publish it)' : ''} into ${path.relative(context.cwd, outDir) || '.'} (${timing}${written}).`,
  );
  if (cacheDir !== null && !output.cacheSaved) say(context.stderr, `note: the build's cache could not be written to ${cacheDir}; the next build will write every file again.`);
  return 0;
}

/** `--edge netlify,cloudflare`: each a host named once, in the order given. */
function edgeChoice(text: string): EdgeHost[] {
  const chosen: EdgeHost[] = [];
  for (const name of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const host = edgeHosts.find((candidate) => candidate === name.toLowerCase());
    if (!host) throw new UsageError(`--edge: '${name}' is not a host datashelf writes code for (${edgeHosts.join(', ')}).`);
    if (!chosen.includes(host)) chosen.push(host);
  }
  return chosen;
}
