/**
 * describeStateMachine reads what the operator command needs to know about one state machine:
 * whether it exists, its type (Standard or Express) and where and how fully it logs
 * executions. Definitions are not returned: nothing here needs them.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { toSfnError } from './errors.js';

/** StateMachineFacts is the part of DescribeStateMachine the product looks at. */
export interface StateMachineFacts {
  readonly stateMachineArn: string;
  readonly name: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type: string;
  /** `ACTIVE` or `DELETING`. */
  readonly status?: string | undefined;
  readonly logging: {
    /** `ALL`, `ERROR`, `FATAL` or `OFF` (AWS's default when logging was never set). */
    readonly level: string;
    readonly includeExecutionData: boolean;
    /** ARNs of the CloudWatch Logs groups it logs to (`…:log-group:<name>:*`). */
    readonly logGroupArns: readonly string[];
  };
}

/**
 * describeStateMachine resolves to the facts, or undefined when the state machine does not
 * exist (StateMachineDoesNotExist).
 * @throws StepFunctionsError for any other failure (access denied, throttling, network), with what to do.
 */
export async function describeStateMachine(client: SFNClient, stateMachineArn: string, signal?: AbortSignal): Promise<StateMachineFacts | undefined> {
  try {
    const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn }), { abortSignal: signal });
    const logging = out.loggingConfiguration;
    return {
      stateMachineArn: out.stateMachineArn ?? stateMachineArn,
      name: out.name ?? stateMachineArn.split(':').at(-1) ?? stateMachineArn,
      type: out.type ?? 'STANDARD',
      status: out.status,
      logging: {
        level: logging?.level ?? 'OFF',
        includeExecutionData: logging?.includeExecutionData ?? false,
        logGroupArns: (logging?.destinations ?? []).flatMap((d) => d.cloudWatchLogsLogGroup?.logGroupArn ?? []),
      },
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'StateMachineDoesNotExist') return undefined;
    throw toSfnError(error, { operation: 'DescribeStateMachine', arn: stateMachineArn });
  }
}
