/**
 * `npm start -- --ovirt-url` against an engine the stack did not start (here a second
 * simulator, reached like a real engine: its API URL, OVIRT_* credentials and CA file from the
 * environment). The demo executions get a run tag so a second run never adopts the first
 * run's jobs; the verdict ignores jobs that are not the demo's.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { parseStackOptions } from '../../../src/local/stack/options.js';
import { startStack } from '../../../src/local/stack/stack.js';
import type { RunningStack, StackOutcome } from '../../../src/local/stack/stack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const USER = { name: 'pipelines@internal', password: 'a-real-engine-password' };

describe('stack against an external engine', () => {
  let engine: OvirtEngineSimulator;
  let stack: RunningStack;
  let outcome: StackOutcome;
  const printed: string[] = [];

  beforeAll(async () => {
    engine = await startOvirtEngine({ tls: true, users: [USER] });
    const env = { ...process.env, OVIRT_USERNAME: USER.name, OVIRT_PASSWORD: USER.password, OVIRT_CAFILE: engine.caFile ?? '' };
    const options = parseStackOptions(['--ovirt-url', engine.apiUrl, '--scenario', 'linear', '--speed', '200', '--sweep-seconds', '2', '--exit-when-done'], env);
    if (options === 'help') throw new Error('unexpected help');
    stack = await startStack(options, { out: { write: (text: string) => printed.push(text) }, env, serviceDir: ROOT });
    outcome = await stack.finished;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await engine?.stop();
  });

  it('mirrors the demo into that engine under a run-tagged name and judges it', () => {
    // Prepare
    const external = engine.state.jobs().filter((job) => job.external);
    // Act
    const descriptions = external.map((job) => job.description);
    // Assess
    expect(outcome.exitCode).toBe(0);
    expect(descriptions).toHaveLength(1);
    expect(descriptions[0]).toMatch(/^build-and-deploy › checkout-api-main-3f9d2ab-[a-z0-9]+$/);
    expect(external[0]?.status).toBe('finished');
  });

  it('points at the engine\'s own portal and never prints the password', () => {
    // Prepare
    const text = printed.join('');
    // Act
    const portal = `${new URL(engine.apiUrl).origin}/ovirt-engine/webadmin/`;
    // Assess
    expect(text).toContain(`Task monitor     ${portal}`);
    expect(text).not.toContain(USER.password);
  });
});
