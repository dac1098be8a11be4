/**
 * Issue 9 #1 and #8 with the real handler modules, dynalite, the Step Functions stub and the
 * engine simulator: executions that can no longer be synced must not hold every slot of the
 * sweep, and open executions filling every slot must not keep it from discovering a RUNNING
 * execution whose events were all lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { TrackingStore } from '../../../src/ports.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { Clock, fixture, revealTo } from './support.js';

const MINUTE = 60_000;
const RETIRED_MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:retired-pipeline';

/** trackOpen leaves `arn` tracked and open in the table, last synced at `at`, as an earlier sync would have. */
async function trackOpen(store: TrackingStore, arn: string, at: number): Promise<void> {
  const meta = await store.acquireLease(arn, 'earlier-sync', at, MINUTE);
  if (meta === null) throw new Error(`lease of ${arn} held`);
  const progress = { cursor: 3, status: 'RUNNING', redriveCount: 0, stateMachineArn: RETIRED_MACHINE, startDate: at - MINUTE, open: true } as const;
  await store.saveProgress(arn, 'earlier-sync', meta.requests, progress, at, MINUTE);
}

describe('the sweep with executions that cannot be synced and executions it does not know', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it('issue 9 #1: five tracked executions Step Functions no longer knows do not keep three lost ends from being mirrored', async () => {
    // Prepare: five open executions of a deleted state machine, least recently synced, and three
    // real executions whose job was created while running and whose final events were lost.
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { SWEEP_MAX_EXECUTIONS: '5' } });
    const gone = Array.from({ length: 5 }, (_, i) => `${RETIRED_MACHINE.replace(':stateMachine:', ':execution:')}:run-${i}`);
    for (const arn of gone) await trackOpen(parts.table.store, arn, clock.now() - 10 * MINUTE);
    for (const letter of ['a', 'b', 'd']) {
      const rec = fixture(letter);
      parts.sfn.addExecution(rec, { revealed: 0 });
      const [running] = revealTo(parts.sfn, rec.description.executionArn, 3);
      await parts.onEvent(running);
      revealTo(parts.sfn, rec.description.executionArn, 'all');
    }

    // Act: a sweep a minute, three times.
    const reports = [];
    for (let sweep = 0; sweep < 3; sweep += 1) {
      clock.advance(MINUTE);
      reports.push(await parts.sweep());
    }

    // Assess
    expect(renderExternalJobs(parts.engine)).toEqual([...(EXPECTED_TREES.a ?? []), ...(EXPECTED_TREES.b ?? []), ...(EXPECTED_TREES.d ?? [])]);
    expect(reports[0]).toMatchObject({ visited: 5, failed: 5 });
    expect(reports[1]).toMatchObject({ visited: 3, converged: 3, failed: 0 });
    const open = (await parts.table.store.listOpen(100)).map((entry) => entry.executionArn);
    expect(open).toEqual([]);
    const meta = await parts.table.store.acquireLease(gone[0] ?? '', 'inspector', clock.now(), MINUTE);
    expect(meta?.failure).toMatchObject({ failures: 1, errorName: 'TerminalReconcileError', nextAttemptAt: null });
    expect(meta?.failure?.errorMessage).toContain('ExecutionDoesNotExist');
  });

  it('issue 9 #1: an execution whose syncs keep failing at the engine backs off and is tried again when due', async () => {
    // Prepare: the engine fails every job creation for a while; the event's sync fails.
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = fixture('a');
    parts.sfn.addExecution(rec, { revealed: 0 });
    const [running] = revealTo(parts.sfn, rec.description.executionArn, 3);
    parts.engine.faults.add({ kind: 'http-500', match: { route: 'POST /jobs' } });
    await expect(parts.onEvent(running)).rejects.toThrow();
    revealTo(parts.sfn, rec.description.executionArn, 'all');

    // Act: the first retry waits until the failed claim's lease lapses (LEASE_SECONDS), then fails again.
    const early = await parts.sweep();
    clock.advance(parts.config.leaseSeconds * 1000 + MINUTE);
    const due = await parts.sweep();
    const secondFailureAt = clock.now();
    const afterSecond = await parts.table.store.listOpen(10);
    parts.engine.faults.clear();
    const stillBackingOff = await parts.sweep();
    clock.advance(2 * MINUTE);
    const recovered = await parts.sweep();

    // Assess
    expect(early).toMatchObject({ visited: 0 });
    expect(due).toMatchObject({ visited: 1, failed: 1 });
    expect(afterSecond).toEqual([{ executionArn: rec.description.executionArn, lastSyncedAt: secondFailureAt + 2 * MINUTE }]);
    expect(stillBackingOff).toMatchObject({ visited: 0 });
    expect(recovered).toMatchObject({ visited: 1, converged: 1 });
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.a);
  });

  it('issue 9 #8: with open executions filling every slot, a RUNNING execution whose events were all lost gets its job', async () => {
    // Prepare: 25 tracked RUNNING executions for 10 slots; the lost one started first, so
    // ListExecutions (newest first) lists every tracked one before it.
    const clock = new Clock();
    const machine = 'arn:aws:states:eu-west-1:123456789012:stateMachine:polling-loop';
    parts = await startLocalParts({ overrides: { now: clock.now }, env: { SWEEP_MAX_EXECUTIONS: '10', STATE_MACHINE_ARNS: machine } });
    const start = Date.parse('2025-03-14T20:00:00Z');
    const lost = syntheticRecording({ events: 8, terminal: false, executionName: 'lost', startDate: start });
    parts.sfn.addExecution(lost);
    for (let i = 1; i <= 25; i += 1) {
      const rec = syntheticRecording({ events: 8, terminal: false, executionName: `open-${i}`, startDate: start + i * MINUTE });
      parts.sfn.addExecution(rec, { revealed: 0 });
      const [running] = revealTo(parts.sfn, rec.description.executionArn, 'all');
      await parts.onEvent(running);
    }

    // Act
    clock.advance(MINUTE);
    const report = await parts.sweep();

    // Assess
    const jobs = renderExternalJobs(parts.engine).map((lines) => lines[0]);
    expect(jobs).toContain('[started] polling-loop › lost');
    expect(jobs).toHaveLength(26);
    expect(report).toMatchObject({ visited: 10, discovered: 1, failed: 0 });
  });
});
