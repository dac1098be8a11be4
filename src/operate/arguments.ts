/**
 * parseCommandArguments parses a subcommand's own options with Node's util.parseArgs (strict:
 * an unknown option or a missing value is a UsageError naming it, never ignored).
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../cli/command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseCommandArguments returns the option values and the positionals of `argv`. */
export function parseCommandArguments<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
