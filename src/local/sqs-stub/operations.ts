/**
 * OPERATIONS maps each `X-Amz-Target: AmazonSQS.<Operation>` the stub answers to its
 * implementation. Inputs and outputs are the JSON shapes of the SQS JSON protocol.
 */
import type { Input } from './arguments.js';
import { readMessageAttributes, readOptionalInteger, readString, readStringList, readStringMap } from './arguments.js';
import { attributesMd5, md5Hex } from './message-md5.js';
import type { Queue, StoredMessage } from './queue.js';
import { SqsErrors } from './wire.js';

/** OperationContext is what an operation reaches: the queues and the stub's lifetime. @internal */
export interface OperationContext {
  /** queueAt finds the queue a QueueUrl names, or throws QueueDoesNotExist. */
  queueAt(queueUrl: string): Queue;
  queueNamed(name: string): Queue | undefined;
  createQueue(name: string, attributes: Readonly<Record<string, string>>): Queue;
  /** Aborted when the stub stops: long polls answer at once. */
  readonly shutdown: AbortSignal;
}

/** Operation answers one request body. @internal */
export type Operation = (input: Input, ctx: OperationContext) => unknown;

/** How often a long poll looks again for messages whose visibility timeout or delay ended. */
const LONG_POLL_TICK_MS = 100;
/** SQS's largest batch. */
const MAX_BATCH = 10;

const createQueue: Operation = (input, ctx) => ({ QueueUrl: ctx.createQueue(readString(input, 'QueueName'), readStringMap(input, 'Attributes')).url });

const getQueueUrl: Operation = (input, ctx) => {
  const name = readString(input, 'QueueName');
  const queue = ctx.queueNamed(name);
  if (queue === undefined) throw SqsErrors.queueDoesNotExist('The specified queue does not exist.');
  return { QueueUrl: queue.url };
};

const getQueueAttributes: Operation = (input, ctx) => {
  const queue = ctx.queueAt(readString(input, 'QueueUrl'));
  const all = queueAttributes(queue);
  const names = readStringList(input, 'AttributeNames');
  if (names.includes('All')) return { Attributes: all };
  const unknown = names.find((name) => !(name in all));
  if (unknown !== undefined) throw SqsErrors.invalidAttributeName(`Unknown Attribute ${unknown}.`);
  return { Attributes: Object.fromEntries(names.map((name) => [name, all[name]!])) };
};

const sendMessage: Operation = (input, ctx) => {
  const queue = ctx.queueAt(readString(input, 'QueueUrl'));
  return sent(send(queue, input));
};

const sendMessageBatch: Operation = (input, ctx) => {
  const queue = ctx.queueAt(readString(input, 'QueueUrl'));
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length === 0) throw SqsErrors.emptyBatchRequest('There should be at least one SendMessageBatchRequestEntry in the request.');
  if (entries.length > MAX_BATCH) throw SqsErrors.tooManyEntriesInBatchRequest(`Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`);
  const ids = entries.map((entry) => String((entry as Input).Id));
  if (new Set(ids).size !== ids.length) throw SqsErrors.batchEntryIdsNotDistinct('Two or more batch entries in the request have the same Id.');
  const successful: unknown[] = [];
  const failed: unknown[] = [];
  for (const entry of entries as Input[]) {
    try {
      successful.push({ Id: entry.Id, ...sent(send(queue, entry)) });
    } catch (error) {
      failed.push({ Id: entry.Id, SenderFault: true, Code: 'InvalidParameterValue', Message: (error as Error).message });
    }
  }
  return { Successful: successful, Failed: failed };
};

const receiveMessage: Operation = async (input, ctx) => {
  const queue = ctx.queueAt(readString(input, 'QueueUrl'));
  const max = readOptionalInteger(input, 'MaxNumberOfMessages', 1, MAX_BATCH) ?? 1;
  const visibility = readOptionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  const waitSeconds = readOptionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.settings.ReceiveMessageWaitTimeSeconds;
  const systemNames = [...readStringList(input, 'AttributeNames'), ...readStringList(input, 'MessageSystemAttributeNames')];
  const attributeNames = readStringList(input, 'MessageAttributeNames');
  const deadline = Date.now() + waitSeconds * 1000;
  let messages = queue.receive(max, visibility);
  while (messages.length === 0 && Date.now() < deadline && !ctx.shutdown.aborted) {
    const tick = AbortSignal.any([ctx.shutdown, AbortSignal.timeout(Math.min(LONG_POLL_TICK_MS, deadline - Date.now()))]);
    await queue.nextArrival(tick);
    messages = queue.receive(max, visibility);
  }
  return { Messages: messages.map((m) => received(m, systemNames, attributeNames)) };
};

const deleteMessage: Operation = (input, ctx) => {
  ctx.queueAt(readString(input, 'QueueUrl')).delete(readString(input, 'ReceiptHandle'));
  return {};
};

const changeMessageVisibility: Operation = (input, ctx) => {
  const queue = ctx.queueAt(readString(input, 'QueueUrl'));
  const timeout = readOptionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  if (timeout === undefined) throw SqsErrors.missingParameter('The request must contain the parameter VisibilityTimeout.');
  queue.changeVisibility(readString(input, 'ReceiptHandle'), timeout);
  return {};
};

const purgeQueue: Operation = (input, ctx) => {
  ctx.queueAt(readString(input, 'QueueUrl')).purge();
  return {};
};

/** OPERATIONS is the stub's operation table. @internal */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ['CreateQueue', createQueue],
  ['GetQueueUrl', getQueueUrl],
  ['GetQueueAttributes', getQueueAttributes],
  ['SendMessage', sendMessage],
  ['SendMessageBatch', sendMessageBatch],
  ['ReceiveMessage', receiveMessage],
  ['DeleteMessage', deleteMessage],
  ['ChangeMessageVisibility', changeMessageVisibility],
  ['PurgeQueue', purgeQueue],
]);

function send(queue: Queue, input: Input): StoredMessage {
  const body = readString(input, 'MessageBody');
  const size = Buffer.byteLength(body, 'utf8');
  if (size > queue.settings.MaximumMessageSize) {
    throw SqsErrors.invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${queue.settings.MaximumMessageSize} bytes.`);
  }
  return queue.send(body, readMessageAttributes(input), readOptionalInteger(input, 'DelaySeconds', 0, 900));
}

function sent(message: StoredMessage): Record<string, string> {
  const attributes = attributesMd5(message.attributes);
  return { MessageId: message.messageId, MD5OfMessageBody: md5Hex(message.body), ...(attributes === undefined ? {} : { MD5OfMessageAttributes: attributes }) };
}

function received(message: StoredMessage & { receiptHandle: string }, systemNames: readonly string[], attributeNames: readonly string[]): Record<string, unknown> {
  const system: Record<string, string> = {
    SenderId: 'AIDAOVIRTPIPELINESTUB',
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const wantedSystem = systemNames.includes('All') ? system : Object.fromEntries(Object.entries(system).filter(([name]) => systemNames.includes(name)));
  const all = attributeNames.includes('All') || attributeNames.includes('.*');
  const wanted = Object.fromEntries(
    Object.entries(message.attributes).filter(([name]) => all || attributeNames.some((pattern) => (pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern))),
  );
  const attributesHash = attributesMd5(wanted);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: md5Hex(message.body),
    Body: message.body,
    ...(Object.keys(wantedSystem).length > 0 ? { Attributes: wantedSystem } : {}),
    ...(attributesHash === undefined ? {} : { MessageAttributes: wanted, MD5OfMessageAttributes: attributesHash }),
  };
}

function queueAttributes(queue: Queue): Record<string, string> {
  const counts = queue.counts();
  const seconds = (ms: number): string => String(Math.floor(ms / 1000));
  return {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    VisibilityTimeout: String(queue.settings.VisibilityTimeout),
    DelaySeconds: String(queue.settings.DelaySeconds),
    MessageRetentionPeriod: String(queue.settings.MessageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(queue.settings.ReceiveMessageWaitTimeSeconds),
    MaximumMessageSize: String(queue.settings.MaximumMessageSize),
    CreatedTimestamp: seconds(queue.createdAt),
    LastModifiedTimestamp: seconds(queue.lastModifiedAt),
    QueueArn: queue.arn,
  };
}
