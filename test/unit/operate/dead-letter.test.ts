/**
 * readDeadLetter on every shape the dead-letter queue receives, and replayDeadLetters' rules
 * (delete only after success, hand each event to its own function's handler, give kept messages
 * back, stop on Ctrl-C) over an in-memory queue.
 */
import { describe, expect, it } from 'vitest';
import { readDeadLetter } from '../../../src/operate/dead-letter.js';
import type { DeadLetterQueue, ReceivedMessage } from '../../../src/operate/dead-letter-queue.js';
import { syntheticLambdaContext } from '../../../src/operate/lambda-context.js';
import { replayDeadLetters } from '../../../src/operate/replay-dead-letters.js';
import type { ReplayHandlers } from '../../../src/operate/replay-handlers.js';
import { encodeDeliveryText } from '../../../src/local/sfn-stub/logs/subscription-payload.js';

const EXECUTION = 'arn:aws:states:eu-west-1:482913557106:execution:release:run-42';
const statusChange = {
  source: 'aws.states',
  'detail-type': 'Step Functions Execution Status Change',
  detail: { executionArn: EXECUTION, stateMachineArn: 'arn:aws:states:eu-west-1:482913557106:stateMachine:release', status: 'FAILED', input: '{"secret":"s3cr3t"}' },
};
const logsPayload = { awslogs: { data: encodeDeliveryText(JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: [] })) } };
const onFailure = (payload: unknown): string =>
  JSON.stringify({
    requestContext: { condition: 'EventAgeExceeded', functionArn: 'arn:aws:lambda:eu-west-1:1:function:x', approximateInvokeCount: 3 },
    requestPayload: payload,
    responsePayload: { errorType: 'TrackingStoreError', errorMessage: 'throttled' },
  });

describe('readDeadLetter', () => {
  it.each([
    ['a Lambda on-failure record of onExecutionEvent', onFailure(statusChange), { target: 'onExecutionEvent', origin: 'lambda-on-failure', event: statusChange }],
    ['an EventBridge dead letter', JSON.stringify(statusChange), { target: 'onExecutionEvent', origin: 'eventbridge', event: statusChange }],
    ['a Lambda on-failure record of onExecutionLogs', onFailure(logsPayload), { target: 'onExecutionLogs', origin: 'lambda-on-failure', event: logsPayload }],
    ['a bare CloudWatch Logs subscription payload', JSON.stringify(logsPayload), { target: 'onExecutionLogs', origin: 'logs-subscription', event: logsPayload }],
  ])('reads %s', (_name, body, expected) => {
    // Act
    const letter = readDeadLetter(body);

    // Assess
    expect(letter).toMatchObject({ kind: 'event', ...expected });
  });

  it('takes the first failure from an on-failure record', () => {
    // Act
    const letter = readDeadLetter(onFailure(statusChange));

    // Assess
    expect(letter).toMatchObject({
      firstFailure: { condition: 'EventAgeExceeded', functionArn: 'arn:aws:lambda:eu-west-1:1:function:x', errorType: 'TrackingStoreError', errorMessage: 'throttled' },
    });
  });

  it.each([
    ['not JSON', 'not json {', 'the body is not JSON'],
    ['no body', undefined, 'the body is not JSON'],
    ['a JSON list', '[1]', 'the body is not a JSON object'],
    ['another event', JSON.stringify({ source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification' }), 'neither'],
    ['an on-failure record of something else', onFailure({ hello: 'world' }), 'requestPayload is neither'],
  ])('calls %s malformed, with a reason that quotes nothing of it', (_name, body, reason) => {
    // Act
    const letter = readDeadLetter(body);

    // Assess
    expect(letter.kind).toBe('malformed');
    expect(letter.kind === 'malformed' && letter.reason).toContain(reason);
  });
});

/** memoryQueue holds bodies; receive hides, release shows again, delete removes (only with the newest handle). */
function memoryQueue(bodies: string[]): DeadLetterQueue & { held: () => string[]; hidden: () => number } {
  const messages = bodies.map((body, i) => ({ messageId: `m${i}`, body, hidden: false, handle: '', receives: 0 }));
  return {
    url: 'memory://dlq',
    receive: (max) => {
      const taken = messages.filter((m) => !m.hidden).slice(0, max);
      return Promise.resolve(
        taken.map((m): ReceivedMessage => {
          m.hidden = true;
          m.receives += 1;
          m.handle = `${m.messageId}#${m.receives}`;
          return { messageId: m.messageId, receiptHandle: m.handle, body: m.body, receiveCount: m.receives };
        }),
      );
    },
    delete: (message) => {
      const index = messages.findIndex((m) => m.handle === message.receiptHandle);
      if (index >= 0) messages.splice(index, 1);
      return Promise.resolve();
    },
    release: (message) => {
      const found = messages.find((m) => m.handle === message.receiptHandle);
      if (found) found.hidden = false;
      return Promise.resolve();
    },
    waiting: () => Promise.resolve(messages.filter((m) => !m.hidden).length),
    close: () => undefined,
    held: () => messages.map((m) => m.body),
    hidden: () => messages.filter((m) => m.hidden).length,
  };
}

const options = (queue: DeadLetterQueue, handlers: ReplayHandlers, extra: { max?: number; signal?: AbortSignal; dryRun?: boolean } = {}) => ({
  queue,
  handlers,
  max: extra.max ?? Number.POSITIVE_INFINITY,
  dryRun: extra.dryRun ?? false,
  signal: extra.signal ?? new AbortController().signal,
  lambdaContext: () => syntheticLambdaContext('test', 60_000),
});

describe('replayDeadLetters', () => {
  it("hands each event to its own function's handler and deletes it after success", async () => {
    // Prepare
    const seen: string[] = [];
    const queue = memoryQueue([onFailure(logsPayload), JSON.stringify(statusChange)]);
    const handlers: ReplayHandlers = {
      onExecutionEvent: (event) => Promise.resolve(void seen.push(`event ${JSON.stringify(event) === JSON.stringify(statusChange)}`)).then(() => ({ kind: 'pending' })),
      onExecutionLogs: (event) => Promise.resolve(void seen.push(`logs ${JSON.stringify(event) === JSON.stringify(logsPayload)}`)),
    };

    // Act
    const report = await replayDeadLetters(options(queue, handlers));

    // Assess
    expect(seen).toEqual(['logs true', 'event true']);
    expect(report.items.map((i) => [i.result, i.target, i.outcome])).toEqual([
      ['replayed', 'onExecutionLogs', 'done'],
      ['replayed', 'onExecutionEvent', 'pending'],
    ]);
    expect(queue.held()).toEqual([]);
  });

  it('keeps what fails again, what has no handler in this build, and what is malformed, and gives them back visible', async () => {
    // Prepare
    const queue = memoryQueue([JSON.stringify(statusChange), JSON.stringify(logsPayload), 'nonsense']);
    const handlers: ReplayHandlers = { onExecutionEvent: () => Promise.reject(Object.assign(new Error('engine down'), { name: 'OvirtUnavailableError' })) };

    // Act
    const report = await replayDeadLetters(options(queue, handlers));

    // Assess
    expect(report.items.map((i) => [i.result, i.errorName ?? i.reason])).toEqual([
      ['failed', 'OvirtUnavailableError'],
      ['failed', 'NoReplayHandler'],
      ['malformed', 'the body is not JSON'],
    ]);
    expect(report.items[0]).toMatchObject({ executionArn: EXECUTION, errorMessage: 'engine down' });
    expect(queue.held()).toHaveLength(3);
    expect(queue.hidden()).toBe(0);
    expect(JSON.stringify(report)).not.toContain('s3cr3t');
  });

  it('stops starting new replays on Ctrl-C, finishes the one in hand, and gives the rest back', async () => {
    // Prepare
    const abort = new AbortController();
    const queue = memoryQueue([JSON.stringify(statusChange), JSON.stringify(statusChange), JSON.stringify(statusChange)]);
    const handlers: ReplayHandlers = {
      onExecutionEvent: () => {
        abort.abort();
        return Promise.resolve({ kind: 'converged' });
      },
    };

    // Act
    const report = await replayDeadLetters(options(queue, handlers, { signal: abort.signal }));

    // Assess
    expect(report.items.map((i) => i.result)).toEqual(['replayed']);
    expect(report.interrupted).toBe(true);
    expect(queue.held()).toHaveLength(2);
    expect(queue.hidden()).toBe(0);
  });
});
