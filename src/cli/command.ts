/**
 * The contract between `ovirt-pipeline-jobs` (src/cli/main.ts) and its subcommands: each
 * subcommand is one module under src/cli/commands exporting a CliCommand. main.ts parses the
 * options every subcommand shares (--json, --stage, --region, --help), builds the environment
 * the product's configuration is read from, and hands the rest of the arguments over.
 *
 * Subcommands are thin, like the Lambda handlers: they parse their own options, call the
 * product's adapters and core (src/operate holds what they share), and print. They never
 * write to process.stdout directly, so the same code serves a terminal, a pipe and a test.
 */
import type { Env } from '../config/env.js';

/**
 * ExitCode: what a subcommand's exit status means, the same for every subcommand, so scripts
 * can tell "ran and found a problem" from "could not run".
 */
export const ExitCode = Object.freeze({
  /** Everything checked or done is fine. */
  OK: 0,
  /** The command ran and found a problem: a check failed, a difference, an item that failed again. */
  PROBLEM: 1,
  /** Wrong usage or configuration: nothing was done. The message says what to fix. */
  USAGE: 2,
  /** Something the command needs could not be reached or answered unexpectedly; nothing was judged. */
  UNAVAILABLE: 3,
} as const);
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Progress reports long work: a bar with counts and an estimate on a terminal, plain lines otherwise. */
export interface Progress {
  /** tick counts `n` more items done (default 1); `note` says what was just done, when worth saying. */
  tick(n?: number, note?: string): void;
  /** total sets or corrects how many items there are (unknown until listed). */
  total(total: number): void;
  /** done ends the bar and prints a summary line (human mode only). */
  done(summary: string): void;
}

/** Output is where a subcommand prints. In --json mode human lines go nowhere and `json` prints once. */
export interface Output {
  /** True when --json was given: print one JSON document with `json`, nothing else on stdout. */
  readonly jsonMode: boolean;
  /** line prints one line for people (dropped in --json mode). */
  line(text: string): void;
  /** json prints the command's result as one JSON document (only in --json mode; ignored otherwise). */
  json(value: unknown): void;
  /** warn prints to stderr in both modes (warnings and errors a script should still see). */
  warn(text: string): void;
  /** progress starts a progress report for `label`; with --json it reports to stderr as plain lines. */
  progress(label: string, total?: number): Progress;
}

/** CommandContext is what main.ts hands a subcommand. */
export interface CommandContext {
  /** The arguments after the subcommand name, shared options removed. */
  readonly argv: readonly string[];
  /**
   * The configuration environment: the process environment, completed with the deployed
   * stack's settings when --stage was given (process values win). Read it with src/config.
   */
  readonly env: Env;
  readonly out: Output;
  /** Aborted on Ctrl-C: stop starting new work, finish or roll back the item in hand, report. */
  readonly signal: AbortSignal;
  /** Clock in epoch ms (tests move it). */
  readonly now: () => number;
}

/** CliCommand is one subcommand. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full help text of the subcommand (its options and exit codes). */
  readonly usage: string;
  run(ctx: CommandContext): Promise<ExitCode>;
}

/**
 * UsageError: the subcommand's arguments are wrong. main.ts prints the message and the
 * subcommand's usage and exits with ExitCode.USAGE.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
