/**
 * The stub's HTTP side: the AWS JSON 1.0 protocol as `@aws-sdk/client-sfn` speaks it. A request
 * is `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body; an answer is
 * 200 with a JSON body, or an error status with `{"__type": "<ExceptionName>", "message": …}`
 * (also named in `x-amzn-errortype`), which the SDK turns into an error whose `name` is the
 * exception name. Signatures are not checked: any dummy credentials do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from './faults.js';
import { jsonObjectOf, readBody, sendJson } from './json-protocol.js';
import type { OperationContext } from './operations/context.js';
import { OPERATIONS } from './operations.js';
import { WireError, clientError } from './wire-error.js';

const TARGET_PREFIX = 'AWSStepFunctions.';

/** MutableStats is the stub's live counter set. @internal */
export interface MutableStats {
  calls: Record<string, number>;
  pages: number;
  throttled: number;
}

/** HandlerDeps is what the request handler needs from the stub. @internal */
export interface HandlerDeps {
  readonly context: OperationContext;
  readonly faults: Faults;
  readonly stats: () => MutableStats;
  /** Aborted when the stub stops, so delayed answers do not hold it open. */
  readonly shutdown: AbortSignal;
}

/** createRequestHandler returns the node:http request listener of the stub. @internal */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((error: unknown) => {
      const wire = error instanceof WireError ? error : new WireError(500, 'InternalFailure', `Stub failure: ${String(error)}`);
      sendJson(res, wire.status, { __type: wire.awsType, message: wire.message }, { 'x-amzn-errortype': wire.awsType });
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const target = req.headers['x-amz-target'];
  const operationName = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const stats = deps.stats();
  stats.calls[operationName] = (stats.calls[operationName] ?? 0) + 1;
  const operation = req.method === 'POST' ? OPERATIONS.get(operationName) : undefined;
  if (operation === undefined) {
    throw clientError('UnknownOperationException', `The stub does not implement ${String(target ?? 'an operation without X-Amz-Target')}.`);
  }
  const delayMs = deps.faults.delayMs(operationName);
  if (delayMs > 0) await sleep(delayMs, undefined, { signal: deps.shutdown });
  if (deps.faults.throttles(operationName)) {
    stats.throttled += 1;
    throw clientError('ThrottlingException', 'Rate exceeded');
  }
  const failure = deps.faults.failure(operationName);
  if (failure === 500) throw new WireError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
  if (failure === 503) throw new WireError(503, 'ServiceUnavailable', 'The service is unavailable. Please try again later.');
  sendJson(res, 200, operation(parseJson(body), deps.context));
}

function parseJson(body: string): Record<string, unknown> {
  const input = jsonObjectOf(body);
  if (input === undefined) throw clientError('SerializationException', 'The request body is not a JSON object.');
  return input;
}
