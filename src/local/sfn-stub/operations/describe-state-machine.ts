/**
 * DescribeStateMachine: a state machine exists for the stub when it was declared with
 * defineStateMachine or has at least one added execution. Its type and logging are what was
 * declared (the operator command's doctor reads them), else what an undeclared machine has on
 * AWS by default: logging OFF, and STANDARD unless every execution it has is an Express one.
 */
import { toWireDate } from '../wire-dates.js';
import { clientError } from '../wire-error.js';
import type { Operation } from './context.js';
import { readArn } from './context.js';

/** Shown when neither a declaration nor an execution brings a definition (AWS always returns one). */
const PLACEHOLDER_DEFINITION = JSON.stringify({ Comment: 'Declared in the stub without a definition', StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });

/** describeStateMachine answers DescribeStateMachine. @internal */
export const describeStateMachine: Operation = (input, ctx) => {
  const stateMachineArn = readArn(input, 'stateMachineArn', 'stateMachine');
  const declared = ctx.stateMachines.get(stateMachineArn);
  const executions = [...ctx.executions.values()]
    .filter((execution) => execution.description.stateMachineArn === stateMachineArn)
    .sort((a, b) => a.description.startDate - b.description.startDate);
  if (declared === undefined && executions.length === 0) {
    throw clientError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  }
  const [, , , , account = '', , name = ''] = stateMachineArn.split(':');
  const definition = declared?.definition ?? executions.at(-1)?.definition ?? PLACEHOLDER_DEFINITION;
  return {
    stateMachineArn,
    name,
    status: 'ACTIVE',
    definition,
    roleArn: `arn:aws:iam::${account}:role/service-role/StepFunctions-${name}-role`,
    type: declared?.type ?? (executions.length > 0 && executions.every((execution) => execution.express) ? 'EXPRESS' : 'STANDARD'),
    creationDate: toWireDate(declared?.createdAt ?? executions[0]?.description.startDate),
    loggingConfiguration: declared?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
};
