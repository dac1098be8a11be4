/**
 * startStack runs the product locally as one supervised tree of parts, started in order and
 * stopped in reverse (Teardown), also when a start fails half way:
 *
 * ```text
 * engine simulator (TLS, task monitor) ─┐
 * dynalite + tracking table ────────────┼─► serverless offline (real handlers) ◄── event pump ◄── Step Functions stub ◄── player
 * Step Functions stub ──────────────────┘          ▲                                                     (demo catalogue)
 *                                                  └── sweeper (every --sweep-seconds)
 * tree monitor (REST reads) ─► terminal view;  --exit-when-done: verdict against the expected trees
 * ```
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createOvirtClient } from '../../adapters/ovirt/index.js';
import type { OvirtJob } from '../../model/ovirt.js';
import { demoCatalogue } from '../demo-pipelines/index.js';
import type { DemoScenario } from '../demo-pipelines/index.js';
import { awaitVerdict, verdictLines } from './await-verdict.js';
import { startEventPump } from './event-pump.js';
import { freePort } from './free-port.js';
import { handlerEnvironment } from './handler-env.js';
import type { EngineAccess } from './handler-env.js';
import { lambdaInvoker } from './lambda-invoker.js';
import { LOCAL_REGION, startSimulator, startStub, startTrackingDatabase } from './local-services.js';
import type { StackOptions } from './options.js';
import { playScenarios } from './player.js';
import { selectScenarios, withRunTag } from './scenarios.js';
import { startServerlessOffline } from './serverless-offline.js';
import { startSweeper } from './sweeper.js';
import { Teardown } from './teardown.js';
import { TerminalView } from './terminal-view.js';
import type { ViewOutput } from './terminal-view.js';
import { startTreeMonitor } from './tree-monitor.js';
import type { TreeMonitor } from './tree-monitor.js';
import { allMatch } from './verdict.js';
import type { ScenarioVerdict } from './verdict.js';
import { bannerLines, engineFromEnvironment, functionName } from './stack-support.js';
import type { StackUrls } from './stack-support.js';

export type { StackUrls } from './stack-support.js';

/** StackIo is the stack's outside world: where it prints, its environment, the service directory. */
export interface StackIo {
  readonly out: ViewOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory holding serverless.yml. */
  readonly serviceDir: string;
}

/** StackOutcome ends a run: the exit code, the verdicts (with --exit-when-done) or the error. */
export interface StackOutcome {
  readonly exitCode: number;
  readonly verdicts?: readonly ScenarioVerdict[] | undefined;
  readonly error?: Error | undefined;
}

/** RunningStack is a started stack. */
export interface RunningStack {
  readonly urls: StackUrls;
  /** Child process id of serverless offline (its process group id too). */
  readonly offlinePid: number;
  /** Epoch ms when the first job was seen in the task monitor, undefined until then. */
  firstJobAt(): number | undefined;
  /** Resolves when the run ends on its own: after the verdict with --exit-when-done, or on a fatal error. */
  readonly finished: Promise<StackOutcome>;
  /** stop tears everything down (idempotent). */
  stop(): Promise<void>;
}

/** startStack starts every part (see the file comment); on a start failure it stops what started and rethrows. */
export async function startStack(options: StackOptions, io: StackIo): Promise<RunningStack> {
  const startedAt = Date.now();
  const teardown = new Teardown();
  const view = new TerminalView(io.out, startedAt, io.env);
  try {
    const scenarios = options.sfnEndpoint === undefined ? chooseScenarios(options) : [];
    const engine = options.ovirtUrl === undefined ? await simulatorAccess(options.port, teardown) : engineFromEnvironment(options.ovirtUrl, io.env);
    const dynamodbEndpoint = await startTrackingDatabase(teardown);
    const stub = options.sfnEndpoint === undefined ? await startStub(teardown) : undefined;
    const buildDir = makeBuildFolder(io.serviceDir);
    teardown.add('build folder', () => rmSync(buildDir, { recursive: true, force: true }));
    const offline = await startServerlessOffline({
      cwd: io.serviceDir,
      lambdaPort: await freePort(),
      httpPort: await freePort(),
      env: handlerEnvironment({
        base: io.env,
        engine: engine.access,
        sfnEndpoint: options.sfnEndpoint ?? stub?.url ?? '',
        dynamodbEndpoint,
        requeueSeconds: options.sweepSeconds,
        buildFolder: relative(io.serviceDir, buildDir),
        stateMachineArns: io.env.STATE_MACHINE_ARNS,
      }),
      onLine: options.verbose ? (line) => view.note(`[serverless] ${line}`) : undefined,
    });
    teardown.add('serverless offline', () => offline.stop());
    const urls: StackUrls = { ...engine.urls, lambda: offline.lambdaUrl, stepFunctions: options.sfnEndpoint ?? stub?.url ?? '', dynamodb: dynamodbEndpoint };
    view.print(bannerLines(urls, { startedAt, scenarios: scenarios.length, speed: options.speed, caFile: engine.access.caFile }));
    const invoker = lambdaInvoker(offline.lambdaUrl);
    const warn = (message: string): void => view.note(message);
    const pump = stub && startEventPump({ stub, invoker, functionName: functionName('onExecutionEvent'), warn });
    if (pump !== undefined) teardown.add('event pump', () => pump.stop());
    const sweeper = startSweeper({ invoker, functionName: functionName('sweep'), intervalMs: options.sweepSeconds * 1000, region: LOCAL_REGION, warn });
    teardown.add('sweeper', () => sweeper.stop());
    const monitor = startMonitor(engine.access, options.ovirtUrl === undefined, startedAt, view, teardown);
    const playback = stub && playScenarios(stub, scenarios, options.speed);
    if (playback !== undefined) teardown.add('player', () => playback.stop());
    const ended = offline.exited.then((how) => ({ exitCode: 1, error: new Error(`serverless offline stopped unexpectedly (${how}). Its last output:\n${offline.tail()}`) }));
    const verdict = playback === undefined ? new Promise<never>(() => undefined) : conclude(options, view, playback.done, async () => {
      await pump?.idle();
      return awaitVerdict({ scenarios, monitor, sweeps: () => sweeper.runs(), othersAreErrors: options.ovirtUrl === undefined, settleMs: options.settleSeconds * 1000 });
    });
    return {
      urls,
      offlinePid: offline.pid,
      firstJobAt: () => monitor.firstJobAt(),
      finished: Promise.race([ended, verdict]),
      stop: async () => {
        view.finish();
        for (const problem of await teardown.run()) io.out.write(`${problem}\n`);
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/**
 * makeBuildFolder creates this run's own bundle folder under node_modules/.cache: ignored by
 * git and by the bundler's file watcher, untouched by `serverless package`, and inside the
 * project so the bundles resolve the packages left out of them (the AWS SDK) from node_modules.
 */
function makeBuildFolder(serviceDir: string): string {
  const parent = join(serviceDir, 'node_modules', '.cache', 'ovirt-pipeline-jobs-stack');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'build-'));
}

function chooseScenarios(options: StackOptions): DemoScenario[] {
  const chosen = selectScenarios(demoCatalogue(), options.scenarios);
  if (options.ovirtUrl === undefined) return chosen;
  const tag = Date.now().toString(36);
  return chosen.map((scenario) => withRunTag(scenario, tag));
}

async function simulatorAccess(port: number, teardown: Teardown): Promise<{ access: EngineAccess; urls: Pick<StackUrls, 'taskMonitor' | 'ovirtApi'> }> {
  const { engine, login } = await startSimulator(port, teardown);
  return {
    access: { apiUrl: engine.apiUrl, username: login.username, password: login.password, caFile: engine.caFile },
    urls: { taskMonitor: `${engine.url}/`, ovirtApi: engine.apiUrl },
  };
}

function startMonitor(access: EngineAccess, simulator: boolean, startedAt: number, view: TerminalView, teardown: Teardown): TreeMonitor {
  const { apiUrl, username, password, token, caFile, insecure } = access;
  const client = createOvirtClient({ url: apiUrl, username, password, token, caFile, insecure, logger: { warn: (message) => view.note(message) } });
  teardown.add('task monitor reader', () => client.close());
  // A real engine also holds other people's jobs: show only those started since this run began.
  const include = (job: OvirtJob): boolean => simulator || (job.startTime ?? 0) >= startedAt - 60_000;
  const monitor = startTreeMonitor({ client, include, intervalMs: simulator ? 500 : 1500, onReading: (jobs) => view.update(jobs), warn: (m) => view.note(m) });
  teardown.add('tree monitor', () => monitor.stop());
  return monitor;
}

async function conclude(
  options: StackOptions,
  view: TerminalView,
  played: Promise<void>,
  judge: () => Promise<ScenarioVerdict[]>,
): Promise<StackOutcome> {
  try {
    await played;
  } catch (error) {
    return { exitCode: 1, error: error instanceof Error ? error : new Error(String(error)) };
  }
  if (!options.exitWhenDone) {
    view.note('Every demo pipeline has played. The task monitor stays up; press Ctrl-C to stop.');
    return new Promise<never>(() => undefined);
  }
  view.note('Every demo pipeline has played; waiting for the oVirt trees to settle…');
  const verdicts = await judge();
  const ok = allMatch(verdicts);
  view.print(['', ok ? 'Every scenario left its expected oVirt tree.' : 'Some oVirt trees differ from the expected ones:', ...verdictLines(verdicts)]);
  return { exitCode: ok ? 0 : 1, verdicts };
}
