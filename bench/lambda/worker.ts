/**
 * The benchmark's stand-in for one Lambda container: a child process that imports one handler
 * module (source or bundle) with the function's environment, then runs invocations sent over
 * IPC and answers with the result, the handler's duration and, on request, its peak RSS.
 *
 * Usage: node [--import tsx] bench/lambda/worker.ts <handler module path> <timeout ms>
 * (tsx only for a TypeScript handler; Node runs this file itself, its imports are type-only).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { WorkerReply, WorkerRequest } from './protocol.js';

type Handler = (event: unknown, context: object) => Promise<unknown>;

const [modulePath, timeoutArg] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg ?? '60000');

function lambdaContext(requestId: number): object {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
    memoryLimitInMB: '512',
    awsRequestId: `bench-${requestId}`,
    logGroupName: 'bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  if (modulePath === undefined) throw new Error('Usage: worker.ts <handler module path> <timeout ms>');
  const started = performance.now();
  const { handler } = (await import(pathToFileURL(modulePath).href)) as { handler: Handler };
  reply({ kind: 'ready', importMs: performance.now() - started });
  process.on('message', (message: WorkerRequest) => {
    if (message.kind === 'usage') {
      const memory = process.memoryUsage();
      reply({ kind: 'usage', id: message.id, maxRssKb: process.resourceUsage().maxRSS, heapUsed: memory.heapUsed });
      return;
    }
    const begin = performance.now();
    handler(message.event, lambdaContext(message.id)).then(
      (result) => reply({ kind: 'result', id: message.id, ok: true, result, ms: performance.now() - begin }),
      (error: unknown) => {
        const { name, message: text } = error instanceof Error ? error : { name: 'Error', message: String(error) };
        reply({ kind: 'result', id: message.id, ok: false, error: { name, message: text }, ms: performance.now() - begin });
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`Lambda worker could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
