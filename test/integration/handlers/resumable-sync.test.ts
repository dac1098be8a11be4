/**
 * A long history first seen whole, synced by the real handler against the Step Functions stub
 * (real paging tokens), dynalite and the engine simulator, with a soft deadline so short that
 * the sync takes several invocations: each history page is read about once, and the result is
 * one job without duplicate steps or PENDING claims left behind.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOnExecutionEventHandler } from '../../../src/entry/on-execution-event.js';
import { syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { Outcome } from '../../../src/model/outcome.js';
import { lambdaContext, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { Clock, revealAll } from './support.js';

const EVENTS = 6_000;
/**
 * Each invocation gets a 60 s Lambda timeout and a 58 s margin: 2 s of work before its soft
 * deadline, and time to finish the call in flight and the end-of-sync writes (row expiries).
 */
const INVOCATION_MS = 60_000;
const MARGIN_SECONDS = 58;
const MAX_INVOCATIONS = 60;

let parts: LocalParts;
beforeAll(async () => {
  const clock = new Clock();
  parts = await startLocalParts({ env: { DEADLINE_MARGIN_SECONDS: String(MARGIN_SECONDS) }, overrides: { now: clock.now } });
});
afterAll(async () => {
  await parts.stop();
});

async function rowStates(executionArn: string): Promise<string[]> {
  const states: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await parts.table.client.send(new ScanCommand({ TableName: parts.table.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) if (item['executionArn']?.S === executionArn && item['state']?.S !== undefined) states.push(item['state'].S);
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start !== undefined);
  return states;
}

describe('a long history first seen whole', () => {
  it('is synced over several deadline-bounded invocations reading each history page about once', async () => {
    // Prepare
    const recording = syntheticRecording({ events: EVENTS, executionName: 'resumable' });
    const arn = recording.description.executionArn;
    const event = revealAll(parts.sfn, recording).at(-1);
    const handler = makeOnExecutionEventHandler(parts.runtime);
    parts.sfn.resetStats();

    // Act
    const outcomes: Outcome[] = [];
    while (outcomes.at(-1)?.kind !== 'converged' && outcomes.length < MAX_INVOCATIONS) {
      outcomes.push(await handler(event, lambdaContext(INVOCATION_MS)));
    }

    // Assess
    const jobs = parts.engine.state.jobs().filter((job) => job.external);
    const steps = jobs.flatMap((job) => parts.engine.state.steps(job.id));
    const descriptions = steps.map((step) => `${step.parentStepId ?? ''}|${step.description}`);
    const states = await rowStates(arn);
    expect(outcomes.at(-1)?.kind).toBe('converged');
    expect(outcomes.length).toBeGreaterThan(1);
    expect(parts.sfn.stats().pages).toBeLessThanOrEqual(Math.ceil(EVENTS / 1000) + outcomes.length);
    expect(jobs.map((job) => job.status)).toEqual(['finished']);
    expect(new Set(descriptions).size).toBe(steps.length);
    expect(steps.length).toBe(states.filter((state) => state !== 'ENDED').length);
    expect(states).not.toContain('PENDING');
  }, 60_000);
});
