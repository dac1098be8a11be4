/**
 * `backfill` against the real local parts after a simulated outage: executions the stub ran
 * while no event reached the handler are mirrored exactly once (counted in the engine), one
 * that ended before the tracking retention too, Ctrl-C stops between executions, the next run
 * goes on from there, and a run after that does nothing at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../../src/cli/command.js';
import { backfillCommand } from '../../../src/cli/commands/backfill.js';
import { syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { SfnRecording } from '../../../src/local/sfn-stub/index.js';
import { thumbnailRecordings } from '../../../src/local/demo-pipelines/thumbnail-pipeline.js';
import { runCommand } from '../../helpers/cli.js';
import { localPartsEnv, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { readRow } from '../dynamo/fixtures.js';
import { Clock, revealAll } from '../handlers/support.js';

const DAY_MS = 86_400_000;

describe('backfill (issue 11)', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it('issue 11: after an outage, backfill mirrors every missed execution exactly once (one older than the retention too), resumes after Ctrl-C, and a further run does nothing', async () => {
    // Prepare: six executions of one state machine; only the first one's events reached the product.
    const clock = new Clock();
    const local = await startLocalParts({ overrides: { now: clock.now } });
    parts = local;
    const now = clock.now();
    const run = (name: string, startDate: number): SfnRecording =>
      syntheticRecording({ events: 9, stateMachineName: 'nightly-backup', executionName: name, startDate });
    const seen = run('seen', now - 2 * DAY_MS);
    const missed = [1, 3, 5, 7].map((days) => run(`missed-${days}`, now - days * DAY_MS - 3_600_000));
    const beyondRetention = run('missed-54', now - 54 * DAY_MS);
    const seenEvents = revealAll(local.sfn, seen);
    for (const rec of [...missed, beyondRetention]) local.sfn.addExecution(rec);
    const machine = seen.description.stateMachineArn;
    for (const event of seenEvents) await local.onEvent(event);
    const env = { ...localPartsEnv(local.engine, local.table, local.sfn), STATE_MACHINE_ARNS: machine };
    const jobsOf = (rec: SfnRecording) => local.engine.state.jobs().filter((job) => job.external && job.description.endsWith(rec.description.name));
    const ctrlC = new AbortController();
    local.sfn.resetStats();

    // Act
    const interrupted = await runCommand(backfillCommand, ['--state-machine', machine, '--rate', '100%'], {
      env,
      now: clock.now,
      signal: ctrlC.signal,
      onTick: (ticks) => {
        if (ticks === 3) ctrlC.abort();
      },
    });
    const resumed = await runCommand(backfillCommand, ['--state-machine', machine, '--rate', '20'], { env, now: clock.now });
    const historyCalls = local.sfn.stats().calls['GetExecutionHistory'] ?? 0;
    const again = await runCommand(backfillCommand, ['--state-machine', machine], { env, now: clock.now, json: true });
    const oldMeta = await readRow(local.table, beyondRetention.description.executionArn, 'meta');

    // Assess: every execution has exactly one job, finished.
    for (const rec of [seen, ...missed, beyondRetention]) expect(jobsOf(rec).map((job) => job.status)).toEqual(['finished']);
    expect(local.engine.state.jobs().filter((job) => job.external)).toHaveLength(6);
    // Ctrl-C stopped after the execution in hand and said how to go on.
    expect(interrupted.code).toBe(ExitCode.PROBLEM);
    expect(interrupted.ticks).toHaveLength(3);
    expect(interrupted.warnings.join('\n')).toMatch(/Interrupted after 3 of 6 execution\(s\)\. To go on, run the same command again .*backfill --state-machine/);
    // The next run mirrored the rest and skipped what was done (the one seen before included).
    expect(resumed.code).toBe(ExitCode.OK);
    expect(resumed.lines.join('\n')).toMatch(/Mirrored 3, pending 0, failed 0, skipped 3 \(already mirrored and settled: 3;/);
    // Each mirrored execution cost its history pages once: one each here, and none for the skipped ones.
    expect(historyCalls).toBe(5);
    // A further run does nothing, and says so in one JSON document.
    expect(again.code).toBe(ExitCode.OK);
    expect(again.json).toMatchObject({ stateMachineArn: machine, listed: 6, mirrored: 0, failed: [], pending: [], skipped: { settled: 6, keptBySweep: 0 }, historyRequests: 0, interrupted: false });
    expect(local.sfn.stats().calls['GetExecutionHistory'] ?? 0).toBe(historyCalls);
    // The execution older than the retention keeps its rows for a retention from now.
    expect(oldMeta?.['expiresAt']).toBe(Math.ceil((now + local.config.retentionDays * DAY_MS) / 1000));
  });

  it('issue 11: backfill refuses --since beyond the 90 days of Step Functions history, a state machine outside the allow-list, and a rate above the quota', async () => {
    // Prepare
    const clock = new Clock();
    const local = await startLocalParts({ overrides: { now: clock.now } });
    parts = local;
    const machine = 'arn:aws:states:eu-west-1:123456789012:stateMachine:nightly-backup';
    const env = { ...localPartsEnv(local.engine, local.table, local.sfn), STATE_MACHINE_ARNS: machine };
    const attempt = (argv: string[], withEnv = env) => runCommand(backfillCommand, argv, { env: withEnv, now: clock.now }).catch((error: unknown) => error);

    // Act
    const tooOld = await attempt(['--state-machine', machine, '--since', '2024-12-01']);
    const tooOldInDays = await attempt(['--state-machine', machine, '--since', '91d']);
    const other = await attempt(['--state-machine', machine.replace('nightly-backup', 'other')]);
    const tooFast = await attempt(['--state-machine', machine, '--rate', '30']);
    const badStatus = await attempt(['--state-machine', machine, '--status', 'DONE']);

    // Assess
    expect(tooOld).toBeInstanceOf(UsageError);
    expect((tooOld as Error).message).toMatch(/more than 90 days ago: Step Functions keeps .* Give 2024-12-15 or later/);
    expect(tooOldInDays).toBeInstanceOf(UsageError);
    expect(other).toBeInstanceOf(UsageError);
    expect((other as Error).message).toMatch(/not in STATE_MACHINE_ARNS/);
    expect((tooFast as Error).message).toMatch(/at most 20 requests per second/);
    expect((badStatus as Error).message).toMatch(/not one of RUNNING, SUCCEEDED/);
  });

  it('issue 11 (--stage local): backfill of an Express state machine says that only its log records can mirror it', async () => {
    // Prepare: the demo's Express thumbnail workflow, allow-listed.
    const local = await startLocalParts();
    parts = local;
    const [run] = thumbnailRecordings();
    if (run === undefined) throw new Error('no thumbnail run');
    local.sfn.addExecution(run);
    const machine = run.description.stateMachineArn;
    const env = { ...localPartsEnv(local.engine, local.table, local.sfn), STATE_MACHINE_ARNS: machine };

    // Act
    const error = await runCommand(backfillCommand, ['--state-machine', machine], { env }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/is an Express state machine: Step Functions neither lists its executions nor keeps their history/);
  });
});
