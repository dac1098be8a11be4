/**
 * The liveness table: for each fleet size, the sweep alone and the push path side by side,
 * and the goals of the push path (issue 12) judged on the largest fleet run.
 */
import type { GoalVerdict } from '../report/goals.js';
import { table } from '../report/table.js';
import type { LivenessResult } from './simulate.js';

/** LIVENESS_GOALS are the push path's goals at the largest fleet. */
export const LIVENESS_GOALS = Object.freeze({ p99LagMs: 5000, historyShareOfQuota: 0.25, quotaPerSecond: 20 });

const seconds = (ms: number | undefined): string => {
  if (ms === undefined || Number.isNaN(ms)) return '?';
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(0)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
};

/** renderLiveness prints one row per (size, design). */
export function renderLiveness(results: readonly LivenessResult[]): string {
  const headers = ['Executions', 'Design', 'transitions', 'mirrored', 'lag p50', 'lag p99', 'lag max', 'history calls/s', 'of 20/s', 'oVirt writes/minimum', 'DDB req/transition', 'real s'];
  const lag = (ms: number | undefined, r: LivenessResult): string => (ms === Infinity ? `> ${seconds(r.runMs)}` : seconds(ms));
  const rows = results.map((r) => [
    r.executions.toLocaleString('en-US'),
    r.mode === 'sweep' ? 'sweep alone' : r.split === 'record' ? 'push, records in 2 streams' : 'push, 1 stream/execution',
    r.transitions.toLocaleString('en-US'),
    `${((r.mirrored / Math.max(1, r.transitions)) * 100).toFixed(0)} %`,
    lag(r.lagP50Ms, r),
    lag(r.lagP99Ms, r),
    lag(r.lagMaxMs, r),
    r.mode === 'push' ? `${r.historyCallsPerSecond.toFixed(2)} (${r.pushHistoryCallsPerSecond.toFixed(2)})` : r.historyCallsPerSecond.toFixed(2),
    `${((r.historyCallsPerSecond / LIVENESS_GOALS.quotaPerSecond) * 100).toFixed(0)} %`,
    `${r.ovirtWrites.toLocaleString('en-US')}/${r.ovirtMinimumWrites.toLocaleString('en-US')}`,
    r.dynamoRequestsPerTransition.toFixed(2),
    r.realSeconds.toFixed(1),
  ]);
  return [
    'Liveness: N executions running at once, one transition each every 30–120 s (virtual time)',
    table(headers, rows),
    '',
    'Lag: from a transition being logged to its step existing in oVirt. AWS delivery delay is',
    'simulated as 0; records logged within the same 250 ms travel in one delivery per log stream',
    '(counted in the lag). "records in 2 streams": each record lands in either stream, so an',
    'execution\'s records arrive split over two concurrent deliveries. A transition still without its step',
    'when the run ended counts as later than the run ("> run length"). The sweep is throttled to one at a time.',
    'Every invocation runs as its own task in virtual time (bench/liveness/virtual-time.ts): each call',
    'waits a modelled latency (DynamoDB 5 ms, oVirt 5 ms, Step Functions 20 ms), the real time the',
    'product\'s code takes is added, and overlapping invocations meet each other\'s leases. History calls/s: GetExecutionHistory',
    'per second against the account quota of 20/s, by the sweep and (push) by the push path repairing',
    'gaps within its budget (its share in brackets). oVirt writes/minimum: writes made / the engine minimum',
    '(each step added once and ended once). DDB req/transition: DynamoDB requests per step added (the',
    'sweep alone batches a backlog of transitions per visit; the push path syncs each as it comes).',
    'Not modelled: the engine\'s own capacity (2 writes per transition: about 270/s at 10,000 executions).',
  ].join('\n');
}

/**
 * livenessGoals judges the push path on the largest fleet, with records spread over two
 * streams (the harder case) when that ran.
 */
export function livenessGoals(results: readonly LivenessResult[]): GoalVerdict[] {
  const hardest = (r: LivenessResult): number => r.executions * 2 + (r.split === 'record' ? 1 : 0);
  const push = results.filter((r) => r.mode === 'push').sort((a, b) => hardest(b) - hardest(a))[0];
  const measured = push !== undefined;
  const at = push === undefined ? 'n/a' : `${push.executions.toLocaleString('en-US')} executions, ${push.split === 'record' ? 'records in 2 streams' : 'one stream per execution'}`;
  const share = push === undefined ? NaN : push.historyCallsPerSecond / LIVENESS_GOALS.quotaPerSecond;
  const offWrites = results.filter((r) => r.ovirtWrites !== r.ovirtMinimumWrites).map((r) => `${r.mode} ${r.executions}: ${r.ovirtWrites} vs ${r.ovirtMinimumWrites}`);
  return [
    {
      goal: `push path p99 lag ≤ ${LIVENESS_GOALS.p99LagMs / 1000} s (${at})`,
      measured,
      pass: measured && (push.lagP99Ms ?? Infinity) <= LIVENESS_GOALS.p99LagMs && push.mirrored === push.transitions,
      detail: measured ? `p99 ${seconds(push.lagP99Ms)}, p50 ${seconds(push.lagP50Ms)}, ${push.mirrored}/${push.transitions} mirrored` : 'not measured in this run',
      countGoal: false,
    },
    {
      goal: `push path history calls ≤ ${LIVENESS_GOALS.historyShareOfQuota * 100} % of the 20/s quota (${at})`,
      measured,
      pass: measured && share <= LIVENESS_GOALS.historyShareOfQuota,
      detail: measured ? `${push.historyCallsPerSecond.toFixed(2)}/s = ${(share * 100).toFixed(1)} %` : 'not measured in this run',
      countGoal: true,
    },
    {
      goal: 'liveness: oVirt writes == engine minimum in both designs',
      measured: results.length > 0,
      pass: results.length > 0 && offWrites.length === 0,
      detail: offWrites.join('; ') || `${results.length} runs`,
      countGoal: true,
    },
  ];
}
