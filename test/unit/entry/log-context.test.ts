/**
 * Issue 10 §3: every log line of an invocation carries the Lambda context (request id, cold
 * start, function name; Powertools injectLambdaContext) and, for onExecutionEvent, the
 * execution ARN and event id (appendKeys) — including the "Invocation failed" line, even when
 * the failure comes before the handler (the password read). The keys do not outlive the
 * invocation, and the event (which holds the execution's input) is never logged, even with
 * POWERTOOLS_LOGGER_LOG_EVENT=true.
 */
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { makeOnExecutionEventHandler } from '../../../src/entry/on-execution-event.js';
import { makeSweepHandler } from '../../../src/entry/sweep.js';
import { ConfigError, StepFunctionsError } from '../../../src/errors.js';
import type { HistoryReader } from '../../../src/ports.js';
import type { RuntimeOverrides } from '../../../src/runtime/runtime.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { captureOutput } from '../../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../../helpers/chaos/log-capture.js';
import { FakeOvirt, InMemoryTrackingStore } from '../../helpers/in-memory-ports.js';

type Line = Record<string, unknown>;
const EVENT = JSON.parse(readFileSync(new URL('../../fixtures/eventbridge-a-running.json', import.meta.url), 'utf8')) as {
  id: string;
  detail: { executionArn: string; stateMachineArn: string; input: string };
};
const ARN = EVENT.detail.executionArn;
const OTHER_MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:another';

const context = (requestId: string): Context =>
  ({
    functionName: 'ovirt-pipeline-jobs-test-onExecutionEvent',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:482913557106:function:ovirt-pipeline-jobs-test-onExecutionEvent',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    getRemainingTimeInMillis: () => 60_000,
  }) as unknown as Context;

/** failingHistory answers every Step Functions read with a throttling error. */
const failingHistory = (): HistoryReader => {
  const fail = () => Promise.reject(new StepFunctionsError('Rate exceeded', 'ThrottlingException', { retryable: true }));
  return { describeExecution: fail, readEventsAfter: fail, readPage: fail, describeDefinition: fail } as unknown as HistoryReader;
};

describe('log lines of an invocation', () => {
  let output: OutputCapture;
  // What Lambda sets: on-demand initialization is what makes Powertools report cold starts.
  const LAMBDA_ENV = { POWERTOOLS_LOGGER_LOG_EVENT: 'true', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' };
  const saved = Object.fromEntries(Object.keys(LAMBDA_ENV).map((name) => [name, process.env[name]]));

  const runtimeWith = (env: Record<string, string>, overrides: RuntimeOverrides = {}) =>
    createRuntime(
      loadConfig({ TRACKING_TABLE_NAME: 't', AWS_REGION: 'eu-west-1', OVIRT_URL: 'https://engine.invalid/ovirt-engine/api', OVIRT_USERNAME: 'a@internal', OVIRT_PASSWORD: 'p', ...env }),
      { store: new InMemoryTrackingStore(), ovirt: new FakeOvirt(), history: failingHistory(), ...overrides },
    );
  const lines = (): Line[] =>
    output.chunks
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => typeof l.message === 'string');

  beforeEach(() => {
    Object.assign(process.env, LAMBDA_ENV);
    output = captureOutput({ keep: true });
  });
  afterEach(() => {
    output.restore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('issue 10: carry the request id, cold start, function name, execution ARN and event id on every line', async () => {
    // Prepare
    const handler = makeOnExecutionEventHandler(runtimeWith({ STATE_MACHINE_ARNS: OTHER_MACHINE }));

    // Act
    await handler(EVENT, context('req-1'));
    await handler(EVENT, context('req-2'));

    // Assess
    const logged = lines();
    expect(logged.map((l) => [l.message, l.function_request_id, l.cold_start])).toEqual([
      ['State machine is not in STATE_MACHINE_ARNS; event ignored', 'req-1', true],
      ['Invocation finished', 'req-1', true],
      ['State machine is not in STATE_MACHINE_ARNS; event ignored', 'req-2', false],
      ['Invocation finished', 'req-2', false],
    ]);
    for (const line of logged) {
      expect(line).toMatchObject({ function_name: 'ovirt-pipeline-jobs-test-onExecutionEvent', executionArn: ARN, eventId: EVENT.id });
    }
  });

  it('issue 10: name the execution on "Invocation failed" when reconciling fails', async () => {
    // Prepare
    const handler = makeOnExecutionEventHandler(runtimeWith({}));

    // Act
    const error = await handler(EVENT, context('req-fail')).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(StepFunctionsError);
    expect(lines().find((l) => l.message === 'Invocation failed')).toMatchObject({
      executionArn: ARN,
      eventId: EVENT.id,
      function_request_id: 'req-fail',
      errorName: 'StepFunctionsError',
    });
  });

  it('issue 10: name the execution on "Invocation failed" when the password cannot be read, before the handler runs', async () => {
    // Prepare
    const readPassword = () => Promise.reject(new ConfigError('OVIRT_PASSWORD_SECRET', 'could not read ssm secret "/p".'));
    const handler = makeOnExecutionEventHandler(runtimeWith({ OVIRT_PASSWORD: '', OVIRT_PASSWORD_SECRET: 'ssm:/p' }, { readPassword }));

    // Act
    await handler(EVENT, context('req-secret')).catch(() => undefined);

    // Assess
    expect(lines().find((l) => l.message === 'Invocation failed')).toMatchObject({ executionArn: ARN, errorName: 'ConfigError' });
  });

  it('drop the execution keys when the invocation ends: the next one does not inherit them', async () => {
    // Prepare
    const runtime = runtimeWith({ STATE_MACHINE_ARNS: OTHER_MACHINE });
    const onEvent = makeOnExecutionEventHandler(runtime);
    const sweep = makeSweepHandler(runtime);
    await onEvent(EVENT, context('req-event'));

    // Act
    await onEvent({ source: 'aws.states' }, context('req-malformed')).catch(() => undefined);
    await sweep({}, context('req-sweep')).catch(() => undefined);

    // Assess
    const later = lines().filter((l) => l.function_request_id !== 'req-event');
    expect(later.map((l) => l.function_request_id)).toContain('req-malformed');
    expect(later.map((l) => l.function_request_id)).toContain('req-sweep');
    for (const line of later) expect(line).not.toHaveProperty('executionArn');
  });

  it('never log the event, whose detail holds the execution input, even with POWERTOOLS_LOGGER_LOG_EVENT=true', async () => {
    // Prepare
    const handler = makeOnExecutionEventHandler(runtimeWith({ STATE_MACHINE_ARNS: OTHER_MACHINE }));

    // Act
    await handler(EVENT, context('req-input'));

    // Assess
    expect(lines().length).toBeGreaterThan(0);
    expect(output.chunks.join('')).not.toContain('requestedBy');
    expect(output.chunks.join('')).not.toContain('3f9d2ab1c4e7');
  });
});
