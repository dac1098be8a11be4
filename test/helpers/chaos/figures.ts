/**
 * ChaosFigures are the counts a chaos run prints: what was thrown at the reconciler (events,
 * duplicates, losses, crashes, faults by kind) and what came out (violations by invariant, the
 * most oVirt calls one execution needed). Plain JSON so workers can send them to the runner.
 */

/** VIOLATION_KINDS names every invariant a schedule checks; all must stay at zero. */
export const VIOLATION_KINDS = [
  'duplicateJobs',
  'missingJobs',
  'duplicateSteps',
  'missingSteps',
  'wrongStatus',
  'caughtFailureFailedJob',
  'leftOpen',
  'pendingRows',
  'oversizeItems',
  'callsAfterConvergence',
  'notConverged',
  'unexpectedErrors',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Violation is one broken invariant, with enough words to start debugging. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly executionArn: string;
  readonly detail: string;
}

/** ChaosFigures aggregates over schedules. */
export interface ChaosFigures {
  schedules: number;
  executions: number;
  unobservable: number;
  invocations: number;
  sweeps: number;
  crashes: number;
  deadlinesReached: number;
  lambdaRetries: number;
  deadLettered: number;
  /** Executions of non-admin schedules left unfinished but reported loudly (allowed; see run-schedule.ts). */
  loudFailures: number;
  statusEvents: number;
  duplicateDeliveries: number;
  lostEvents: number;
  /** With `log-batches`: log deliveries made, lost, extra copies, onExecutionLogs invocations. */
  logDeliveries: number;
  logDeliveriesLost: number;
  logDeliveriesDuplicated: number;
  logInvocations: number;
  /** GetExecutionHistory calls the pushed records made unnecessary, and the ones the push path spent on gaps (its reports). */
  historyReadsSaved: number;
  historyReadsSpent: number;
  faultsArmed: Record<string, number>;
  faultsFired: Record<string, number>;
  violations: Record<ViolationKind, number>;
  maxOvirtCallsPerExecution: number;
  durationMs: number;
}

/** emptyFigures returns all-zero figures. */
export function emptyFigures(): ChaosFigures {
  return {
    schedules: 0,
    executions: 0,
    unobservable: 0,
    invocations: 0,
    sweeps: 0,
    crashes: 0,
    deadlinesReached: 0,
    lambdaRetries: 0,
    deadLettered: 0,
    loudFailures: 0,
    statusEvents: 0,
    duplicateDeliveries: 0,
    lostEvents: 0,
    logDeliveries: 0,
    logDeliveriesLost: 0,
    logDeliveriesDuplicated: 0,
    logInvocations: 0,
    historyReadsSaved: 0,
    historyReadsSpent: 0,
    faultsArmed: {},
    faultsFired: {},
    violations: Object.fromEntries(VIOLATION_KINDS.map((kind) => [kind, 0])) as Record<ViolationKind, number>,
    maxOvirtCallsPerExecution: 0,
    durationMs: 0,
  };
}

/** bump adds `by` to a keyed counter. */
export function bump(counts: Record<string, number>, key: string, by = 1): void {
  if (by !== 0) counts[key] = (counts[key] ?? 0) + by;
}

/** mergeFigures adds `from` into `into` (maxima are maxed, durations taken as the longest worker). */
export function mergeFigures(into: ChaosFigures, from: ChaosFigures): void {
  for (const key of ['schedules', 'executions', 'unobservable', 'invocations', 'sweeps', 'crashes', 'deadlinesReached', 'lambdaRetries', 'deadLettered', 'loudFailures', 'statusEvents', 'duplicateDeliveries', 'lostEvents', 'logDeliveries', 'logDeliveriesLost', 'logDeliveriesDuplicated', 'logInvocations', 'historyReadsSaved', 'historyReadsSpent'] as const) {
    into[key] += from[key];
  }
  for (const [key, value] of Object.entries(from.faultsArmed)) bump(into.faultsArmed, key, value);
  for (const [key, value] of Object.entries(from.faultsFired)) bump(into.faultsFired, key, value);
  for (const kind of VIOLATION_KINDS) into.violations[kind] += from.violations[kind];
  into.maxOvirtCallsPerExecution = Math.max(into.maxOvirtCallsPerExecution, from.maxOvirtCallsPerExecution);
  into.durationMs = Math.max(into.durationMs, from.durationMs);
}

/** totalViolations sums every violation counter. */
export function totalViolations(figures: ChaosFigures): number {
  return VIOLATION_KINDS.reduce((sum, kind) => sum + figures.violations[kind], 0);
}

/** brokenCounters lists every non-zero violation counter ('pendingRows=2'), plus the extra ones given. */
export function brokenCounters(figures: ChaosFigures, extra: Record<string, number> = {}): string[] {
  const counters = { ...figures.violations, ...extra };
  return Object.entries(counters).filter(([, n]) => n > 0).map(([kind, n]) => `${kind}=${n}`);
}

/** formatVerdict is the run's last word: FAILED naming each broken counter, or passed. */
export function formatVerdict(figures: ChaosFigures, extra: Record<string, number> = {}): string {
  const broken = brokenCounters(figures, extra);
  return broken.length === 0 ? 'verdict:                       passed (every invariant held)' : `verdict:                       FAILED (${broken.join(', ')})`;
}

/** formatFigures renders the figures as the report the runner prints. */
export function formatFigures(figures: ChaosFigures): string {
  const v = figures.violations;
  const keyed = (counts: Record<string, number>): string =>
    Object.keys(counts).length === 0 ? 'none' : Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}=${n}`).join(', ');
  return [
    `schedules run:                 ${figures.schedules} (${figures.executions} executions, ${figures.unobservable} unobservable by design)`,
    `invocations:                   ${figures.invocations} deliveries (${figures.logInvocations} of them log deliveries), ${figures.sweeps} sweeps, ${figures.crashes} crashed, ${figures.deadlinesReached} stopped at their soft deadline, ${figures.lambdaRetries} Lambda retries, ${figures.deadLettered} dead-lettered and replayed`,
    `reported loudly (non-admin):   ${figures.loudFailures} execution(s) left unfinished with a failure the operator sees (allowed)`,
    `status events:                 ${figures.statusEvents} emitted, ${figures.duplicateDeliveries} duplicate deliveries, ${figures.lostEvents} lost`,
    `push path (log-batches):       ${figures.logDeliveries} log deliveries (${figures.logDeliveriesLost} lost, ${figures.logDeliveriesDuplicated} duplicate copies); history reads saved ${figures.historyReadsSaved}, spent ${figures.historyReadsSpent}`,
    `faults armed by kind:          ${keyed(figures.faultsArmed)}`,
    `faults fired by kind:          ${keyed(figures.faultsFired)}`,
    `duplicates (jobs/steps):       ${v.duplicateJobs}/${v.duplicateSteps}`,
    `lost (jobs/steps):             ${v.missingJobs}/${v.missingSteps}`,
    `left open:                     ${v.leftOpen} (not converged: ${v.notConverged}, PENDING rows: ${v.pendingRows})`,
    `wrong status or description:   ${v.wrongStatus} (caught failure failed a job: ${v.caughtFailureFailedJob})`,
    `oVirt writes after converged:  ${v.callsAfterConvergence}`,
    `items over 400 KB:             ${v.oversizeItems}`,
    `errors outside the product's error family: ${v.unexpectedErrors}`,
    `max oVirt calls per execution: ${figures.maxOvirtCallsPerExecution}`,
    `time:                          ${(figures.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
