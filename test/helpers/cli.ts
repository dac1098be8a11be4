/**
 * Test helpers for the operator command's subcommands, run in-process the way main.ts runs
 * them: an Output that records what it printed (lines, warnings, the JSON document, progress
 * ticks), a CommandContext around it, and runCommand, which runs a subcommand and returns all
 * of that with its exit code.
 */
import type { Env } from '../../src/config/env.js';
import type { CliCommand, CommandContext, ExitCode, Output, Progress } from '../../src/cli/command.js';

/** RecordedOutput is an Output that keeps everything printed. */
export interface RecordedOutput extends Output {
  readonly lines: string[];
  readonly warnings: string[];
  /** The document given to json(), in --json mode only (as main.ts prints it). */
  document: unknown;
  /** Progress ticks as "n note", and the totals announced. */
  readonly ticks: string[];
  readonly totals: number[];
}

/**
 * recordingOutput records lines (dropped in JSON mode, like the real one), the JSON document
 * (a second json() call throws: --json prints one document) and progress; `onTick` is called
 * after each tick with the number of ticks so far (e.g. to press Ctrl-C mid-run).
 */
export function recordingOutput(jsonMode = false, onTick?: (ticks: number) => void): RecordedOutput {
  let printed = false;
  const progress: Progress = {
    tick: (n = 1, note) => {
      out.ticks.push(`${n}${note === undefined ? '' : ` ${note}`}`);
      onTick?.(out.ticks.length);
    },
    total: (total) => void out.totals.push(total),
    done: (summary) => void out.lines.push(summary),
  };
  const out: RecordedOutput = {
    jsonMode,
    lines: [],
    warnings: [],
    document: undefined,
    ticks: [],
    totals: [],
    line: (text) => void (jsonMode ? undefined : out.lines.push(text)),
    json: (value) => {
      if (!jsonMode) return;
      if (printed) throw new Error('json() was called twice: --json prints one document.');
      printed = true;
      // As printed and parsed back, so a test sees what a script would.
      out.document = JSON.parse(JSON.stringify(value)) as unknown;
    },
    warn: (text) => void out.warnings.push(text),
    progress: (_label, total) => {
      if (total !== undefined) out.totals.push(total);
      return progress;
    },
  };
  return out;
}

/** commandContext builds the context main.ts would hand a subcommand. */
export function commandContext(
  argv: readonly string[],
  env: Env,
  options: { json?: boolean; signal?: AbortSignal; now?: () => number; onTick?: (ticks: number) => void } = {},
): CommandContext & { out: RecordedOutput } {
  return { argv, env, out: recordingOutput(options.json, options.onTick), signal: options.signal ?? new AbortController().signal, now: options.now ?? Date.now };
}

/** Recorded is what a subcommand printed, and its exit code. */
export interface Recorded {
  readonly code: ExitCode;
  readonly lines: string[];
  readonly warnings: string[];
  /** The JSON document (as printed and parsed back), in --json mode. */
  readonly json: unknown;
  readonly ticks: string[];
  readonly totals: number[];
}

/** runCommand runs `command` with `argv`; `json` selects --json mode; `signal` and `now` as main.ts would pass them. */
export async function runCommand(
  command: CliCommand,
  argv: readonly string[],
  options: { env: Env; json?: boolean; now?: () => number; signal?: AbortSignal; onTick?: (ticks: number) => void },
): Promise<Recorded> {
  const ctx = commandContext(argv, options.env, options);
  const code = await command.run(ctx);
  const { lines, warnings, document, ticks, totals } = ctx.out;
  return { code, lines, warnings, json: document, ticks, totals };
}
