/**
 * applyEvent is one step of the tree builder: find the thread the event continues (its
 * `previousEventId`), let the handler for its kind change the tree, and remember where the
 * event belongs so that later events pointing at it resolve (docs/step-functions-signals.md#previous-event-id).
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { ThreadPosition } from '../model/tree.js';
import { ROOT_CONTAINER } from '../model/tree.js';
import type { BuildContext } from './build-context.js';
import { rememberClosedTips, TIP_COUNT } from './build-context.js';
import type { EventKind } from './event-kinds.js';
import { eventKind } from './event-kinds.js';
import { onContainerEnded, onContainerStarted, onMapRun } from './on-container.js';
import { ensureRun, onExecutionEnded, onExecutionRedriven, onExecutionStarted } from './on-execution.js';
import { onIterationEnded, onIterationStarted } from './on-iteration.js';
import { onEvaluationFailed, onStateEntered, onStateExited } from './on-state.js';
import { onTaskEvent } from './on-task.js';
import { positionOf } from './resolve.js';

type Handler = (ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition) => ThreadPosition;

/** Events that continue a thread without changing the tree (informational aborts, unknown types). */
const passThrough: Handler = (_ctx, _event, prev) => ({ container: prev.container, visit: prev.visit });

const HANDLERS: Readonly<Record<EventKind, Handler>> = {
  executionStarted: onExecutionStarted,
  executionEnded: onExecutionEnded,
  executionRedriven: onExecutionRedriven,
  stateEntered: onStateEntered,
  stateExited: onStateExited,
  containerStarted: onContainerStarted,
  containerEnded: onContainerEnded,
  iterationStarted: onIterationStarted,
  iterationEnded: onIterationEnded,
  mapRun: onMapRun,
  stateAborted: passThrough,
  task: onTaskEvent,
  evaluationFailed: onEvaluationFailed,
  unknown: passThrough,
};

/** applyEvent applies one history event to the tree. @internal */
export function applyEvent(ctx: BuildContext, event: HistoryEvent): void {
  ensureRun(ctx, event);
  const kind = eventKind(event.type);
  const position = HANDLERS[kind](ctx, event, positionOf(ctx, event.previousEventId));
  ctx.tree.scope.set(event.id, position);
  // `*StateAborted` events all point at the failure that caused them; they are not thread tips.
  if (kind !== 'stateAborted') addTip(ctx, position.container, event.id);
  ctx.tree.cursor = event.id;
}

function addTip(ctx: BuildContext, container: string, id: number): void {
  const node = container === ROOT_CONTAINER ? undefined : ctx.tree.nodes.get(container);
  const tips = node !== undefined && node.kind !== 'visit' ? node.tips : ctx.tree.root.tips;
  tips.push(id);
  if (tips.length > TIP_COUNT) tips.splice(0, tips.length - TIP_COUNT);
  if (node !== undefined && node.status !== 'RUNNING') rememberClosedTips(ctx, node.parentId, [id]);
}
