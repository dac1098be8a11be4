/**
 * `ovirt-pipeline-jobs status <execution ARN or name>`: one execution as Step Functions, the
 * tracking table and the oVirt engine each have it, with every difference marked. Reads only.
 */
import { ExitCode, UsageError } from '../command.js';
import type { CliCommand, CommandContext } from '../command.js';
import { parseCommandArguments } from '../../operate/arguments.js';
import { inspectExecution } from '../../operate/inspect-execution.js';
import { renderStatus } from '../../operate/render-status.js';
import { resolveExecution } from '../../operate/resolve-execution.js';
import { openSyncRuntime } from '../../operate/sync-runtime.js';

const USAGE = `Usage: ovirt-pipeline-jobs status <execution ARN or name> [--json]

Shows one execution side by side: what Step Functions says (status, redrive count, history
length), what the tracking table holds (meta row: cursor, lease, sweep state, failed syncs;
each object row: state PENDING/CREATED/ENDED/GONE, claim, oVirt id, last error), and the oVirt
jobs and steps those rows name, and marks every difference: a row whose object oVirt lacks, a
row stuck PENDING, a job still started after the execution ended, a step Step Functions calls
for that no row records, an oVirt step no row records, a failing sync. Changes nothing.

A name is looked up under every state machine in STATE_MACHINE_ARNS.

Exit codes: 0 no difference, 1 differences found, 2 usage or configuration error,
3 Step Functions, the table or the engine could not be read.`;

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Show one execution in Step Functions, the tracking table and oVirt, with every difference marked',
  usage: USAGE,
  async run(ctx: CommandContext): Promise<ExitCode> {
    const { positionals } = parseCommandArguments(ctx.argv, {});
    if (positionals.length !== 1) throw new UsageError('status takes exactly one execution ARN or name.');
    const given = positionals[0] ?? '';
    // What stops it (configuration, an endpoint down) goes to main.ts, which maps it to an exit code.
    const { deps, config } = await openSyncRuntime(ctx);
    const resolved = await resolveExecution(given, config.stateMachineArns, deps.history, ctx.signal);
    const report = await inspectExecution(resolved.executionArn, deps, resolved.description, ctx.signal);
    if (ctx.out.jsonMode) ctx.out.json(report);
    else for (const line of renderStatus(report)) ctx.out.line(line);
    return report.differences.length === 0 ? ExitCode.OK : ExitCode.PROBLEM;
  },
};
