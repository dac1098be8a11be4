/**
 * Human output of the doctor: one line per check with its mark, the fix indented under each
 * ✗ (and ⚠), and a closing line that counts.
 */
import type { CheckResult, CheckStatus } from './check-result.js';

const MARK: Readonly<Record<CheckStatus, string>> = { ok: '✓', failed: '✗', warning: '⚠', skipped: '–' };

/** checkLines are the lines of one result. */
export function checkLines(result: CheckResult): string[] {
  const head = `${MARK[result.status]} ${result.name}: ${result.status === 'skipped' ? `skipped: ${result.detail}` : result.detail}`;
  return result.fix === undefined || result.status === 'ok' ? [head] : [head, `    → ${result.fix}`];
}

/** summaryLine counts the results. */
export function summaryLine(checks: readonly CheckResult[]): string {
  const count = (status: CheckStatus): number => checks.filter((c) => c.status === status).length;
  const failures = count('failed');
  const tail = [count('warning') > 0 ? `${count('warning')} warning(s)` : '', count('skipped') > 0 ? `${count('skipped')} skipped` : '']
    .filter(Boolean).join(', ');
  const head = failures === 0 ? `All ${count('ok')} required checks passed` : `${failures} check(s) failed, ${count('ok')} passed`;
  return tail === '' ? `${head}.` : `${head} (${tail}).`;
}
