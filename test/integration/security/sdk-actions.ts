/**
 * sdkActionsInBundles lists the IAM actions the deployed code can call, read from the AWS SDK
 * commands it constructs (`new XxxCommand(`), so the packaged policy can be compared with
 * what the code really does: least privilege means neither more nor less.
 *
 * "The deployed code" is what esbuild keeps in the handlers' bundles, as serverless-esbuild
 * builds them: a file only the operator command uses (DescribeTable for `doctor`, say) shares
 * folders and barrels with the functions' code but never reaches a function, and needs no grant.
 */
import { build } from 'esbuild';

/** IAM action of each SDK command the project may use; a command missing here fails the check loudly. */
const ACTION_OF_COMMAND: Readonly<Record<string, string>> = {
  DescribeExecutionCommand: 'states:DescribeExecution',
  GetExecutionHistoryCommand: 'states:GetExecutionHistory',
  DescribeStateMachineForExecutionCommand: 'states:DescribeStateMachineForExecution',
  DescribeMapRunCommand: 'states:DescribeMapRun',
  ListExecutionsCommand: 'states:ListExecutions',
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  QueryCommand: 'dynamodb:Query',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  GetParameterCommand: 'ssm:GetParameter',
  GetSecretValueCommand: 'secretsmanager:GetSecretValue',
  // Used by the operator command only (doctor, backfill, replay-dlq, --stage), never deployed.
  DescribeTableCommand: 'dynamodb:DescribeTable',
  DescribeStateMachineCommand: 'states:DescribeStateMachine',
  DescribeSubscriptionFiltersCommand: 'logs:DescribeSubscriptionFilters',
  ReceiveMessageCommand: 'sqs:ReceiveMessage',
  DeleteMessageCommand: 'sqs:DeleteMessage',
  ChangeMessageVisibilityCommand: 'sqs:ChangeMessageVisibility',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
  GetFunctionConfigurationCommand: 'lambda:GetFunctionConfiguration',
  DescribeStackResourceCommand: 'cloudformation:DescribeStackResource',
};

/**
 * sdkActionsInBundles returns the sorted IAM actions of the SDK commands constructed in the
 * files esbuild keeps (tree-shaken, as serverless-esbuild bundles) when bundling `entries`.
 */
export async function sdkActionsInBundles(root: string, entries: readonly string[]): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [...entries],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outdir: 'out',
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  const actions = new Set<string>();
  for (const file of result.outputFiles) {
    // The SDK stays external, so a kept command is constructed under its own name (esbuild may add a digit on a clash).
    for (const match of file.text.matchAll(/new ([A-Z][A-Za-z]+Command)\d*\(/g)) {
      const command = match[1] ?? '';
      const action = ACTION_OF_COMMAND[command];
      if (action === undefined) throw new Error(`A handler bundle constructs ${command}: add its IAM action to sdk-actions.ts so the policy check covers it.`);
      actions.add(action);
    }
  }
  return [...actions].sort();
}
