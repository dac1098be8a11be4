/**
 * runCommand runs one subcommand in-process with a recording Output, the way main.ts would:
 * lines, warnings, the JSON document and progress ticks are kept for the test to read.
 */
import type { CliCommand, ExitCode, Output, Progress } from '../../src/cli/command.js';

/** Recorded is what a subcommand printed. */
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
  options: {
    env: Record<string, string | undefined>;
    json?: boolean;
    now?: () => number;
    signal?: AbortSignal;
    /** Called after each progress tick with the ticks so far (e.g. to press Ctrl-C mid-run). */
    onTick?: (ticks: number) => void;
  },
): Promise<Recorded> {
  const lines: string[] = [];
  const warnings: string[] = [];
  const ticks: string[] = [];
  const totals: number[] = [];
  let printed: string | undefined;
  const jsonMode = options.json === true;
  const progress = (): Progress => ({
    tick: (n = 1, note) => {
      ticks.push(`${n}${note === undefined ? '' : ` ${note}`}`);
      options.onTick?.(ticks.length);
    },
    total: (total) => totals.push(total),
    done: (summary) => lines.push(summary),
  });
  const out: Output = {
    jsonMode,
    line: (text) => {
      if (!jsonMode) lines.push(text);
    },
    json: (value) => {
      if (!jsonMode) return;
      if (printed !== undefined) throw new Error('json() was called twice: --json prints one document.');
      printed = JSON.stringify(value);
    },
    warn: (text) => warnings.push(text),
    progress: (_label, total) => {
      if (total !== undefined) totals.push(total);
      return progress();
    },
  };
  const code = await command.run({ argv, env: options.env, out, signal: options.signal ?? new AbortController().signal, now: options.now ?? Date.now });
  return { code, lines, warnings, json: printed === undefined ? undefined : (JSON.parse(printed) as unknown), ticks, totals };
}
