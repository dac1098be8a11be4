/**
 * The SQS stub through the real `@aws-sdk/client-sqs` (which checks every body's MD5): queue
 * lifecycle, send and receive with visibility timeouts and receipt handles, long polling,
 * batches, purges, and SQS's error answers as the SDK names them.
 */
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSqsStub } from '../../../src/local/sqs-stub/index.js';
import type { SqsStub } from '../../../src/local/sqs-stub/index.js';

let stub: SqsStub;
let client: SQSClient;
let clock = Date.UTC(2026, 0, 5, 9);

beforeAll(async () => {
  stub = await startSqsStub({ now: () => clock });
  client = new SQSClient({ endpoint: stub.url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await stub.stop();
});

const errorOf = async (promise: Promise<unknown>): Promise<{ name: string; message: string }> => {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
};
const counts = async (queueUrl: string): Promise<Record<string, string>> =>
  (
    await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    )
  ).Attributes ?? {};

describe('SQS stub: queues', () => {
  it('creates a queue idempotently, finds its URL by name, and reports its attributes', async () => {
    // Act
    const created = await client.send(new CreateQueueCommand({ QueueName: 'lifecycle', Attributes: { VisibilityTimeout: '45', MessageRetentionPeriod: '1209600' } }));
    const again = await client.send(new CreateQueueCommand({ QueueName: 'lifecycle', Attributes: { VisibilityTimeout: '45' } }));
    const found = await client.send(new GetQueueUrlCommand({ QueueName: 'lifecycle' }));
    const all = await client.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl, AttributeNames: ['All'] }));

    // Assess
    expect(created.QueueUrl).toBe(`${stub.url}/000000000000/lifecycle`);
    expect(again.QueueUrl).toBe(created.QueueUrl);
    expect(found.QueueUrl).toBe(created.QueueUrl);
    expect(all.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      VisibilityTimeout: '45',
      MessageRetentionPeriod: '1209600',
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:lifecycle',
    });
  });

  it('answers SQS errors by the names the SDK models', async () => {
    // Prepare
    const queueUrl = stub.createQueue('errors');

    // Act
    const missing = await errorOf(client.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
    const missingUrl = await errorOf(client.send(new SendMessageCommand({ QueueUrl: `${stub.url}/000000000000/no-such-queue`, MessageBody: 'x' })));
    const conflict = await errorOf(client.send(new CreateQueueCommand({ QueueName: 'errors', Attributes: { VisibilityTimeout: '1' } })));
    const badHandle = await errorOf(client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'not-a-handle' })));
    const tooMany = await errorOf(client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })));
    const badAttribute = await errorOf(client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Nonsense' as 'All'] })));

    // Assess
    expect(missing.name).toBe('QueueDoesNotExist');
    expect(missingUrl.name).toBe('QueueDoesNotExist');
    expect(conflict.name).toBe('QueueNameExists');
    expect(badHandle.name).toBe('ReceiptHandleIsInvalid');
    expect(tooMany).toMatchObject({ name: 'InvalidParameterValue', message: expect.stringContaining('MaxNumberOfMessages') as string });
    expect(badAttribute.name).toBe('InvalidAttributeName');
  });
});

describe('SQS stub: messages', () => {
  it('hides a received message for its visibility timeout, then gives it back with a new handle and a higher receive count', async () => {
    // Prepare
    const queueUrl = stub.createQueue('visibility');
    const sent = await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"id":"a"}' }));

    // Act
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 30, MessageSystemAttributeNames: ['All'] }));
    const whileHidden = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const hiddenCounts = await counts(queueUrl);
    clock += 31_000;
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));

    // Assess
    expect(first.Messages?.map((m) => [m.MessageId, m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([[sent.MessageId, '{"id":"a"}', '1']]);
    expect(whileHidden.Messages ?? []).toEqual([]);
    expect(hiddenCounts).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '0' });
    expect(second.Messages?.[0]?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('deletes a message only with its newest receipt handle (an older one is accepted and deletes nothing)', async () => {
    // Prepare
    const queueUrl = stub.createQueue('handles');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'payload' }));
    const old = (await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }))).Messages![0]!;
    const newest = (await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 10 }))).Messages![0]!;

    // Act
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: old.ReceiptHandle }));
    const afterOld = stub.messages(queueUrl).length;
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: newest.ReceiptHandle }));
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: newest.ReceiptHandle }));

    // Assess
    expect(afterOld).toBe(1);
    expect(stub.messages(queueUrl)).toEqual([]);
  });

  it('changes the visibility of a message in flight, and refuses one that is not', async () => {
    // Prepare
    const queueUrl = stub.createQueue('change-visibility');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'payload' }));
    const message = (await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 600 }))).Messages![0]!;

    // Act
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    const visibleAgain = await counts(queueUrl);
    const notInFlight = await errorOf(client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 5 })));

    // Assess
    expect(visibleAgain.ApproximateNumberOfMessages).toBe('1');
    expect(notInFlight.name).toBe('MessageNotInflight');
  });

  it('keeps delayed messages out of receives until their delay ends, and counts them as delayed', async () => {
    // Prepare
    const queueUrl = stub.createQueue('delays');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 60 }));

    // Act
    const early = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const delayed = await counts(queueUrl);
    clock += 60_000;
    const onTime = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(early.Messages ?? []).toEqual([]);
    expect(delayed.ApproximateNumberOfMessagesDelayed).toBe('1');
    expect(onTime.Messages?.map((m) => m.Body)).toEqual(['later']);
  });

  it('sends a batch of up to ten with message attributes, receives up to MaxNumberOfMessages, and refuses larger batches', async () => {
    // Prepare
    const queueUrl = stub.createQueue('batches');
    const entries = Array.from({ length: 10 }, (_, i) => ({
      Id: `m${i}`,
      MessageBody: `body ${i}`,
      MessageAttributes: { ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' } },
    }));

    // Act
    const batch = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 4, MessageAttributeNames: ['All'] }));
    const tooMany = await errorOf(client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [...entries, { Id: 'm10', MessageBody: 'x' }] })));
    const duplicate = await errorOf(client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [entries[0]!, entries[0]!] })));

    // Assess
    expect(batch.Successful?.map((s) => s.Id)).toEqual(entries.map((e) => e.Id));
    expect(batch.Failed ?? []).toEqual([]);
    expect(received.Messages?.map((m) => m.Body)).toEqual(['body 0', 'body 1', 'body 2', 'body 3']);
    expect(received.Messages?.[0]?.MessageAttributes).toEqual({ ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' } });
    expect(tooMany.name).toBe('TooManyEntriesInBatchRequest');
    expect(duplicate.name).toBe('BatchEntryIdsNotDistinct');
  });

  it('answers a long poll as soon as a message arrives, and an empty one when the wait ends', async () => {
    // Prepare
    const queueUrl = stub.createQueue('long-poll');

    // Act
    const started = Date.now();
    const empty = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    const emptyMs = Date.now() - started;
    const waiting = client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10 }));
    setTimeout(() => void client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'arrived' })), 200);
    const arrivedAt = Date.now();
    const arrived = await waiting;

    // Assess
    expect(empty.Messages ?? []).toEqual([]);
    expect(emptyMs).toBeGreaterThanOrEqual(900);
    expect(arrived.Messages?.map((m) => m.Body)).toEqual(['arrived']);
    expect(Date.now() - arrivedAt).toBeLessThan(5000);
  });

  it('purges a queue once per minute', async () => {
    // Prepare
    const queueUrl = stub.createQueue('purges');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'gone' }));

    // Act
    await client.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    const emptied = stub.messages(queueUrl).length;
    const tooSoon = await errorOf(client.send(new PurgeQueueCommand({ QueueUrl: queueUrl })));
    clock += 60_000;
    await client.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(emptied).toBe(0);
    expect(tooSoon.name).toBe('PurgeQueueInProgress');
  });

  it('drops messages older than the retention period', async () => {
    // Prepare
    const queueUrl = stub.createQueue('retention', { MessageRetentionPeriod: '60' });
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'old' }));

    // Act
    clock += 61_000;
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Assess
    expect(received.Messages ?? []).toEqual([]);
  });
});
