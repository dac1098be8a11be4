/**
 * startContainer runs one function in its own process, as Lambda runs it in its own container:
 * its own module instance, clients, connection pool and memory. The runner sends it invocations
 * and reads its peak RSS, which then measures the function alone, not the stand-ins.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InvokeResult, WorkerReply } from './protocol.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STDERR_KEEP = 16_384;

/** ContainerOptions: the handler module (a .ts source or a bundled .mjs), its timeout and environment. */
export interface ContainerOptions {
  readonly modulePath: string;
  readonly timeoutMs: number;
  readonly env: Record<string, string>;
  /** Extra Node options for the function's process (e.g. `--cpu-prof --cpu-prof-dir=…` to profile it). */
  readonly nodeOptions?: string | undefined;
}

/** Container is a running function. */
export interface Container {
  /** Time the handler module took to import (cold start of the module graph). */
  readonly importMs: number;
  invoke(event: unknown): Promise<InvokeResult>;
  /** peakRssKb is the process's peak resident set size so far. */
  peakRssKb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * startContainer spawns the worker and resolves once the handler module is imported. A bundled
 * handler runs on plain Node, as in Lambda (Node strips the worker's types itself); TypeScript
 * sources need the tsx loader, which costs memory and time of its own.
 */
export async function startContainer(options: ContainerOptions): Promise<Container> {
  const loader = options.modulePath.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, WORKER, options.modulePath, String(options.timeoutMs)], {
    cwd: PROJECT_ROOT,
    env: { ...options.env, ...(options.nodeOptions === undefined ? {} : { NODE_OPTIONS: options.nodeOptions }) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-STDERR_KEEP)));
  const pending = new Map<number, (reply: WorkerReply) => void>();
  let nextId = 1;
  const importMs = await waitUntilReady(child, () => stderr);
  child.on('message', (reply: WorkerReply) => {
    if (reply.kind === 'ready') return;
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const [id, settle] of pending) {
      settle({ kind: 'result', id, ok: false, error: { name: 'WorkerExited', message: `worker exited (${code}): ${stderr}` }, ms: 0 });
    }
  });
  const ask = <T extends WorkerReply>(build: (id: number) => object): Promise<T> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (reply) => resolve(reply as T));
      child.send(build(id));
    });
  return {
    importMs,
    invoke: (event) => ask<InvokeResult>((id) => ({ kind: 'invoke', id, event })),
    peakRssKb: async () => (await ask<WorkerReply & { kind: 'usage' }>((id) => ({ kind: 'usage', id }))).maxRssKb,
    stop: async () => {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

function waitUntilReady(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`The Lambda worker exited (code ${code}) before its handler loaded:\n${stderr()}`));
    child.once('exit', onExit);
    child.once('message', (reply: WorkerReply) => {
      child.off('exit', onExit);
      if (reply.kind === 'ready') resolve(reply.importMs);
      else reject(new Error(`The Lambda worker sent ${reply.kind} before it was ready.`));
    });
  });
}
