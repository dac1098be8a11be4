/**
 * Odd but acceptable input, each with the documented result in oVirt: the reconciler takes
 * only the execution ARN from an event and reads everything else from Step Functions, so a
 * 256 KB detail, an unknown status, extra fields or an archive replay change nothing; unknown
 * history event types are skipped; a history that stops in the middle of a state is mirrored
 * as far as it goes and left open, nothing ended wrongly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SfnRecording } from '../../../src/local/sfn-stub/index.js';
import type { CorpusParts } from './corpus-parts.js';
import { oVirtWrites, startCorpusParts } from './corpus-parts.js';
import { cutAfter, withUnknownEvents } from './history-edits.js';
import { FIXTURE_A_STATES, renamedRecording } from './renamed-recording.js';

const INPUT_MARKER = 'SECRET-INPUT-MARKER';

describe('accepted odd input', () => {
  let corpus: CorpusParts;
  let counter = 0;

  beforeAll(async () => {
    corpus = await startCorpusParts();
  });
  afterAll(() => corpus?.stop());

  /** add puts a recording in the stub, reveals it and returns its last status event. */
  const add = (edit: (recording: SfnRecording) => SfnRecording = (r) => r): { arn: string; event: Record<string, unknown> } => {
    counter += 1;
    const recording = edit(renamedRecording(`accepted-${counter}-${Date.now().toString(36)}`, {}));
    corpus.parts.sfn.addExecution(recording, { revealed: 0 });
    const events: Record<string, unknown>[] = [];
    const stop = corpus.parts.sfn.onStatusChange((event) => void events.push(event as unknown as Record<string, unknown>));
    corpus.parts.sfn.reveal(recording.description.executionArn, 'all');
    stop();
    const event = events[events.length - 1];
    if (event === undefined) throw new Error('the recording emitted no status event');
    return { arn: recording.description.executionArn, event };
  };
  const jobOf = (arn: string) => corpus.parts.engine.state.jobs().find((job) => job.description.endsWith(arn.split(':')[7] ?? '?'));
  const stepsOf = (arn: string) => corpus.parts.engine.state.steps(jobOf(arn)?.id ?? '');
  const withDetail = (event: Record<string, unknown>, fields: Record<string, unknown>) => ({ ...event, detail: { ...(event['detail'] as object), ...fields } });

  it('mirrors an event with a 256 KB input, and the input reaches neither oVirt nor the logs', async () => {
    // Prepare
    const { arn, event } = add();
    const huge = withDetail(event, { input: JSON.stringify({ blob: `${INPUT_MARKER}${'x'.repeat(262_000)}` }), inputDetails: { included: true } });

    // Act
    const outcome = await corpus.parts.onEvent(huge);

    // Assess
    expect(outcome.kind).toBe('converged');
    expect(jobOf(arn)?.status).toBe('finished');
    expect(stepsOf(arn).map((step) => step.description)).toEqual([...FIXTURE_A_STATES]);
    expect(JSON.stringify(corpus.parts.engine.state.jobs())).not.toContain(INPUT_MARKER);
    expect(corpus.output.chunks.some((chunk) => chunk.includes(INPUT_MARKER))).toBe(false);
  });

  it.each([
    ['an unknown status', { status: 'EXPLODED' }],
    ['a status that contradicts Step Functions (RUNNING for a finished execution)', { status: 'RUNNING', stopDate: null }],
    ['unknown extra fields', { quantum: { spin: 'up' }, executionArnAlias: 'x' }],
  ])('mirrors what Step Functions says, whatever the event claims: %s', async (_name, fields) => {
    // Prepare
    const { arn, event } = add();

    // Act
    const outcome = await corpus.parts.onEvent(withDetail(event, fields));

    // Assess
    expect(outcome.kind).toBe('converged');
    expect(jobOf(arn)?.status).toBe('finished');
    expect(stepsOf(arn).every((step) => step.status === 'finished')).toBe(true);
  });

  it('mirrors an archive replay of an event (replay-name) like the original, once', async () => {
    // Prepare
    const { arn, event } = add();
    await corpus.parts.onEvent(event);
    corpus.parts.engine.resetStats();

    // Act
    const outcome = await corpus.parts.onEvent({ ...event, 'replay-name': 'replay-2025-03-14' });

    // Assess
    expect(outcome.kind).toBe('converged');
    expect(oVirtWrites(corpus.parts.engine.stats())).toEqual([]);
    expect(stepsOf(arn)).toHaveLength(FIXTURE_A_STATES.length);
  });

  it('skips history events of unknown types and mirrors the rest', async () => {
    // Prepare
    const { arn, event } = add((recording) => withUnknownEvents(recording, [1, 5, 12]));

    // Act
    const outcome = await corpus.parts.onEvent(event);

    // Assess
    expect(outcome.kind).toBe('converged');
    expect(jobOf(arn)?.status).toBe('finished');
    expect(stepsOf(arn).map((step) => [step.description, step.status])).toEqual(FIXTURE_A_STATES.map((name) => [name, 'finished']));
  });

  it('mirrors a history that stops in the middle of a state as far as it goes, and leaves it open', async () => {
    // Prepare: ExecutionStarted, PrepareBuild entered and exited, RunBuild entered — and nothing more.
    const { arn, event } = add((recording) => cutAfter(recording, 4));

    // Act
    const outcome = await corpus.parts.onEvent(event);

    // Assess
    expect(outcome.kind).toBe('pending');
    expect(jobOf(arn)?.status).toBe('started');
    expect(stepsOf(arn).map((step) => [step.description, step.status])).toEqual([
      ['PrepareBuild', 'finished'],
      ['RunBuild', 'started'],
    ]);
  });
});
