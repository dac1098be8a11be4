/**
 * toSfnError: the retry classification of Step Functions failures, built from the SDK's own
 * exception classes and the error shapes of the Node HTTP stack.
 */
import {
  ExecutionDoesNotExist,
  InvalidArn,
  InvalidToken,
  KmsThrottlingException,
  ResourceNotFound,
  SFNServiceException,
  StateMachineDoesNotExist,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { toSfnError } from '../../../../src/adapters/sfn/errors.js';
import { isRetryable, isStepFunctionsError, isTerminalReconcileError } from '../../../../src/errors.js';

const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:m:e';
const CALL = { operation: 'GetExecutionHistory', arn: ARN };
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const service = (name: string, status: number) =>
  new SFNServiceException({ name, $fault: status >= 500 ? 'server' : 'client', message: `${name} happened`, ...meta(status) });
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

describe('Function: toSfnError', () => {
  it.each([
    ['ExecutionDoesNotExist', new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', ...meta(400) })],
    ['InvalidArn', new InvalidArn({ message: 'Invalid Arn', ...meta(400) })],
    ['StateMachineDoesNotExist', new StateMachineDoesNotExist({ message: 'gone', ...meta(400) })],
    ['ResourceNotFound', new ResourceNotFound({ message: 'gone', ...meta(400) })],
  ])('makes %s a TerminalReconcileError that is never retried', (name, error) => {
    // Act
    const mapped = toSfnError(error, CALL);

    // Assess
    expect(isTerminalReconcileError(mapped)).toBe(true);
    expect(isRetryable(mapped)).toBe(false);
    expect(mapped.message).toContain(name);
    expect(mapped.message).toContain(ARN);
    expect(mapped.cause).toBe(error);
  });

  it.each([
    ['ThrottlingException', service('ThrottlingException', 400)],
    ['KmsThrottlingException', new KmsThrottlingException({ message: 'slow down', ...meta(400) })],
    ['InternalFailure', service('InternalFailure', 500)],
    ['ServiceUnavailable', service('ServiceUnavailable', 503)],
    ['InvalidToken', new InvalidToken({ message: 'Invalid Token', ...meta(400) })],
    ['ECONNRESET', networkError('ECONNRESET')],
    ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ['ETIMEDOUT', networkError('ETIMEDOUT')],
    ['TimeoutError', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })],
    ['AbortError', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
  ])('makes %s a retryable StepFunctionsError', (awsName, error) => {
    // Act
    const mapped = toSfnError(error, CALL);

    // Assess
    expect(isStepFunctionsError(mapped)).toBe(true);
    expect(mapped).toMatchObject({ awsName, retryable: true });
    expect(mapped.message).toContain('GetExecutionHistory');
    expect(mapped.cause).toBe(error);
  });

  it.each([
    ['AccessDeniedException', service('AccessDeniedException', 400), /role allows/],
    ['UnrecognizedClientException', service('UnrecognizedClientException', 400), /credentials/],
    ['ValidationException', new ValidationException({ message: 'bad maxResults', ...meta(400) }), /will not help/],
    ['SomethingNew', service('SomethingNew', 400), /will not help/],
  ])('makes %s a StepFunctionsError that is not retried, saying what to do', (awsName, error, hint) => {
    // Act
    const mapped = toSfnError(error, CALL);

    // Assess
    expect(mapped).toMatchObject({ name: 'StepFunctionsError', awsName, retryable: false });
    expect(mapped.message).toMatch(hint);
  });

  it('classifies a thrown non-error value as a plain, non-retryable failure', () => {
    // Act
    const mapped = toSfnError('boom', CALL);

    // Assess
    expect(mapped).toMatchObject({ name: 'StepFunctionsError', awsName: 'Error', retryable: false });
  });

  it('does not take a network-looking code for a network failure when AWS did answer', () => {
    // Prepare
    const answered = Object.assign(service('ECONNRESET', 400), { code: 'ECONNRESET' });

    // Act
    const mapped = toSfnError(answered, CALL);

    // Assess
    expect(mapped).toMatchObject({ retryable: false });
  });
});
