// Option parsing shared by the commands: a wrong option is a usage error, not a crash.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

import { UserError } from '../util/user-error.ts';

export class UsageError extends UserError {}

/** Parses a command's options (plus --help); unknown options are a usage error, not a crash. */
export function parseOptions<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } }, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
