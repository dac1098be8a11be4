/**
 * The steps of one run's job, walked from the tree depth first (parents before children).
 * Ending rules (docs/ovirt-engine-behaviour.md#job-end-cascade, #failing-a-step-fails-the-job: failing one step fails the whole job, ending the job closes
 * every started step with the job's status), so a step's `end` is only 'finished' or null:
 *
 * | Node in this run                     | Step                         | end        |
 * | ------------------------------------ | ---------------------------- | ---------- |
 * | visit SUCCEEDED / CAUGHT             | state name (visit n)         | finished   |
 * | visit RUNNING / FAILED / ABORTED / … | state name (visit n)         | null       |
 * | failed attempt, retried in this run  | Attempt k failed — e: c      | finished   |
 * | CAUGHT visit                         | Caught e: c                  | finished   |
 * | FAILED visit (not Map/Parallel) with | e: c (its own final failure) | null       |
 * | a failure of its own; or the run's   | (else the execution's e: c)  |            |
 * | blame target (blamed visit, else its |                              |            |
 * | nearest mirrored ancestor)           |                              |            |
 * | iteration (index < cap) / branch     | Iteration i / Branch k: S    | finished if SUCCEEDED |
 * | Map attempt with index ≥ cap seen    | Iterations cap–n (summarised)| finished if all succeeded |
 * | … once the attempt closed            | All n iterations: counts     | same       |
 * | Distributed Map attempt closed       | Map run: … (if described)    | finished if run SUCCEEDED |
 * | run FAILED/TIMED_OUT/ABORTED with no | Failed: / Timed out /        | null       |
 * | mirrored visit to carry the reason   | Aborted: e: c (job level)    |            |
 *
 * Step types: a visit's from `stepTypeRules` (first match on the state name, else executing);
 * every other step takes its parent's type; the job-level reason step is `finalizing`.
 * @internal
 */
import type { DesiredStep } from '../model/desired.js';
import type { MapRunSummary } from '../model/execution.js';
import type { MappingConfig } from '../model/mapping.js';
import type { StepType } from '../model/ovirt.js';
import type { ContainerAttempt, ExecutionTree, NodeStatus, RunInfo, StateVisit, TreeNode } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import * as describe from './describe.js';
import { isContainerState } from './event-kinds.js';
import type { BlameTarget } from './mirroring.js';
import { blameTargetOf, isMirroredType } from './mirroring.js';
import { jobKey, STEP_PATHS, stepKey } from './object-key.js';
import { stepTypeFor } from './step-type.js';
import { failureText, truncate } from './text.js';

/** DesiredContext is what desiredState needs beyond the tree. It lives here, not in desired.ts, so
 * the step walk does not import its own caller (no import cycle). */
export interface DesiredContext {
  readonly executionArn: string;
  readonly stateMachineName: string;
  readonly executionName: string;
  readonly mapping: MappingConfig;
  /** Parallel branch names: for a Parallel state name, the StartAt of each branch in order (from the definition); absent when unknown. */
  readonly parallelBranches?: ReadonlyMap<string, readonly string[]> | undefined;
  /** Distributed Map run summaries by mapRunArn, for the attempts mapRunsToDescribe listed. */
  readonly mapRuns?: ReadonlyMap<string, MapRunSummary> | undefined;
}

interface Walk {
  readonly run: RunInfo;
  readonly ctx: DesiredContext;
  readonly children: ReadonlyMap<string, TreeNode[]>;
  readonly blame: BlameTarget;
  readonly out: DesiredStep[];
}

/** statusIn returns a node's status in `run`, undefined when it was not active in that run. @internal */
export const statusIn = (node: TreeNode, run: number): NodeStatus | undefined =>
  node.runs.find((r) => r.run === run)?.status;

const finishedIf = (condition: boolean): 'finished' | null => (condition ? 'finished' : null);

/** runSteps returns the desired steps of the job of `run`. @internal */
export function runSteps(
  tree: ExecutionTree,
  run: RunInfo,
  children: ReadonlyMap<string, TreeNode[]>,
  ctx: DesiredContext,
): DesiredStep[] {
  const walk: Walk = { run, ctx, children, blame: blameTargetOf(tree, run, ctx.mapping), out: [] };
  for (const node of children.get(ROOT_CONTAINER) ?? []) if (node.kind === 'visit') walkVisit(walk, node, null);
  if (walk.blame.kind === 'job' || run.status === 'TIMED_OUT' || run.status === 'ABORTED') {
    push(walk, STEP_PATHS.runReason, null, describe.runReasonNote(run, max(walk)), 'finalizing', null);
  }
  return walk.out;
}

const max = (walk: Walk): number => walk.ctx.mapping.descriptionMaxLength;

function push(walk: Walk, path: string, parentKey: string | null, description: string, type: StepType, end: 'finished' | null): string {
  const key = stepKey(walk.run.run, path);
  walk.out.push({ key, jobKey: jobKey(walk.run.run), parentKey, description: truncate(description, max(walk)), type, end });
  return key;
}

function walkVisit(walk: Walk, visit: StateVisit, parentKey: string | null): void {
  const status = statusIn(visit, walk.run.run);
  if (status === undefined || !isMirroredType(visit.stateType, walk.ctx.mapping)) return;
  const type = stepTypeFor(visit.name, walk.ctx.mapping.stepTypeRules);
  const end = finishedIf(status === 'SUCCEEDED' || status === 'CAUGHT');
  const key = push(walk, visit.id, parentKey, describe.visitDescription(visit, max(walk)), type, end);
  for (const failure of visit.failures) {
    if (failure.run !== walk.run.run || !failure.retried) continue;
    const note = describe.retriedAttemptNote(failure.attempt, failureText(failure), max(walk));
    push(walk, STEP_PATHS.retriedAttempt(visit.id, failure.attempt), key, note, type, 'finished');
  }
  for (const attempt of visit.containerAttempts) {
    if (attempt.runs.includes(walk.run.run)) walkAttempt(walk, visit, attempt, key, type);
  }
  if (status === 'CAUGHT') {
    const note = describe.caughtNote(failureText(finalFailure(visit, walk.run.run) ?? { error: '', cause: '' }), max(walk));
    push(walk, STEP_PATHS.caught(visit.id), key, note, type, 'finished');
  }
  if (status === 'FAILED') pushVisitReason(walk, visit, key, type);
}

/** finalFailure is the failure that ended the visit in `run` (the last one not retried). */
function finalFailure(visit: StateVisit, run: number): { error: string; cause: string } | undefined {
  return visit.failures.findLast((f) => f.run === run && !f.retried);
}

const runFailureText = (run: RunInfo): string => failureText({ error: run.error ?? '', cause: run.cause ?? '' });

function pushVisitReason(walk: Walk, visit: StateVisit, key: string, type: StepType): void {
  const own = failureText(finalFailure(visit, walk.run.run) ?? { error: '', cause: '' });
  const isTarget = walk.blame.kind === 'node' && walk.blame.id === visit.id;
  const fromRun = runFailureText(walk.run);
  // A visit's own failure text never changes once recorded, so the step reads the same whether
  // it was created when the visit failed or when the run failure blamed it later.
  const text = !isContainerState(visit.stateType) && own !== '' ? own : isTarget ? fromRun : null;
  if (text !== null) push(walk, STEP_PATHS.reason(visit.id), key, describe.reasonNote(text, max(walk)), type, null);
}

function walkAttempt(walk: Walk, visit: StateVisit, attempt: ContainerAttempt, key: string, type: StepType): void {
  const cap = walk.ctx.mapping.maxMapIterations;
  const containers = (walk.children.get(visit.id) ?? []).filter(
    (c) => c.kind !== 'visit' && c.attempt === attempt.attempt,
  );
  for (const container of containers) {
    const status = statusIn(container, walk.run.run);
    if (status === undefined || container.kind === 'visit') continue;
    if (container.kind === 'iteration' && container.index >= cap) continue;
    const description =
      container.kind === 'iteration'
        ? describe.iterationDescription(container.index, container.attempt)
        : branchName(walk, visit, container, containers);
    const childKey = push(walk, container.id, key, description, type, finishedIf(status === 'SUCCEEDED'));
    for (const inner of walk.children.get(container.id) ?? []) if (inner.kind === 'visit') walkVisit(walk, inner, childKey);
    if (status === 'FAILED' && walk.blame.kind === 'node' && walk.blame.id === container.id) {
      const note = describe.reasonNote(runFailureText(walk.run), max(walk));
      push(walk, STEP_PATHS.reason(container.id), childKey, note, type, null);
    }
  }
  if (visit.stateType === 'Map' && attempt.maxIndex >= cap) pushSummary(walk, visit, attempt, key, type);
  const summary = attempt.mapRunArn === null ? undefined : walk.ctx.mapRuns?.get(attempt.mapRunArn);
  if (summary !== undefined && closedIn(attempt, walk.run.run)) pushMapRun(walk, visit, attempt, summary, key, type);
}

const closedIn = (attempt: ContainerAttempt, run: number) => attempt.finalCounts.find((c) => c.run === run);

function branchName(walk: Walk, parallel: StateVisit, branch: TreeNode & { kind: 'branch' }, siblings: TreeNode[]): string {
  const earlier = siblings.filter((s) => s.kind === 'branch' && s.seq < branch.seq && s.firstState === branch.firstState);
  const starts = walk.ctx.parallelBranches?.get(parallel.name);
  let position: number | null = null;
  if (starts !== undefined) {
    const matching = starts.flatMap((start, i) => (start === branch.firstState ? [i + 1] : []));
    position = matching[earlier.length] ?? null;
  }
  return describe.branchDescription(branch, position, earlier.length, max(walk));
}

function pushSummary(walk: Walk, visit: StateVisit, attempt: ContainerAttempt, key: string, type: StepType): void {
  const cap = walk.ctx.mapping.maxMapIterations;
  const final = closedIn(attempt, walk.run.run);
  const allSucceeded = final !== undefined && final.failed === 0 && final.aborted === 0 && final.running === 0;
  const description = describe.summaryDescription(cap, attempt.length, attempt.attempt);
  const summaryKey = push(walk, STEP_PATHS.summary(visit.id, attempt.attempt), key, description, type, finishedIf(allSucceeded));
  if (final === undefined) return;
  const counts = describe.countsDescription(final, attempt.length);
  push(walk, STEP_PATHS.summaryCounts(visit.id, attempt.attempt), summaryKey, counts, type, finishedIf(allSucceeded));
}

function pushMapRun(
  walk: Walk,
  visit: StateVisit,
  attempt: ContainerAttempt,
  summary: MapRunSummary,
  key: string,
  type: StepType,
): void {
  const description = describe.mapRunDescription(summary, attempt.attempt, max(walk));
  const end = finishedIf(summary.status === 'SUCCEEDED');
  push(walk, STEP_PATHS.mapRun(visit.id, attempt.attempt), key, description, type, end);
}
