/**
 * What an execution ARN says by its shape alone (docs/step-functions-signals.md#execution-arn-kinds):
 * a Standard execution (`…:execution:<machine>:<name>`), an Express execution
 * (`…:express:<machine>:<name>:<uuid>`; the name may repeat, the UUID is unique), or a
 * Distributed Map child (`<machine>` is `<parent>/<label>`, either kind). Pure, no I/O.
 */

/** ExecutionKind is which kind of execution an ARN names. */
export type ExecutionKind = 'standard' | 'express' | 'map-run-child';

/** ExecutionArnParts is what an execution ARN tells without asking Step Functions. */
export interface ExecutionArnParts {
  readonly kind: ExecutionKind;
  /** The unqualified state machine ARN (`…:stateMachine:<machine>`; `<parent>/<label>` for a Map Run child). */
  readonly stateMachineArn: string;
  /** The state machine's name (for a Map Run child, `<parent>/<label>`). */
  readonly stateMachineName: string;
  /** The execution's name (not unique for Express executions). */
  readonly name: string;
  /** True for the `express` form (also for an Express Map Run child): no history, logs are the only record. */
  readonly express: boolean;
}

const PREFIX = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}$/;
const PART = /^[^:\s]{1,256}$/;
const NAME = /^[^:\s]{1,80}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** parseExecutionArn splits an execution ARN; undefined when it has neither execution shape. */
export function parseExecutionArn(arn: string): ExecutionArnParts | undefined {
  if (arn.length > 2048) return undefined;
  const parts = arn.split(':');
  if (parts.length < 8 || !PREFIX.test(parts.slice(0, 5).join(':'))) return undefined;
  const [resource, machine = '', name = ''] = parts.slice(5);
  if (!PART.test(machine) || !NAME.test(name)) return undefined;
  if (resource === 'execution' && parts.length === 8) return describe('standard', parts, machine, name);
  if (resource === 'express' && parts.length === 9 && UUID.test(parts[8] ?? '')) return describe('express', parts, machine, name);
  return undefined;
}

function describe(kind: 'standard' | 'express', parts: readonly string[], machine: string, name: string): ExecutionArnParts {
  return {
    kind: machine.includes('/') ? 'map-run-child' : kind,
    stateMachineArn: stateMachineOf(parts.join(':')),
    stateMachineName: machine,
    name,
    express: kind === 'express',
  };
}

/**
 * stateMachineOf derives the state machine ARN from an execution ARN of either form, without
 * checking its shape (a Distributed Map child's gives `…:stateMachine:<parent>/<label>`).
 */
export function stateMachineOf(executionArn: string): string {
  const parts = executionArn.split(':');
  return [...parts.slice(0, 5), 'stateMachine', parts[6] ?? ''].join(':');
}

/** standardExecutionArn is the ARN a Standard execution named `name` of `stateMachineArn` has. */
export function standardExecutionArn(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  return [...parts.slice(0, 5), 'execution', parts[6] ?? '', name].join(':');
}
