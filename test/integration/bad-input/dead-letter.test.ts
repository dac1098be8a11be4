/**
 * How a rejected event ends: EventValidationError is not retryable, but Lambda does not know
 * that — an asynchronous invocation (EventBridge → Lambda) that fails is tried again
 * `maximumRetryAttempts` times (serverless.yml: 2) and then handed to the on-failure
 * destination, the dead-letter queue, wrapped as `requestPayload` (README: replay from there).
 * So a malformed event costs exactly three invocations, touches nothing, and waits in the DLQ
 * for 14 days; it is never retried forever. This test plays Lambda's documented policy with
 * the values read from serverless.yml against the real handler.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusParts } from './corpus-parts.js';
import { startCorpusParts } from './corpus-parts.js';
import { DETAIL_CASES, ENVELOPE_CASES } from './corpus.js';

const SERVERLESS_YML = readFileSync(new URL('../../../serverless.yml', import.meta.url), 'utf8');

/** onExecutionEventSettings reads the async-invocation settings of the event function from serverless.yml. */
function onExecutionEventSettings(): { maximumRetryAttempts: number; onFailure: string } {
  const block = SERVERLESS_YML.slice(SERVERLESS_YML.indexOf('  onExecutionEvent:'), SERVERLESS_YML.indexOf('  sweep:'));
  const retries = /\n {4}maximumRetryAttempts: (\d+)/.exec(block)?.[1];
  const onFailure = /onFailure:\s*\n\s*type: (\w+)\s*\n\s*arn: (.+)/.exec(block);
  if (retries === undefined || onFailure === null) throw new Error('serverless.yml no longer declares maximumRetryAttempts and an onFailure destination for onExecutionEvent.');
  return { maximumRetryAttempts: Number(retries), onFailure: `${onFailure[1]} ${onFailure[2]?.trim()}` };
}

/** DestinationRecord is the shape Lambda sends to an on-failure destination. */
interface DestinationRecord {
  readonly requestContext: { readonly condition: 'RetriesExhausted'; readonly approximateInvokeCount: number };
  readonly requestPayload: unknown;
  readonly responsePayload: { readonly errorType: string; readonly errorMessage: string };
}

/** invokeAsync plays Lambda's asynchronous invocation: first try plus retries, then the destination. */
async function invokeAsync(handler: (event: unknown) => Promise<unknown>, event: unknown, retries: number, deadLetters: DestinationRecord[]): Promise<number> {
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await handler(event);
      return attempts;
    } catch (error) {
      if (attempts > retries) {
        const { name, message } = error as Error;
        deadLetters.push({ requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: attempts }, requestPayload: event, responsePayload: { errorType: name, errorMessage: message } });
        return attempts;
      }
    }
  }
}

describe('rejected events end in the dead-letter queue', () => {
  let corpus: CorpusParts;

  beforeAll(async () => {
    corpus = await startCorpusParts();
  });
  afterAll(() => corpus?.stop());

  it('is configured for two retries and an SQS on-failure destination (the DLQ)', () => {
    // Act
    const settings = onExecutionEventSettings();

    // Assess
    expect(settings).toEqual({ maximumRetryAttempts: 2, onFailure: 'sqs !GetAtt DeadLetterQueue.Arn' });
  });

  it.each([...ENVELOPE_CASES.slice(0, 8), ...DETAIL_CASES.slice(0, 8)].map((entry) => [entry.name, entry.event] as const))(
    'takes %s through exactly three invocations into the DLQ, touching nothing',
    async (_name, event) => {
      // Prepare
      const { maximumRetryAttempts } = onExecutionEventSettings();
      const deadLetters: DestinationRecord[] = [];
      corpus.parts.engine.resetStats();

      // Act
      const attempts = await invokeAsync((e) => corpus.parts.onEvent(e), event, maximumRetryAttempts, deadLetters);

      // Assess
      expect(attempts).toBe(3);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]?.requestPayload).toEqual(event);
      expect(deadLetters[0]?.responsePayload.errorType).toBe('EventValidationError');
      expect(corpus.parts.engine.stats().total).toBe(0);
    },
  );
});
