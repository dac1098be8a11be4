/**
 * `ovirt-pipeline-jobs replay-dlq [--max N] [--dry-run]`: runs the events in the dead-letter
 * queue through the handlers they were meant for, in this process, and deletes each message
 * only after its replay succeeded (src/operate/replay-dead-letters.ts says how).
 */
import { parseArgs } from 'node:util';
import { isConfigError } from '../../errors.js';
import type { ReplayTarget } from '../../operate/dead-letter.js';
import { sqsDeadLetterQueue } from '../../operate/dead-letter-queue.js';
import type { DeadLetterQueue } from '../../operate/dead-letter-queue.js';
import { deadLetterSettings } from '../../operate/dead-letter-settings.js';
import { syntheticLambdaContext } from '../../operate/lambda-context.js';
import { loadConfig } from '../../config/index.js';
import { createOperatorRuntime } from '../../operate/operator-runtime.js';
import { replayDeadLetters } from '../../operate/replay-dead-letters.js';
import type { ReplayItem, ReplayReport } from '../../operate/replay-dead-letters.js';
import { replayHandlers } from '../../operate/replay-handlers.js';
import type { ReplayHandlers } from '../../operate/replay-handlers.js';
import type { CliCommand, CommandContext } from '../command.js';
import { ExitCode, UsageError } from '../command.js';

/** The functions' timeouts in serverless.yml: a replay gets as long as Lambda would give it. */
const TIMEOUT_MS: Readonly<Record<ReplayTarget, number>> = { onExecutionEvent: 60_000, onExecutionLogs: 60_000 };

const USAGE = `Usage: ovirt-pipeline-jobs replay-dlq [--max N] [--dry-run]

Runs the events in the dead-letter queue again through the function each was meant for
(onExecutionEvent, onExecutionLogs), in this process, with the functions' configuration
(OVIRT_*, TRACKING_TABLE_NAME, STATE_MACHINE_ARNS, …). A message is deleted only after its
event was accepted (converged, or pending: the sweep carries on). Messages whose event fails
again, and malformed ones, stay in the queue and are reported with the error.

Options:
  --max N      look at N messages at most (default: all)
  --dry-run    only say what each message holds and would be replayed through; run and
               delete nothing (the messages' receive counts still go up)

The queue: DEAD_LETTER_QUEUE_URL (the stack output DeadLetterQueueUrl; --stage reads it),
AWS_ENDPOINT_URL_SQS for a local stand-in.

Exit status: 0 every message replayed and deleted (or nothing to do); 1 a message failed
again, was malformed or could not be deleted; 2 wrong usage or configuration; 3 the queue
could not be read.`;

/** replayDlqCommand is the `replay-dlq` subcommand. */
export const replayDlqCommand: CliCommand = {
  name: 'replay-dlq',
  summary: 'Replay the events in the dead-letter queue; delete each only once it succeeded',
  usage: USAGE,
  async run(ctx) {
    const { max, dryRun } = parseOptions(ctx.argv);
    let settings;
    let handlers: ReplayHandlers = {};
    try {
      settings = deadLetterSettings(ctx.env);
      // A dry run runs no handler, so it needs none of the functions' settings.
      if (!dryRun) handlers = replayHandlers(createOperatorRuntime(loadConfig(ctx.env), { now: ctx.now }));
    } catch (error) {
      if (!isConfigError(error)) throw error;
      ctx.out.warn(error.message);
      return ExitCode.USAGE;
    }
    const queue = sqsDeadLetterQueue(settings);
    try {
      return await replay(ctx, queue, handlers, max, dryRun);
    } finally {
      queue.close();
    }
  },
};

async function replay(
  ctx: CommandContext,
  queue: DeadLetterQueue,
  handlers: ReplayHandlers,
  max: number,
  dryRun: boolean,
): Promise<ExitCode> {
  let waiting: number;
  try {
    waiting = await queue.waiting(ctx.signal);
  } catch (error) {
    const queueError = { name: (error as Error).name, message: (error as Error).message };
    ctx.out.warn(`Could not read the dead-letter queue ${queue.url}: ${queueError.name}: ${queueError.message}. Check the URL, the region and your AWS credentials.`);
    const report: ReplayReport = { queueUrl: queue.url, dryRun, items: [], interrupted: false, queueError };
    ctx.out.json({ ...report, counts: counts(report) });
    return ExitCode.UNAVAILABLE;
  }
  ctx.out.line(`Dead-letter queue ${queue.url}: about ${waiting} message(s) waiting${dryRun ? ' (dry run: nothing is replayed or deleted)' : ''}.`);
  const progress = ctx.out.progress(dryRun ? 'Reading dead letters' : 'Replaying dead letters', Math.min(waiting, max));
  const report = await replayDeadLetters({
    queue,
    handlers,
    max,
    dryRun,
    signal: ctx.signal,
    lambdaContext: (target) => syntheticLambdaContext(`ovirt-pipeline-jobs-${target}`, TIMEOUT_MS[target]),
    onItem: (item) => {
      progress.tick(1, `${item.messageId} ${item.result}`);
      ctx.out.line(describe(item));
    },
  });
  progress.done(summary(report));
  if (report.queueError !== undefined) {
    ctx.out.warn(`Stopped: the dead-letter queue could not be read (${report.queueError.name}: ${report.queueError.message}).`);
  }
  ctx.out.json({ ...report, counts: counts(report) });
  if (report.queueError !== undefined) return ExitCode.UNAVAILABLE;
  return report.items.some((item) => ['failed', 'malformed', 'not-deleted'].includes(item.result)) ? ExitCode.PROBLEM : ExitCode.OK;
}

function parseOptions(argv: readonly string[]): { max: number; dryRun: boolean } {
  let values: { max?: string | undefined; 'dry-run'?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { max: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const max = values.max === undefined ? Number.POSITIVE_INFINITY : Number(values.max);
  if (!(Number.isInteger(max) && max >= 1) && max !== Number.POSITIVE_INFINITY) {
    throw new UsageError(`--max must be a whole number of messages, at least 1 (got "${values.max ?? ''}").`);
  }
  return { max, dryRun: values['dry-run'] === true };
}

function describe(item: ReplayItem): string {
  const what = [item.target, item.executionArn].filter((part) => part !== undefined).join(' ');
  const first = item.firstFailure?.errorType === undefined ? '' : ` (first failure: ${[item.firstFailure.condition, `${item.firstFailure.errorType}: ${item.firstFailure.errorMessage ?? ''}`].filter(Boolean).join(', ')})`;
  switch (item.result) {
    case 'replayed':
      return `✓ ${item.messageId} replayed through ${what}: ${item.outcome ?? 'done'}; deleted`;
    case 'would-replay':
      return `• ${item.messageId} would be replayed through ${what} (${item.origin ?? ''})${first}`;
    case 'failed':
      return `✗ ${item.messageId} failed again in ${what}: ${item.errorName ?? 'Error'}: ${item.errorMessage ?? ''} (kept)${first}`;
    case 'malformed':
      return `✗ ${item.messageId} malformed: ${item.reason ?? ''} (kept)`;
    case 'not-deleted':
      return `! ${item.messageId} replayed through ${what} (${item.outcome ?? 'done'}) but not deleted: ${item.errorName ?? 'Error'}: ${item.errorMessage ?? ''}; the next run replays it again, which is harmless`;
  }
}

function counts(report: ReplayReport): Record<string, number> {
  const tally: Record<string, number> = { replayed: 0, failed: 0, malformed: 0, wouldReplay: 0, notDeleted: 0 };
  const key = { replayed: 'replayed', failed: 'failed', malformed: 'malformed', 'would-replay': 'wouldReplay', 'not-deleted': 'notDeleted' } as const;
  for (const item of report.items) tally[key[item.result]]! += 1;
  return tally;
}

function summary(report: ReplayReport): string {
  const c = counts(report);
  const kept = c.failed! + c.malformed!;
  const parts = report.dryRun
    ? [`${c.wouldReplay} would be replayed`, `${c.malformed} malformed`]
    : [`${c.replayed} replayed and deleted`, `${c.failed} failed again`, `${c.malformed} malformed`, ...(c.notDeleted! > 0 ? [`${c.notDeleted} replayed but not deleted`] : [])];
  const tail = report.interrupted ? ' Interrupted: the rest stays in the queue.' : '';
  const advice = !report.dryRun && kept > 0 ? ` ${kept} kept in the queue: fix the cause, then run replay-dlq again.` : '';
  return `${report.items.length} message(s): ${parts.join(', ')}.${advice}${tail}`;
}
