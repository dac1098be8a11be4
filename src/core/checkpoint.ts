/**
 * Tree checkpoints: the bounded part of a tree that lets the next sync resume from the history
 * cursor instead of re-reading the whole history (see core/checkpoint-pruning for what is kept and
 * why). It grows with what is open (about 0.5 kB per running iteration, so about 20 kB for a
 * Map running 40 iterations at a time), never with what has finished: a 25,000-event loop
 * stays under 1 kB.
 */
import type { ExecutionTree, ThreadPosition, TreeCheckpoint, TreeNode } from '../model/tree.js';
import { keptNodeIds, keptPositions } from './checkpoint-pruning.js';

/** CHECKPOINT_VERSION is the format version written by serializeCheckpoint. */
export const CHECKPOINT_VERSION = 1;

/**
 * CheckpointFormatError: a saved checkpoint cannot be read (corrupt or written by an
 * incompatible version). Its `name` lets callers recognise it across module copies.
 */
export class CheckpointFormatError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(
      `The saved tree checkpoint cannot be read: ${reason}. Clear the execution's history cursor and ` +
        'checkpoint in the tracking table so that the next sync rebuilds the tree from the first history event.',
      options,
    );
    this.name = 'CheckpointFormatError';
  }
}

/** emptyTree is the tree before the first event. */
export function emptyTree(): ExecutionTree {
  return {
    cursor: 0,
    runs: [],
    nodes: new Map(),
    root: { visitCounts: {}, tips: [] },
    scope: new Map(),
    reopenable: new Set(),
  };
}

/**
 * checkpointOf returns the bounded, resumable part of `tree`. Closed Map/Parallel attempts
 * other than the latest one are dropped from kept visits: nothing can change them any more.
 * @example serializeCheckpoint(checkpointOf(buildTree(events)))
 */
export function checkpointOf(tree: ExecutionTree): TreeCheckpoint {
  const keep = keptNodeIds(tree);
  const nodes = [...keep]
    .map((id) => tree.nodes.get(id))
    .filter((node): node is TreeNode => node !== undefined)
    .sort((a, b) => a.seq - b.seq || a.id.length - b.id.length)
    .map(trimmed);
  const scope = [...keptPositions(tree, keep)]
    .sort(([a], [b]) => a - b)
    .map(([id, pos]): [number, string, string | null, number] => [id, pos.container, pos.visit, flagsOf(pos)]);
  return structuredClone({
    version: CHECKPOINT_VERSION,
    cursor: tree.cursor,
    runs: tree.runs,
    root: tree.root,
    nodes,
    scope,
    reopenable: [...tree.reopenable].filter((id) => keep.has(id)),
  });
}

function trimmed(node: TreeNode): TreeNode {
  return node.kind === 'visit' ? { ...node, containerAttempts: node.containerAttempts.slice(-1) } : node;
}

const flagsOf = (pos: ThreadPosition): number => (pos.marker === true ? 1 : 0) | (pos.redrive === true ? 2 : 0);

/** restoreTree turns a checkpoint back into a tree that buildTree can continue (the checkpoint is not modified). */
export function restoreTree(checkpoint: TreeCheckpoint): ExecutionTree {
  const copy = structuredClone(checkpoint);
  const scope = new Map<number, ThreadPosition>();
  for (const [id, container, visit, flags] of copy.scope) {
    scope.set(id, { container, visit, marker: (flags & 1) === 1 || undefined, redrive: (flags & 2) === 2 || undefined });
  }
  return {
    cursor: copy.cursor,
    runs: copy.runs,
    nodes: new Map(copy.nodes.map((node) => [node.id, node])),
    root: copy.root,
    scope,
    reopenable: new Set(copy.reopenable),
  };
}

/** serializeCheckpoint writes a checkpoint as versioned JSON. */
export function serializeCheckpoint(checkpoint: TreeCheckpoint): string {
  return JSON.stringify(checkpoint);
}

/**
 * parseCheckpoint reads what serializeCheckpoint wrote.
 * @throws CheckpointFormatError when the text is not a checkpoint of a supported version.
 */
export function parseCheckpoint(text: string): TreeCheckpoint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new CheckpointFormatError('it is not valid JSON', { cause });
  }
  if (typeof data !== 'object' || data === null) throw new CheckpointFormatError('it is not a JSON object');
  const c = data as Record<string, unknown>;
  if (c.version !== CHECKPOINT_VERSION) {
    throw new CheckpointFormatError(`its version ${JSON.stringify(c.version)} is not ${CHECKPOINT_VERSION}`);
  }
  const shapeOk =
    typeof c.cursor === 'number' &&
    typeof c.root === 'object' &&
    c.root !== null &&
    [c.runs, c.nodes, c.scope, c.reopenable].every(Array.isArray);
  if (!shapeOk) throw new CheckpointFormatError('fields cursor, runs, root, nodes, scope or reopenable are missing');
  return data as TreeCheckpoint;
}
