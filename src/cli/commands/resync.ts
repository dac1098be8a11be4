/**
 * `ovirt-pipeline-jobs resync <execution ARN>… [--dry-run]`: runs the reconcile the functions
 * run (reconcileExecution, with the same dependencies) for the given executions, now, one after
 * the other. With --dry-run it prints what the next sync would change and changes nothing.
 */
import { ExitCode, UsageError } from '../command.js';
import type { CliCommand, CommandContext, Output } from '../command.js';
import { isExecutionArn } from '../../events/status-change.js';
import { stateMachineOf } from '../../model/execution-arn.js';
import type { Action } from '../../model/action.js';
import { parseExecutionArn } from '../../model/execution-arn.js';
import { parseCommandArguments } from '../../operate/arguments.js';
import { describeAction } from '../../operate/describe-action.js';
import { planNow } from '../../operate/plan-now.js';
import { openSyncRuntime } from '../../operate/sync-runtime.js';
import type { SyncRuntime } from '../../operate/sync-runtime.js';
import { reconcileExecution } from '../../reconcile/reconcile-execution.js';

const USAGE = `Usage: ovirt-pipeline-jobs resync <execution ARN>... [--dry-run] [--json]

Runs the same sync the functions run, now, for each execution in turn, and shows how each
ended: converged, pending (with the reason: e.g. an object another sync has claimed, or the
execution still running) or failed (with the error). Safe to repeat: a sync never creates an
object twice. A PENDING row whose claim lapsed is resolved (found again in oVirt, or created).

  --dry-run   print the oVirt changes the next sync would make, and change nothing
              (also when RECONCILER_DRY_RUN=true)

Exit codes: 0 every sync converged or is pending, 1 a sync failed (or Ctrl-C stopped the run),
2 usage or configuration error, 3 the configuration's endpoints could not be reached.`;

/** ResyncResult is one execution's line of the report (and of the --json document). */
export type ResyncResult =
  | { readonly executionArn: string; readonly outcome: 'converged'; readonly actions: number }
  | { readonly executionArn: string; readonly outcome: 'pending'; readonly actions: number; readonly reason: string }
  | { readonly executionArn: string; readonly outcome: 'failed'; readonly error: { readonly name: string; readonly message: string } }
  | { readonly executionArn: string; readonly outcome: 'planned'; readonly plan: readonly Action[] }
  | { readonly executionArn: string; readonly outcome: 'skipped'; readonly reason: string };

export const resyncCommand: CliCommand = {
  name: 'resync',
  summary: 'Sync executions now, as the functions would (--dry-run: show the plan only)',
  usage: USAGE,
  async run(ctx: CommandContext): Promise<ExitCode> {
    const { values, positionals } = parseCommandArguments(ctx.argv, { 'dry-run': { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('resync needs at least one execution ARN.');
    const express = positionals.filter((arn) => parseExecutionArn(arn)?.express === true);
    if (express.length > 0) {
      throw new UsageError(
        `Express execution(s): ${express.join(', ')}. Step Functions keeps no history of an Express execution, so there is nothing to sync it from: ` +
          'its log records mirror it as they arrive, and the sweep ends a run whose outcome never arrives.',
      );
    }
    const bad = positionals.filter((arn) => !isExecutionArn(arn));
    if (bad.length > 0) throw new UsageError(`Not an execution ARN: ${bad.join(', ')} (arn:aws:states:<region>:<account>:execution:<state machine>:<name>).`);
    // Failures to start (configuration, an endpoint down) go to main.ts, which maps them to exit codes.
    const sync = await openSyncRuntime(ctx);
    const refused = positionals.filter((arn) => !sync.runtime.accepts(stateMachineOf(arn)));
    if (refused.length > 0) {
      throw new UsageError(`Not in the allow-list (STATE_MACHINE_ARNS), so the product does not mirror them: ${refused.join(', ')}.`);
    }
    const dryRun = values['dry-run'] === true || sync.config.dryRun;
    const results: ResyncResult[] = [];
    for (const arn of new Set(positionals)) {
      if (ctx.signal.aborted) break;
      const result = dryRun ? await planOne(arn, sync, ctx.signal) : await syncOne(arn, sync, ctx.signal);
      results.push(result);
      printResult(result, ctx.out);
    }
    const interrupted = results.length < new Set(positionals).size;
    if (interrupted) ctx.out.warn(`Interrupted: ${results.length} of ${new Set(positionals).size} execution(s) done. Run resync again for the rest.`);
    ctx.out.json({ dryRun, interrupted, results });
    return interrupted || results.some((result) => result.outcome === 'failed') ? ExitCode.PROBLEM : ExitCode.OK;
  },
};

async function syncOne(executionArn: string, sync: SyncRuntime, signal: AbortSignal): Promise<ResyncResult> {
  try {
    const outcome = await reconcileExecution(executionArn, sync.deps, signal);
    return outcome.kind === 'converged'
      ? { executionArn, outcome: 'converged', actions: outcome.actions }
      : { executionArn, outcome: 'pending', actions: outcome.actions, reason: outcome.reason };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { executionArn, outcome: 'failed', error: { name, message } };
  }
}

async function planOne(executionArn: string, sync: SyncRuntime, signal: AbortSignal): Promise<ResyncResult> {
  try {
    const meta = await sync.deps.store.getMeta(executionArn, signal);
    const planned = await planNow(executionArn, meta, sync.deps, 'cursor', signal);
    if (planned.kind === 'skipped') return { executionArn, outcome: 'skipped', reason: planned.reason };
    return { executionArn, outcome: 'planned', plan: planned.round.actions };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { executionArn, outcome: 'failed', error: { name, message } };
  }
}

function printResult(result: ResyncResult, out: Output): void {
  switch (result.outcome) {
    case 'converged':
      out.line(`✓ ${result.executionArn}: converged (${result.actions} oVirt change(s))`);
      return;
    case 'pending':
      out.line(`… ${result.executionArn}: pending (${result.actions} oVirt change(s)): ${result.reason}`);
      return;
    case 'failed':
      out.line(`✗ ${result.executionArn}: failed: ${result.error.name}: ${result.error.message}`);
      return;
    case 'skipped':
      out.line(`✓ ${result.executionArn}: nothing to do (${result.reason})`);
      return;
    case 'planned':
      out.line(`${result.executionArn}: the next sync would make ${result.plan.length} oVirt change(s)${result.plan.length === 0 ? '' : ':'}`);
      for (const action of result.plan) out.line(`  ${describeAction(action)}`);
  }
}
