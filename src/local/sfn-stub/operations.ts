/**
 * OPERATIONS maps each `X-Amz-Target` operation name the stub answers to its implementation.
 * Anything else is answered with UnknownOperationException.
 */
import type { Operation } from './operations/context.js';
import { describeExecution } from './operations/describe-execution.js';
import { describeMapRun } from './operations/describe-map-run.js';
import { describeStateMachine } from './operations/describe-state-machine.js';
import { describeStateMachineForExecution } from './operations/describe-state-machine-for-execution.js';
import { getExecutionHistory } from './operations/get-execution-history.js';
import { listExecutions } from './operations/list-executions.js';

/** OPERATIONS is the stub's operation table. @internal */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ['DescribeExecution', describeExecution],
  ['GetExecutionHistory', getExecutionHistory],
  ['ListExecutions', listExecutions],
  ['DescribeStateMachineForExecution', describeStateMachineForExecution],
  ['DescribeMapRun', describeMapRun],
  ['DescribeStateMachine', describeStateMachine],
]);
