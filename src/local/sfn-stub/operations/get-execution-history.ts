/**
 * GetExecutionHistory over the revealed events, with AWS's paging rules: `maxResults` 1..1000
 * (0 or absent = 100), `reverseOrder`, `includeExecutionData` (default true; false drops
 * input/output), and an opaque `nextToken` valid only with the same other arguments. A token
 * remembers the last id served, so events revealed between two pages show up at the end of
 * an ascending read and never shift a reverse read.
 */
import type { StubEvent } from '../stored-execution.js';
import { toWireDate } from '../wire-dates.js';
import type { Operation } from './context.js';
import { findStarted, readArn, readPageSize, readToken } from './context.js';

const EXECUTION_DATA = new Set(['input', 'output']);

/** getExecutionHistory answers GetExecutionHistory. @internal */
export const getExecutionHistory: Operation = (input, ctx) => {
  const executionArn = readArn(input, 'executionArn', 'execution');
  const maxResults = readPageSize(input);
  const reverseOrder = input['reverseOrder'] === true;
  const includeExecutionData = input['includeExecutionData'] !== false;
  const args = { executionArn, maxResults, reverseOrder, includeExecutionData };
  const after = readToken(ctx, 'GetExecutionHistory', args, input);
  const execution = findStarted(ctx, executionArn);
  const visible = execution.events.slice(0, execution.revealed);
  const start = typeof after === 'number' ? firstIndexAfter(visible, after, reverseOrder) : reverseOrder ? visible.length - 1 : 0;
  const page: StubEvent[] = [];
  for (let i = start; i >= 0 && i < visible.length && page.length < maxResults; i += reverseOrder ? -1 : 1) {
    const ev = visible[i];
    if (ev !== undefined) page.push(ev);
  }
  const last = page.at(-1);
  const more = last !== undefined && (reverseOrder ? last.id > (visible[0]?.id ?? 0) : last.id < (visible.at(-1)?.id ?? 0));
  ctx.countPage();
  return {
    events: page.map((ev) => toWireEvent(ev, includeExecutionData)),
    nextToken: more ? ctx.tokens.issue('GetExecutionHistory', args, last.id) : undefined,
  };
};

/** firstIndexAfter finds where a page resumes after event id `lastId` (binary search over ids). */
function firstIndexAfter(events: readonly StubEvent[], lastId: number, reverseOrder: boolean): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid]?.id ?? Infinity) <= lastId) lo = mid + 1;
    else hi = mid;
  }
  // lo = first index with id > lastId; reverse order resumes at the last index with id < lastId.
  if (!reverseOrder) return lo;
  return events[lo - 1]?.id === lastId ? lo - 2 : lo - 1;
}

function toWireEvent(ev: StubEvent, includeExecutionData: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    timestamp: toWireDate(ev.timestampMs),
    type: ev.type,
    id: ev.id,
    previousEventId: ev.previousEventId,
  };
  if (ev.detailsKey !== undefined && ev.details !== undefined) {
    wire[ev.detailsKey] = includeExecutionData
      ? ev.details
      : Object.fromEntries(Object.entries(ev.details).filter(([k]) => !EXECUTION_DATA.has(k)));
  }
  return wire;
}
