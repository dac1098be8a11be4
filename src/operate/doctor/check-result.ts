/**
 * The result of one doctor check: what was checked, how it went, what was seen, and for a
 * failure what to do. Human output prints one line per result (and the fix under a ✗); --json
 * prints the list as it is.
 */

/** CheckStatus: `failed` makes the doctor exit non-zero; `warning` and `skipped` do not. */
export type CheckStatus = 'ok' | 'failed' | 'warning' | 'skipped';

/** CheckResult is one line of the doctor's report. */
export interface CheckResult {
  /** Stable identifier for scripts, e.g. `engine.tls`, `stateMachine:release`. */
  readonly id: string;
  /** What was checked, for people, e.g. `TLS trusted`. */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was seen (for a skipped check: why it was not run). */
  readonly detail: string;
  /** What to do; set for failures and warnings. */
  readonly fix?: string | undefined;
}

export const passed = (id: string, name: string, detail: string): CheckResult => ({ id, name, status: 'ok', detail });
export const failed = (id: string, name: string, detail: string, fix: string): CheckResult => ({ id, name, status: 'failed', detail, fix });
export const warned = (id: string, name: string, detail: string, fix: string): CheckResult => ({ id, name, status: 'warning', detail, fix });
export const skipped = (id: string, name: string, reason: string): CheckResult => ({ id, name, status: 'skipped', detail: reason });

/** messageOf is an error's message (a non-Error is printed as is). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
