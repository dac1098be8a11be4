/**
 * Classification of Step Functions failures at the adapter boundary (retryability is decided where the error enters): the AWS
 * exception name, the HTTP status and network error codes decide whether a later retry can help.
 *
 * | failure                                                     | becomes                          |
 * | ----------------------------------------------------------- | -------------------------------- |
 * | ThrottlingException, KmsThrottlingException, any 5xx, network | StepFunctionsError, retryable     |
 * | cancelled by the caller's AbortSignal                       | StepFunctionsError, retryable (the one abort rule in errors.ts) |
 * | InvalidToken (a fresh run starts paging again)              | StepFunctionsError, retryable    |
 * | ExecutionDoesNotExist, InvalidArn, StateMachineDoesNotExist, ResourceNotFound | TerminalReconcileError |
 * | anything else (access denied, validation, KMS, unknown)     | StepFunctionsError, not retryable |
 */
import { ABORTED_CALL_RETRYABLE, isAbortError, StepFunctionsError, TerminalReconcileError } from '../../errors.js';

/** SfnCall names the failed call for the message: operation and the ARN it was about. */
export interface SfnCall {
  readonly operation: string;
  readonly arn: string;
}

const THROTTLING = new Set(['ThrottlingException', 'KmsThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const GONE = new Set(['ExecutionDoesNotExist', 'InvalidArn', 'StateMachineDoesNotExist', 'ResourceNotFound']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError']);
const DENIED = new Set(['AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'KmsAccessDeniedException']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $fault?: unknown;
}

/**
 * toSfnError turns whatever a Step Functions call threw into a StepFunctionsError (with
 * `awsName` and `retryable`) or a TerminalReconcileError. Messages name the call and say what
 * to do; they never carry credentials (SDK errors do not hold them).
 */
export function toSfnError(error: unknown, call: SfnCall): StepFunctionsError | TerminalReconcileError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const status = shape.$metadata?.httpStatusCode;
  const what = `Step Functions ${call.operation} for ${call.arn}`;
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  if (GONE.has(name)) {
    return new TerminalReconcileError(`${what} failed with ${name}${detail}. The execution is gone (or the ARN is wrong); nothing is left to mirror.`, {
      cause: error,
    });
  }
  if (isAbortError(error)) {
    // The one abort rule of the project (see ABORTED_CALL_RETRYABLE): a later run may retry it.
    return new StepFunctionsError(`${what} was cancelled before it finished (deadline or shutdown); a later run will try it again.`, name, {
      cause: error,
      retryable: ABORTED_CALL_RETRYABLE,
    });
  }
  if (THROTTLING.has(name)) {
    return new StepFunctionsError(`${what} was throttled (${name}). It will be retried; if this persists, lower the sweep rate or raise the account's API quota.`, name, {
      cause: error,
      retryable: true,
    });
  }
  if ((status !== undefined && status >= 500) || shape.$fault === 'server') {
    return new StepFunctionsError(`${what} failed on the AWS side (${name}, HTTP ${status ?? '5xx'})${detail}. It will be retried.`, name, { cause: error, retryable: true });
  }
  if (status === undefined && ((code !== undefined && NETWORK_CODES.has(code)) || NETWORK_NAMES.has(name))) {
    const awsName = code ?? name;
    return new StepFunctionsError(`${what} got no answer (${awsName})${detail}. Check the network path to Step Functions; it will be retried.`, awsName, {
      cause: error,
      retryable: true,
    });
  }
  if (name === 'InvalidToken') {
    return new StepFunctionsError(`${what} refused its paging token (InvalidToken): it expired or the paging arguments changed. It will be retried, paging again from the start.`, name, { cause: error, retryable: true });
  }
  const hint = DENIED.has(name) ? ' Check the credentials and that the role allows this call (states:* on the ARN, kms:Decrypt for encrypted state machines).' : ' Check the request; retrying the same call will not help.';
  return new StepFunctionsError(`${what} failed with ${name}${detail}.${hint}`, name, { cause: error, retryable: false });
}
