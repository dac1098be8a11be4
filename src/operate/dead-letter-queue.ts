/**
 * DeadLetterQueue is the dead-letter queue as replay-dlq uses it: receive a batch (hidden from
 * other readers while it is being replayed), delete one message, give messages back at once,
 * and count what is waiting. An operator tool's adapter: the deployed functions never read the
 * queue (Lambda and EventBridge write to it), so it lives here and not in src/adapters.
 */
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** ReceivedMessage is one message taken from the queue. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string | undefined;
  readonly receiveCount: number;
}

/** DeadLetterQueue: see the file comment. */
export interface DeadLetterQueue {
  readonly url: string;
  /** receive takes up to `max` (1–10) messages and hides them for `hideSeconds`. */
  receive(max: number, hideSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  delete(message: ReceivedMessage, signal?: AbortSignal): Promise<void>;
  /** release makes a received message visible again at once (kept for the next run or another reader). */
  release(message: ReceivedMessage, signal?: AbortSignal): Promise<void>;
  /** waiting is SQS's approximate count of visible messages. */
  waiting(signal?: AbortSignal): Promise<number>;
  close(): void;
}

/**
 * Seconds a receive waits for messages. SQS answers a receive without a wait from a sample of
 * its servers, so an empty answer would not mean an empty queue; a short wait asks them all.
 */
const RECEIVE_WAIT_SECONDS = 2;

/** sqsDeadLetterQueue reaches the queue at `url` (region and, for local stand-ins, endpoint given). */
export function sqsDeadLetterQueue(options: { url: string; region: string; endpoint?: string | undefined }): DeadLetterQueue {
  const client = new SQSClient({ region: options.region, ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) });
  const QueueUrl = options.url;
  return {
    url: QueueUrl,
    async receive(max, hideSeconds, signal) {
      const out = await client.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: max,
          VisibilityTimeout: hideSeconds,
          WaitTimeSeconds: RECEIVE_WAIT_SECONDS,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        { abortSignal: signal },
      );
      return (out.Messages ?? []).flatMap((m) =>
        m.MessageId === undefined || m.ReceiptHandle === undefined
          ? []
          : [{ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) }],
      );
    },
    async delete(message, signal) {
      await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.receiptHandle }), { abortSignal: signal });
    },
    async release(message, signal) {
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: 0 }), { abortSignal: signal });
    },
    async waiting(signal) {
      const out = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }), { abortSignal: signal });
      return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
    },
    close: () => client.destroy(),
  };
}
