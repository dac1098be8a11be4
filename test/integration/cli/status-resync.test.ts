/**
 * `status` and `resync` against the real local parts (dynalite, the engine simulator, the Step
 * Functions stub): a crash between the oVirt add and the table write leaves a PENDING row;
 * status shows it, resync resolves it without a duplicate, and status then shows no difference.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../../src/cli/command.js';
import { resyncCommand } from '../../../src/cli/commands/resync.js';
import { statusCommand } from '../../../src/cli/commands/status.js';
import { syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { StatusReport } from '../../../src/operate/status-report.js';
import { runCommand } from '../../helpers/cli.js';
import { readPartition } from '../dynamo/fixtures.js';
import { localPartsEnv, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { EXPECTED_TREES } from '../handlers/expected-trees.js';
import { Clock, crashOnce, fixture, revealAll } from '../handlers/support.js';

describe('status and resync (issue 11)', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it('issue 11: status shows the PENDING row a crash left (and that oVirt has its job); resync resolves it once; status then shows no difference', async () => {
    // Prepare
    const clock = new Clock();
    const local = await startLocalParts({ overrides: { now: clock.now }, wrapStore: crashOnce });
    parts = local;
    const a = fixture('a');
    const env = { ...localPartsEnv(local.engine, local.table, local.sfn), STATE_MACHINE_ARNS: `${fixture('b').description.stateMachineArn},${a.description.stateMachineArn}` };
    const events = revealAll(local.sfn, a);
    await expect(local.onEvent(events[events.length - 1])).rejects.toThrow('simulated crash');
    const run = (command: typeof statusCommand, argv: string[], json = false) => runCommand(command, argv, { env, json, now: clock.now });

    // Act
    const before = await run(statusCommand, [a.description.name]);
    const beforeJson = await run(statusCommand, [a.description.executionArn], true);
    const tooEarly = await run(resyncCommand, [a.description.executionArn]);
    clock.advance(local.config.leaseSeconds * 1000 + 1000);
    const rowsBeforePlan = await readPartition(local.table, a.description.executionArn);
    const plan = await run(resyncCommand, [a.description.executionArn, '--dry-run']);
    const rowsAfterPlan = await readPartition(local.table, a.description.executionArn);
    const jobsAfterPlan = renderExternalJobs(local.engine);
    const resync = await run(resyncCommand, [a.description.executionArn], true);
    const after = await run(statusCommand, [a.description.name]);

    // Assess: before — the PENDING job row, the job oVirt already has, the failed sync.
    const report = beforeJson.json as StatusReport;
    expect(before.code).toBe(ExitCode.PROBLEM);
    expect(before.lines.join('\n')).toMatch(/✗ job#0: Row is PENDING claimed by .* oVirt has it \(job [\w-]+, found by its Correlation-Id\)/);
    expect(before.lines.join('\n')).toMatch(/status SUCCEEDED, redrives 0, history \d+ events/);
    expect(report.table.rows.map((row) => [row.key, row.state])).toEqual([['job#0', 'PENDING']]);
    expect(report.ovirt.jobs).toHaveLength(1);
    const steps = (EXPECTED_TREES.a?.[0]?.length ?? 0) - 1;
    const kinds = report.differences.map((d) => d.kind).sort();
    expect(kinds).toEqual(['job-started-after-end', 'pending-row', 'sync-failing', ...Array<string>(steps).fill('desired-without-row')].sort());
    expect(report.differences.filter((d) => d.kind === 'desired-without-row').every((d) => d.key?.startsWith('step#0#'))).toBe(true);
    expect(report.plan.length).toBeGreaterThan(1);
    // resync within the claim's lease waits for it; the dry run shows the plan and changes nothing.
    expect(tooEarly.code).toBe(ExitCode.OK);
    expect(tooEarly.lines.join('\n')).toMatch(/pending .*claimed elsewhere/);
    expect(plan.lines[0]).toMatch(/the next sync would make \d+ oVirt change\(s\):/);
    expect(plan.lines).toContainEqual(expect.stringMatching(/^ {2}create job job#0 /));
    expect(plan.lines).toContainEqual(expect.stringMatching(/^ {2}end job job#0 finished$/));
    expect(rowsAfterPlan).toEqual(rowsBeforePlan);
    expect(jobsAfterPlan).toHaveLength(1);
    expect(jobsAfterPlan[0]?.[0]).toMatch(/^\[started\]/);
    // resync converges, adopting the job oVirt has: exactly the expected tree, once.
    expect(resync.code).toBe(ExitCode.OK);
    expect(resync.json).toMatchObject({ dryRun: false, results: [{ executionArn: a.description.executionArn, outcome: 'converged' }] });
    expect(renderExternalJobs(local.engine)).toEqual(EXPECTED_TREES.a);
    expect(after.code).toBe(ExitCode.OK);
    expect(after.lines.at(-1)).toBe('✓ No difference: oVirt and the tracking table agree with Step Functions.');
  });

  it('issue 11: status resolves a name among the allow-listed state machines, and says when it is ambiguous or unknown', async () => {
    // Prepare
    const local = await startLocalParts();
    parts = local;
    const twin = (machine: string) => syntheticRecording({ events: 4, stateMachineName: machine, executionName: 'nightly-42', startDate: Date.now() - 60_000 });
    const [first, second] = [twin('backup'), twin('release')];
    local.sfn.addExecution(first);
    local.sfn.addExecution(second);
    const env = { ...localPartsEnv(local.engine, local.table, local.sfn), STATE_MACHINE_ARNS: `${first.description.stateMachineArn},${second.description.stateMachineArn}` };

    // Act
    const ambiguous = await runCommand(statusCommand, ['nightly-42'], { env }).catch((error: unknown) => error);
    const unknown = await runCommand(statusCommand, ['nightly-43'], { env }).catch((error: unknown) => error);
    const notMirrored = await runCommand(statusCommand, ['nightly-42'], { env: { ...env, STATE_MACHINE_ARNS: first.description.stateMachineArn }, json: true });

    // Assess
    expect(ambiguous).toBeInstanceOf(UsageError);
    expect((ambiguous as Error).message).toContain(`"nightly-42" is ambiguous: 2 state machines`);
    expect((ambiguous as Error).message).toContain(second.description.executionArn);
    expect(unknown).toBeInstanceOf(UsageError);
    expect((unknown as Error).message).toMatch(/No execution named "nightly-43" under the 2 allow-listed state machine/);
    expect(notMirrored.code).toBe(ExitCode.PROBLEM);
    expect((notMirrored.json as StatusReport).differences).toEqual([expect.objectContaining({ kind: 'not-mirrored' })]);
  });
});
