/**
 * ListExecutions by `stateMachineArn` or `mapRunArn`, optionally by `statusFilter`, newest
 * first (startDate, then ARN to break ties), paged like GetExecutionHistory. Executions that
 * have not started (nothing revealed) are not listed, nor are Express executions: listing an
 * Express state machine is refused with StateMachineTypeNotSupported, as AWS does.
 */
import { deriveExecution } from '../derive-execution.js';
import type { StoredExecution } from '../stored-execution.js';
import { toWireDate } from '../wire-dates.js';
import { clientError } from '../wire-error.js';
import type { Operation, OperationContext } from './context.js';
import { readArn, readPageSize, readToken } from './context.js';

interface ListPosition {
  readonly startDate: number;
  readonly executionArn: string;
}

/** listExecutions answers ListExecutions. @internal */
export const listExecutions: Operation = (input, ctx) => {
  const byMapRun = input['mapRunArn'] !== undefined && input['mapRunArn'] !== null;
  const parent = byMapRun ? readArn(input, 'mapRunArn', 'mapRun') : readArn(input, 'stateMachineArn', 'stateMachine');
  const statusFilter = typeof input['statusFilter'] === 'string' ? input['statusFilter'] : undefined;
  const maxResults = readPageSize(input);
  const args = { parent, byMapRun, statusFilter, maxResults, redriveFilter: input['redriveFilter'] ?? null };
  const after = readToken(ctx, 'ListExecutions', args, input) as ListPosition | undefined;
  const all = matching(ctx, parent, byMapRun);
  if (all.length === 0 && !byMapRun) {
    throw clientError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${parent}'`);
  }
  if (!byMapRun && all.every((execution) => execution.express)) {
    throw clientError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
  }
  const items = all
    // Express executions are never listed (Map Run children aside, which the stub does not model).
    .filter((execution) => byMapRun || !execution.express)
    .flatMap((execution) => toListItem(execution) ?? [])
    .filter((item) => statusFilter === undefined || item.status === statusFilter)
    .filter((item) => redriveFilterAccepts(input['redriveFilter'], item.redriveCount))
    .sort(newestFirst)
    .filter((item) => after === undefined || newestFirst(item, after) > 0);
  const page = items.slice(0, maxResults);
  const last = page.at(-1);
  return {
    executions: page.map((item) => ({ ...item, startDate: toWireDate(item.startDate), stopDate: toWireDate(item.stopDate), redriveDate: toWireDate(item.redriveDate) })),
    nextToken:
      items.length > page.length && last !== undefined
        ? ctx.tokens.issue('ListExecutions', args, { startDate: last.startDate, executionArn: last.executionArn })
        : undefined,
  };
};

function matching(ctx: OperationContext, parent: string, byMapRun: boolean): StoredExecution[] {
  return [...ctx.executions.values()].filter((execution) =>
    byMapRun ? execution.description.mapRunArn === parent : execution.description.stateMachineArn === parent,
  );
}

/** toListItem is the list entry of a started execution (dates still in epoch ms); undefined before it starts. */
function toListItem(execution: StoredExecution) {
  const d = execution.description;
  const state = deriveExecution(execution);
  if (state === undefined) return undefined;
  return {
    executionArn: d.executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status: state.status,
    startDate: d.startDate,
    stopDate: state.stopDate,
    mapRunArn: d.mapRunArn,
    stateMachineVersionArn: d.stateMachineVersionArn,
    stateMachineAliasArn: d.stateMachineAliasArn,
    redriveCount: state.redriveCount,
    redriveDate: state.redriveDate,
  };
}

function redriveFilterAccepts(filter: unknown, redriveCount: number): boolean {
  if (filter === 'REDRIVEN') return redriveCount > 0;
  if (filter === 'NOT_REDRIVEN') return redriveCount === 0;
  return true;
}

/** newestFirst orders by startDate descending, then ARN ascending; > 0 means `a` comes after `b`. */
function newestFirst(a: ListPosition, b: ListPosition): number {
  return b.startDate - a.startDate || a.executionArn.localeCompare(b.executionArn);
}
