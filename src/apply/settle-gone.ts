/**
 * settleUnderGoneJobs resolves the rows left under jobs oVirt no longer has. The planner plans
 * nothing for a GONE job (it is never recreated), so a step row under it that is still PENDING
 * (a claim whose holder died, or a run that died between two GONE marks) or CREATED would stay so
 * for ever, and a PENDING row keeps the execution from ever looking settled. Such a step cannot
 * exist in oVirt either: its job is gone. So each is marked GONE too; no oVirt call is needed.
 */
import type { DesiredStep } from '../model/desired.js';
import type { TrackingRecord } from '../model/tracking.js';
import type { ApplyContext } from './context.js';

/** settleUnderGoneJobs marks GONE every PENDING or CREATED row of `steps` whose job row is GONE; returns their keys. */
export async function settleUnderGoneJobs(
  steps: readonly DesiredStep[],
  recorded: ReadonlyMap<string, TrackingRecord>,
  ctx: Pick<ApplyContext, 'executionArn' | 'store' | 'log' | 'counters' | 'signal'>,
): Promise<string[]> {
  const settled: string[] = [];
  for (const step of steps) {
    if (recorded.get(step.jobKey)?.state !== 'GONE') continue;
    const state = recorded.get(step.key)?.state;
    if (state !== 'PENDING' && state !== 'CREATED') continue;
    await ctx.store.markGone(ctx.executionArn, step.key, ctx.signal);
    settled.push(step.key);
  }
  if (settled.length > 0) {
    ctx.counters.count('ObjectsGone', settled.length);
    ctx.log.warn('Rows left under a job oVirt no longer has are marked gone', { objectKeys: settled });
  }
  return settled;
}
