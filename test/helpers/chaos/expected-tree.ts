/**
 * expectedTree is the oracle of the step invariants: the core's desiredState for the *whole*
 * history, built in one pass from event 1 (no checkpoint), turned into comparable paths. The
 * reconciler got there incrementally, through crashes and partial reads; if it lost or doubled
 * anything, the simulator's tree differs from this one.
 */
import { buildTree } from '../../../src/core/build-tree.js';
import { desiredState, mapRunsToDescribe, parallelStatesNeedingDefinition, parseParallelBranches } from '../../../src/core/desired.js';
import type { DesiredStep } from '../../../src/model/desired.js';
import type { MapRunSummary } from '../../../src/model/execution.js';
import type { MappingConfig } from '../../../src/model/mapping.js';
import type { RunInfo } from '../../../src/model/tree.js';
import type { HistoryReader } from '../../../src/ports.js';

/** ExpectedStep is a desired step with its full path of descriptions from the job down. */
export interface ExpectedStep extends DesiredStep {
  readonly path: string;
}

/** ExpectedRun is one execution run: its job and the steps it must have. */
export interface ExpectedRun {
  readonly run: RunInfo;
  readonly jobKey: string;
  readonly correlationId: string;
  readonly description: string;
  readonly jobEnd: 'finished' | 'failed' | null;
  readonly steps: readonly ExpectedStep[];
}

/** PATH_SEPARATOR joins descriptions into a path (a character no description is made of alone). */
export const PATH_SEPARATOR = ' ⟩ ';

/** expectedRuns reads the full history and returns what oVirt must show for each run. */
export async function expectedRuns(history: HistoryReader, executionArn: string, mapping: MappingConfig): Promise<ExpectedRun[]> {
  const description = await history.describeExecution(executionArn);
  const tree = buildTree(await history.readEventsAfter(executionArn, 0));
  const parallelBranches =
    parallelStatesNeedingDefinition(tree).length > 0 ? parseParallelBranches((await history.describeDefinition(executionArn)).definition) : undefined;
  const mapRuns = new Map<string, MapRunSummary>();
  for (const arn of mapRunsToDescribe(tree)) mapRuns.set(arn, await history.describeMapRun(arn));
  const desired = desiredState(tree, {
    executionArn,
    stateMachineName: executionArn.split(':')[6] ?? '',
    executionName: description.name,
    mapping,
    parallelBranches,
    mapRuns,
  });
  const byKey = new Map(desired.steps.map((step) => [step.key, step]));
  const pathOf = (step: DesiredStep): string => {
    const parent = step.parentKey === null ? undefined : byKey.get(step.parentKey);
    return parent === undefined ? step.description : `${pathOf(parent)}${PATH_SEPARATOR}${step.description}`;
  };
  return desired.jobs.map((job) => ({
    run: tree.runs.find((run) => run.run === job.run) ?? { run: job.run, status: 'RUNNING', startedEventId: 0, endedEventId: null, error: null, cause: null, blamedVisitId: null },
    jobKey: job.key,
    correlationId: job.correlationId,
    description: job.description,
    jobEnd: job.end,
    steps: desired.steps.filter((step) => step.jobKey === job.key).map((step) => ({ ...step, path: pathOf(step) })),
  }));
}
