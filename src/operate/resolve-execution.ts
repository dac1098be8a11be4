/**
 * resolveExecution turns what an operator typed — an execution ARN, or just the execution's
 * name — into an execution ARN. A name is looked up under every allow-listed state machine
 * (STATE_MACHINE_ARNS) with DescribeExecution; it must match exactly one.
 */
import { UsageError } from '../cli/command.js';
import { isTerminalReconcileError } from '../errors.js';
import { isExecutionArn } from '../events/status-change.js';
import type { ExecutionDescription } from '../model/execution.js';
import { parseExecutionArn, standardExecutionArn } from '../model/execution-arn.js';
import type { HistoryReader } from '../ports.js';

/** Resolved: the execution's ARN and, when a name was looked up, its description (already read). */
export interface Resolved {
  readonly executionArn: string;
  readonly description?: ExecutionDescription | undefined;
}

/** resolveExecution resolves `given`; a UsageError says when a name is unknown, ambiguous or cannot be looked up. */
export async function resolveExecution(
  given: string,
  stateMachineArns: readonly string[],
  history: HistoryReader,
  signal?: AbortSignal,
): Promise<Resolved> {
  if (given.startsWith('arn:')) {
    const express = parseExecutionArn(given);
    if (express?.express === true) {
      throw new UsageError(
        `${given} is an Express execution. status compares an execution with what Step Functions says about it, and Step Functions ` +
          `keeps neither a description nor a history of Express executions: its log records are all the product gets. ` +
          `Its job is in the task monitor as "${express.stateMachineName} › ${express.name}" (with the default JOB_DESCRIPTION_TEMPLATE).`,
      );
    }
    if (!isExecutionArn(given)) {
      throw new UsageError(`"${given}" is not an execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>).`);
    }
    return { executionArn: given };
  }
  if (stateMachineArns.length === 0) {
    throw new UsageError(
      `"${given}" is a name, and names are looked up among the allow-listed state machines, but STATE_MACHINE_ARNS is empty. Give the execution ARN instead.`,
    );
  }
  const candidates = stateMachineArns.map((machine) => standardExecutionArn(machine, given));
  const found: ExecutionDescription[] = [];
  for (const arn of candidates) {
    try {
      found.push(await history.describeExecution(arn, signal));
    } catch (error) {
      if (!isTerminalReconcileError(error)) throw error;
    }
  }
  if (found.length === 0) {
    throw new UsageError(
      `No execution named "${given}" under the ${stateMachineArns.length} allow-listed state machine(s) (${stateMachineArns.join(', ')}). ` +
        'Check the name, or give the execution ARN.',
    );
  }
  if (found.length > 1) {
    throw new UsageError(`"${given}" is ambiguous: ${found.length} state machines have an execution of that name:\n  ${found.map((d) => d.executionArn).join('\n  ')}\nGive one of these ARNs.`);
  }
  const [description] = found;
  return { executionArn: description?.executionArn ?? '', description };
}
