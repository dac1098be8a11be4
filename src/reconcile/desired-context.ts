/**
 * desiredContext gathers the I/O the pure desired-state function needs beyond the tree:
 * Parallel branch names (from the definition the execution ran with, fetched only when a
 * Parallel visit needs naming) and Distributed Map run summaries (only for closed Map visits).
 */
import type { DesiredContext } from '../core/desired.js';
import { mapRunsToDescribe, parallelStatesNeedingDefinition, parseParallelBranches } from '../core/desired.js';
import type { ExecutionTree } from '../model/tree.js';
import type { ExecutionDescription, MapRunSummary } from '../model/execution.js';
import type { ReconcileDeps } from './deps.js';

/** desiredContext builds the DesiredContext for one round. */
export async function desiredContext(
  tree: ExecutionTree,
  description: ExecutionDescription,
  deps: ReconcileDeps,
  signal?: AbortSignal,
): Promise<DesiredContext> {
  const parts = description.executionArn.split(':');
  const needsDefinition = parallelStatesNeedingDefinition(tree).length > 0;
  const parallelBranches = needsDefinition
    ? parseParallelBranches((await deps.history.describeDefinition(description.executionArn, signal)).definition)
    : undefined;
  const mapRuns = new Map<string, MapRunSummary>();
  for (const mapRunArn of mapRunsToDescribe(tree)) {
    mapRuns.set(mapRunArn, await deps.history.describeMapRun(mapRunArn, signal));
  }
  return {
    executionArn: description.executionArn,
    stateMachineName: parts[6] ?? description.stateMachineArn.split(':')[6] ?? 'state machine',
    executionName: description.name,
    mapping: deps.mapping,
    parallelBranches,
    mapRuns,
  };
}
