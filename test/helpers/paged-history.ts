/**
 * PagedHistory is an in-memory HistoryReader over a long synthetic polling-loop history
 * (Pass `Poll` → Wait `Pause` → …), with small pages so a unit test sees many of them. It
 * records every forward page and reverse read it serves, and can refuse a token (expired).
 */
import { StepFunctionsError } from '../../src/errors.js';
import type { ExecutionDescription, ExecutionStatus, HistoryEvent } from '../../src/model/execution.js';
import type { HistoryPage, HistoryReader } from '../../src/ports.js';

export const PAGED_ARN = 'arn:aws:states:eu-west-1:482913557106:execution:poller:run-1';
const T0 = Date.parse('2025-03-14T10:00:00Z');
const LOOP = [
  ['PassStateEntered', 'Poll'],
  ['PassStateExited', 'Poll'],
  ['WaitStateEntered', 'Pause'],
  ['WaitStateExited', 'Pause'],
] as const;

/** pollingHistory builds `count` events ending with the execution's `status` (SUCCEEDED or FAILED). */
export function pollingHistory(count: number, status: 'SUCCEEDED' | 'FAILED'): HistoryEvent[] {
  const events: HistoryEvent[] = [{ id: 1, previousEventId: 0, timestamp: T0, type: 'ExecutionStarted' }];
  for (let id = 2; id < count; id += 1) {
    const [type, name] = LOOP[(id - 2) % LOOP.length] ?? LOOP[0];
    events.push({ id, previousEventId: id - 1, timestamp: T0 + id, type, details: { name } });
  }
  const end = status === 'SUCCEEDED' ? { type: 'ExecutionSucceeded' } : { type: 'ExecutionFailed', details: { error: 'Boom', cause: 'poll gave up' } };
  events.push({ id: count, previousEventId: count - 1, timestamp: T0 + count, ...end });
  return events;
}

/** PagedHistory serves `events` in pages of `pageSize`; tokens are the index of the next page. */
export class PagedHistory implements HistoryReader {
  /** Index of every forward page served, in order. */
  readonly pagesServed: number[] = [];
  /** Cursor of every reverse read. */
  readonly reverseReads: number[] = [];
  readonly expiredTokens = new Set<string>();
  /** Called after each forward page is served (e.g. to move a deadline). */
  onPage: ((index: number) => void) | undefined;

  constructor(
    readonly events: readonly HistoryEvent[],
    readonly pageSize: number,
    readonly status: ExecutionStatus,
  ) {}

  describeExecution(): Promise<ExecutionDescription> {
    return Promise.resolve({
      executionArn: PAGED_ARN,
      stateMachineArn: 'arn:aws:states:eu-west-1:482913557106:stateMachine:poller',
      name: 'run-1',
      status: this.status,
      startDate: T0,
      stopDate: T0 + this.events.length,
      redriveCount: 0,
    });
  }

  readPage(_arn: string, token?: string): Promise<HistoryPage> {
    if (token !== undefined && this.expiredTokens.has(token)) {
      return Promise.reject(new StepFunctionsError('token expired', 'InvalidToken', { retryable: true }));
    }
    const index = token === undefined ? 0 : Number(token);
    this.pagesServed.push(index);
    const events = this.events.slice(index * this.pageSize, (index + 1) * this.pageSize);
    const more = (index + 1) * this.pageSize < this.events.length;
    this.onPage?.(index);
    return Promise.resolve({ events, nextToken: more ? String(index + 1) : undefined });
  }

  readEventsAfter(_arn: string, after: number): Promise<HistoryEvent[]> {
    this.reverseReads.push(after);
    return Promise.resolve(this.events.filter((event) => event.id > after));
  }

  describeDefinition = () => Promise.resolve({ definition: {} });
  describeMapRun = () => Promise.reject(new Error('no map runs here'));
  listRunning = () => Promise.resolve([]);
}
