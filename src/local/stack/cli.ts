/**
 * `npm start` / `npm run demo`: parses the command line, starts the stack, and stops it on
 * Ctrl-C (SIGINT), SIGTERM or SIGHUP — a second Ctrl-C while stopping kills what is left at
 * once. Exit codes: 0 done (or stopped by the user), 1 the run failed (a part did not start,
 * or with --exit-when-done an oVirt tree differs), 2 bad command line.
 */
import { fileURLToPath } from 'node:url';
import { demoCatalogue } from '../demo-pipelines/index.js';
import { localStageFilePath } from './local-stage-file.js';
import { parseStackOptions, STACK_USAGE, StackUsageError } from './options.js';
import type { StackOptions } from './options.js';
import { startStack } from './stack.js';
import type { RunningStack } from './stack.js';

const SERVICE_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** runCli runs the stack for `argv` and resolves to the process exit code. */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  let options: StackOptions | 'help';
  try {
    options = parseStackOptions(argv, env);
  } catch (error) {
    return usageFailure(error);
  }
  if (options === 'help') {
    const scenarios = demoCatalogue().map((scenario) => `  ${scenario.name.padEnd(18)}${scenario.title}`);
    process.stdout.write(`${STACK_USAGE}\n\nDemo scenarios:\n${scenarios.join('\n')}\n`);
    return 0;
  }
  let stack: RunningStack;
  try {
    stack = await startStack(options, { out: process.stdout, env, serviceDir: SERVICE_DIR, localStageFile: localStageFilePath(SERVICE_DIR) });
  } catch (error) {
    if (error instanceof StackUsageError) return usageFailure(error);
    process.stderr.write(`npm start: the local stack did not start.\n${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const stopped = new Promise<number>((resolve) => onStopSignal(stack, resolve));
  const outcome = await Promise.race([stack.finished, stopped.then((code) => ({ exitCode: code, error: undefined }))]);
  if (outcome.error !== undefined) process.stderr.write(`npm start: ${outcome.error.message}\n`);
  await stack.stop();
  return outcome.exitCode;
}

function usageFailure(error: unknown): number {
  if (!(error instanceof StackUsageError)) throw error;
  process.stderr.write(`npm start: ${error.message}\n\n${STACK_USAGE}\n`);
  return 2;
}

/** RELAYED_SIGNAL_MS: npm, npx and tsx pass a signal on, so one Ctrl-C can arrive more than once. */
const RELAYED_SIGNAL_MS = 1000;

function onStopSignal(stack: RunningStack, resolve: (code: number) => void): void {
  let stoppingSince: number | undefined;
  const handle = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined && Date.now() - stoppingSince < RELAYED_SIGNAL_MS) return;
    if (stoppingSince !== undefined) {
      process.stderr.write(`\nnpm start: ${signal} again; exiting without waiting.\n`);
      try {
        process.kill(-stack.offlinePid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      process.exit(1);
    }
    stoppingSince = Date.now();
    process.stdout.write(`\nStopping the local stack (${signal})…\n`);
    resolve(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handle);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`npm start: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
