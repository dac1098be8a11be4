/**
 * Every entry of the bad-input corpus through the real onExecutionEvent handler (middy, the
 * product's runtime, local engine simulator, dynalite and Step Functions stub): a rejected
 * event fails with EventValidationError before any call, saying what is wrong and what to
 * check; a well-formed event of an execution that does not exist fails with a terminal error;
 * an event of a state machine that is not mirrored is ignored. None writes anything to oVirt
 * or makes any later invocation behave differently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEventValidationError, isRetryable, isTerminalReconcileError } from '../../../src/errors.js';
import type { Outcome } from '../../../src/model/outcome.js';
import { BAD_INPUTS } from './corpus.js';
import type { CorpusParts } from './corpus-parts.js';
import { invoke, metaRow, oVirtWrites, sfnCalls, startCorpusParts } from './corpus-parts.js';

const byExpectation = (expect: string) => BAD_INPUTS.filter((entry) => entry.expect === expect).map((entry) => [entry.name, entry.event] as const);

describe('bad-input corpus', () => {
  let corpus: CorpusParts;

  beforeAll(async () => {
    corpus = await startCorpusParts();
  });
  afterAll(() => corpus?.stop());

  it.each(byExpectation('rejected'))('rejects %s with EventValidationError, before any call', async (_name, event) => {
    // Prepare
    const { parts } = corpus;
    parts.engine.resetStats();
    const callsBefore = sfnCalls(parts);

    // Act
    const { error } = await invoke(parts, event);

    // Assess
    expect(isEventValidationError(error), String(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect(error?.message).toMatch(/^Rejected an event that is not a valid "Step Functions Execution Status Change"/);
    expect(error?.message).toContain('Check the EventBridge rule');
    expect(error?.message.length).toBeLessThan(1500); // hostile values are not echoed back
    expect(sfnCalls(parts)).toBe(callsBefore);
    expect(parts.engine.stats().total).toBe(0);
  });

  it.each(byExpectation('terminal'))('fails %s with a terminal error and writes nothing', async (_name, event) => {
    // Prepare
    const { parts } = corpus;
    parts.engine.resetStats();
    const arn = (event as { detail: { executionArn: string } }).detail.executionArn;

    // Act
    const { error } = await invoke(parts, event);

    // Assess
    expect(isTerminalReconcileError(error), String(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect(error?.message).toContain('nothing is left to mirror');
    expect(oVirtWrites(parts.engine.stats())).toEqual([]);
    expect((await metaRow(parts, arn))?.['expiresAt'], 'the row left by the attempt expires').toBeDefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(byExpectation('ignored'))('ignores %s without any call', async (_name, event) => {
    // Prepare
    const { parts } = corpus;
    parts.engine.resetStats();
    const callsBefore = sfnCalls(parts);

    // Act
    const { value, error } = await invoke(parts, event);

    // Assess
    expect(error).toBeUndefined();
    expect((value as Outcome).kind).toBe('converged');
    expect(sfnCalls(parts)).toBe(callsBefore);
    expect(parts.engine.stats().total).toBe(0);
  });

  it('logs one classified error line per rejected event, without the hostile values', () => {
    // Prepare
    const rejected = byExpectation('rejected').length;

    // Act
    const lines = corpus.output.chunks.filter((chunk) => chunk.includes('"errorName":"EventValidationError"'));

    // Assess
    expect(lines).toHaveLength(rejected);
    expect(lines.some((line) => line.includes('x'.repeat(200)))).toBe(false);
  });
});
