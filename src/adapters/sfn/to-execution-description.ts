/**
 * toExecutionDescription narrows DescribeExecution's output to our ExecutionDescription:
 * dates as epoch ms, redriveCount defaulting to 0, and no input/output (never kept).
 */
import type { DescribeExecutionOutput } from '@aws-sdk/client-sfn';
import type { ExecutionDescription } from '../../model/execution.js';
import { toEpochMs } from './to-history-event.js';

/**
 * toExecutionDescription converts one DescribeExecution output.
 * @example
 * const description = toExecutionDescription(await client.send(new DescribeExecutionCommand({ executionArn })));
 */
export function toExecutionDescription(output: DescribeExecutionOutput): ExecutionDescription {
  return {
    executionArn: output.executionArn ?? '',
    stateMachineArn: output.stateMachineArn ?? '',
    name: output.name ?? '',
    status: output.status ?? 'RUNNING',
    startDate: toEpochMs(output.startDate),
    stopDate: output.stopDate === undefined ? undefined : toEpochMs(output.stopDate),
    error: output.error,
    cause: output.cause,
    redriveCount: output.redriveCount ?? 0,
    redriveDate: output.redriveDate === undefined ? undefined : toEpochMs(output.redriveDate),
    mapRunArn: output.mapRunArn,
  };
}
