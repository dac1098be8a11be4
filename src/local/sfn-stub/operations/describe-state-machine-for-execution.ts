/**
 * DescribeStateMachineForExecution: the definition the execution ran with. `revisionId` is a
 * digest of the definition, so executions of the same definition share it (as executions of
 * one state machine revision do on AWS) and a client can cache per revision.
 */
import { createHash } from 'node:crypto';
import { logGroupOf } from '../logs/log-shipper.js';
import { toWireDate } from '../wire-dates.js';
import { clientError } from '../wire-error.js';
import type { Operation } from './context.js';
import { findStarted, readArn } from './context.js';

/** describeStateMachineForExecution answers DescribeStateMachineForExecution. @internal */
export const describeStateMachineForExecution: Operation = (input, ctx) => {
  const executionArn = readArn(input, 'executionArn', 'execution', true);
  const execution = findStarted(ctx, executionArn);
  const d = execution.description;
  if (execution.definition === undefined) {
    throw clientError(
      'StateMachineDoesNotExist',
      `The stub has no definition for ${d.stateMachineArn}: add \`definition\` to the recording of ${executionArn}.`,
    );
  }
  const [, , , region = '', account = '', , qualifiedName = ''] = d.stateMachineArn.split(':');
  const [name = qualifiedName, label] = qualifiedName.split('/');
  const roleArn = execution.events[0]?.details?.['roleArn'];
  return {
    stateMachineArn: d.stateMachineArn,
    name,
    definition: execution.definition,
    roleArn: typeof roleArn === 'string' ? roleArn : `arn:aws:iam::${account}:role/service-role/StepFunctions-${name}-role`,
    updateDate: toWireDate(d.startDate),
    // What the stub does: it logs every event (onLogDelivery) without execution data.
    loggingConfiguration: {
      level: 'ALL',
      includeExecutionData: false,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${region}:${account}:log-group:${logGroupOf(name)}:*` } }],
    },
    tracingConfiguration: { enabled: false },
    mapRunArn: d.mapRunArn,
    label: d.mapRunArn === undefined ? undefined : label,
    revisionId: createHash('sha256').update(execution.definition).digest('hex').slice(0, 32),
  };
};
