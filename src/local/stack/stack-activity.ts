/**
 * What runs once the servers listen: the event pump (stub → onExecutionEvent), the log pump
 * (the stub's CloudWatch Logs deliveries → onExecutionLogs, unless --no-logs), the sweeper,
 * the tree monitor feeding the terminal view, the player, and — with --exit-when-done — the
 * verdict that ends the run.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createOvirtClient } from '../../adapters/ovirt/index.js';
import type { OvirtJob } from '../../model/ovirt.js';
import type { DemoScenario } from '../demo-pipelines/index.js';
import { awaitVerdict, verdictLines } from './await-verdict.js';
import { startEventPump } from './event-pump.js';
import { lambdaInvoker } from './lambda-invoker.js';
import { startLogPump } from './log-pump.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-services.js';
import type { StackOptions } from './options.js';
import { playScenarios } from './player.js';
import type { StackParts } from './stack-parts.js';
import { functionName } from './stack-support.js';
import { startSweeper } from './sweeper.js';
import type { Teardown } from './teardown.js';
import type { TerminalView } from './terminal-view.js';
import type { ObservedJob } from './tree-model.js';
import { startTreeMonitor } from './tree-monitor.js';
import type { TreeMonitor } from './tree-monitor.js';
import { allMatch } from './verdict.js';
import type { ScenarioVerdict } from './verdict.js';

/** StackOutcome ends a run: the exit code, the verdicts (with --exit-when-done) or the error. */
export interface StackOutcome {
  readonly exitCode: number;
  readonly verdicts?: readonly ScenarioVerdict[] | undefined;
  readonly error?: Error | undefined;
}

/** Activity is the running loops: the monitor, and the outcome when the run ends on its own. */
export interface Activity {
  readonly monitor: TreeMonitor;
  /** Settles only with --exit-when-done (after the verdict) or when something fails for good. */
  readonly outcome: Promise<StackOutcome>;
}

/** ActivityInput: the run's options, parts, scenarios, start time and view. */
export interface ActivityInput {
  readonly options: StackOptions;
  readonly parts: StackParts;
  readonly scenarios: readonly DemoScenario[];
  readonly startedAt: number;
  readonly view: TerminalView;
}

/** startActivity starts the loops (see the file comment), each registered on the Teardown. */
export function startActivity(input: ActivityInput, teardown: Teardown): Activity {
  const { options, parts, view } = input;
  const invoker = lambdaInvoker(parts.offline.lambdaUrl);
  const warn = (message: string): void => view.note(message);
  const stub = parts.stub;
  const deadLetters = new SQSClient({ endpoint: parts.deadLetterQueue.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
  teardown.add('dead-letter queue client', () => deadLetters.destroy());
  const deadLetter = async (record: Record<string, unknown>): Promise<void> => {
    await deadLetters.send(new SendMessageCommand({ QueueUrl: parts.deadLetterQueue.queueUrl, MessageBody: JSON.stringify(record) }));
  };
  // --outage: the functions are there, but nothing invokes them (the product is down).
  const live = stub && !options.outage ? stub : undefined;
  const pump = live && startEventPump({ stub: live, invoker, functionName: functionName('onExecutionEvent'), warn, deadLetter, region: LOCAL_REGION });
  if (pump !== undefined) teardown.add('event pump', () => pump.stop());
  const logPump = live && options.logs.enabled ? startLogPump({ stub: live, invoker, functionName: functionName('onExecutionLogs'), warn, deadLetter, region: LOCAL_REGION }) : undefined;
  if (logPump !== undefined) teardown.add('log pump', () => logPump.stop());
  const sweeper = options.outage ? undefined : startSweeper({ invoker, functionName: functionName('sweep'), intervalMs: options.sweepSeconds * 1000, region: LOCAL_REGION, warn });
  if (sweeper !== undefined) teardown.add('sweeper', () => sweeper.stop());
  if (options.outage) warn('Outage: no status event, log delivery or sweep reaches the functions; mirror the executions with `npx ovirt-pipeline-jobs backfill --state-machine <ARN> --stage local`.');
  const monitor = startMonitor(input, teardown);
  const playback = stub && playScenarios(stub, input.scenarios, options.speed);
  if (playback !== undefined) teardown.add('player', () => playback.stop());
  const offlineDied = parts.offline.exited.then((how) => ({
    exitCode: 1,
    error: new Error(`serverless offline stopped unexpectedly (${how}). Its last output:\n${parts.offline.tail()}`),
  }));
  if (playback === undefined) return { monitor, outcome: offlineDied };
  const judge = async (): Promise<ScenarioVerdict[]> => {
    await pump?.idle();
    await logPump?.idle();
    const settleMs = options.settleSeconds * 1000;
    return awaitVerdict({ scenarios: input.scenarios, monitor, sweeps: () => sweeper?.runs() ?? 0, othersAreErrors: options.ovirtUrl === undefined, settleMs });
  };
  return { monitor, outcome: Promise.race([offlineDied, conclude(options, view, playback.done, judge)]) };
}

function startMonitor(input: ActivityInput, teardown: Teardown): TreeMonitor {
  const { view, startedAt } = input;
  const simulator = input.options.ovirtUrl === undefined;
  const { apiUrl, username, password, token, caFile, insecure } = input.parts.engine;
  const client = createOvirtClient({ url: apiUrl, username, password, token, caFile, insecure, logger: { warn: (message) => view.note(message) } });
  teardown.add('task monitor reader', () => client.close());
  // A real engine also holds other people's jobs: show only those started since this run began.
  const include = (job: OvirtJob): boolean => simulator || (job.startTime ?? 0) >= startedAt - 60_000;
  let seenJob = false;
  const onReading = (jobs: readonly ObservedJob[]): void => {
    view.update(jobs);
    if (seenJob || jobs.length === 0) return;
    seenJob = true;
    view.note(`First job visible in the task monitor ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start.`);
  };
  const monitor = startTreeMonitor({ client, include, intervalMs: simulator ? 500 : 1500, onReading, warn: (m) => view.note(m) });
  teardown.add('tree monitor', () => monitor.stop());
  return monitor;
}

async function conclude(options: StackOptions, view: TerminalView, played: Promise<void>, judge: () => Promise<ScenarioVerdict[]>): Promise<StackOutcome> {
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
