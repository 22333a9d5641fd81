// The `datashelf` command line: parses arguments and hands each command its options.
import { ContentError } from '../catalogue/errors.ts';
import { say, type CliContext } from './context.ts';
import { UsageError } from './options.ts';
import { UserError } from '../util/user-error.ts';
import { reportProblems } from './report.ts';

type Command = (args: string[], context: CliContext) => Promise<number>;

/**
 * Each command's module is loaded only when it runs: a build loads neither the preview server, the
 * importers nor the link checker (about 0.15 s of CPU at every start).
 */
const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.ts')).runBuild,
  check: async () => (await import('./check.ts')).runCheck,
  preview: async () => (await import('./preview.ts')).runPreview,
  serve: async () => (await import('./serve.ts')).runServe,
  new: async () => (await import('./new.ts')).runNew,
  import: async () => (await import('./import.ts')).runImportCommand,
  diff: async () => (await import('./diff.ts')).runDiff,
  init: async () => (await import('./init.ts')).runInit,
  qa: async () => (await import('./qa.ts')).runQaCommand,
};

const usage = `Usage: datashelf <command> [options]

Commands:
  build    Build the site into a folder        --content DIR (./content)  --out DIR (./dist)  --include-private  --today YYYY-MM-DD
  check    Check the content without building  --content DIR (./content)  --due (reviews due)
  preview  Serve a finished build locally      --out DIR (./dist)  --port N (4321)
  serve    Answer the CKAN API behind nginx/Apache  --dir DIR (./dist)  --port N (4322)  --host ADDRESS (127.0.0.1)
  new      Write a new dataset file            --content DIR  --id ID  --title TEXT  --team ID  --topic ID …
  import   Bring a catalogue into content/     ckan URL|FILE, datapress FILE, jkan FOLDER  --content DIR  --force
  diff     Compare two builds (for a PR)        BASE_OUT HEAD_OUT  --json
  init     Make a publisher's repository       DIR  --title TEXT  --url URL  --datashelf SPEC
  qa       Check every link and external file  --content DIR  --results FILE  --concurrency N  --timeout S

Run 'datashelf <command> --help' for a command's options.`;

export async function main(argv: string[], context: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    say(context.stdout, usage);
    return command ? 0 : 1;
  }
  const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!load) {
    say(context.stderr, `Unknown command '${command}'.\n\n${usage}`);
    return 1;
  }
  try {
    return await (await load())(rest, context);
  } catch (error) {
    if (error instanceof ContentError) {
      reportProblems(error.problems, context);
      return 1;
    }
    if (error instanceof UsageError) {
      say(context.stderr, `${error.message}\nRun 'datashelf ${command} --help' for its options.`);
      return 1;
    }
    if (error instanceof UserError) {
      say(context.stderr, `${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EISDIR', 'EMFILE', 'EBUSY'].includes(code)) {
      // The machine said no (permissions, full disk): say what and where, without a trace.
      say(context.stderr, `datashelf ${command}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
