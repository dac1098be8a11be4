/**
 * One queue of the SQS stub, with the semantics replay tools depend on: a received message is
 * invisible for its visibility timeout and then comes back with its receive count raised; each
 * receive issues a new receipt handle, and only the newest one deletes the message (an older
 * one is accepted and deletes nothing, as SQS documents); delayed messages stay invisible
 * until their delay ends; messages past the retention period are dropped; a purge may not be
 * repeated within 60 seconds.
 */
import { randomUUID } from 'node:crypto';
import type { MessageAttribute } from './message-md5.js';
import type { QueueMessage } from './types.js';
import { SqsErrors } from './wire.js';

/** QueueSettings are the queue attributes the stub honours (seconds, as SQS names them). @internal */
export interface QueueSettings {
  VisibilityTimeout: number;
  DelaySeconds: number;
  MessageRetentionPeriod: number;
  ReceiveMessageWaitTimeSeconds: number;
  MaximumMessageSize: number;
}

/** SETTING_RANGES are the settable attributes with their allowed ranges and defaults. @internal */
export const SETTING_RANGES: Readonly<Record<keyof QueueSettings, { min: number; max: number; fallback: number }>> = {
  VisibilityTimeout: { min: 0, max: 43_200, fallback: 30 },
  DelaySeconds: { min: 0, max: 900, fallback: 0 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, fallback: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, fallback: 0 },
  MaximumMessageSize: { min: 1024, max: 1_048_576, fallback: 1_048_576 },
};

/** How long after a purge another one is refused (SQS: 60 seconds). */
const PURGE_INTERVAL_MS = 60_000;

/** StoredMessage is a message in a queue. @internal */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The newest receipt handle: the only one that deletes the message. */
  latestHandle?: string;
}

/** Queue holds one queue's messages and settings. @internal */
export class Queue {
  readonly createdAt: number;
  lastModifiedAt: number;
  #messages: StoredMessage[] = [];
  /** Every receipt handle issued → its message id (old handles stay known, so they are not "invalid"). */
  readonly #handles = new Map<string, string>();
  #purgedAt: number | undefined;
  readonly #arrivals = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly settings: QueueSettings,
    private readonly now: () => number,
  ) {
    this.createdAt = now();
    this.lastModifiedAt = this.createdAt;
  }

  send(body: string, attributes: Readonly<Record<string, MessageAttribute>>, delaySeconds: number | undefined): StoredMessage {
    const now = this.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      attributes,
      sentAt: now,
      visibleAt: now + (delaySeconds ?? this.settings.DelaySeconds) * 1000,
      receiveCount: 0,
    };
    this.#messages.push(message);
    for (const wake of [...this.#arrivals]) wake();
    return message;
  }

  /** receive takes up to `max` visible messages, oldest first, and hides them for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number | undefined): Array<StoredMessage & { receiptHandle: string }> {
    const now = this.now();
    this.#dropExpired(now);
    const taken = this.#messages.filter((m) => m.visibleAt <= now).slice(0, max);
    return taken.map((message) => {
      const receiptHandle = Buffer.from(`${this.name}:${message.messageId}:${randomUUID()}`).toString('base64');
      this.#handles.set(receiptHandle, message.messageId);
      message.latestHandle = receiptHandle;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + (visibilitySeconds ?? this.settings.VisibilityTimeout) * 1000;
      return { ...message, receiptHandle };
    });
  }

  delete(receiptHandle: string): void {
    const messageId = this.#messageIdOf(receiptHandle);
    // A deleted message's handle, or an older one of a message received again: accepted, nothing deleted.
    this.#messages = this.#messages.filter((m) => m.messageId !== messageId || m.latestHandle !== receiptHandle);
  }

  changeVisibility(receiptHandle: string, visibilitySeconds: number): void {
    const messageId = this.#messageIdOf(receiptHandle);
    const now = this.now();
    const message = this.#messages.find((m) => m.messageId === messageId);
    if (message === undefined || message.latestHandle !== receiptHandle) {
      throw SqsErrors.receiptHandleIsInvalid(`The receipt handle "${receiptHandle}" is no longer valid for a message in ${this.name}.`);
    }
    if (message.visibleAt <= now) throw SqsErrors.messageNotInflight('Message does not exist or is not available for visibility timeout change.');
    message.visibleAt = now + visibilitySeconds * 1000;
  }

  purge(): void {
    const now = this.now();
    if (this.#purgedAt !== undefined && now - this.#purgedAt < PURGE_INTERVAL_MS) {
      throw SqsErrors.purgeQueueInProgress(`Only one PurgeQueue operation on ${this.name} is allowed every 60 seconds.`);
    }
    this.#purgedAt = now;
    this.#messages = [];
  }

  /** counts: visible, in flight (received, not yet visible again), delayed (never received, not yet visible). */
  counts(): { visible: number; inFlight: number; delayed: number } {
    const now = this.now();
    this.#dropExpired(now);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.#messages) {
      if (m.visibleAt <= now) visible += 1;
      else if (m.receiveCount > 0) inFlight += 1;
      else delayed += 1;
    }
    return { visible, inFlight, delayed };
  }

  snapshot(): QueueMessage[] {
    const now = this.now();
    this.#dropExpired(now);
    return this.#messages.map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, inFlight: m.receiveCount > 0 && m.visibleAt > now }));
  }

  /** nextArrival resolves when a message is sent (long polling), or at once when `signal` aborts. */
  nextArrival(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#arrivals.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#arrivals.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  #messageIdOf(receiptHandle: string): string {
    const messageId = this.#handles.get(receiptHandle);
    if (messageId === undefined) throw SqsErrors.receiptHandleIsInvalid(`The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    return messageId;
  }

  #dropExpired(now: number): void {
    const oldest = now - this.settings.MessageRetentionPeriod * 1000;
    if (this.#messages.some((m) => m.sentAt <= oldest)) this.#messages = this.#messages.filter((m) => m.sentAt > oldest);
  }
}
