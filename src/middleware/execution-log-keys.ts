/**
 * executionLogKeys is a middy middleware that appends the execution ARN and the EventBridge
 * event id of a status-change event to every log line of the invocation (Powertools
 * `appendKeys`; the keys are dropped after the invocation by injectLambdaContext's
 * `resetKeys`). It runs before anything can fail — the password read, the event's
 * validation — so "Invocation failed" lines name the execution too. The values are the ones
 * the event states, before validation (a rejected event's line shows what it claimed), cut to
 * the longest valid length; nothing else is taken from the event (never its input or output).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';

const MAX_ARN_LENGTH = 2048;
const MAX_EVENT_ID_LENGTH = 256;

/** executionLogKeys returns the middleware for `logger`. */
export function executionLogKeys(logger: Logger): MiddlewareObj {
  return {
    name: 'executionLogKeys',
    before: (request) => {
      const event = request.event as { id?: unknown; detail?: { executionArn?: unknown } } | null | undefined;
      const keys: Record<string, string> = {};
      const arn = event?.detail?.executionArn;
      if (typeof arn === 'string') keys.executionArn = arn.slice(0, MAX_ARN_LENGTH);
      if (typeof event?.id === 'string') keys.eventId = event.id.slice(0, MAX_EVENT_ID_LENGTH);
      logger.appendKeys(keys);
    },
  };
}
