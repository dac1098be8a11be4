/**
 * sdkActionsCalledBy lists the IAM actions the deployed code can call, read from the AWS SDK
 * commands it constructs (`new XxxCommand(`), so the packaged policy can be compared with
 * what the code really does: least privilege means neither more nor less.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** sdkActionsCalledBy returns the sorted IAM actions of the SDK commands constructed under `dirs`. */
export function sdkActionsCalledBy(root: string, dirs: readonly string[]): string[] {
  const actions = new Set<string>();
  for (const file of dirs.flatMap((dir) => sourceFiles(join(root, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/new ([A-Z][A-Za-z]+Command)\(/g)) {
      const command = match[1] ?? '';
      const action = ACTION_OF_COMMAND[command];
      if (action === undefined) throw new Error(`${file} constructs ${command}: add its IAM action to sdk-actions.ts so the policy check covers it.`);
      actions.add(action);
    }
  }
  return [...actions].sort();
}
