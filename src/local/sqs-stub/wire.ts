/**
 * SQS errors on the wire. SQS speaks AWS JSON 1.0 in "query compatible" mode: an error answer
 * carries `__type` (`com.amazonaws.sqs#QueueDoesNotExist`), which the SDK turns into the
 * error's `name`, and the old query-protocol code in `x-amzn-query-error`
 * (`AWS.SimpleQueueService.NonExistentQueue;Sender`), which it keeps as `Code`.
 */
import { WireError } from '../sfn-stub/wire-error.js';

/** SqsWireError is an SQS error answer: HTTP status, `__type`, and the query-protocol code. @internal */
export class SqsWireError extends WireError {
  readonly queryCode: string;
  constructor(awsType: string, queryCode: string, message: string, status = 400) {
    super(status, awsType, message);
    this.name = 'SqsWireError';
    this.queryCode = queryCode;
  }
}

const sqsError =
  (shape: string, queryCode: string) =>
  (message: string): SqsWireError =>
    new SqsWireError(`com.amazonaws.sqs#${shape}`, queryCode, message);

/** The SQS errors the stub answers with. @internal */
export const SqsErrors = {
  queueDoesNotExist: sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'),
  queueNameExists: sqsError('QueueNameExists', 'QueueAlreadyExists'),
  receiptHandleIsInvalid: sqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid'),
  messageNotInflight: sqsError('MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight'),
  purgeQueueInProgress: sqsError('PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress'),
  emptyBatchRequest: sqsError('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest'),
  tooManyEntriesInBatchRequest: sqsError('TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest'),
  batchEntryIdsNotDistinct: sqsError('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct'),
  invalidAttributeName: sqsError('InvalidAttributeName', 'InvalidAttributeName'),
  /** A request argument out of range or of the wrong type (no modeled exception: the SDK names it InvalidParameterValue). */
  invalidParameterValue: (message: string): SqsWireError => new SqsWireError('InvalidParameterValue', 'InvalidParameterValue', message),
  missingParameter: (message: string): SqsWireError => new SqsWireError('MissingParameter', 'MissingParameter', message),
} as const;
