/**
 * The stub's fault rules as the real SDK sees them: throttling, 500/503 failures, delays,
 * seeded probabilities, and the counters that benchmarks read.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import { arnOf, caught, recordings, sdkClient } from './sfn-test-kit.js';

let stub: SfnStub;
let client: SFNClient;
const { a } = recordings();
const history = () => client.send(new GetExecutionHistoryCommand({ executionArn: arnOf(a) }));
const describeA = () => client.send(new DescribeExecutionCommand({ executionArn: arnOf(a) }));

beforeAll(async () => {
  stub = await startSfnStub();
  client = sdkClient(stub.url);
  stub.addExecution(a);
});
afterEach(() => {
  stub.clearFaults();
  stub.resetStats();
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

/** outcomes runs `count` calls one after the other and says which ones failed, by error name. */
async function outcomes(count: number, call: () => Promise<unknown>): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(await call().then(() => 'ok', (error: Error) => error.name));
  return names;
}

describe('Stub: faults', () => {
  it('throttles the chosen operation the chosen number of times with HTTP 400 ThrottlingException', async () => {
    // Prepare
    stub.throttle({ operation: 'GetExecutionHistory', times: 2 });

    // Act
    const first = await caught(history());
    const rest = await outcomes(2, history);
    const other = await describeA();

    // Assess
    expect(first.name).toBe('ThrottlingException');
    expect(first.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(first.$fault).toBe('client');
    expect(rest).toEqual(['ThrottlingException', 'ok']);
    expect(other.status).toBe('SUCCEEDED');
    expect(stub.stats()).toEqual({ calls: { GetExecutionHistory: 3, DescribeExecution: 1 }, pages: 1, throttled: 2 });
  });

  it.each([
    [500, 'InternalFailure'],
    [503, 'ServiceUnavailable'],
  ] as const)('fails with HTTP %i as %s, a server fault', async (status, name) => {
    // Prepare
    stub.failWith({ status, times: 1 });

    // Act
    const error = await caught(describeA());
    const after = await describeA();

    // Assess
    expect(error.name).toBe(name);
    expect(error.$metadata).toMatchObject({ httpStatusCode: status });
    expect(error.$fault).toBe('server');
    expect(after.status).toBe('SUCCEEDED');
  });

  it('draws probabilistic faults from the seed, so a run can be replayed', async () => {
    // Prepare
    const seeded = async (seed: number): Promise<string[]> => {
      const other = await startSfnStub({ seed });
      const otherClient = sdkClient(other.url);
      try {
        other.addExecution(a);
        other.throttle({ probability: 0.3 });
        return await outcomes(40, () => otherClient.send(new DescribeExecutionCommand({ executionArn: arnOf(a) })));
      } finally {
        otherClient.destroy();
        await other.stop();
      }
    };

    // Act
    const [first, again, otherSeed] = [await seeded(7), await seeded(7), await seeded(8)];

    // Assess
    const throttled = first.filter((o) => o === 'ThrottlingException').length;
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    expect(throttled).toBeGreaterThan(3);
    expect(throttled).toBeLessThan(25);
  });

  it('stops every fault on clearFaults', async () => {
    // Prepare
    stub.throttle({});
    stub.failWith({ status: 503 });
    const during = await outcomes(2, describeA);

    // Act
    stub.clearFaults();
    const after = await outcomes(2, describeA);

    // Assess
    expect(during).toEqual(['ThrottlingException', 'ThrottlingException']);
    expect(after).toEqual(['ok', 'ok']);
  });

  it('holds answers back with a delay rule', async () => {
    // Prepare
    stub.delay({ operation: 'DescribeExecution', ms: 150, times: 1 });

    // Act
    const started = performance.now();
    await describeA();
    const delayed = performance.now() - started;
    const again = performance.now();
    await describeA();
    const undelayed = performance.now() - again;

    // Assess
    expect(delayed).toBeGreaterThanOrEqual(140);
    expect(undelayed).toBeLessThan(140);
  });

  it('refuses malformed fault rules with a message naming the field', () => {
    // Act / Assess
    expect(() => stub.throttle({ times: 0 })).toThrow(/times/);
    expect(() => stub.throttle({ probability: 2 })).toThrow(/probability/);
    expect(() => stub.failWith({ status: 502 as 503 })).toThrow(/500 or 503/);
  });
});
