/**
 * startStack runs the product locally as one supervised tree of parts, started in order and
 * stopped in reverse (Teardown), also when a start fails half way:
 *
 * ```text
 * engine simulator (TLS, task monitor) ─┐
 * dynalite + tracking table ────────────┼─► serverless offline (real handlers) ◄── event pump ◄── Step Functions stub ◄── player
 * Step Functions stub ──────────────────┘          ▲  ▲                                                  (demo catalogue)
 *                                                  │  └── log pump (the stub's log deliveries) ◄──┘
 *                                                  └── sweeper (every --sweep-seconds)
 * tree monitor (REST reads) ─► terminal view;  --exit-when-done: verdict against the expected trees
 * ```
 */
import { demoCatalogue } from '../demo-pipelines/index.js';
import type { DemoScenario } from '../demo-pipelines/index.js';
import type { SfnStub } from '../sfn-stub/index.js';
import { declareDemoStateMachines, demoStateMachines } from './demo-state-machines.js';
import { removeLocalStageFile, writeLocalStageFile } from './local-stage-file.js';
import type { StackOptions } from './options.js';
import { selectScenarios, withRunTag } from './scenarios.js';
import { startActivity } from './stack-activity.js';
import type { StackOutcome } from './stack-activity.js';
import { startParts } from './stack-parts.js';
import { bannerLines } from './stack-support.js';
import type { StackUrls } from './stack-support.js';
import { Teardown } from './teardown.js';
import { TerminalView } from './terminal-view.js';
import type { ViewOutput } from './terminal-view.js';

export type { StackUrls } from './stack-support.js';
export type { StackOutcome } from './stack-activity.js';

/** StackIo is the stack's outside world: where it prints, its environment, the service directory. */
export interface StackIo {
  readonly out: ViewOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory holding serverless.yml. */
  readonly serviceDir: string;
  /**
   * Where to write the `local` stage's settings for `ovirt-pipeline-jobs --stage local` while
   * the stack is up (local-stage-file.ts); `npm start` gives the project's, tests their own.
   */
  readonly localStageFile?: string | undefined;
}

/** RunningStack is a started stack. */
export interface RunningStack {
  readonly urls: StackUrls;
  /** Process id of serverless offline, which leads its own process group. */
  readonly offlinePid: number;
  /** The Step Functions stub, unless --sfn-endpoint names another (tests watch its log deliveries). */
  readonly stub?: SfnStub | undefined;
  /** Epoch ms when the first job was seen in the task monitor, undefined until then. */
  firstJobAt(): number | undefined;
  /** Settles when the run ends on its own: after the verdict with --exit-when-done, or on a fatal error. */
  readonly finished: Promise<StackOutcome>;
  /** stop tears everything down (idempotent) and leaves the final tree on screen. */
  stop(): Promise<void>;
}

/**
 * startStack starts every part (see the file comment); on a start failure it stops what had
 * started and rethrows (StackUsageError for an unknown scenario, StackStartError,
 * ServerlessOfflineError).
 */
export async function startStack(options: StackOptions, io: StackIo): Promise<RunningStack> {
  const startedAt = Date.now();
  const teardown = new Teardown();
  const view = new TerminalView(io.out, startedAt, io.env);
  try {
    const scenarios = options.sfnEndpoint === undefined ? chooseScenarios(options) : [];
    const onOfflineLine = options.verbose ? (line: string) => view.note(`[serverless] ${line}`) : undefined;
    const parts = await startParts({ options, env: io.env, serviceDir: io.serviceDir, onOfflineLine, demoStateMachines: demoStateMachines(scenarios) }, teardown);
    if (parts.stub !== undefined) declareDemoStateMachines(parts.stub, scenarios, options.logs.enabled);
    const stageFile = io.localStageFile;
    if (stageFile !== undefined) {
      writeLocalStageFile(stageFile, parts.localStage);
      teardown.add('local stage file', () => removeLocalStageFile(stageFile));
    }
    view.print(bannerLines(parts.urls, { startedAt, scenarios: scenarios.length, speed: options.speed, caFile: parts.engine.caFile, logs: options.logs.enabled && !options.outage, localStage: stageFile !== undefined }));
    const activity = startActivity({ options, parts, scenarios, startedAt, view }, teardown);
    return {
      urls: parts.urls,
      offlinePid: parts.offline.pid,
      stub: parts.stub,
      firstJobAt: () => activity.monitor.firstJobAt(),
      finished: activity.outcome,
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

function chooseScenarios(options: StackOptions): DemoScenario[] {
  const chosen = selectScenarios(demoCatalogue(), options.scenarios);
  if (options.ovirtUrl === undefined) return chosen;
  const tag = Date.now().toString(36);
  return chosen.map((scenario) => withRunTag(scenario, tag));
}
