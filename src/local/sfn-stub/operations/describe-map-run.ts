/**
 * DescribeMapRun from the recordings' `mapRuns` (looked up in every execution), with its dates
 * turned into the wire's epoch seconds.
 */
import { toEpochMs, toWireDate } from '../wire-dates.js';
import { clientError } from '../wire-error.js';
import type { Operation } from './context.js';
import { readArn } from './context.js';

const DATE_FIELDS = ['startDate', 'stopDate', 'redriveDate'];

/** describeMapRun answers DescribeMapRun. @internal */
export const describeMapRun: Operation = (input, ctx) => {
  const mapRunArn = readArn(input, 'mapRunArn', 'mapRun');
  for (const execution of ctx.executions.values()) {
    const run = execution.mapRuns.get(mapRunArn);
    if (run === undefined) continue;
    const output: Record<string, unknown> = { mapRunArn, executionArn: execution.description.executionArn, ...run };
    for (const field of DATE_FIELDS) output[field] = toWireDate(toEpochMs(output[field], `mapRuns[${mapRunArn}].${field}`));
    return output;
  }
  throw clientError('ResourceNotFound', `Resource not found: '${mapRunArn}'`);
};
