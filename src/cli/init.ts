// `datashelf init DIR`: makes a publisher's repository (see src/init/init.ts).
import path from 'node:path';
import { initRepository, ownVersion } from '../init/init.ts';
import { say, type CliContext } from './context.ts';
import { parseOptionsAndArguments, UsageError } from './options.ts';

const help = `Usage: datashelf init DIR [--title TEXT] [--url URL] [--publisher NAME] [--datashelf SPEC]

Makes a new repository for a portal in DIR: a small example content/, GitHub Actions workflows
(checks with a catalogue diff on pull requests, previews, deploy to GitHub Pages, a weekly link
check and review report), Git LFS rules, editor settings, a README for editors, and a package.json
that depends on datashelf. --datashelf says how: a version range (the default, ^<this version>),
a Git URL (github:OWNER/datashelf) or a tarball made by npm pack (file:../datashelf-0.1.0.tgz).`;

export async function runInit(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseOptionsAndArguments(args, { title: { type: 'string' }, url: { type: 'string' }, publisher: { type: 'string' }, datashelf: { type: 'string' } });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('datashelf init takes one folder: the new repository.');
  const url = values.url ?? 'https://data.example.org/';
  if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be the site's address, starting with https://, not '${url}'.`);
  const dir = path.resolve(context.cwd, positionals[0]!);
  const written = await initRepository({
    dir,
    title: values.title ?? 'Open Data',
    url,
    publisher: values.publisher ?? 'Example Council',
    datashelf: values.datashelf ?? `^${await ownVersion()}`,
  });
  say(context.stdout, `Made ${path.relative(context.cwd, dir) || '.'} (${written.length} files). Next: cd into it, git init, npm install, npm run check, npm run build.`);
  return 0;
}
