/**
 * Handler for Task, LambdaFunction and Activity events (docs/step-functions-signals.md#task-patterns, #retries-and-failures): they belong to the
 * open Task visit of their thread; `*Scheduled` starts an attempt, a failure ends it.
 * @internal
 */
import type { HistoryEvent } from '../model/execution.js';
import type { ThreadPosition } from '../model/tree.js';
import { beginAttempt, failureOf, recordFailure } from './attempts.js';
import type { BuildContext } from './build-context.js';
import { containerOf } from './build-context.js';
import { isScheduled, isTaskFailure } from './event-kinds.js';
import { resolveVisit } from './resolve.js';

/** onTaskEvent attaches a task event to its Task visit. @internal */
export function onTaskEvent(ctx: BuildContext, event: HistoryEvent, prev: ThreadPosition): ThreadPosition {
  const visit = resolveVisit(ctx, prev, (v) => v.stateType === 'Task');
  if (visit === undefined) return { container: prev.container, visit: null };
  if (isScheduled(event.type)) beginAttempt(ctx, visit);
  else if (isTaskFailure(event.type)) {
    // Failures before the work began (…ScheduleFailed, …StartFailed) may come without *Scheduled.
    if (visit.attempts === 0 || visit.failures.at(-1)?.attempt === visit.attempts) beginAttempt(ctx, visit);
    recordFailure(ctx, visit, failureOf(event), null);
  } else visit.lastInnerFailed = false;
  return { container: containerOf(visit), visit: visit.id };
}
