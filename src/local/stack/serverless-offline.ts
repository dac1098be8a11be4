/**
 * startServerlessOffline runs `serverless offline start --stage local` as a child process:
 * serverless-esbuild bundles the real handlers exactly as for Lambda, and serverless offline
 * serves them on its Lambda invoke endpoint. The child leads its own process group, so stop()
 * ends it together with everything it started (esbuild, handler workers), and a parent
 * watchdog ends it if this process dies without stopping it.
 *
 * ```text
 * stack ──spawn──► node serverless offline (group leader) ──► esbuild service
 *   │ IPC channel: closes when the stack dies → watchdog kills the group
 *   └─ stop(): SIGTERM to the group, SIGKILL after STOP_GRACE_MS
 * ```
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { OutputTail } from './output-tail.js';

/** STOP_GRACE_MS is how long serverless offline gets to halt before it is killed. */
export const STOP_GRACE_MS = 5_000;

/** OfflineOptions says where the service is and how to run it. */
export interface OfflineOptions {
  /** The service directory (holding serverless.yml). */
  readonly cwd: string;
  readonly lambdaPort: number;
  readonly httpPort: number;
  /** The complete environment of the child (nothing else is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Each output line, as it arrives (verbose mode prints them). */
  readonly onLine?: ((line: string) => void) | undefined;
  /** @default 120000 — bundling on a cold machine can take a while. */
  readonly startTimeoutMs?: number | undefined;
}

/** RunningOffline is a started serverless offline. */
export interface RunningOffline {
  /** Base URL of the Lambda invoke endpoint, e.g. http://127.0.0.1:3002. */
  readonly lambdaUrl: string;
  readonly pid: number;
  /** The last lines of its output (for error messages). */
  tail(): string;
  /** Resolves with the exit code (or signal name) when the child ends. */
  readonly exited: Promise<string>;
  stop(): Promise<void>;
}

/** ServerlessOfflineError: serverless offline did not start; the message carries its last output. */
export class ServerlessOfflineError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServerlessOfflineError';
  }
}

const READY = /Offline \[http for lambda\] listening on (http:\/\/\S+)/;
const WATCHDOG = fileURLToPath(new URL('./parent-watchdog.ts', import.meta.url));

/** startServerlessOffline spawns serverless offline and resolves once its Lambda endpoint listens. */
export async function startServerlessOffline(options: OfflineOptions): Promise<RunningOffline> {
  const child = spawn(process.execPath, offlineArgs(options), {
    cwd: options.cwd,
    env: { ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail = new OutputTail(40);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
    child.once('error', (error) => resolve(error.message));
  });
  const ready = waitForReady(child, tail, options.onLine);
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const outcome = await Promise.race([
    ready.then((url) => ({ kind: 'ready' as const, url })),
    exited.then((how) => ({ kind: 'exited' as const, how })),
    new Promise<{ kind: 'timeout' }>((resolve) => setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs).unref()),
  ]);
  const stop = () => stopGroup(child, exited);
  if (outcome.kind !== 'ready') {
    await stop();
    const what = outcome.kind === 'exited' ? `exited (${outcome.how}) before it listened` : `did not listen within ${timeoutMs / 1000} s`;
    throw new ServerlessOfflineError(
      `serverless offline ${what}. Its last output:\n${tail.text()}\n` +
        'Fix what it reports (npm run typecheck shows TypeScript errors; npm ci restores missing packages), then run npm start again.',
    );
  }
  child.unref();
  return { lambdaUrl: outcome.url, pid: child.pid ?? 0, tail: () => tail.text(), exited, stop };
}

function offlineArgs(options: OfflineOptions): string[] {
  let bin: string;
  try {
    bin = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');
  } catch (cause) {
    throw new ServerlessOfflineError('The serverless framework is not installed (node_modules/serverless is missing). Run npm ci, then npm start again.', { cause });
  }
  return [
    '--import', WATCHDOG, bin, 'offline', 'start', '--stage', 'local', '--host', '127.0.0.1',
    '--lambdaPort', String(options.lambdaPort), '--httpPort', String(options.httpPort),
    '--localEnvironment', '--noSponsor',
  ];
}

function waitForReady(child: ChildProcess, tail: OutputTail, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve) => {
    const feed = (line: string): void => {
      tail.push(line);
      onLine?.(line);
      const match = READY.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (pending + chunk).split(/\r?\n/);
        pending = lines.pop() ?? '';
        lines.forEach(feed);
      });
    }
  });
}

async function stopGroup(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  signalGroup(child.pid, 'SIGTERM');
  const killer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killer);
  // The leader is gone; make sure nothing it started outlives it.
  signalGroup(child.pid, 'SIGKILL');
  if (child.connected) child.disconnect();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
