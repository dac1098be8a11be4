/**
 * Public types of the SQS stub: what a running stub offers to tests and to the local stack.
 * Times are epoch milliseconds from the stub's clock (Date.now unless a test gives another).
 */

/** SqsStubOptions: where to listen (default 127.0.0.1, ephemeral port), the account in queue URLs, the clock. */
export interface SqsStubOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Account id in queue URLs and ARNs. @default '000000000000' */
  readonly accountId?: string | undefined;
  /** Region in queue ARNs. @default 'eu-west-1' */
  readonly region?: string | undefined;
  /** Clock for visibility timeouts, delays and retention (tests move it). @default Date.now */
  readonly now?: (() => number) | undefined;
}

/** QueueMessage is one message as the stub holds it, for tests to look at without receiving it. */
export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  /** Times received so far (ApproximateReceiveCount). */
  readonly receiveCount: number;
  /** True while a receive holds it invisible. */
  readonly inFlight: boolean;
}

/** SqsStubStats counts requests per operation. */
export interface SqsStubStats {
  readonly calls: Record<string, number>;
}

/** SqsStub is a running stub server; see startSqsStub. */
export interface SqsStub {
  /** Base URL, e.g. `http://127.0.0.1:43121`; give it to the SDK client as `endpoint`. */
  readonly url: string;
  /** createQueue creates a queue (as CreateQueue does, idempotent for the same name) and returns its URL. */
  createQueue(name: string, attributes?: Readonly<Record<string, string>>): string;
  /** messages lists what a queue holds, visible or not, oldest first, changing nothing. */
  messages(queueUrl: string): QueueMessage[];
  stats(): SqsStubStats;
  /** stop closes the server and every open connection (long polls answer empty). */
  stop(): Promise<void>;
}
