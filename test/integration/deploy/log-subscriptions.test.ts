/**
 * The cloudwatchLog events of onExecutionLogs for the variants the packaged-template test
 * (serverless-package.test.ts) does not package: no log group (no subscription: the product
 * works as without the push path), and names that are not log group names (refused with what to give).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Resolver = (path: string[]) => Promise<unknown>;

const require = createRequire(import.meta.url);
const logSubscriptions = require('../../../src/deploy/log-subscriptions.cjs') as (context: { resolveConfigurationProperty: Resolver }) => Promise<unknown[]>;

const eventsFor = (logGroupNames: string) =>
  logSubscriptions({ resolveConfigurationProperty: (path) => Promise.resolve(path.join('.') === 'custom.deploy' ? { logGroupNames } : undefined) });

describe('onExecutionLogs subscriptions (stage parameter logGroupNames)', () => {
  it('subscribes to nothing when no log group is named', async () => {
    expect(await eventsFor('')).toEqual([]);
    expect(await eventsFor(' , ')).toEqual([]);
  });

  it('subscribes to every named log group with an empty filter pattern (every record is a history event)', async () => {
    expect(await eventsFor(' /aws/vendedlogs/states/release-Logs ,/aws/vendedlogs/states/nightly-Logs')).toEqual([
      { cloudwatchLog: { logGroup: '/aws/vendedlogs/states/release-Logs', filter: '' } },
      { cloudwatchLog: { logGroup: '/aws/vendedlogs/states/nightly-Logs', filter: '' } },
    ]);
  });

  it.each([
    ['a log group ARN', 'arn:aws:logs:eu-west-1:482913557106:log-group:/aws/vendedlogs/states/release-Logs:*'],
    ['a name with a space', '/aws/vendedlogs/states/release Logs'],
  ])('refuses %s and says what to give', async (_label, value) => {
    await expect(eventsFor(value)).rejects.toThrow(/logGroupNames: ".*" is not a log group name\. Give the names \(not ARNs\)/);
  });
});
