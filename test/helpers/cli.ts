/**
 * Test helper: a CommandContext for running a subcommand in-process, with an Output that
 * records what it printed (human lines, the JSON document, warnings).
 */
import type { Env } from '../../src/config/env.js';
import type { CommandContext, Output, Progress } from '../../src/cli/command.js';

/** RecordedOutput is an Output that keeps everything printed. */
export interface RecordedOutput extends Output {
  readonly lines: string[];
  readonly warnings: string[];
  /** The document given to json(), in --json mode only (as main.ts prints it). */
  document: unknown;
}

/** recordingOutput records lines (dropped in JSON mode, like the real one) and the JSON document. */
export function recordingOutput(jsonMode = false): RecordedOutput {
  const progress: Progress = { tick: () => undefined, total: () => undefined, done: () => undefined };
  const out: RecordedOutput = {
    jsonMode,
    lines: [],
    warnings: [],
    document: undefined,
    line: (text) => void (jsonMode ? undefined : out.lines.push(text)),
    json: (value) => void (jsonMode ? (out.document = value) : undefined),
    warn: (text) => void out.warnings.push(text),
    progress: () => progress,
  };
  return out;
}

/** commandContext builds the context main.ts would hand a subcommand. */
export function commandContext(argv: readonly string[], env: Env, options: { json?: boolean; signal?: AbortSignal } = {}): CommandContext & { out: RecordedOutput } {
  return { argv, env, out: recordingOutput(options.json), signal: options.signal ?? new AbortController().signal, now: Date.now };
}
