/**
 * The event pump stands in for EventBridge and Lambda's asynchronous invocation: every status
 * change reaches the function, failures are tried twice more, what still fails is reported,
 * and bursts are limited to a few invocations at once. Teardown stops parts in reverse order.
 */
import { describe, expect, it } from 'vitest';
import type { SfnStatusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import { statusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import { startEventPump } from '../../../src/local/stack/event-pump.js';
import { LambdaInvokeError } from '../../../src/local/stack/lambda-invoker.js';
import type { LambdaInvoker } from '../../../src/local/stack/lambda-invoker.js';
import { Teardown } from '../../../src/local/stack/teardown.js';

const arn = (name: string) => `arn:aws:states:eu-west-1:123456789012:execution:sm:${name}`;
const event = (name: string, status = 'RUNNING'): SfnStatusChangeEvent =>
  statusChangeEvent({ executionArn: arn(name), stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:sm', name, status, startDate: 1 });

/** fakeStub lets a test emit status changes the way the stub does. */
function fakeStub() {
  const listeners = new Set<(e: SfnStatusChangeEvent) => void>();
  return {
    onStatusChange: (listener: (e: SfnStatusChangeEvent) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (e: SfnStatusChangeEvent) => listeners.forEach((listener) => listener(e)),
  };
}

describe('startEventPump', () => {
  it('delivers each status change synchronously answered, retrying a failing one twice', async () => {
    // Prepare
    const stub = fakeStub();
    const calls: Array<{ name: string; type: string }> = [];
    let failuresLeft = 2;
    const invoker: LambdaInvoker = {
      invoke: (functionName, payload, type) => {
        calls.push({ name: (payload as SfnStatusChangeEvent).detail.name, type });
        if ((payload as SfnStatusChangeEvent).detail.name === 'flaky' && failuresLeft-- > 0) return Promise.reject(new Error('boom'));
        return Promise.resolve({ kind: 'converged', functionName });
      },
    };
    const warnings: string[] = [];
    const pump = startEventPump({ stub, invoker, functionName: 'fn', retryDelaysMs: [1, 1], warn: (m) => warnings.push(m) });
    // Act
    stub.emit(event('steady'));
    stub.emit(event('flaky', 'SUCCEEDED'));
    await pump.idle();
    pump.stop();
    // Assess
    expect(pump.delivered()).toBe(2);
    expect(pump.failed()).toBe(0);
    expect(calls.filter((c) => c.name === 'flaky')).toHaveLength(3);
    expect(new Set(calls.map((c) => c.type))).toEqual(new Set(['RequestResponse']));
    expect(warnings).toEqual([]);
  });

  it('reports a delivery that failed three times and leaves it to the sweep', async () => {
    // Prepare
    const stub = fakeStub();
    const invoker: LambdaInvoker = { invoke: () => Promise.reject(new Error('handler exploded')) };
    const warnings: string[] = [];
    const pump = startEventPump({ stub, invoker, functionName: 'fn', retryDelaysMs: [1, 1], warn: (m) => warnings.push(m) });
    // Act
    stub.emit(event('doomed', 'FAILED'));
    await pump.idle();
    pump.stop();
    // Assess
    expect(pump.failed()).toBe(1);
    expect(warnings).toEqual(['Status change FAILED of doomed failed 3 time(s) (handler exploded); the sweep will pick it up.']);
  });

  it('puts a delivery that failed three times in the dead-letter queue as Lambda\'s on-failure record, with the last error', async () => {
    // Prepare
    const stub = fakeStub();
    const functionError = { errorType: 'OvirtUnavailableError', errorMessage: 'engine down' };
    const invoker: LambdaInvoker = { invoke: () => Promise.reject(new LambdaInvokeError('Invoking fn failed (HTTP 200, Unhandled)', { functionError })) };
    const warnings: string[] = [];
    const parked: Array<Record<string, unknown>> = [];
    const pump = startEventPump({
      stub,
      invoker,
      functionName: 'fn',
      retryDelaysMs: [1, 1],
      warn: (m) => warnings.push(m),
      deadLetter: (record) => Promise.resolve(void parked.push(record)),
    });
    const doomed = event('doomed', 'FAILED');
    // Act
    stub.emit(doomed);
    await pump.idle();
    pump.stop();
    // Assess
    expect(parked).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'RetriesExhausted', approximateInvokeCount: 3, functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fn:$LATEST' }) as unknown,
        requestPayload: doomed,
        responsePayload: functionError,
      }),
    ]);
    expect(warnings[0]).toContain('It is in the dead-letter queue (ovirt-pipeline-jobs replay-dlq).');
  });

  it('runs at most maxConcurrent invocations at once', async () => {
    // Prepare
    const stub = fakeStub();
    let running = 0;
    let peak = 0;
    const invoker: LambdaInvoker = {
      invoke: () => {
        running += 1;
        peak = Math.max(peak, running);
        return new Promise((resolve) => setTimeout(resolve, 5)).then(() => void (running -= 1));
      },
    };
    const pump = startEventPump({ stub, invoker, functionName: 'fn', maxConcurrent: 2, warn: () => undefined });
    // Act
    for (let i = 0; i < 7; i++) stub.emit(event(`e${i}`));
    await pump.idle();
    pump.stop();
    // Assess
    expect(pump.delivered()).toBe(7);
    expect(peak).toBe(2);
  });
});

describe('Teardown', () => {
  it('stops parts last started first, once, and carries on past a part that fails to stop', async () => {
    // Prepare
    const stopped: string[] = [];
    const teardown = new Teardown();
    teardown.add('engine', () => void stopped.push('engine'));
    teardown.add('dynalite', () => Promise.reject(new Error('socket hang up')));
    teardown.add('offline', () => Promise.resolve().then(() => void stopped.push('offline')));
    // Act
    const [first, second] = await Promise.all([teardown.run(), teardown.run()]);
    // Assess
    expect(stopped).toEqual(['offline', 'engine']);
    expect(first).toEqual(['dynalite did not stop cleanly: socket hang up']);
    expect(second).toBe(first);
  });
});
