/**
 * Issue 9: `serverless package` (and so `deploy`) refuses empty or malformed oVirt settings
 * instead of producing functions that fail at every cold start, and says which setting is
 * missing and how to give it. The reserved concurrency of onExecutionEvent is a validated
 * stage parameter.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { settingProblems } = require('../../../src/deploy/required-settings.cjs') as {
  settingProblems: (deploy: Record<string, string> | undefined) => string[];
};
type Resolver = (path: string[]) => Promise<unknown>;
const eventConcurrency = require('../../../src/deploy/event-concurrency.cjs') as (context: { resolveConfigurationProperty: Resolver }) => Promise<number>;
const concurrencyFor = (value: string) =>
  eventConcurrency({ resolveConfigurationProperty: (path) => Promise.resolve(path.join('.') === 'custom.deploy' ? { eventConcurrency: value } : undefined) });

const VALID = { ovirtUrl: 'https://engine.lab.example/ovirt-engine/api', ovirtUsername: 'pipelines@internal', ovirtPasswordSecret: 'ssm:/ovirt/pipelines/password' };

describe('serverless package without the oVirt settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opj-refused-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('issue 9: refuses to package, naming each empty setting and how to give it, and writes no artifact', async () => {
    // Act
    const failure = await run('npx', ['serverless', 'package', '--stage', 'test', '--package', join(dir, 'out')], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 120_000,
    }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );

    // Assess
    expect(failure?.code).toBe(1);
    const output = `${failure?.stdout ?? ''}${failure?.stderr ?? ''}`;
    expect(output).toContain('Refusing to package');
    expect(output).toContain('ovirtUrl is empty');
    expect(output).toContain('ovirtUsername is empty');
    expect(output).toContain('ovirtPasswordSecret is empty');
    expect(output).toContain('--param=');
    expect(existsSync(join(dir, 'out', 'onExecutionEvent.zip'))).toBe(false);
  }, 150_000);
});

describe('settingProblems', () => {
  it('accepts the three settings in their documented forms', () => {
    // Act
    const problems = settingProblems(VALID);

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    ['blank ovirtUrl', { ...VALID, ovirtUrl: '  ' }, 'ovirtUrl is empty'],
    ['plain http ovirtUrl', { ...VALID, ovirtUrl: 'http://engine.lab.example/ovirt-engine/api' }, 'ovirtUrl "http://engine.lab.example/ovirt-engine/api" is not an https:// URL'],
    ['ovirtUrl with credentials', { ...VALID, ovirtUrl: 'https://admin:pw@engine.lab.example/ovirt-engine/api' }, 'is not an https:// URL without credentials'],
    ['missing ovirtUsername', { ...VALID, ovirtUsername: '' }, 'ovirtUsername is empty'],
    ['ovirtUsername without profile', { ...VALID, ovirtUsername: 'pipelines' }, 'ovirtUsername "pipelines" is not user@profile'],
    ['missing ovirtPasswordSecret', { ...VALID, ovirtPasswordSecret: '' }, 'ovirtPasswordSecret is empty'],
  ])('issue 9: reports a %s', (_name, deploy, message) => {
    // Act
    const problems = settingProblems(deploy);

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('eventConcurrency', () => {
  it('turns the stage parameter into the reserved concurrency', async () => {
    // Act
    const value = await concurrencyFor('4');

    // Assess
    expect(value).toBe(4);
  });

  it.each(['0', '-1', '2.5', 'ten', '', '1001'])('issue 9: refuses "%s" with a message naming the parameter', async (value) => {
    // Act
    const result = concurrencyFor(value);

    // Assess
    await expect(result).rejects.toThrow(/^eventConcurrency ".*" must be a whole number from 1 to 1000/);
  });
});
