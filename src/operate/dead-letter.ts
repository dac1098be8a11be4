/**
 * readDeadLetter tells what a dead-letter queue message holds, without running anything. The
 * product's queue receives three shapes:
 *
 * - a Lambda on-failure destination record (`onExecutionEvent` or `onExecutionLogs` failed after
 *   its retries): the event is in `requestPayload`; `requestContext.condition` says why Lambda
 *   gave up and `responsePayload` holds the last error;
 * - an EventBridge dead letter (the rule could not invoke the function): the body is the event;
 * - a CloudWatch Logs subscription payload (`{"awslogs": {"data": …}}`), the push path's input,
 *   found inside an on-failure record (or bare).
 *
 * The event is handed on untouched; only its kind is read here, because the event holds the
 * execution's input and nothing of it may reach the report. A body that is not JSON, or holds
 * none of these, is malformed.
 */

/** ReplayTarget is the function a dead letter was meant for (the serverless.yml function key). */
export type ReplayTarget = 'onExecutionEvent' | 'onExecutionLogs';

/** DeadLetterOrigin is who put the message in the queue. */
export type DeadLetterOrigin = 'lambda-on-failure' | 'eventbridge' | 'logs-subscription';

/** FirstFailure is what an on-failure record says about the failure that put the event here. */
export interface FirstFailure {
  /** Why Lambda stopped trying: RetriesExhausted, EventAgeExceeded, … */
  readonly condition?: string | undefined;
  readonly functionArn?: string | undefined;
  readonly errorType?: string | undefined;
  readonly errorMessage?: string | undefined;
}

/** DeadLetter is a message read: an event to replay, or malformed with the reason. */
export type DeadLetter =
  | { readonly kind: 'event'; readonly target: ReplayTarget; readonly origin: DeadLetterOrigin; readonly event: unknown; readonly firstFailure?: FirstFailure | undefined }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Longest error text taken from an on-failure record into the report. */
const MAX_ERROR_TEXT = 300;

/** readDeadLetter reads one message body (see the file comment). */
export function readDeadLetter(body: string | undefined): DeadLetter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return { kind: 'malformed', reason: 'the body is not JSON' };
  }
  if (!isObject(parsed)) return { kind: 'malformed', reason: 'the body is not a JSON object' };
  if ('requestPayload' in parsed && isObject(parsed.requestContext)) {
    const target = targetOf(parsed.requestPayload);
    if (target === undefined) {
      return { kind: 'malformed', reason: 'an on-failure record whose requestPayload is neither a Step Functions status change nor a CloudWatch Logs payload' };
    }
    return { kind: 'event', target, origin: 'lambda-on-failure', event: parsed.requestPayload, firstFailure: firstFailureOf(parsed) };
  }
  const target = targetOf(parsed);
  if (target === undefined) {
    return { kind: 'malformed', reason: 'neither a Lambda on-failure record, a Step Functions status change nor a CloudWatch Logs payload' };
  }
  return { kind: 'event', target, origin: target === 'onExecutionLogs' ? 'logs-subscription' : 'eventbridge', event: parsed };
}

function targetOf(event: unknown): ReplayTarget | undefined {
  if (!isObject(event)) return undefined;
  if (isObject(event.awslogs) && typeof event.awslogs.data === 'string') return 'onExecutionLogs';
  if (event.source === 'aws.states' && event['detail-type'] === 'Step Functions Execution Status Change') return 'onExecutionEvent';
  return undefined;
}

function firstFailureOf(record: Record<string, unknown>): FirstFailure {
  const context = record.requestContext as Record<string, unknown>;
  const response = isObject(record.responsePayload) ? record.responsePayload : {};
  return {
    condition: text(context.condition),
    functionArn: text(context.functionArn),
    errorType: text(response.errorType),
    errorMessage: text(response.errorMessage),
  };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, MAX_ERROR_TEXT) : undefined);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
