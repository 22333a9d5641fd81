// Option parsing shared by the commands: a wrong option is a usage error, not a crash.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

import { UserError } from '../util/user-error.ts';

export class UsageError extends UserError {}

/** Parses a command's options (plus --help); unknown options are a usage error, not a crash. */
export function parseOptions<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  return parse(args, options, false);
}

/** The same, for a command that also takes arguments of its own (folders, a source); they are `positionals`. */
export function parseOptionsAndArguments<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  return parse(args, options, true);
}

function parse<T extends ParseArgsOptionsConfig, P extends boolean>(args: string[], options: T, allowPositionals: P) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
