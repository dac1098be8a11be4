/**
 * The benchmark's goals (issue 6), each checked against the results of one run. Count goals
 * hold in every run; timing and size goals are judged only where the run measured them.
 */
import type { FunctionColdStart } from '../coldstart/cold-start.js';
import { totalWrites } from '../measure/minimum.js';
import type { ScenarioResult } from '../scenarios/scenario-result.js';

/** GoalVerdict is one printed goal line. `measured` false: the run had nothing to judge it on. */
export interface GoalVerdict {
  readonly goal: string;
  readonly pass: boolean;
  readonly measured: boolean;
  readonly detail: string;
  /** Call-count goals: these are the ones CI may fail on (timing is too noisy on shared machines). */
  readonly countGoal: boolean;
}

/** GOAL_LIMITS are the thresholds from the issue. */
export const GOAL_LIMITS = Object.freeze({
  baselineFactor: 10,
  burstP99Ms: 50,
  itemBytes: 400 * 1024,
  rssMb: 256,
  importMs: 150,
  zipBytes: 400 * 1024,
});

const WRITE_KINDS = ['jobCreates', 'stepCreates', 'stepEnds', 'jobEnds'] as const;
const sameWrites = (r: ScenarioResult): boolean => WRITE_KINDS.every((kind) => r.ovirt.writes[kind] === r.minimum[kind]);

/** evaluateGoals returns one verdict per goal. */
export function evaluateGoals(results: readonly ScenarioResult[], coldStart: readonly FunctionColdStart[] | undefined): GoalVerdict[] {
  const byRole = (role: ScenarioResult['role']) => results.find((r) => r.role === role);
  const off = results.filter((r) => !sameWrites(r)).map((r) => `${r.id}: ${totalWrites(r.ovirt.writes)} vs ${totalWrites(r.minimum)}`);
  const overPages = results.filter((r) => r.sfn.pages > r.pageBound).map((r) => `${r.id}: ${r.sfn.pages} > ${r.pageBound}`);
  const loops = byRole('calls-vs-baseline');
  const burst = byRole('burst-latency');
  const big = byRole('big-map');
  const factor = loops === undefined ? Number.NaN : loops.baseline.calls / loops.ovirt.total;
  return [
    count('oVirt writes == engine minimum in every scenario', off.length === 0, off.join('; ') || `${results.length} scenarios`),
    count('history pages ≤ ⌈N/1000⌉ + K in every scenario', overPages.length === 0, overPages.join('; ') || `${results.length} scenarios`),
    verdict(`≥ ${GOAL_LIMITS.baselineFactor}× fewer oVirt HTTP calls than ovirt_job (${loops?.id ?? 'n/a'})`, loops !== undefined,
      factor >= GOAL_LIMITS.baselineFactor, baselineDetail(loops, factor), true),
    verdict(`p99 event→oVirt ≤ ${GOAL_LIMITS.burstP99Ms} ms (${burst?.id ?? 'n/a'})`, burst !== undefined,
      (burst?.latencyMs.p99 ?? Infinity) <= GOAL_LIMITS.burstP99Ms,
      `p99 ${fmt(burst?.latencyMs.p99)} ms, p50 ${fmt(burst?.latencyMs.p50)} ms; one execution alone: ${(burst?.soloLatencyMs ?? []).map(fmt).join(' ms, ')} ms`,
      false),
    verdict(`no table item > 400 KB (${big?.id ?? 'n/a'})`, big !== undefined,
      (big?.maxItemBytes ?? Infinity) <= GOAL_LIMITS.itemBytes, `largest ${fmt((big?.maxItemBytes ?? NaN) / 1024)} KB`, true),
    verdict(`peak RSS < ${GOAL_LIMITS.rssMb} MB (${big?.id ?? 'n/a'})`, big !== undefined,
      (big?.peakRssMb ?? Infinity) < GOAL_LIMITS.rssMb, `${fmt(big?.peakRssMb)} MB`, false),
    ...coldStartGoals(coldStart),
  ];
}

function baselineDetail(r: ScenarioResult | undefined, factor: number): string {
  if (r === undefined) return '';
  const ratio = (calls: number): string => `${calls} (${(calls / r.ovirt.total).toFixed(1)}×)`;
  return `${r.baseline.calls} / ${r.ovirt.total} = ${factor.toFixed(1)}× with the same changes; per-transition playbook ` +
    `${ratio(r.baseline.perTransition)}, with a login per run ${ratio(r.baseline.perTransitionWithLogins)}`;
}

function coldStartGoals(coldStart: readonly FunctionColdStart[] | undefined): GoalVerdict[] {
  const measured = coldStart !== undefined && coldStart.length > 0;
  const fns = coldStart ?? [];
  const imports = fns.map((f) => `${f.name} ${fmt(f.importMs)} ms`).join(', ');
  const zips = fns.map((f) => `${f.name} ${fmt(f.zipBytes / 1024)} KB`).join(', ');
  return [
    verdict(`handler import ≤ ${GOAL_LIMITS.importMs} ms per function`, measured, fns.every((f) => f.importMs <= GOAL_LIMITS.importMs), imports, false),
    verdict('zip ≤ 400 KB per function', measured, fns.every((f) => f.zipBytes <= GOAL_LIMITS.zipBytes), zips, true),
  ];
}

const fmt = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '?' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

function count(goal: string, pass: boolean, detail: string): GoalVerdict {
  return { goal, pass, measured: true, detail, countGoal: true };
}

function verdict(goal: string, measured: boolean, pass: boolean, detail: string, countGoal: boolean): GoalVerdict {
  return { goal, pass: measured && pass, measured, detail: measured ? detail : 'not measured in this run', countGoal };
}
