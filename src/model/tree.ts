/**
 * The execution tree: execution → state visits → (Map: iterations per attempt → visits;
 * Parallel: branches per attempt → visits), recursively, built from the history by
 * core/build-tree. Nodes sit in one flat table keyed by their path id, which is also the
 * suffix of their oVirt step key (see core/object-key):
 *
 * ```text
 * v4                 visit entered at event 4 (top level)
 * v4.a1.i2           iteration index 2 of attempt 1 of Map visit v4
 * v4.a1.i2.v9        visit entered at event 9 inside that iteration
 * v2.a1.b5           branch of attempt 1 of Parallel visit v2 whose first state was entered at event 5
 * ```
 *
 * Every node remembers its status at the end of each execution run (run 0 = original
 * execution, run n = n-th redrive), because a visit closed by a failed run can reopen in the
 * next one. The tree is plain data; only core/build-tree changes it.
 */

/** NodeStatus is the status of a visit, iteration or branch. CAUGHT = exited after a failure. */
export type NodeStatus = 'RUNNING' | 'SUCCEEDED' | 'CAUGHT' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** RunStatus is the status of one execution run (attempt of the whole execution). */
export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Failure is an error name and cause as Step Functions reported them ('' when absent). */
export interface Failure {
  error: string;
  cause: string;
}

/**
 * AttemptFailure is the failure of one attempt of a visit (a Task attempt, or one start of a
 * Map/Parallel state). `retried` is set when a later attempt began in the same run; `source`
 * names the inner visit whose failure failed a Map/Parallel attempt, when known.
 */
export interface AttemptFailure extends Failure {
  attempt: number;
  run: number;
  retried: boolean;
  source: string | null;
}

/** NodeRun is a node's status at the end of (or, while running, during) one execution run. */
export interface NodeRun {
  run: number;
  status: NodeStatus;
}

/** IterationCounts counts a Map attempt's iterations by status (TIMED_OUT counts as aborted). */
export interface IterationCounts {
  running: number;
  succeeded: number;
  failed: number;
  aborted: number;
}

/**
 * ContainerAttempt is one start (`*StateStarted`) of a Map or Parallel visit. Map attempts
 * keep the counters the summary steps need: the highest iteration index seen, counts by status
 * and, per run in which the attempt closed, the final counts.
 */
export interface ContainerAttempt {
  attempt: number;
  startedEventId: number;
  /** Runs in which this attempt was running. */
  runs: number[];
  closed: boolean;
  /** Items in this attempt (MapStateStarted `length`), null when unknown or Parallel. */
  length: number | null;
  /** Distributed Map run of this attempt, null for inline Map and Parallel. */
  mapRunArn: string | null;
  maxIndex: number;
  counts: IterationCounts;
  finalCounts: Array<IterationCounts & { run: number }>;
  /** Failure of the inner visit that failed this attempt, waiting for `*StateFailed`. */
  innerFailure: (Failure & { source: string | null }) | null;
}

interface NodeBase {
  /** Path id, e.g. `v4.a1.i2.v9`; unique and stable for the whole execution. */
  id: string;
  /** Container of a visit (iteration/branch id; null at top level), or owner visit of an iteration/branch. */
  parentId: string | null;
  /** Id of the event that created the node; orders siblings. */
  seq: number;
  /** Current status (that of the latest run the node was active in). */
  status: NodeStatus;
  /** Status per run the node was active in, ascending by run. */
  runs: NodeRun[];
}

/** StateVisit is one `*StateEntered` event and everything that happened until the state ended. */
export interface StateVisit extends NodeBase {
  kind: 'visit';
  name: string;
  /** State type from the event type prefix: `TaskStateEntered` → `Task`. */
  stateType: string;
  enteredEventId: number;
  /** Epoch milliseconds. */
  enteredAt: number;
  exitedEventId: number | null;
  exitedAt: number | null;
  /** 1 for the first visit of this state name in its container, 2 for the next, … */
  ordinal: number;
  /** Task: number of `*Scheduled` events; Map/Parallel: number of `*StateStarted` events. */
  attempts: number;
  failures: AttemptFailure[];
  /** Whether the last inner event was a failure (an exit now means CAUGHT). */
  lastInnerFailed: boolean;
  /** Map/Parallel only: the attempts still relevant (all while building, the latest in a checkpoint). */
  containerAttempts: ContainerAttempt[];
  /** Map/Parallel only: recent last events of closed iterations/branches (later events may point at them). */
  closedTips: number[];
}

/** MapIteration is one iteration, identified by (Map visit, attempt, index). */
export interface MapIteration extends NodeBase {
  kind: 'iteration';
  attempt: number;
  index: number;
  /** Visits per state name inside this iteration, for "(visit n)" numbering. */
  visitCounts: Record<string, number>;
  /** Last few event ids of this thread. */
  tips: number[];
}

/** ParallelBranch is one branch, identified by (Parallel visit, attempt, first state name). */
export interface ParallelBranch extends NodeBase {
  kind: 'branch';
  attempt: number;
  firstState: string;
  visitCounts: Record<string, number>;
  tips: number[];
}

/** TreeNode is any node of the tree. */
export type TreeNode = StateVisit | MapIteration | ParallelBranch;

/** RunInfo describes one execution run: run 0 is the original execution, run n the n-th redrive. */
export interface RunInfo {
  run: number;
  status: RunStatus;
  startedEventId: number;
  endedEventId: number | null;
  error: string | null;
  cause: string | null;
  /** The visit whose failure failed this run; null when nothing is to blame (or not failed). */
  blamedVisitId: string | null;
}

/** RootThread is the top-level thread: visit counters and its last few event ids. */
export interface RootThread {
  visitCounts: Record<string, number>;
  tips: number[];
}

/** ROOT_CONTAINER is the container id of the top-level thread in thread positions. */
export const ROOT_CONTAINER = '';

/**
 * ThreadPosition says where an event belongs: its container (iteration/branch id, or
 * ROOT_CONTAINER) and the visit it touched. `marker` flags a `*StateStarted` event (iterations
 * and branches start from it); `redrive` flags an `ExecutionRedriven` event.
 */
export interface ThreadPosition {
  container: string;
  visit: string | null;
  marker?: boolean | undefined;
  redrive?: boolean | undefined;
}

/** ExecutionTree is the result of buildTree: the nodes it knows plus what resuming needs. */
export interface ExecutionTree {
  /** Highest event id applied. */
  cursor: number;
  runs: RunInfo[];
  nodes: Map<string, TreeNode>;
  root: RootThread;
  /** Position of each known event id (all events of this build, the live tips of a checkpoint). */
  scope: Map<number, ThreadPosition>;
  /** Nodes closed by the failure of a run that a redrive may reopen. */
  reopenable: Set<string>;
}

/**
 * TreeCheckpoint is the bounded, resumable part of a tree (core/checkpoint): open nodes with
 * their ancestors, nodes a redrive may reopen, the failed part of open Map/Parallel attempts,
 * the thread positions future events can point at, and all counters.
 */
export interface TreeCheckpoint {
  version: 1;
  cursor: number;
  runs: RunInfo[];
  root: RootThread;
  nodes: TreeNode[];
  /** [event id, container, visit or null, flags (1 = marker, 2 = redrive)]. */
  scope: Array<[number, string, string | null, number]>;
  reopenable: string[];
}
