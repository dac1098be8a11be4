/**
 * executionLogKeys is a middy middleware that appends the execution ARN and the EventBridge
 * event id of a status-change event to every log line of the invocation (Powertools
 * `appendKeys`; the keys are dropped after the invocation by injectLambdaContext's
 * `resetKeys`). It runs before anything can fail — the password read, the event's
 * validation — so "Invocation failed" lines name the execution too. A value is logged only
 * when it has the shape of an execution ARN or an EventBridge event id: a rejected event's
 * line then says what it claimed, and a hostile value (10,000 characters, control characters)
 * never reaches the log. Nothing else is taken from the event (never its input or output).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { isExecutionArn } from '../events/status-change.js';

/** EventBridge event ids are UUIDs; anything of this shape is harmless to log. */
const EVENT_ID = /^[\w-]{1,64}$/;

/** executionLogKeys returns the middleware for `logger`. */
export function executionLogKeys(logger: Logger): MiddlewareObj {
  return {
    name: 'executionLogKeys',
    before: (request) => {
      const event = request.event as { id?: unknown; detail?: { executionArn?: unknown } } | null | undefined;
      const keys: Record<string, string> = {};
      const arn = event?.detail?.executionArn;
      if (typeof arn === 'string' && isExecutionArn(arn)) keys.executionArn = arn;
      if (typeof event?.id === 'string' && EVENT_ID.test(event.id)) keys.eventId = event.id;
      logger.appendKeys(keys);
    },
  };
}
