/**
 * Regression tests for the product bugs the chaos suite found, each named after the schedule
 * (worker seed and fast-check path of `npm run test:chaos`) that found it and replaying its
 * essence deterministically on the real parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnStatusChangeEvent } from '../../src/local/sfn-stub/index.js';
import type { Outcome } from '../../src/model/outcome.js';
import type { SweepReport } from '../../src/reconcile/sweep.js';
import type { ChaosEnvironment, InvocationResult } from '../helpers/chaos/environment.js';
import { startChaosEnvironment } from '../helpers/chaos/environment.js';
import { expectedRuns } from '../helpers/chaos/expected-tree.js';
import { ovirtViolations } from '../helpers/chaos/invariants.js';
import { tableViolations } from '../helpers/chaos/table-check.js';
import { captureOutput } from '../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../helpers/chaos/log-capture.js';
import { fixtureRecordings, fixtureStateMachines, freshRecording } from '../helpers/chaos/recordings.js';
import { LogInbox } from '../helpers/chaos/log-inbox.js';
import type { FixtureName } from '../helpers/chaos/recordings.js';

const DELETED_MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:deleted-pipeline';

/** ChaosRig is an environment plus the helpers the regression tests share. */
function chaosRig(stateMachineArns: () => string[]) {
  let env: ChaosEnvironment;
  let quiet: OutputCapture;
  let counter = 0;
  beforeAll(async () => {
    quiet = captureOutput();
    env = await startChaosEnvironment({ stateMachineArns: stateMachineArns() });
  });
  afterAll(async () => {
    await env?.stop();
    quiet?.restore();
  });
  return {
    env: () => env,
    /** play adds a fresh copy of a fixture; `revealTo` reveals up to an event count and returns the status events it emitted. */
    play(fixture: FixtureName) {
      const template = fixtureRecordings().get(fixture);
      if (template === undefined) throw new Error(`no fixture ${fixture}`);
      counter += 1;
      const recording = freshRecording(template, `reg-${counter}`, env.clock.now());
      env.sfn.addExecution(recording, { revealed: 0 });
      const arn = recording.description.executionArn;
      const revealTo = (count: number): SfnStatusChangeEvent[] => {
        const events: SfnStatusChangeEvent[] = [];
        const stop = env.sfn.onStatusChange((event) => void (event.detail.executionArn === arn && events.push(event)));
        env.sfn.reveal(arn, recording.events[count - 1]?.id ?? count);
        stop();
        return events;
      };
      return { arn, recording, revealTo };
    },
    async violationsOf(arn: string) {
      return ovirtViolations(env.engine.state, await expectedRuns(env.history, arn, env.config.mapping), {
        executionArn: arn,
        cleanedJobs: new Set(),
        startedAtRestart: new Set(),
      });
    },
    lapseLeases: () => env.clock.advance(env.config.leaseSeconds * 1000 + 1000),
  };
}

function value<T extends Outcome | SweepReport>(result: InvocationResult): T {
  if (result.kind !== 'ok') throw new Error(`invocation ${result.kind}: ${result.kind === 'failed' ? result.error.message : ''}`);
  return result.value as T;
}

describe('chaos regressions: sweep discovery', () => {
  const rig = chaosRig(() => [...fixtureStateMachines(), DELETED_MACHINE]);

  it('schedule seed=1 path=0: a state machine of the allow-list that Step Functions does not know does not stop the sweep', async () => {
    // Prepare
    const run = rig.play('a');
    const [running] = run.revealTo(3);
    value(await rig.env().deliver(running));
    run.revealTo(run.recording.events.length); // the SUCCEEDED event is lost

    // Act
    const report = value<SweepReport>(await rig.env().sweep());

    // Assess
    expect(report).toMatchObject({ visited: 1, converged: 1, failed: 0 });
    expect(await rig.violationsOf(run.arn)).toEqual([]);
  });
});

describe('chaos regressions: leases and claims', () => {
  // No allow-list: the sweep only visits executions the table knows, so each test depends on its own fix alone.
  const rig = chaosRig(() => []);

  it('schedule seed=1 path=0: an event that arrives while a dead invocation holds the lease is not lost', async () => {
    // Prepare
    const env = rig.env();
    const run = rig.play('a');
    const [running] = run.revealTo(3);
    const crashed = await env.deliver(running, { atCall: 1, mode: 'after' }); // dies right after taking the lease
    const [succeeded] = run.revealTo(run.recording.events.length);
    const answered = value<Outcome>(await env.deliver(succeeded));

    // Act
    rig.lapseLeases();
    const report = value<SweepReport>(await env.sweep());

    // Assess
    expect(crashed.kind).toBe('crashed');
    expect(answered.kind).toBe('pending');
    expect(report).toMatchObject({ converged: 1, failed: 0 });
    expect(await rig.violationsOf(run.arn)).toEqual([]);
  });

  it('schedule seed=2 path=179: a job is not ended while one of its steps waits for a claim held elsewhere', async () => {
    // Prepare
    const env = rig.env();
    const run = rig.play('e');
    const events = run.revealTo(run.recording.events.length);
    const [firstRun] = await expectedRuns(env.history, run.arn, env.config.mapping);
    const step = firstRun?.steps[0];
    if (step === undefined) throw new Error('fixture e has no step in run 0');
    const now = env.clock.now();
    await env.table.store.claim(
      { executionArn: run.arn, key: step.key, state: 'PENDING', leaseOwner: 'another-invocation', leaseExpiresAt: now + 60_000, description: step.description },
      now,
    );

    // Act
    const answered = value<Outcome>(await env.deliver(events[events.length - 1]));
    const jobWhileWaiting = env.engine.state.findByCorrelationId(firstRun?.correlationId ?? '')[0];
    rig.lapseLeases();
    const report = value<SweepReport>(await env.sweep());

    // Assess
    expect(answered.kind).toBe('pending');
    expect(jobWhileWaiting?.status).toBe('started');
    expect(report).toMatchObject({ converged: 1, failed: 0 });
    expect(await rig.violationsOf(run.arn)).toEqual([]);
  });

  it('schedule seed=4242 path=245: a PENDING step row under a job oVirt cleaned up is resolved, not left for ever', async () => {
    // Prepare: the job and its first steps exist; the engine then loses the job (restart, cleanup).
    // A run that met the gone job marked the job row GONE and died before the row of a step it
    // had claimed: the table holds a GONE job with a PENDING step under it.
    const env = rig.env();
    const run = rig.play('a');
    const [running] = run.revealTo(3);
    value(await env.deliver(running));
    const [succeeded] = run.revealTo(run.recording.events.length);
    const [firstRun] = await expectedRuns(env.history, run.arn, env.config.mapping);
    if (firstRun === undefined) throw new Error('fixture a has no run 0');
    const recorded = await env.table.store.getRecords(run.arn, firstRun.steps.map((step) => step.key));
    const unclaimed = firstRun.steps.find((step) => !recorded.has(step.key));
    if (unclaimed === undefined) throw new Error('every step of fixture a was created by the first event');
    env.engine.restart();
    env.engine.runCleanupNow();
    const now = env.clock.now();
    await env.table.store.claim(
      { executionArn: run.arn, key: unclaimed.key, state: 'PENDING', leaseOwner: 'dead-invocation', leaseExpiresAt: now + 1000, description: unclaimed.description },
      now,
    );
    await env.table.store.markGone(run.arn, firstRun.jobKey);

    // Act
    value(await env.deliver(succeeded));
    rig.lapseLeases();
    value(await env.sweep());

    // Assess
    expect(env.engine.state.findByCorrelationId(firstRun.correlationId)).toEqual([]);
    expect(await tableViolations(env.table.client, env.table.tableName, run.arn)).toEqual([]);
    expect((await env.table.store.getRecords(run.arn, [unclaimed.key])).get(unclaimed.key)?.state).toBe('GONE');
  });
});

describe('chaos regressions: push path (log-batches)', () => {
  const rig = chaosRig(() => fixtureStateMachines());

  it('issue 12 chaos log-batches: a delivery that could not reach the tracking table for an execution fails, so Lambda delivers it again; an ended execution whose status events were all lost is still mirrored', async () => {
    // Prepare: the whole execution ran with every status event lost; only its log is delivered.
    const env = rig.env();
    const run = rig.play('a');
    const inbox = new LogInbox(env.sfn, new Set([run.arn]), { streams: [0], copies: [1], revealsPerBatch: 1 });
    run.revealTo(run.recording.events.length);
    const [draw] = inbox.flush();
    inbox.close();
    env.tableFaults.arm('throttle', 1); // the lease cannot be taken: nothing of the execution is written

    // Act: Lambda retries a failed delivery (maximumRetryAttempts: 2)
    const first = await env.deliverLogs(draw?.delivery.payload);
    const retried = first.kind === 'failed' ? await env.deliverLogs(draw?.delivery.payload) : first;

    // Assess
    expect(first.kind === 'failed' && first.retryable).toBe(true);
    expect(retried.kind).toBe('ok');
    expect(await rig.violationsOf(run.arn)).toEqual([]);
  });
});
