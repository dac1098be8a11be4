/**
 * A readable shape of an execution tree for table-driven assertions: visits with their entered
 * and exited event ids, attempts, status per run and failures, containers (iterations,
 * branches) with the visits inside, recursively, siblings in history order.
 */
import type { ExecutionTree, NodeStatus, TreeNode } from '../../../../src/model/tree.js';

/** VisitShape is one visit as the tests spell it. */
export interface VisitShape {
  readonly name: string;
  readonly type: string;
  readonly entered: number;
  readonly exited: number | null;
  readonly attempts: number;
  /** Status per run, e.g. '0:FAILED 1:SUCCEEDED'. */
  readonly runs: string;
  /** Failures as '<attempt>:<error>' ('+' marks a retried one). */
  readonly failures: readonly string[];
  readonly containers: readonly ContainerShape[];
}

/** ContainerShape is an iteration (by index) or a branch (by first state) of one attempt. */
export interface ContainerShape {
  readonly of: string;
  readonly attempt: number;
  readonly runs: string;
  readonly visits: readonly VisitShape[];
}

/** TreeShape is the whole tree: runs ('<run>:<status>') and top-level visits. */
export interface TreeShape {
  readonly runs: readonly string[];
  readonly visits: readonly VisitShape[];
}

const runsOf = (node: TreeNode): string => node.runs.map((r) => `${r.run}:${r.status}`).join(' ');

function childrenOf(tree: ExecutionTree, parentId: string | null): TreeNode[] {
  return [...tree.nodes.values()].filter((n) => n.parentId === parentId).sort((a, b) => a.seq - b.seq);
}

function visitShape(tree: ExecutionTree, node: TreeNode): VisitShape[] {
  if (node.kind !== 'visit') return [];
  return [
    {
      name: node.name,
      type: node.stateType,
      entered: node.enteredEventId,
      exited: node.exitedEventId,
      attempts: node.attempts,
      runs: runsOf(node),
      failures: node.failures.map((f) => `${f.attempt}:${f.error}${f.retried ? '+' : ''}`),
      containers: childrenOf(tree, node.id).flatMap((c) => containerShape(tree, c)),
    },
  ];
}

function containerShape(tree: ExecutionTree, node: TreeNode): ContainerShape[] {
  if (node.kind === 'visit') return [];
  return [
    {
      of: node.kind === 'iteration' ? `iteration ${node.index}` : `branch ${node.firstState}`,
      attempt: node.attempt,
      runs: runsOf(node),
      visits: childrenOf(tree, node.id).flatMap((v) => visitShape(tree, v)),
    },
  ];
}

/** shapeOf turns a tree into its shape. */
export function shapeOf(tree: ExecutionTree): TreeShape {
  return {
    runs: tree.runs.map((r) => `${r.run}:${r.status}`),
    visits: childrenOf(tree, null).flatMap((v) => visitShape(tree, v)),
  };
}

/** VisitOptions overrides the defaults of `visit`. */
export interface VisitOptions {
  readonly attempts?: number;
  readonly runs?: string;
  readonly failures?: readonly string[];
  readonly containers?: readonly ContainerShape[];
}

/** visit spells an expected visit; by default one attempt for Task, none otherwise, SUCCEEDED in run 0. */
export function visit(name: string, type: string, entered: number, exited: number | null, options: VisitOptions = {}): VisitShape {
  return {
    name,
    type,
    entered,
    exited,
    attempts: options.attempts ?? (type === 'Task' ? 1 : 0),
    runs: options.runs ?? '0:SUCCEEDED',
    failures: options.failures ?? [],
    containers: options.containers ?? [],
  };
}

/** container spells an expected iteration ('iteration 2') or branch ('branch UnitTests'). */
export function container(of: string, visits: readonly VisitShape[], options: { attempt?: number; runs?: string } = {}): ContainerShape {
  return { of, attempt: options.attempt ?? 1, runs: options.runs ?? '0:SUCCEEDED', visits };
}

/** statusesOf lists every node's status in one run, by path id, for compact assertions. */
export function statusesOf(tree: ExecutionTree, run = 0): Record<string, NodeStatus | undefined> {
  return Object.fromEntries([...tree.nodes.values()].map((n) => [n.id, n.runs.find((r) => r.run === run)?.status]));
}
