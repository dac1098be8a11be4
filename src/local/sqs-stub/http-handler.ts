/**
 * The stub's HTTP side: the AWS JSON 1.0 protocol as `@aws-sdk/client-sqs` speaks it. A request
 * is `POST /` with `X-Amz-Target: AmazonSQS.<Operation>` and a JSON body (the queue is named by
 * `QueueUrl` in the body); an answer is 200 with a JSON body, or an error status with
 * `{"__type", "message"}`, the type also in `x-amzn-errortype` and the query-protocol code in
 * `x-amzn-query-error`. Signatures are not checked: any dummy credentials do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonObjectOf, readBody, sendJson } from '../sfn-stub/json-protocol.js';
import { WireError } from '../sfn-stub/wire-error.js';
import type { OperationContext } from './operations.js';
import { OPERATIONS } from './operations.js';
import { SqsWireError } from './wire.js';

const TARGET_PREFIX = 'AmazonSQS.';

/** createRequestHandler returns the node:http request listener of the stub. @internal */
export function createRequestHandler(context: OperationContext, calls: Record<string, number>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(context, calls, req, res).catch((error: unknown) => {
      const wire = error instanceof WireError ? error : new WireError(500, 'InternalError', `Stub failure: ${String(error)}`);
      const queryCode = wire instanceof SqsWireError ? `${wire.queryCode};${wire.status < 500 ? 'Sender' : 'Receiver'}` : undefined;
      sendJson(res, wire.status, { __type: wire.awsType, message: wire.message }, { 'x-amzn-errortype': wire.awsType, ...(queryCode ? { 'x-amzn-query-error': queryCode } : {}) });
    });
  };
}

async function handle(context: OperationContext, calls: Record<string, number>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const target = req.headers['x-amz-target'];
  const operationName = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  calls[operationName] = (calls[operationName] ?? 0) + 1;
  const operation = req.method === 'POST' ? OPERATIONS.get(operationName) : undefined;
  if (operation === undefined) {
    throw new SqsWireError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', `The stub does not implement ${String(target ?? 'an operation without X-Amz-Target')}.`);
  }
  sendJson(res, 200, await operation(parseJson(body), context));
}

function parseJson(body: string): Record<string, unknown> {
  const input = jsonObjectOf(body);
  if (input === undefined) throw new SqsWireError('SerializationException', 'SerializationException', 'The request body is not a JSON object.');
  return input;
}
