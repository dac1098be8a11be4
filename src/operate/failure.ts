/**
 * commandFailure turns what a subcommand could not get past into its report and exit code:
 * a configuration error is the operator's to fix (USAGE); anything else that stopped the
 * command before it could judge (an endpoint down, access denied) is UNAVAILABLE. A
 * UsageError is main.ts's to print with the usage, so it passes through.
 */
import { ExitCode, UsageError } from '../cli/command.js';
import type { Output } from '../cli/command.js';
import { isConfigError } from '../errors.js';

/** commandFailure prints `error` on stderr and returns the exit code it means; rethrows a UsageError. */
export function commandFailure(error: unknown, out: Output): ExitCode {
  if (error instanceof UsageError) throw error;
  if (isConfigError(error)) {
    out.warn(`${error.message}\nSet it in the environment (or give --stage to read the deployed stack's settings) and run the command again.`);
    return ExitCode.USAGE;
  }
  out.warn(`Could not finish: ${errorText(error)}`);
  return ExitCode.UNAVAILABLE;
}

/** errorText is `<name>: <message>` of an error, for one line of output. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
