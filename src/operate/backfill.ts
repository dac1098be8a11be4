/**
 * backfill mirrors the executions of one state machine that the product missed (it was down,
 * events were lost, or the state machine joined the allow-list later). It lists them with
 * ListExecutions, skips what the table already has settled (so a second run costs one table
 * read per execution and no history read), and syncs the rest one at a time with the
 * reconciler itself, beyond the tracking retention if need be (ReconcileDeps.mirrorBeyondRetention).
 * GetExecutionHistory is paced by the Step Functions client (see sync-runtime.ts).
 */
import { listExecutions } from '../adapters/sfn/index.js';
import type { ListedExecution } from '../adapters/sfn/index.js';
import { UsageError } from '../cli/command.js';
import type { Progress } from '../cli/command.js';
import { TERMINAL_STATUSES } from '../model/execution.js';
import type { ExecutionStatus } from '../model/execution.js';
import type { ExecutionMeta } from '../ports.js';
import { reconcileExecution } from '../reconcile/reconcile-execution.js';
import type { SyncRuntime } from './sync-runtime.js';

/** BackfillRequest: which executions to look at. */
export interface BackfillRequest {
  readonly stateMachineArn: string;
  /** Only executions started at or after this epoch ms. */
  readonly since?: number | undefined;
  readonly status?: ExecutionStatus | undefined;
}

/** BackfillReport: what one run did, execution by execution where something is to be said. */
export interface BackfillReport {
  readonly listed: number;
  readonly mirrored: number;
  readonly pending: readonly { readonly executionArn: string; readonly reason: string }[];
  readonly failed: readonly { readonly executionArn: string; readonly error: { readonly name: string; readonly message: string } }[];
  /** Already settled in the table (ended, mirrored and closed), and running ones the sweep already keeps live. */
  readonly skipped: { readonly settled: number; readonly keptBySweep: number };
  /** True when Ctrl-C stopped the run before every listed execution was looked at. */
  readonly interrupted: boolean;
  /** GetExecutionHistory requests sent (paced). */
  readonly historyRequests: number;
}

/** listMissed lists the executions the request covers, newest first (stops paging at the first one older than `since`). */
export async function listMissed(sync: SyncRuntime, request: BackfillRequest, signal?: AbortSignal): Promise<ListedExecution[]> {
  const listed: ListedExecution[] = [];
  try {
    for await (const page of listExecutions(sync.sfn, request.stateMachineArn, { statusFilter: request.status, signal })) {
      const recent = page.filter((item) => request.since === undefined || item.startDate >= request.since);
      listed.push(...recent);
      if (recent.length < page.length) break;
    }
  } catch (error) {
    if ((error as { awsName?: unknown }).awsName === 'StateMachineTypeNotSupported') {
      throw new UsageError(
        `${request.stateMachineArn} is an Express state machine: Step Functions neither lists its executions nor keeps their history, ` +
          'so there is nothing to backfill from. Express executions are mirrored from their log records only (logging level ALL, subscribed to onExecutionLogs).',
      );
    }
    throw error;
  }
  return listed;
}

/**
 * backfill syncs each listed execution in turn. `signal` (Ctrl-C) is checked between
 * executions only: the one in hand is finished, so nothing is left half-claimed.
 */
export async function backfill(sync: SyncRuntime, listed: readonly ListedExecution[], progress: Progress, signal: AbortSignal): Promise<BackfillReport> {
  const report = { mirrored: 0, pending: [] as BackfillReport['pending'][number][], failed: [] as BackfillReport['failed'][number][], settled: 0, keptBySweep: 0 };
  const requestsBefore = sync.pacer?.requests ?? 0;
  let done = 0;
  for (const item of listed) {
    if (signal.aborted) break;
    const skip = skipOf(item, await sync.deps.store.getMeta(item.executionArn));
    if (skip !== undefined) {
      if (skip === 'settled') report.settled += 1;
      else report.keptBySweep += 1;
      progress.tick(1);
    } else {
      progress.tick(1, `${item.name}: ${await syncOne(item, sync, report)}`);
    }
    done += 1;
  }
  return {
    listed: listed.length,
    mirrored: report.mirrored,
    pending: report.pending,
    failed: report.failed,
    skipped: { settled: report.settled, keptBySweep: report.keptBySweep },
    interrupted: done < listed.length,
    historyRequests: (sync.pacer?.requests ?? 0) - requestsBefore,
  };
}

async function syncOne(
  item: ListedExecution,
  sync: SyncRuntime,
  report: { mirrored: number; pending: BackfillReport['pending'][number][]; failed: BackfillReport['failed'][number][] },
): Promise<string> {
  const executionArn = item.executionArn;
  try {
    // No signal: Ctrl-C lets the execution in hand finish (see above).
    const outcome = await reconcileExecution(executionArn, sync.deps);
    if (outcome.kind === 'converged') {
      report.mirrored += 1;
      return 'mirrored';
    }
    report.pending.push({ executionArn, reason: outcome.reason });
    return `pending: ${outcome.reason}`;
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    report.failed.push({ executionArn, error: { name, message } });
    return `failed: ${name}: ${message}`;
  }
}

/**
 * skipOf says why an execution needs nothing from backfill: 'settled' when the table saw it end
 * as Step Functions lists it now (same status, same redrive count), mirrored it and closed it;
 * 'sweep' when it is running and already mirrored, so the sweep keeps it live.
 */
function skipOf(item: ListedExecution, meta: ExecutionMeta | undefined): 'settled' | 'sweep' | undefined {
  if (meta === undefined || meta.cursor === 0 || meta.failure !== undefined || meta.historyToken !== undefined) return undefined;
  const same = meta.status === item.status && meta.redriveCount === item.redriveCount;
  if (same && !meta.open && TERMINAL_STATUSES.has(item.status)) return 'settled';
  if (same && meta.open && item.status === 'RUNNING') return 'sweep';
  return undefined;
}
