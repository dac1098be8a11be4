// Least-privilege IAM statements: only the Step Functions read actions the reconciler uses,
// on the configured state machines' executions (or this account's when no list is given);
// only the tracking table and its sweep index; only the one oVirt secret. (The CLI adds
// sqs:SendMessage on the DLQ itself, for the on-failure destination.)
'use strict';
const { deploySettings } = require('./settings.cjs');

const SFN_EXECUTION_ACTIONS = ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:DescribeStateMachineForExecution'];
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
];

function executionArnsOf(stateMachineArn) {
  const [arn, aws, states, region, account, , name] = stateMachineArn.split(':');
  const prefix = [arn, aws, states, region, account].join(':');
  // Distributed Map children run as "<name>/<label>" executions and map runs.
  return {
    executions: [`${prefix}:execution:${name}:*`, `${prefix}:execution:${name}/*`],
    mapRuns: `${prefix}:mapRun:${name}/*`,
  };
}

function secretStatement(secret) {
  if (secret === '') return [];
  const fnSub = (text) => ({ 'Fn::Sub': text });
  if (secret.startsWith('arn:') && secret.includes(':ssm:')) return [{ Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [secret] }];
  if (secret.startsWith('arn:')) return [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [secret] }];
  if (secret.startsWith('ssm:')) {
    const name = secret.slice(4).replace(/^\//, '');
    return [{ Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [fnSub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/${name}`)] }];
  }
  if (secret.startsWith('secretsmanager:')) {
    const name = secret.slice('secretsmanager:'.length);
    // Secrets Manager appends a random 6-character suffix to secret ARNs.
    return [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [fnSub(`arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${name}-??????`)] }];
  }
  throw new Error(`ovirtPasswordSecret "${secret}" must be ssm:<name>, secretsmanager:<name>, or an ARN.`);
}

module.exports = async ({ resolveConfigurationProperty }) => {
  const { stateMachineArns, passwordSecret } = await deploySettings(resolveConfigurationProperty);
  const account = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}';
  const scoped = stateMachineArns.map(executionArnsOf);
  const executionResources =
    scoped.length > 0 ? scoped.flatMap((s) => s.executions) : [{ 'Fn::Sub': `${account}:execution:*` }];
  const mapRunResources = scoped.length > 0 ? scoped.map((s) => s.mapRuns) : [{ 'Fn::Sub': `${account}:mapRun:*` }];
  const statements = [
    { Effect: 'Allow', Action: SFN_EXECUTION_ACTIONS, Resource: executionResources },
    { Effect: 'Allow', Action: ['states:DescribeMapRun'], Resource: mapRunResources },
    {
      Effect: 'Allow',
      Action: TABLE_ACTIONS,
      Resource: [{ 'Fn::GetAtt': ['TrackingTable', 'Arn'] }, { 'Fn::Sub': '${TrackingTable.Arn}/index/open-executions' }],
    },
    ...secretStatement(passwordSecret),
  ];
  if (stateMachineArns.length > 0) {
    statements.push({ Effect: 'Allow', Action: ['states:ListExecutions'], Resource: stateMachineArns });
  }
  return statements;
};
