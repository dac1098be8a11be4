/**
 * DescribeExecution, derived from the revealed events (see derive-execution.ts). Like AWS it
 * returns the execution's input and, once SUCCEEDED, its output: the stub must not hide data
 * that a careless client could copy.
 */
import { deriveExecution } from '../derive-execution.js';
import { redriveStatus } from '../status-change-event.js';
import { toWireDate } from '../wire-dates.js';
import type { Operation } from './context.js';
import { findStarted, readArn } from './context.js';

/** describeExecution answers DescribeExecution. @internal */
export const describeExecution: Operation = (input, ctx) => {
  const executionArn = readArn(input, 'executionArn', 'execution', true);
  const execution = findStarted(ctx, executionArn);
  const d = execution.description;
  const state = deriveExecution(execution);
  const status = state?.status ?? 'RUNNING';
  const redriveCount = state?.redriveCount ?? 0;
  const redrive = redriveStatus(status, redriveCount);
  return {
    executionArn,
    stateMachineArn: d.stateMachineArn,
    name: d.name,
    status,
    startDate: toWireDate(d.startDate),
    stopDate: toWireDate(state?.stopDate),
    input: state?.input,
    inputDetails: state?.input === undefined ? undefined : { included: true },
    output: state?.output,
    outputDetails: state?.output === undefined ? undefined : { included: true },
    mapRunArn: d.mapRunArn,
    error: state?.error,
    cause: state?.cause,
    stateMachineVersionArn: d.stateMachineVersionArn,
    stateMachineAliasArn: d.stateMachineAliasArn,
    redriveCount,
    redriveDate: toWireDate(state?.redriveDate),
    // The API enum has no REDRIVE_IN_PROGRESS (only the EventBridge example shows it).
    redriveStatus: redrive.redriveStatus === 'REDRIVE_IN_PROGRESS' ? 'NOT_REDRIVABLE' : redrive.redriveStatus,
    redriveStatusReason: redrive.redriveStatusReason,
  };
};
