/**
 * IAM statements for the deployment variants the packaged-template test does not package
 * (see test/integration/deploy/serverless-package.test.ts for the packaged check): without an
 * allow-list, Step Functions reads stay inside this account and Region and no state machine
 * can be listed; an SSM secret grants reading that one parameter; no variant grants a wildcard
 * action or a `*` resource.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Statement = { Effect: string; Action: string[]; Resource: unknown[] };
type Resolver = (path: string[]) => Promise<unknown>;

const require = createRequire(import.meta.url);
const iamStatements = require('../../../src/deploy/iam-statements.cjs') as (context: { resolveConfigurationProperty: Resolver }) => Promise<Statement[]>;

const statementsFor = (deploy: Record<string, string>) =>
  iamStatements({ resolveConfigurationProperty: (path) => Promise.resolve(path.join('.') === 'custom.deploy' ? deploy : undefined) });

const actionsOn = (statements: Statement[], action: string): unknown[] => statements.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);

describe('IAM statements of other deployment variants', () => {
  it('keeps Step Functions reads to this account and Region, and lists nothing, without an allow-list', async () => {
    // Act
    const statements = await statementsFor({ stateMachineArns: '', ovirtPasswordSecret: '' });

    // Assess
    expect(actionsOn(statements, 'states:GetExecutionHistory')).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:*' }]);
    expect(actionsOn(statements, 'states:ListExecutions')).toEqual([]);
    expect(statements.flatMap((s) => s.Action).some((action) => action.startsWith('ssm:') || action.startsWith('secretsmanager:'))).toBe(false);
  });

  it('grants reading exactly one SSM parameter for an ssm: secret', async () => {
    // Act
    const statements = await statementsFor({ stateMachineArns: '', ovirtPasswordSecret: 'ssm:/ovirt/pipelines/password' });

    // Assess
    expect(actionsOn(statements, 'ssm:GetParameter')).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/ovirt/pipelines/password' }]);
  });

  it.each([
    ['no allow-list', { stateMachineArns: '', ovirtPasswordSecret: 'secretsmanager:ovirt' }],
    ['two state machines', { stateMachineArns: 'arn:aws:states:eu-west-1:482913557106:stateMachine:a,arn:aws:states:eu-west-1:482913557106:stateMachine:b', ovirtPasswordSecret: 'ssm:/p' }],
  ])('grants no wildcard action and no "*" resource with %s', async (_name, deploy) => {
    // Act
    const statements = await statementsFor(deploy);

    // Assess
    for (const statement of statements) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action) expect(action).not.toContain('*');
      for (const resource of statement.Resource) expect(resource).not.toBe('*');
    }
  });
});
