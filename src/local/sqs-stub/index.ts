/**
 * The SQS stub: a loopback HTTP server speaking the AWS JSON 1.0 protocol of
 * `@aws-sdk/client-sqs`, standing in for the dead-letter queue in tests and in the local stack.
 * It models what a consumer of the queue relies on (visibility timeouts, receipt handles,
 * receive counts, delays, retention, the message counts) and nothing of FIFO queues, policies
 * or redrive. It never imports the product's code, so the two cannot agree on a mistake.
 */
export { startSqsStub } from './start-sqs-stub.js';
export type { QueueMessage, SqsStub, SqsStubOptions, SqsStubStats } from './types.js';
