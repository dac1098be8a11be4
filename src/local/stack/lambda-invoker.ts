/**
 * lambdaInvoker calls functions through serverless offline's Lambda invoke endpoint, the same
 * `POST /2015-03-31/functions/<name>/invocations` the AWS SDK uses. `Event` invocations are
 * asynchronous, as EventBridge invokes the deployed handler (serverless offline answers 202
 * at once); `RequestResponse` waits for the result.
 */

/** InvocationType: 'Event' (asynchronous, like EventBridge) or 'RequestResponse'. */
export type InvocationType = 'Event' | 'RequestResponse';

/** FunctionError is what a failed function answered: Lambda's `{errorType, errorMessage}`. */
export interface FunctionError {
  readonly errorType?: string | undefined;
  readonly errorMessage?: string | undefined;
}

/** LambdaInvokeError: the endpoint refused the call or the function failed; the message says which. */
export class LambdaInvokeError extends Error {
  /** The function's own error, when it failed (not the endpoint). */
  readonly functionError?: FunctionError | undefined;
  constructor(message: string, options?: ErrorOptions & { functionError?: FunctionError | undefined }) {
    super(message, options);
    this.name = 'LambdaInvokeError';
    this.functionError = options?.functionError;
  }
}

/** LambdaInvoker invokes one function by name with a JSON payload. */
export interface LambdaInvoker {
  invoke(functionName: string, payload: unknown, type: InvocationType, signal?: AbortSignal): Promise<unknown>;
}

/** INVOKE_TIMEOUT_MS bounds one call (a sweep may take a while; Lambda's own timeout is 300 s). */
const INVOKE_TIMEOUT_MS = 120_000;

/**
 * lambdaInvoker returns an invoker for the endpoint at `baseUrl`.
 * @example await lambdaInvoker('http://127.0.0.1:3002').invoke('svc-local-fn', event, 'Event');
 */
export function lambdaInvoker(baseUrl: string): LambdaInvoker {
  return {
    async invoke(functionName, payload, type, signal) {
      const url = `${baseUrl}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
      const timeout = AbortSignal.timeout(INVOKE_TIMEOUT_MS);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-amz-invocation-type': type },
          body: JSON.stringify(payload),
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        });
      } catch (cause) {
        throw new LambdaInvokeError(`Could not reach serverless offline at ${baseUrl} to invoke ${functionName}; is it still running?`, { cause });
      }
      const text = await response.text();
      const functionError = response.headers.get('x-amz-function-error') ?? response.headers.get('x-amzn-errortype');
      if (response.status >= 400 || functionError !== null) {
        throw new LambdaInvokeError(`Invoking ${functionName} failed (HTTP ${response.status}${functionError ? `, ${functionError}` : ''}): ${text.slice(0, 500)}`, {
          functionError: functionError === null ? undefined : functionErrorOf(parseBody(text)),
        });
      }
      return parseBody(text);
    },
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function functionErrorOf(body: unknown): FunctionError | undefined {
  const { errorType, errorMessage } = (body ?? {}) as { errorType?: unknown; errorMessage?: unknown };
  if (typeof errorType !== 'string' && typeof errorMessage !== 'string') return undefined;
  return { errorType: typeof errorType === 'string' ? errorType : undefined, errorMessage: typeof errorMessage === 'string' ? errorMessage : undefined };
}
