/**
 * buildTree turns execution history events into the tree of state visits (docs/step-functions-signals.md#rebuilding-the-tree),
 * incrementally: it continues from a checkpoint with the events after the checkpoint's
 * cursor. Pure and synchronous; time comes only from the events' timestamps.
 */
import type { HistoryEvent } from '../model/execution.js';
import type { ExecutionTree, TreeCheckpoint } from '../model/tree.js';
import { applyEvent } from './apply-event.js';
import { newContext } from './build-context.js';
import { emptyTree, restoreTree } from './checkpoint.js';

export { CheckpointFormatError, checkpointOf, parseCheckpoint, serializeCheckpoint } from './checkpoint.js';

/**
 * buildTree applies `events` (ascending ids; ids at or below the checkpoint's cursor are
 * skipped, so a re-read page does no harm) on top of `from`, or on an empty tree. The result
 * holds every node of `from` plus every node these events touched; `from` is not modified.
 * Unknown event types are kept in their thread and otherwise ignored.
 * @example
 * const tree = buildTree(newEvents, parseCheckpoint(saved));
 * const next = serializeCheckpoint(checkpointOf(tree));
 */
export function buildTree(events: readonly HistoryEvent[], from?: TreeCheckpoint): ExecutionTree {
  const tree = from === undefined ? emptyTree() : restoreTree(from);
  const ctx = newContext(tree);
  const ascending = isAscending(events) ? events : [...events].sort((a, b) => a.id - b.id);
  for (const event of ascending) {
    if (event.id > tree.cursor) applyEvent(ctx, event);
  }
  return tree;
}

function isAscending(events: readonly HistoryEvent[]): boolean {
  let previous = -Infinity;
  for (const event of events) {
    if (event.id <= previous) return false;
    previous = event.id;
  }
  return true;
}
