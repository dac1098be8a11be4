/**
 * Tracking keys of Express executions. An Express execution ARN keys its first run (the run of
 * the first ExecutionStarted record the table saw); a restart of an asynchronous Express
 * execution (another ExecutionStarted, another timestamp) is tracked apart under
 * `<ARN>#restart-<start epoch ms>`, with its own meta row, lease and job. A cap window's
 * counter row is keyed `express-cap#<state machine ARN>#<window start epoch ms>`. Neither is an
 * execution ARN, so no Standard execution's rows can meet them.
 */
import type { ExecutionArnParts } from '../../model/execution-arn.js';
import { parseExecutionArn } from '../../model/execution-arn.js';

const RESTART = /^(.*)#restart-(\d{1,15})$/;
const CAP_WINDOW = /^express-cap#(arn:[^#]+)#(\d{1,15})$/;

/** ExpressKey is what an Express tracking key says. */
export interface ExpressKey {
  readonly key: string;
  readonly executionArn: string;
  readonly arn: ExecutionArnParts;
  /** The restarted run's start (epoch ms); undefined for the first run. */
  readonly restartedAt?: number | undefined;
}

/** restartKey is the tracking key of the run of `executionArn` that started at `startedAt`. */
export const restartKey = (executionArn: string, startedAt: number): string => `${executionArn}#restart-${startedAt}`;

/** parseExpressKey reads an Express execution ARN or restart key; undefined for anything else. */
export function parseExpressKey(key: string): ExpressKey | undefined {
  const restart = RESTART.exec(key);
  const executionArn = restart?.[1] ?? key;
  const arn = parseExecutionArn(executionArn);
  if (arn?.express !== true) return undefined;
  return { key, executionArn, arn, restartedAt: restart === null ? undefined : Number(restart[2]) };
}

/** capWindowKey is the key of the counter row of one state machine's cap window. */
export const capWindowKey = (stateMachineArn: string, windowStart: number): string => `express-cap#${stateMachineArn}#${windowStart}`;

/** parseCapWindowKey reads a cap window key; undefined for anything else. */
export function parseCapWindowKey(key: string): { stateMachineArn: string; stateMachineName: string; windowStart: number } | undefined {
  const match = CAP_WINDOW.exec(key);
  if (match === null) return undefined;
  const stateMachineArn = match[1] ?? '';
  return { stateMachineArn, stateMachineName: stateMachineArn.split(':')[6] ?? stateMachineArn, windowStart: Number(match[2]) };
}
