/**
 * desiredState computes, purely from the tree, every oVirt job and step one execution should
 * have now: one job per execution run (see core/describe for the words, core/object-key for the
 * keys, core/desired-run for the step rules). The reconciler first asks which I/O it needs
 * (parallelStatesNeedingDefinition, mapRunsToDescribe) and passes the answers in the context.
 */
import type { DesiredJob, DesiredState } from '../model/desired.js';
import type { ExecutionTree, RunInfo } from '../model/tree.js';
import { correlationId } from './correlation-id.js';
import { jobDescription } from './describe.js';
import type { DesiredContext } from './desired-run.js';
import { runSteps } from './desired-run.js';
import { childrenIndex } from './failed-part.js';
import { jobKey } from './object-key.js';

export { parseParallelBranches } from './parallel-branches.js';

/** DesiredContext is what desiredState needs beyond the tree (declared beside the step walk that reads it). */
export type { DesiredContext } from './desired-run.js';

/**
 * desiredState returns the jobs (in run order) and steps (parents first, in creation order) the
 * execution should have. Nodes dropped from a resumed tree were mirrored before and need nothing.
 * @example plan(desiredState(tree, ctx), recorded, now)
 */
export function desiredState(tree: ExecutionTree, ctx: DesiredContext): DesiredState {
  const children = childrenIndex(tree.nodes.values());
  return {
    jobs: tree.runs.map((run) => desiredJob(run, ctx)),
    steps: tree.runs.flatMap((run) => runSteps(tree, run, children, ctx)),
  };
}

function desiredJob(run: RunInfo, ctx: DesiredContext): DesiredJob {
  return {
    key: jobKey(run.run),
    run: run.run,
    description: jobDescription(ctx, run.run),
    correlationId: correlationId(ctx.executionArn, run.run),
    autoCleared: ctx.mapping.autoCleared,
    end: run.status === 'SUCCEEDED' ? 'finished' : run.status === 'RUNNING' ? null : 'failed',
  };
}

/** parallelStatesNeedingDefinition lists the Parallel states whose branches must be named (the definition is needed). */
export function parallelStatesNeedingDefinition(tree: ExecutionTree): string[] {
  const names = new Set<string>();
  for (const node of tree.nodes.values()) if (node.kind === 'visit' && node.stateType === 'Parallel') names.add(node.name);
  return [...names];
}

/** mapRunsToDescribe lists the Distributed Map runs whose summary step is due (their Map attempt has closed). */
export function mapRunsToDescribe(tree: ExecutionTree): string[] {
  const arns = new Set<string>();
  for (const node of tree.nodes.values()) {
    if (node.kind !== 'visit') continue;
    for (const attempt of node.containerAttempts) if (attempt.closed && attempt.mapRunArn !== null) arns.add(attempt.mapRunArn);
  }
  return [...arns];
}
