/**
 * Classification of DynamoDB failures at the adapter boundary (retryability is decided where the error enters): which ones a
 * later attempt may fix, and what the user should do about the others.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ABORTED_CALL_RETRYABLE, isAbortError, isReconcilerError, TrackingStoreError } from '../../errors.js';

/** Throttling and server-side faults: the same call later may succeed. */
const RETRYABLE_NAMES: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node socket/DNS codes of a network that failed on the way (the SDK passes them through). */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** ConditionalCheckFailed is the shape of DynamoDB's ConditionalCheckFailedException we read. */
export interface ConditionalCheckFailed {
  readonly name: 'ConditionalCheckFailedException';
  /** The row that failed the condition, when the request asked for it and the server supports it. */
  readonly Item?: Record<string, AttributeValue> | undefined;
}

/** isConditionalCheckFailed tells whether a conditional write lost (compared by name, like our own guards). */
export function isConditionalCheckFailed(error: unknown): error is ConditionalCheckFailed & Error {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * toStoreError turns whatever a DynamoDB call threw into a TrackingStoreError that says what
 * happened and what to do; errors of our own family pass through unchanged. `action` completes
 * "could not …" (e.g. "claim row job#0 of <arn>").
 */
export function toStoreError(error: unknown, action: string, tableName: string): Error {
  if (isReconcilerError(error)) return error;
  const { name, message, code, status } = describe(error);
  if (name === 'ResourceNotFoundException') {
    return new TrackingStoreError(
      `Tracking table "${tableName}" was not found while trying to ${action}. ` +
        'Deploy the stack, or set TRACKING_TABLE_NAME to the name of the table in this account and region.',
      { cause: error, retryable: false },
    );
  }
  if (isAbortError(error)) {
    // The one abort rule of the project (see ABORTED_CALL_RETRYABLE): a later run may retry it.
    return new TrackingStoreError(
      `Tracking table "${tableName}" could not ${action}: the call was cancelled before it finished (deadline or shutdown). ` +
        'A later run will try it again.',
      { cause: error, retryable: ABORTED_CALL_RETRYABLE },
    );
  }
  if (RETRYABLE_NAMES.has(name) || (code !== undefined && RETRYABLE_CODES.has(code)) || (status ?? 0) >= 500) {
    return new TrackingStoreError(
      `Tracking table "${tableName}" could not ${action}: ${name}${code ? ` (${code})` : ''}: ${message}. ` +
        'This is transient and the invocation will be retried; if it persists, check DynamoDB throttling and service health.',
      { cause: error, retryable: true },
    );
  }
  return new TrackingStoreError(
    `Tracking table "${tableName}" refused to ${action}: ${name}: ${message}. ` +
      "This is not retried; check the table's definition against tracking-table.json and the function's IAM permissions.",
    { cause: error, retryable: false },
  );
}

function describe(error: unknown): { name: string; message: string; code?: string | undefined; status?: number | undefined } {
  if (!(error instanceof Error)) return { name: 'UnknownError', message: String(error) };
  const withFields = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown };
  const causeCode = (withFields.cause as { code?: unknown } | undefined)?.code;
  const code = typeof withFields.code === 'string' ? withFields.code : typeof causeCode === 'string' ? causeCode : undefined;
  const status = withFields.$metadata?.httpStatusCode;
  return { name: error.name, message: error.message, code, status: typeof status === 'number' ? status : undefined };
}
