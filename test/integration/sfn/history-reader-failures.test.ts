/**
 * Failures of the Step Functions adapter against the stub, with the real SDK: throttling, 5xx,
 * gone executions, refused connections, the AbortSignal, and refused paging tokens.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSfnClient, createSfnHistoryReader } from '../../../src/adapters/sfn/index.js';
import type { SfnReaderLog } from '../../../src/adapters/sfn/index.js';
import { isRetryable, isStepFunctionsError, isTerminalReconcileError } from '../../../src/errors.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub, syntheticRecording } from '../../../src/local/sfn-stub/index.js';
import type { HistoryReader } from '../../../src/ports.js';
import { arnOf, caught, recordings } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
let reader: HistoryReader;
const warnings: string[] = [];
const log: SfnReaderLog = { debug() {}, warn: (message) => void warnings.push(message) };
const fixtures = recordings();
const MAP_RUN = 'arn:aws:states:eu-west-1:123456789012:mapRun:many-loops/Items:0d4c1f7a-3b2e-4a59-8e61-9f0b7c2d5e14';
const threeThousand = syntheticRecording({ events: 3_000, executionName: 'three-thousand' });
const stubClient = () => createSfnClient({ region: 'eu-west-1', endpoint: stub.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

beforeAll(async () => {
  stub = await startSfnStub();
  client = stubClient();
  reader = createSfnHistoryReader({ client, logger: log });
  for (const rec of [...Object.values(fixtures), threeThousand]) stub.addExecution(rec);
});
afterEach(() => {
  stub.clearFaults();
  stub.resetStats();
  warnings.length = 0;
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

describe('HistoryReader over Step Functions: failures', () => {
  it('turns throttling into a retryable StepFunctionsError after the SDK’s two attempts', async () => {
    // Prepare
    stub.throttle({ operation: 'GetExecutionHistory' });

    // Act
    const error = await caught(reader.readEventsAfter(arnOf(fixtures.a), 0));

    // Assess
    expect(isStepFunctionsError(error)).toBe(true);
    expect(error).toMatchObject({ awsName: 'ThrottlingException', retryable: true });
    expect(error.message).toContain(arnOf(fixtures.a));
    expect(stub.stats().throttled).toBe(2);
  });

  it.each([
    [500, 'InternalFailure'],
    [503, 'ServiceUnavailable'],
  ] as const)('turns HTTP %i into a retryable StepFunctionsError %s', async (status, awsName) => {
    // Prepare
    stub.failWith({ status });

    // Act
    const error = await caught(reader.describeExecution(arnOf(fixtures.a)));

    // Assess
    expect(error).toMatchObject({ name: 'StepFunctionsError', awsName, retryable: true });
  });

  it('turns a missing execution or a bad ARN into a TerminalReconcileError, never retried', async () => {
    // Act
    const missing = await caught(reader.readEventsAfter(`${arnOf(fixtures.a)}-gone`, 0));
    const badArn = await caught(reader.describeExecution('arn:aws:states:eu-west-1:123:nonsense'));
    const noMapRun = await caught(reader.describeMapRun(`${MAP_RUN}0`));

    // Assess
    for (const error of [missing, badArn, noMapRun]) {
      expect(isTerminalReconcileError(error)).toBe(true);
      expect(isRetryable(error)).toBe(false);
    }
    expect((missing.cause as Error).name).toBe('ExecutionDoesNotExist');
    expect((badArn.cause as Error).name).toBe('InvalidArn');
  });

  it('turns a refused connection into a retryable StepFunctionsError', async () => {
    // Prepare
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const deadClient = createSfnClient({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

    // Act
    const error = await caught(createSfnHistoryReader({ client: deadClient }).describeExecution(arnOf(fixtures.a)));
    deadClient.destroy();

    // Assess
    expect(error).toMatchObject({ name: 'StepFunctionsError', awsName: 'ECONNREFUSED', retryable: true });
  });

  it('honours the AbortSignal: an answer held back is abandoned, an aborted signal sends nothing', async () => {
    // Prepare
    stub.delay({ operation: 'GetExecutionHistory', ms: 3_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    // Act
    const started = performance.now();
    const inFlight = await caught(reader.readEventsAfter(arnOf(threeThousand), 0, controller.signal));
    const elapsed = performance.now() - started;
    stub.resetStats();
    const before = await caught(reader.describeExecution(arnOf(fixtures.a), AbortSignal.abort()));

    // Assess
    expect(inFlight).toMatchObject({ name: 'StepFunctionsError', awsName: 'AbortError', retryable: true });
    expect(elapsed).toBeLessThan(1_000);
    expect(before).toMatchObject({ name: 'StepFunctionsError', awsName: 'AbortError' });
    expect(stub.stats().calls).toEqual({});
  });

  it('restarts once from the newest event when a paging token is refused mid-way', async () => {
    // Prepare
    const spoiled = spoilTokens(stubClient(), 1);
    const spoilingReader = createSfnHistoryReader({ client: spoiled, logger: log });

    // Act
    const events = await spoilingReader.readEventsAfter(arnOf(threeThousand), 0);
    spoiled.destroy();

    // Assess
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 3_000 }, (_, i) => i + 1));
    expect(warnings).toHaveLength(1);
    expect(stub.stats()).toMatchObject({ calls: { GetExecutionHistory: 5 }, pages: 4 });
  });

  it('gives up with a retryable InvalidToken error when the token is refused again', async () => {
    // Prepare
    const spoiled = spoilTokens(stubClient(), 2);

    // Act
    const error = await caught(createSfnHistoryReader({ client: spoiled }).readEventsAfter(arnOf(threeThousand), 0));
    spoiled.destroy();

    // Assess
    expect(error).toMatchObject({ name: 'StepFunctionsError', awsName: 'InvalidToken', retryable: true });
  });
});

/** spoilTokens makes the client send a garbled nextToken the first `times` times it sends one (as after expiry). */
function spoilTokens(spoiled: SFNClient, times: number): SFNClient {
  let left = times;
  spoiled.middlewareStack.add(
    (next) => (args) => {
      const input = args.input as { nextToken?: string };
      if (input.nextToken !== undefined && left > 0) {
        left -= 1;
        args.input = { ...input, nextToken: `${input.nextToken}expired` };
      }
      return next(args);
    },
    { step: 'initialize', name: 'spoilTokens' },
  );
  return spoiled;
}
