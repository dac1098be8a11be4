/**
 * What every operation of the stub sees: the executions, the token issuer and a page counter,
 * plus small readers for request arguments that answer AWS's own validation errors.
 */
import type { PageTokens } from '../page-token.js';
import type { StoredExecution } from '../stored-execution.js';
import type { SfnStateMachine } from '../types.js';
import { clientError } from '../wire-error.js';

/** OperationContext is the stub state an operation reads. @internal */
export interface OperationContext {
  readonly executions: ReadonlyMap<string, StoredExecution>;
  /** State machines declared with defineStateMachine (createdAt: when, epoch ms). */
  readonly stateMachines: ReadonlyMap<string, SfnStateMachine & { readonly createdAt: number }>;
  readonly tokens: PageTokens;
  /** countPage records one GetExecutionHistory page served. */
  countPage(): void;
}

/** Operation answers one AWS JSON request body with a JSON-serialisable output, or throws WireError. @internal */
export type Operation = (input: Readonly<Record<string, unknown>>, ctx: OperationContext) => unknown;

const ARN_PATTERN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:([A-Za-z]+):.+$/;

/**
 * readArn reads a required ARN argument of the given resource type (`execution`, `stateMachine`, `mapRun`).
 * An Express execution ARN is refused unless `allowMapRunExpress` and it names a Map Run child.
 * @throws WireError InvalidArn when it is missing, malformed or an Express execution's.
 * @internal
 */
export function readArn(input: Readonly<Record<string, unknown>>, field: string, resource: string, allowMapRunExpress = false): string {
  const value = input[field];
  const type = typeof value === 'string' ? ARN_PATTERN.exec(value)?.[1] : undefined;
  // Express executions have no history API: AWS refuses their ARNs outright, except for the
  // children of a Distributed Map Run (`express:<machine>/<label>:…`), which DescribeExecution
  // and DescribeStateMachineForExecution accept.
  if (typeof value === 'string' && resource === 'execution' && type === 'express') {
    if (allowMapRunExpress && isMapRunChild(value)) return value;
    throw clientError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
  }
  if (typeof value !== 'string' || type !== resource) {
    throw clientError('InvalidArn', `Invalid Arn: '${String(value)}' is not a ${resource} ARN (argument ${field}).`);
  }
  return value;
}

function isMapRunChild(executionArn: string): boolean {
  return (executionArn.split(':')[6] ?? '').includes('/');
}

/**
 * readPageSize reads `maxResults`: 0 or absent means 100, the maximum is 1000.
 * @throws WireError ValidationException when out of range.
 * @internal
 */
export function readPageSize(input: Readonly<Record<string, unknown>>): number {
  const value = input['maxResults'];
  if (value === undefined || value === null || value === 0) return 100;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
    throw clientError(
      'ValidationException',
      `1 validation error detected: Value '${JSON.stringify(value)}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000`,
    );
  }
  return value;
}

/**
 * findStarted returns a known execution that has started (at least one event revealed).
 * @throws WireError ExecutionDoesNotExist otherwise.
 * @internal
 */
export function findStarted(ctx: OperationContext, executionArn: string): StoredExecution {
  const execution = ctx.executions.get(executionArn);
  if (execution === undefined || (execution.events.length > 0 && execution.revealed === 0)) {
    throw clientError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
  return execution;
}

/** readToken checks `nextToken` against the other arguments; undefined when absent. @internal */
export function readToken(ctx: OperationContext, operation: string, args: unknown, input: Readonly<Record<string, unknown>>): unknown {
  const token = input['nextToken'];
  if (token === undefined || token === null) return undefined;
  const position = typeof token === 'string' ? ctx.tokens.check(operation, args, token) : undefined;
  if (position === undefined) {
    throw clientError(
      'InvalidToken',
      'Invalid Token: the nextToken does not belong to this request. Keep every other argument unchanged when passing nextToken, or start again without it.',
    );
  }
  return position;
}
