/**
 * `ovirt-pipeline-jobs backfill --state-machine <ARN> [--since <date>] [--status <status>] [--rate <n>]`:
 * mirrors the executions of one allow-listed state machine that the product missed, paced to
 * a share of the account's GetExecutionHistory quota, resumable, stoppable with Ctrl-C.
 */
import { ExitCode, UsageError } from '../command.js';
import type { CliCommand, CommandContext, Output } from '../command.js';
import type { ExecutionStatus } from '../../model/execution.js';
import { parseCommandArguments } from '../../operate/arguments.js';
import { backfill, listMissed } from '../../operate/backfill.js';
import type { BackfillReport, BackfillRequest } from '../../operate/backfill.js';
import { openSyncRuntime } from '../../operate/sync-runtime.js';

/** Step Functions keeps an execution's history this long after it ends; older ones cannot be read. */
export const HISTORY_RETENTION_DAYS = 90;
/** GetExecutionHistory refills at 20 requests per second per account and Region, shared with the functions. */
export const HISTORY_QUOTA_PER_SECOND = 20;
/** The default share of that quota: a quarter, leaving the rest to the functions and other tools. */
const DEFAULT_RATE = HISTORY_QUOTA_PER_SECOND / 4;
const DAY_MS = 86_400_000;
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

const USAGE = `Usage: ovirt-pipeline-jobs backfill --state-machine <ARN> [--since <date>] [--status <status>] [--rate <n>] [--json]

Mirrors the executions of an allow-listed state machine that the product missed (it was down,
events were lost, or the state machine joined STATE_MACHINE_ARNS later). Each execution is
synced exactly as the functions would, including ones that ended longer ago than
TRACKING_RETENTION_DAYS (their rows then expire that long after the backfill).

  --state-machine <ARN>   the state machine (must be in STATE_MACHINE_ARNS)
  --since <date>          only executions started at or after this date: ISO 8601
                          (2025-03-01, 2025-03-01T12:00:00Z) or a number of days back (14d);
                          at most ${HISTORY_RETENTION_DAYS} days back (Step Functions keeps no older history)
  --status <status>       only executions in this status: ${STATUSES.join(', ')}
  --rate <n>              GetExecutionHistory requests per second at most, or a share of the
                          account quota of ${HISTORY_QUOTA_PER_SECOND}/s, e.g. 25% (default ${DEFAULT_RATE}/s = 25 %)

Resumable: a second run skips what is already mirrored and settled (and running executions
the sweep already keeps live) and says how many. Ctrl-C stops after the execution in hand.

Exit codes: 0 all mirrored or pending, 1 an execution failed or the run was interrupted,
2 usage or configuration error, 3 Step Functions or the table could not be reached.`;

export const backfillCommand: CliCommand = {
  name: 'backfill',
  summary: "Mirror a state machine's executions the product missed (paced, resumable)",
  usage: USAGE,
  async run(ctx: CommandContext): Promise<ExitCode> {
    const { values, positionals } = parseCommandArguments(ctx.argv, {
      'state-machine': { type: 'string' },
      since: { type: 'string' },
      status: { type: 'string' },
      rate: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`backfill takes no arguments besides its options (got ${positionals.join(' ')}).`);
    const stateMachineArn = values['state-machine'];
    if (stateMachineArn === undefined) throw new UsageError('backfill needs --state-machine <ARN>.');
    const request: BackfillRequest = { stateMachineArn, since: parseSince(values.since, ctx.now()), status: parseStatus(values.status) };
    const rate = parseRate(values.rate);
    // What stops it (configuration, an endpoint down) goes to main.ts, which maps it to an exit code.
    const sync = await openSyncRuntime(ctx, { historyPerSecond: rate, mirrorBeyondRetention: true });
    if (sync.config.stateMachineArns.length === 0 || !sync.runtime.accepts(stateMachineArn)) {
      throw new UsageError(
        `${stateMachineArn} is not in STATE_MACHINE_ARNS. Add it to the allow-list (stage parameter stateMachineArns) and deploy first: ` +
          'the functions ignore events of state machines outside it, so backfilled executions would not be kept up to date.',
      );
    }
    const listed = await listMissed(sync, request, ctx.signal);
    ctx.out.line(`${listed.length} execution(s) of ${stateMachineArn}${describeRequest(request)}; GetExecutionHistory paced to ${rate}/s.`);
    const progress = ctx.out.progress('Backfill', listed.length);
    const report = await backfill(sync, listed, progress, ctx.signal);
    progress.done(summaryOf(report, rate));
    printDetails(report, ctx.out, ctx.argv);
    ctx.out.json({ stateMachineArn, since: request.since === undefined ? null : new Date(request.since).toISOString(), status: request.status ?? null, ratePerSecond: rate, ...report });
    return report.interrupted || report.failed.length > 0 ? ExitCode.PROBLEM : ExitCode.OK;
  },
};

function summaryOf(report: BackfillReport, rate: number): string {
  const skipped = report.skipped.settled + report.skipped.keptBySweep;
  return (
    `Mirrored ${report.mirrored}, pending ${report.pending.length}, failed ${report.failed.length}, ` +
    `skipped ${skipped} (already mirrored and settled: ${report.skipped.settled}; running, kept live by the sweep: ${report.skipped.keptBySweep}); ` +
    `${report.historyRequests} GetExecutionHistory request(s) at ≤ ${rate}/s.`
  );
}

function printDetails(report: BackfillReport, out: Output, argv: readonly string[]): void {
  for (const item of report.failed) out.warn(`✗ ${item.executionArn}: ${item.error.name}: ${item.error.message}`);
  for (const item of report.pending) out.line(`… ${item.executionArn}: pending: ${item.reason}`);
  if (report.pending.length > 0) out.line('Pending executions are finished by the sweep (or run backfill again).');
  if (report.failed.length > 0) out.line('Fix the cause of the failures and run the same backfill again: what is done is skipped.');
  if (report.interrupted) {
    const done = report.mirrored + report.pending.length + report.failed.length + report.skipped.settled + report.skipped.keptBySweep;
    out.warn(
      `Interrupted after ${done} of ${report.listed} execution(s). To go on, run the same command again ` +
        `(executions already mirrored are skipped): ovirt-pipeline-jobs backfill ${argv.join(' ')}`,
    );
  }
}

function describeRequest(request: BackfillRequest): string {
  const parts = [request.since === undefined ? '' : ` started since ${new Date(request.since).toISOString()}`, request.status === undefined ? '' : ` in status ${request.status}`];
  return parts.join('');
}

/** parseSince reads --since (ISO date or `<n>d`) and refuses a date Step Functions has no history for. */
export function parseSince(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const days = /^(\d{1,4})d$/.exec(value);
  const at = days === null ? Date.parse(value) : now - Number(days[1]) * DAY_MS;
  if (Number.isNaN(at)) throw new UsageError(`--since "${value}" is not a date: give an ISO 8601 date (2025-03-01) or a number of days back (14d).`);
  const oldest = now - HISTORY_RETENTION_DAYS * DAY_MS;
  if (at < oldest) {
    throw new UsageError(
      `--since ${new Date(at).toISOString()} is more than ${HISTORY_RETENTION_DAYS} days ago: Step Functions keeps an execution's history ` +
        `${HISTORY_RETENTION_DAYS} days after it ends, so nothing older can be mirrored. Give ${new Date(oldest).toISOString().slice(0, 10)} or later.`,
    );
  }
  return at;
}

function parseStatus(value: string | undefined): ExecutionStatus | undefined {
  if (value === undefined) return undefined;
  const status = value.toUpperCase();
  if (!STATUSES.includes(status)) throw new UsageError(`--status "${value}" is not one of ${STATUSES.join(', ')}.`);
  return status;
}

/** parseRate reads --rate: requests per second, or a percentage of the account quota. */
export function parseRate(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RATE;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  const rate = percent === null ? Number(value) : (Number(percent[1]) * HISTORY_QUOTA_PER_SECOND) / 100;
  if (!Number.isFinite(rate) || rate <= 0 || rate > HISTORY_QUOTA_PER_SECOND) {
    throw new UsageError(
      `--rate "${value}" must be more than 0 and at most ${HISTORY_QUOTA_PER_SECOND} requests per second (or 100%), the account's GetExecutionHistory quota.`,
    );
  }
  return rate;
}
