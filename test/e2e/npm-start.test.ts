/**
 * End to end, as a newcomer runs it: `npm run demo` plays the whole demo catalogue through the
 * real handlers under serverless offline and must exit 0 with every scenario's oVirt tree as
 * expected; `npm start` stopped with Ctrl-C (SIGINT to its process group, as a terminal sends
 * it) must exit cleanly. Afterwards no process of the run is left and every port is free.
 * The two figures the README quotes are printed: time to the first job, and demo duration.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCatalogue } from '../../src/local/demo-pipelines/index.js';
import { isPortFree } from '../../src/local/stack/free-port.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Run is a spawned npm script with its output so far. */
interface Run {
  readonly child: ChildProcess;
  readonly startedAt: number;
  output(): string;
  /** Epoch ms when `pattern` first appeared in the output. */
  seen(pattern: RegExp): Promise<number>;
  /** The exit code, or the signal that ended the process. */
  readonly exit: Promise<number | string>;
}

const runs: Run[] = [];

function npmRun(args: string[]): Run {
  const child = spawn('npm', args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let text = '';
  const watchers: Array<{ pattern: RegExp; resolve: (at: number) => void }> = [];
  const feed = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const w of watchers.filter((w) => w.pattern.test(text))) {
      watchers.splice(watchers.indexOf(w), 1);
      w.resolve(Date.now());
    }
  };
  child.stdout?.on('data', feed);
  child.stderr?.on('data', feed);
  const run: Run = {
    child,
    startedAt: Date.now(),
    output: () => text,
    seen: (pattern) => (pattern.test(text) ? Promise.resolve(Date.now()) : new Promise((resolve) => watchers.push({ pattern, resolve }))),
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))),
  };
  runs.push(run);
  return run;
}

/** portsOf reads the ports of the URLs the banner printed (task monitor and API share one). */
function portsOf(output: string): number[] {
  return [...new Set([...output.matchAll(/^ {2}[A-Za-z ]+?\s{2,}https?:\/\/127\.0\.0\.1:(\d+)/gm)].map((m) => Number(m[1])))];
}

/** processes lists live processes (Linux /proc) as "pid cmdline", with their process group. */
function processes(): Array<{ pid: number; group: number; command: string }> {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        return [{ pid: Number(pid), group, command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
      } catch {
        return [];
      }
    });
}

/** leftovers waits up to 5 s for the run's processes to be gone and returns those still there. */
async function leftovers(group: number, lambdaPort: string): Promise<string[]> {
  let left: string[] = [];
  for (let tries = 0; tries < 50; tries++) {
    left = processes()
      .filter((p) => p.group === group || p.command.includes(`--lambdaPort ${lambdaPort}`))
      .map((p) => `${p.pid} ${p.command.slice(0, 160)}`);
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return left;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function assertNothingLeft(run: Run): Promise<void> {
  const ports = portsOf(run.output());
  const lambdaPort = /Lambda invoke\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1];
  // Task monitor and API (one port), Step Functions stub, dynalite, SQS stub, serverless offline.
  expect(ports).toHaveLength(5);
  expect(lambdaPort).toBeDefined();
  expect(await leftovers(run.child.pid ?? 0, lambdaPort ?? '')).toEqual([]);
  expect(await Promise.all(ports.map((port) => isPortFree(port)))).toEqual(ports.map(() => true));
}

afterAll(() => {
  for (const run of runs) if (run.child.pid !== undefined && groupAlive(run.child.pid)) process.kill(-run.child.pid, 'SIGKILL');
});

describe('npm run demo', () => {
  it('plays every scenario to its expected oVirt tree, exits 0 and leaves nothing behind', { timeout: 180_000 }, async () => {
    // Prepare
    const names = demoCatalogue().map((scenario) => scenario.name);
    // Act
    const run = npmRun(['run', 'demo', '--', '--port', '0']);
    const firstJob = await Promise.race([run.seen(/First job visible/), run.exit.then(() => Date.now())]);
    const code = await run.exit;
    const seconds = (Date.now() - run.startedAt) / 1000;
    // Assess
    expect(code, run.output()).toBe(0);
    expect(run.output()).toContain('Every scenario left its expected oVirt tree.');
    for (const name of names) expect(run.output()).toMatch(new RegExp(`^ {2}ok {4}${name}: the oVirt tree matches the expected tree$`, 'm'));
    await assertNothingLeft(run);
    console.log(`npm run demo: first job visible after ${((firstJob - run.startedAt) / 1000).toFixed(1)} s, finished in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(120);
  });
});

describe('npm start', () => {
  it('stops cleanly on Ctrl-C: exit 0, no process left, ports free', { timeout: 120_000 }, async () => {
    // Prepare
    const run = npmRun(['start', '--', '--port', '0']);
    const firstJob = await Promise.race([run.seen(/First job visible/), run.exit.then(() => Date.now())]);
    // Act
    process.kill(-(run.child.pid ?? 0), 'SIGINT');
    const code = await run.exit;
    // Assess: the stack stops cleanly and exits 0; npm, which got the same SIGINT, then ends itself by that signal.
    expect(['SIGINT', 0], run.output()).toContain(code);
    expect(run.output()).toContain('Stopping the local stack (SIGINT)');
    expect(run.output()).toMatch(/Final oVirt tree:\n[\s\S]*\[(started|finished)\]\n+$/);
    expect(run.output()).not.toMatch(/did not stop cleanly|unexpected failure/);
    await assertNothingLeft(run);
    console.log(`npm start: first job visible in the task monitor ${((firstJob - run.startedAt) / 1000).toFixed(1)} s after the command`);
  });
});
