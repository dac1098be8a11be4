/**
 * outcomeLogger is a middy middleware that logs how each invocation ended: the Outcome on
 * success; on failure, the error (classified) before it is rethrown so Lambda's retry and
 * on-failure destination (the DLQ) take over. Errors are summarised by name and message;
 * nothing from the request's secrets is included.
 */
import type { MiddlewareObj } from '@middy/core';
import {
  isEventValidationError,
  isOvirtAuthError,
  isOvirtHttpError,
  isOvirtNotFoundError,
  isOvirtUnavailableError,
  isRetryable,
  isStepFunctionsError,
  isTrackingStoreError,
} from '../errors.js';
import type { Counters, Log } from '../model/telemetry.js';

/** outcomeLogger returns the middleware. */
export function outcomeLogger(log: Log, counters: Counters): MiddlewareObj {
  return {
    name: 'outcomeLogger',
    after: (request) => {
      log.info('Invocation finished', { outcome: request.response as unknown });
    },
    onError: (request) => {
      const error = request.error;
      if (isEventValidationError(error)) counters.count('EventsRejected');
      if ([isOvirtHttpError, isOvirtUnavailableError, isOvirtAuthError, isOvirtNotFoundError].some((is) => is(error))) {
        counters.count('OvirtErrors');
      }
      if (isStepFunctionsError(error) || isTrackingStoreError(error)) counters.count('AwsErrors');
      log.error('Invocation failed', {
        errorName: error?.name,
        error: error?.message,
        retryable: isRetryable(error),
      });
    },
  };
}
