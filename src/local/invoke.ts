/**
 * `npm run invoke -- -f <function> -p <event.json>`: runs one Lambda handler of this service
 * in a local Node process with an event from a file, and prints what it returned.
 *
 * Why not `serverless invoke local`: the bundles are ESM (`.mjs`, which the nodejs24.x runtime
 * loads natively), and osls 4.3.1's invoke-local only tries `.js` and `.cjs` files, so it cannot
 * load them. This runs the same handler module (handlers/*.ts) with the environment you give it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Context } from 'aws-lambda';
import { syntheticLambdaContext } from '../operate/lambda-context.js';

const FUNCTIONS: Record<string, string> = {
  onExecutionEvent: '../../handlers/on-execution-event.js',
  onExecutionLogs: '../../handlers/on-execution-logs.js',
  sweep: '../../handlers/sweep.js',
};

const USAGE = `Usage: npm run invoke -- -f <${Object.keys(FUNCTIONS).join('|')}> [-p event.json] [--timeout SECONDS]
Configuration comes from the environment, as in Lambda (see the README's configuration reference).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { function: { type: 'string', short: 'f' }, path: { type: 'string', short: 'p' }, timeout: { type: 'string' } },
  });
  const target = values.function === undefined ? undefined : FUNCTIONS[values.function];
  const timeout = Number(values.timeout ?? 60);
  if (target === undefined || !(timeout > 0)) {
    console.error(values.function === undefined ? USAGE : `Unknown function "${values.function}".\n${USAGE}`);
    return 2;
  }
  const event: unknown = values.path === undefined ? {} : JSON.parse(readFileSync(values.path, 'utf8'));
  const { handler } = (await import(target)) as { handler: (event: unknown, context: Context) => Promise<unknown> };
  const result = await handler(event, syntheticLambdaContext(values.function ?? 'local', timeout * 1000));
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Invocation failed: ${(error as Error).name}: ${(error as Error).message}`);
    process.exit(1);
  },
);
